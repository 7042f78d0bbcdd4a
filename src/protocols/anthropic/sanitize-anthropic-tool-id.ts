const validId = /^[a-zA-Z0-9_-]+$/;

/** FNV-1a, 32 bits, as 8 hex digits: a short deterministic fingerprint (not a security hash). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Makes a tool-call id acceptable to Anthropic (`^[a-zA-Z0-9_-]+$`, PROTOCOLS D.15). Valid ids are
 * kept; others get their bad characters replaced by `_` plus a fingerprint of the original, so
 * two different ids never collapse into one and the same id always maps the same way — the
 * `tool_use` and its `tool_result` are sanitised separately and still match.
 *
 * @example
 * sanitizeAnthropicToolId('toolu_01A'); // 'toolu_01A'
 * sanitizeAnthropicToolId('call:1/a'); // 'call_1_a_<8 hex>'
 */
export function sanitizeAnthropicToolId(id: string): string {
  if (validId.test(id)) return id;
  const cleaned = id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 200);
  return `${cleaned === '' ? 'toolu' : cleaned}_${fingerprint(id)}`;
}
