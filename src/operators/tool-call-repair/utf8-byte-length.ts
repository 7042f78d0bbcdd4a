/**
 * UTF-8 size of one UTF-16 code unit: a surrogate counts 2 (a pair makes the 4 bytes of its
 * character), so caps can be enforced per code unit without re-encoding growing buffers.
 */
export function utf8CodeUnitBytes(codeUnit: number): number {
  if (codeUnit < 0x80) return 1;
  if (codeUnit < 0x800) return 2;
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return 2;
  return 3;
}

/** UTF-8 size of a whole string (lone surrogates count as 2 bytes, like {@link utf8CodeUnitBytes}). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) bytes += utf8CodeUnitBytes(text.charCodeAt(index));
  return bytes;
}
