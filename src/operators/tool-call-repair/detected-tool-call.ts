/** Which detector recognised a tool call written as text. */
export type ToolCallDetectorName = 'json' | 'fenced-json' | 'tool-call-tag' | 'xml-tags' | 'directive';

/** A tool call recognised in text: the name is one the request declared, `input` is JSON text. */
export interface DetectedToolCall {
  readonly toolName: string;
  /** The arguments as a compact JSON object string (`"{}"` when there are none). */
  readonly input: string;
  readonly detector: ToolCallDetectorName;
}

/** What the text scanner hands on: text to show as it was, or a recognised tool call. */
export type ScanEvent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'call'; readonly call: DetectedToolCall };
