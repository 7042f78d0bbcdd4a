/**
 * What a fake upstream does for one request, chosen by the request's model name. Every fake
 * (OpenAI, Anthropic, Gemini) takes the same union, so a test can script one behaviour and run
 * it against each vendor's wire.
 */
export type FakeScenario =
  | { readonly kind: 'text'; readonly text: string; readonly pieces?: number; readonly delayMs?: number; readonly reasoning?: string }
  | {
      readonly kind: 'tool-calls';
      readonly calls: readonly { readonly name: string; readonly arguments: string }[];
      /** Send the argument fragments of parallel calls alternately, as some upstreams do. */
      readonly interleave?: boolean;
      readonly text?: string;
    }
  | { readonly kind: 'error'; readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'endless'; readonly text: string; readonly intervalMs: number }
  | { readonly kind: 'disconnect'; readonly text: string; readonly afterPieces: number }
  | { readonly kind: 'mid-stream-error'; readonly text: string; readonly error: unknown }
  | { readonly kind: 'hang' }
  | { readonly kind: 'json-body'; readonly text: string };

/**
 * Cuts scenario text into about `pieces` deltas, the way every fake streams it.
 * @example splitPieces('abcdef', 3) // ['ab', 'cd', 'ef']
 */
export function splitPieces(text: string, pieces: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let index = 0; index < text.length; index += size) out.push(text.slice(index, index + size));
  return out;
}
