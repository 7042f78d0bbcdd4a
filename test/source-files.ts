import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The gateway's sources, which the structural tests read. */
export const srcRoot = fileURLToPath(new URL('../src', import.meta.url));

/** Every `.ts` file under `directory` except tests. */
export function sourceFiles(directory: string = srcRoot): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}
