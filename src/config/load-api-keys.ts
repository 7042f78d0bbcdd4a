/** One upstream credential: the variable it came from (safe to log) and its value (never logged). */
export interface ApiKey {
  readonly name: string;
  readonly value: string;
}

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/**
 * Reads a key set from the environment: either `NAME` alone or `NAME_1 … NAME_N` (numbered keys
 * in numeric order, gaps allowed). Using both forms at once is a configuration error, because it
 * is never clear which one the user meant (seed 001: "mutually exclusive").
 *
 * @returns the keys, or an error message naming the variables.
 */
export function loadApiKeys(
  environment: EnvironmentVariables,
  name: string,
): { readonly keys: readonly ApiKey[] } | { readonly error: string } {
  const single = nonEmpty(environment[name]);
  const numbered: { index: number; key: ApiKey }[] = [];
  const pattern = new RegExp(`^${name}_(\\d+)$`);
  for (const [variable, value] of Object.entries(environment)) {
    const match = pattern.exec(variable);
    const trimmed = nonEmpty(value);
    if (match && trimmed !== undefined) numbered.push({ index: Number(match[1]), key: { name: variable, value: trimmed } });
  }
  if (single !== undefined && numbered.length > 0) {
    return {
      error: `${name} and ${numbered.map((entry) => entry.key.name).join(', ')} are both set: use either the single key or numbered keys, not both`,
    };
  }
  if (single !== undefined) return { keys: [{ name, value: single }] };
  return { keys: numbered.sort((left, right) => left.index - right.index).map((entry) => entry.key) };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}
