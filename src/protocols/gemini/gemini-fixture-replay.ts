import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, of, toArray, type Observable } from 'rxjs';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { parseSse } from '../../streams/parse-sse.js';
import { geminiEventsToCanonical } from './gemini-events-to-canonical.js';

/**
 * Test support (not used by the gateway): replays the recorded Gemini fixtures in
 * `test/fixtures/gemini` through the codecs.
 */

const fixtureDirectory = fileURLToPath(new URL('../../../test/fixtures/gemini/', import.meta.url));

/** One recorded exchange: the request body (HTTP recordings only) and the response events. */
export interface RecordedExchange {
  readonly requestBody?: unknown;
  readonly statusCode: number;
  /** Each response event's JSON text (one `GenerateContentResponse` or error object). */
  readonly events: readonly string[];
}

/** Every fixture file name in the folder. */
export function geminiFixtureNames(): string[] {
  return readdirSync(fixtureDirectory).sort();
}

/** A payload-per-line file → one exchange; a js-genai recording → one exchange per interaction. */
export function readGeminiExchanges(name: string): RecordedExchange[] {
  const text = readFileSync(fixtureDirectory + name, 'utf8');
  if (name.endsWith('.chunks.txt')) {
    return [{ statusCode: 200, events: text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0) }];
  }
  const json = JSON.parse(text) as { interactions?: RecordingInteraction[] };
  if (json.interactions === undefined) return [{ statusCode: 200, events: [text] }];
  return json.interactions.map((interaction) => ({
    requestBody: interaction.request.bodySegments?.[0],
    statusCode: interaction.response.statusCode,
    events: (interaction.response.bodySegments ?? []).map((segment) => JSON.stringify(segment)),
  }));
}

interface RecordingInteraction {
  readonly request: { readonly bodySegments?: unknown[] };
  readonly response: { readonly statusCode: number; readonly bodySegments?: unknown[] };
}

/** Re-frames event JSON texts the way Gemini sends them with `alt=sse`. */
export function frameGeminiSse(events: readonly string[]): string {
  return events.map((event) => `data: ${event}\r\n\r\n`).join('');
}

/** A deterministic id source: `prefix` + a counter. */
export function sequentialIds(): (prefix: string) => string {
  let next = 0;
  return (prefix) => `${prefix}${next++}`;
}

/** Decodes SSE bytes or text pieces into canonical chunks. */
export function decodeGeminiSse(pieces: readonly (Uint8Array | string)[]): Promise<CanonicalChunk[]> {
  const source: Observable<Uint8Array | string> = of(...pieces);
  return lastValueFrom(source.pipe(parseSse(), geminiEventsToCanonical({ generateId: sequentialIds() }), toArray()));
}
