import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersistedStateError } from './persisted-state-error.js';
import { loadPersistedState, savePersistedState, statePathFor, type StateFileSystem } from './persisted-state.js';
import { temporaryDirectory } from '../../../test/temp-directory.js';

const state = {
  failoverRoutes: [
    { name: 'fast', policy: 'm' as const, elements: ['openai:gpt-4o', 'openrouter:qwen/qwen3-coder'] },
    { name: 'empty', policy: 'k' as const, elements: [] },
  ],
  defaultBackend: 'openrouter',
};

function directory(): string {
  return temporaryDirectory('lip-state-');
}

describe('savePersistedState and loadPersistedState', () => {
  it('should round-trip routes and the default backend', async () => {
    const file = statePathFor(join(directory(), 'proxy.yaml'));
    expect(file.endsWith('proxy.yaml.state.json')).toBe(true);
    await savePersistedState(file, state);
    expect(await loadPersistedState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, default_backend: 'openrouter' });
    await savePersistedState(file, { failoverRoutes: [] });
    expect(await loadPersistedState(file)).toEqual({ failoverRoutes: [] });
  });

  it('should treat a missing file as an empty state', async () => {
    expect(await loadPersistedState(join(directory(), 'none.json'))).toEqual({ failoverRoutes: [] });
  });

  it('should report a corrupt file with its name and the problem', async () => {
    const file = join(directory(), 'bad.json');
    writeFileSync(file, '{"version": 1, "failover_routes": {');
    await expect(loadPersistedState(file)).rejects.toThrow(PersistedStateError);
    await expect(loadPersistedState(file)).rejects.toThrow(/bad\.json.*not valid JSON/u);
    writeFileSync(file, JSON.stringify({ version: 1, failover_routes: { r: { policy: 'zz', elements: [] } } }));
    await expect(loadPersistedState(file)).rejects.toThrow(/failover_routes\.r\.policy/u);
  });

  it('should leave the old file and no temporary file when a write crashes half-way', async () => {
    const folder = directory();
    const file = join(folder, 'state.json');
    await savePersistedState(file, state);
    const before = readFileSync(file, 'utf8');
    const crashing: StateFileSystem = {
      async writeFile(path, data) {
        await writeFile(path, data.slice(0, 10));
        throw new Error('disk full');
      },
      rename: () => Promise.reject(new Error('not reached')),
      remove: (path) => import('node:fs/promises').then(({ rm }) => rm(path, { force: true })),
    };
    await expect(savePersistedState(file, { failoverRoutes: [] }, crashing)).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['state.json']);
  });

  it('should write to a temporary file in the same folder and rename it over the real one', async () => {
    const folder = directory();
    const file = join(folder, 'state.json');
    const calls: string[] = [];
    const recording: StateFileSystem = {
      writeFile: async (path) => {
        calls.push(`write ${path}`);
      },
      rename: async (from, to) => {
        calls.push(`rename ${from} ${to}`);
      },
      remove: async () => undefined,
    };
    await savePersistedState(file, state, recording);
    const temporary = calls[0].slice('write '.length);
    expect(temporary.startsWith(join(folder, '.state.json.'))).toBe(true);
    expect(temporary).not.toBe(file);
    expect(calls[1]).toBe(`rename ${temporary} ${file}`);
  });
});
