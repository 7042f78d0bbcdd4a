import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { GeminiResponseDecoder } from './gemini-response-decoder.js';
import { geminiResponseCodec } from './gemini-wire.js';

/**
 * Decodes a non-streamed Gemini `GenerateContentResponse` into a short canonical chunk stream,
 * with the same rules as the stream decoder (one response = one event). Something that is not a
 * response object gives a single `GW_ERR_UPSTREAM_PROTOCOL` error chunk.
 *
 * @example
 * decodeGeminiBody(JSON.parse(text), { generateId });
 * // [response-metadata, text-start, text-delta, text-end, finish]
 */
export function decodeGeminiBody(json: unknown, options: { readonly generateId: (prefix: string) => string }): CanonicalChunk[] {
  const chunks: CanonicalChunk[] = [];
  const decoded = geminiResponseCodec.decode(json);
  if (decoded._tag === 'Left' || typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ type: 'error', error: { code: 'GW_ERR_UPSTREAM_PROTOCOL', statusCode: 502, message: 'Gemini body is not a response object' } }];
  }
  const decoder = new GeminiResponseDecoder(options.generateId, (chunk) => chunks.push(chunk));
  if (decoder.handle(decoded.right)) decoder.end();
  return chunks;
}
