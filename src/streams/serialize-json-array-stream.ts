/** Writes a JSON array one element at a time; each method returns the text to send next. */
export interface JsonArrayWriter {
  /** The opening `[`. */
  readonly start: () => string;
  /** One element's JSON text, preceded by `,\r\n` for every element but the first. */
  readonly element: (json: string) => string;
  /** The closing `]`. */
  readonly end: () => string;
}

/**
 * Creates the writer for Gemini's JSON-array stream mode, the reply to clients that call
 * `streamGenerateContent` without `alt=sse` (curl, older SDKs): one array whose elements are
 * sent as they become available, separated the way Gemini separates them (`,\r\n`).
 *
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 * @example
 * const writer = createJsonArrayWriter();
 * writer.start() + writer.element('{"a":1}') + writer.element('{"b":2}') + writer.end();
 * // '[{"a":1},\r\n{"b":2}]'
 */
export function createJsonArrayWriter(): JsonArrayWriter {
  let first = true;
  return {
    start: () => '[',
    element: (json) => {
      if (first) {
        first = false;
        return json;
      }
      return `,\r\n${json}`;
    },
    end: () => ']',
  };
}
