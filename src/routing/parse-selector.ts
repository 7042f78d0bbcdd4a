/** A model selector split into its parts; the backend is absent for a model-only selector. */
export interface ParsedSelector {
  readonly backend?: string;
  readonly model: string;
  /** `?k=v&…` URI parameters (`temperature`, `max_tokens`, `reasoning_effort`…), as strings. */
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Splits `backend:model?k=v` syntactically (no knowledge of configured backends). The `:` is a
 * backend separator only when it comes before the first `/` (SEED-SPEC §4.1), so
 * `openrouter:anthropic/claude-3-haiku:beta` has backend `openrouter` while `openai/gpt-4o:free`
 * is model-only. A leading `:` is not a separator (there would be no backend name).
 *
 * @example
 * parseSelector('openai:gpt-4?temperature=0.5')
 * // → { backend: 'openai', model: 'gpt-4', parameters: { temperature: '0.5' } }
 */
export function parseSelector(selector: string): ParsedSelector {
  const question = selector.indexOf('?');
  const head = question === -1 ? selector : selector.slice(0, question);
  const parameters = question === -1 ? {} : parseParameters(selector.slice(question + 1));
  const colon = head.indexOf(':');
  const slash = head.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) {
    return { backend: head.slice(0, colon), model: head.slice(colon + 1), parameters };
  }
  return { model: head, parameters };
}

function parseParameters(query: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  // URLSearchParams is pure string handling; it also decodes `%xx` and `+` as a browser would.
  for (const [key, value] of new URLSearchParams(query)) {
    if (key.length > 0) parameters[key] = value;
  }
  return parameters;
}
