import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { formatDecodeErrors } from '../../config/format-decode-errors.js';
import { failoverPolicies, type FailoverRoute } from '../../routing/failover-route.js';
import { PersistedStateError } from './persisted-state-error.js';

/** What survives a restart: the proxy-wide settings changed with commands. */
export interface PersistedState {
  readonly failoverRoutes: readonly FailoverRoute[];
  readonly defaultBackend?: string;
}

const policyCodec = t.keyof(Object.fromEntries(failoverPolicies.map((policy) => [policy, null])) as Record<
  FailoverRoute['policy'],
  null
>);

/** The file's JSON, in the YAML config's own shape (`failover_routes: {name: {policy, elements}}`). */
const stateFileCodec = t.intersection([
  t.type({ version: t.literal(1) }),
  t.partial({
    default_backend: t.string,
    failover_routes: t.record(t.string, t.type({ policy: policyCodec, elements: t.array(t.string) })),
  }),
]);

type StateFile = t.TypeOf<typeof stateFileCodec>;

/**
 * Where the state of `--config FILE` is kept: `FILE.state.json`, a separate file, because the
 * config is hand-written YAML (comments, ordering, anchors) and rewriting it would destroy that.
 *
 * @example
 * statePathFor('config/proxy.yaml'); // 'config/proxy.yaml.state.json'
 */
export function statePathFor(configFile: string): string {
  return `${configFile}.state.json`;
}

/**
 * Reads the state file. A missing file is an empty state (first start); a file that is not
 * valid JSON or does not match the schema throws a {@link PersistedStateError} naming the file
 * and the problem.
 *
 * @example
 * await loadPersistedState('proxy.yaml.state.json'); // {failoverRoutes: [...], defaultBackend: 'openai'}
 */
export async function loadPersistedState(file: string): Promise<PersistedState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { failoverRoutes: [] };
    throw new PersistedStateError(file, [(error as Error).message]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PersistedStateError(file, [`not valid JSON (${(error as Error).message})`]);
  }
  const decoded = stateFileCodec.decode(json);
  if (isLeft(decoded)) throw new PersistedStateError(file, formatDecodeErrors(decoded.left));
  const routes = Object.entries(decoded.right.failover_routes ?? {}).map(([name, route]) => ({ name, ...route }));
  const defaultBackend = decoded.right.default_backend;
  return defaultBackend === undefined ? { failoverRoutes: routes } : { failoverRoutes: routes, defaultBackend };
}

/** The file operations {@link savePersistedState} uses (injected by tests to simulate crashes). */
export interface StateFileSystem {
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const nodeFileSystem: StateFileSystem = {
  writeFile: (path, data) => writeFile(path, data, { encoding: 'utf8', flush: true }),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

/**
 * Writes the state atomically: the JSON goes to a temporary file in the same directory (same
 * file system, so the rename is atomic), which then replaces the real file. A crash or error at
 * any point leaves either the old file or the new one, never a partial file, and the temporary
 * file is removed on failure.
 *
 * @example
 * await savePersistedState('proxy.yaml.state.json', {failoverRoutes: [], defaultBackend: 'openai'});
 */
export async function savePersistedState(
  file: string,
  state: PersistedState,
  fileSystem: StateFileSystem = nodeFileSystem,
): Promise<void> {
  const body: StateFile = {
    version: 1,
    ...(state.defaultBackend === undefined ? {} : { default_backend: state.defaultBackend }),
    failover_routes: Object.fromEntries(
      state.failoverRoutes.map((route) => [route.name, { policy: route.policy, elements: [...route.elements] }]),
    ),
  };
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fileSystem.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
    await fileSystem.rename(temporary, file);
  } catch (error) {
    await fileSystem.remove(temporary).catch(() => undefined);
    throw error;
  }
}
