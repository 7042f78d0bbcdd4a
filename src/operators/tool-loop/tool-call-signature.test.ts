import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toolCallSignature } from './tool-call-signature.js';

const hashOf = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('toolCallSignature', () => {
  it('should join the name and the arguments re-serialised with sorted keys', () => {
    expect(toolCallSignature('calc', '{"x": 1}')).toBe('calc:{"x":1}');
    expect(toolCallSignature('f', '{"b":2,"a":1}')).toBe(toolCallSignature('f', '{"a":1,"b":2}'));
  });

  it('should sort keys at every depth, inside arrays too, and keep array order', () => {
    const signature = toolCallSignature('f', '{"z":{"b":[{"d":1,"c":2}],"a":null},"y":[3,1]}');
    expect(signature).toBe('f:{"y":[3,1],"z":{"a":null,"b":[{"c":2,"d":1}]}}');
  });

  it('should repair invalid JSON before canonicalising it', () => {
    expect(toolCallSignature('f', "{b: 2, 'a': 1,}")).toBe('f:{"a":1,"b":2}');
    expect(toolCallSignature('f', '{"path": "a.py"')).toBe('f:{"path":"a.py"}');
  });

  it('should treat empty arguments as {}', () => {
    expect(toolCallSignature('f', '')).toBe('f:{}');
    expect(toolCallSignature('f', '  ')).toBe(toolCallSignature('f', '{}'));
  });

  it('should use unparseable text as it is', () => {
    expect(toolCallSignature('f', 'x y {')).toBe('f:x y {');
  });

  it('should hash a canonical form longer than 1024 characters, still independent of key order', () => {
    const long = 'v'.repeat(1100);
    const signature = toolCallSignature('f', JSON.stringify({ b: long, a: 1 }));
    expect(signature).toBe(`f:${hashOf(JSON.stringify({ a: 1, b: long }))}`);
    expect(toolCallSignature('f', JSON.stringify({ a: 1, b: long }))).toBe(signature);
    expect(toolCallSignature('f', JSON.stringify({ a: 'v'.repeat(1010) }))).not.toContain('sha256:');
  });

  it('should hash input over 1 MB as it is, without parsing it', () => {
    const huge = JSON.stringify({ a: 'x'.repeat(1024 * 1024) });
    expect(toolCallSignature('f', huge)).toBe(`f:${hashOf(huge)}`);
  });

  it('should hash input whose serialisation fails (nesting too deep for the stack)', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(toolCallSignature('f', deep)).toMatch(/^f:sha256:[0-9a-f]{64}$/);
  });
});
