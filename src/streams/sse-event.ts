/** One server-sent event: what the SSE parser emits and the SSE serialiser writes. */
export interface SseEvent {
  /** The `event:` field; absent for OpenAI Chat and Gemini streams. */
  readonly event?: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  readonly id?: string;
}
