import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, srcRoot } from './source-files.js';

/**
 * Top-level folder of `src` an import lands in, and for protocols the protocol folder; a file
 * directly in `src/protocols` is shared by every protocol (no protocol of its own).
 */
function areaOf(file: string): { readonly area: string; readonly protocol?: string } {
  const parts = relative(srcRoot, file).split(sep);
  if (parts[0] !== 'protocols') return { area: parts.length === 1 ? '.' : (parts[0] ?? '.') };
  return parts.length > 2 ? { area: 'protocols', protocol: parts[1] } : { area: 'protocols' };
}

const forbidden: Readonly<Record<string, readonly string[]>> = {
  streams: ['protocols', 'backends', 'server', 'operators', 'config', 'commands'],
  protocols: ['backends', 'server', 'operators', 'config'],
  operators: ['protocols', 'backends', 'server'],
  backends: ['server'],
  errors: ['protocols', 'backends', 'server', 'operators'],
};

describe('dependency direction (streams ← protocols/operators ← backends ← server)', () => {
  const files = sourceFiles();
  it('should find the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('should keep every import inside the allowed direction, and protocols apart from each other', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = areaOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = areaOf(join(file, '..', match[1] ?? ''));
        if (forbidden[from.area]?.includes(target.area)) violations.push(`${relative(srcRoot, file)} imports ${match[1]}`);
        if (from.area === 'protocols' && target.area === 'protocols' && target.protocol !== undefined && from.protocol !== target.protocol) {
          violations.push(`${relative(srcRoot, file)} imports another protocol: ${match[1]}`);
        }
      }
      if (/from 'rxjs\/internal/.test(text)) violations.push(`${relative(srcRoot, file)} imports rxjs/internal`);
    }
    expect(violations).toEqual([]);
  });

  it('should keep pure codecs free of clocks, randomness and the environment', () => {
    const impure = files
      .filter((file) => ['streams', 'protocols'].includes(areaOf(file).area))
      .filter((file) => /Date\.now\(|Math\.random\(|randomUUID\(|process\.env/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(srcRoot, file));
    expect(impure).toEqual([]);
  });
});
