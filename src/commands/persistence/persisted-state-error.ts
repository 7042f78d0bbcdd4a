/**
 * The state file next to `--config` could not be read: it names the file and every problem, so
 * start-up fails loudly instead of silently dropping the user's saved routes.
 */
export class PersistedStateError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Cannot read the saved state file ${file}: ${problems.join('; ')}`);
    this.name = 'PersistedStateError';
  }
}
