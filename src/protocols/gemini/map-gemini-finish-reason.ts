import type { FinishReason, FinishReasonUnified } from '../../streams/canonical-chunk.js';

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'LANGUAGE',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/** The model produced a broken or unwanted tool call: the turn failed (Vercel's choice, pinned). */
const errorReasons = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/** Every `FinishReason` Gemini documents; used to pass a Gemini reason through unchanged. */
export const geminiFinishReasons: ReadonlySet<string> = new Set([
  'STOP',
  'MAX_TOKENS',
  'OTHER',
  'NO_IMAGE',
  'IMAGE_OTHER',
  'FINISH_REASON_UNSPECIFIED',
  ...contentFilterReasons,
  ...errorReasons,
]);

/**
 * Maps a Gemini `finishReason` to the unified reason (PROTOCOLS.md A.7).
 *
 * Gemini says `STOP` even when the turn ends in function calls (D.8), so the caller tells whether
 * any `functionCall` part appeared. Pinned choices where sources disagree: `MALFORMED_FUNCTION_CALL`,
 * `UNEXPECTED_TOOL_CALL` and `TOO_MANY_TOOL_CALLS` → `error`; `OTHER`, `NO_IMAGE`, `IMAGE_OTHER`,
 * `FINISH_REASON_UNSPECIFIED` and anything unknown → `other`.
 *
 * @example
 * mapGeminiFinishReason('STOP', true); // { unified: 'tool-calls', raw: 'STOP' }
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  return { unified: unifiedOf(raw, hasToolCalls), raw };
}

function unifiedOf(raw: string | undefined, hasToolCalls: boolean): FinishReasonUnified {
  if (raw === undefined) return 'other';
  if (raw === 'STOP') return hasToolCalls ? 'tool-calls' : 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (contentFilterReasons.has(raw)) return 'content-filter';
  if (errorReasons.has(raw)) return 'error';
  return 'other';
}

/**
 * Maps a unified finish reason to the `finishReason` a Gemini client sees: `tool-calls` → `STOP`,
 * `length` → `MAX_TOKENS`, `content-filter` → `SAFETY`, `error` → `OTHER`, everything else `STOP`.
 * A raw Gemini reason that maps back to the same unified reason is passed through unchanged
 * (so `RECITATION` stays `RECITATION` on a Gemini-to-Gemini route).
 *
 * @example
 * toGeminiFinishReason({ unified: 'length', raw: 'max_tokens' }); // 'MAX_TOKENS'
 */
export function toGeminiFinishReason(reason: FinishReason): string {
  const raw = reason.raw;
  if (raw !== undefined && geminiFinishReasons.has(raw) && unifiedOf(raw, reason.unified === 'tool-calls') === reason.unified) {
    return raw;
  }
  switch (reason.unified) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
      return 'OTHER';
    case 'stop':
    case 'tool-calls':
    case 'other':
      return 'STOP';
    default:
      return assertNeverReason(reason.unified);
  }
}

function assertNeverReason(value: never): never {
  throw new Error(`Unexpected finish reason: ${String(value)}`);
}
