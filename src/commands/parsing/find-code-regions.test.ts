import { describe, expect, it } from 'vitest';
import { findCodeRegions } from './find-code-regions.js';

function covered(text: string): string[] {
  return findCodeRegions(text).map((region) => text.slice(region.start, region.end));
}

describe('findCodeRegions', () => {
  it('should find inline code spans', () => {
    expect(covered('run `!/hello` and ``a ` b`` now')).toEqual(['`!/hello`', '``a ` b``']);
  });

  it('should leave an unmatched backtick run literal', () => {
    expect(covered('it`s !/hello')).toEqual([]);
    expect(covered('``a` b')).toEqual([]);
  });

  it('should not pair backticks across a blank line', () => {
    expect(covered('a `b\n\nc` d')).toEqual([]);
    expect(covered('a `b\nc` d')).toEqual(['`b\nc`']);
  });

  it('should find backtick and tilde fences', () => {
    const text = 'before\n```ts\n!/hello\n```\nafter\n~~~\n!/x\n~~~~\nend';
    expect(covered(text)).toEqual(['```ts\n!/hello\n```', '~~~\n!/x\n~~~~']);
  });

  it('should only close a fence with the same character and at least its length', () => {
    const text = '````\na\n```\n~~~~\n````\nb';
    expect(covered(text)).toEqual(['````\na\n```\n~~~~\n````']);
  });

  it('should run an unclosed fence to the end of the text', () => {
    expect(covered('a\n```\n!/hello\nmore')).toEqual(['```\n!/hello\nmore']);
  });

  it('should accept up to three spaces of fence indent and CRLF line ends', () => {
    expect(covered('   ```\r\nx\r\n   ```\r\ny')).toEqual(['   ```\r\nx\r\n   ```\r']);
    expect(covered('    ```\nx\n    ```')).toEqual(['```\nx\n    ```']);
  });

  it('should treat a backtick fence with backticks in its info string as inline code', () => {
    expect(covered('``` a ` b\nc')).toEqual([]);
  });
});
