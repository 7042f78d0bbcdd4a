/** The methods a `models/{model}:{method}` path can name. */
export const geminiModelMethods: ReadonlySet<string> = new Set([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
  'batchGenerateContent',
  'predict',
  'predictLongRunning',
]);

export interface GeminiModelPath {
  /** The model id without the `models/` prefix; may itself hold colons (`anthropic:claude-x`). */
  readonly model: string;
  /** `generateContent`, `streamGenerateContent`...; absent for a plain `GET …/models/{model}`. */
  readonly method?: string;
}

/**
 * Parses the tail of a Gemini model URL. Everything up to and including the first `models/`
 * segment is dropped (so `/v1beta/models/…`, `/v1/models/…`, Vertex
 * `…/publishers/google/models/…` and a bare `models/…` all work), as is the query string. The
 * method is the text after the **last** colon, and only when it is a known method: model names
 * routed through the gateway may contain colons themselves.
 *
 * @example
 * parseGeminiModelPath('/v1beta/models/anthropic:claude-x:generateContent');
 * // { model: 'anthropic:claude-x', method: 'generateContent' }
 * parseGeminiModelPath('models/gemini-2.5-flash'); // { model: 'gemini-2.5-flash' }
 */
export function parseGeminiModelPath(path: string): GeminiModelPath | undefined {
  const query = path.indexOf('?');
  let tail = query === -1 ? path : path.slice(0, query);
  const marker = tail.indexOf('models/');
  if (marker !== -1 && (marker === 0 || tail[marker - 1] === '/')) tail = tail.slice(marker + 'models/'.length);
  tail = safeDecode(tail.replace(/^\/+/, ''));
  const colon = tail.lastIndexOf(':');
  if (colon !== -1 && geminiModelMethods.has(tail.slice(colon + 1))) {
    const model = tail.slice(0, colon);
    return model.length === 0 ? undefined : { model, method: tail.slice(colon + 1) };
  }
  return tail.length === 0 ? undefined : { model: tail };
}

/** Strips a leading `models/` from a model name, as the genai SDK adds it. */
export function stripGeminiModelPrefix(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
