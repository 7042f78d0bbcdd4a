import type { CanonicalRequest, ReasoningEffort } from '../../streams/canonical-request.js';

const numeric: Readonly<Record<string, 'temperature' | 'topP' | 'topK' | 'maxOutputTokens' | 'seed'>> = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  max_tokens: 'maxOutputTokens',
  max_output_tokens: 'maxOutputTokens',
  seed: 'seed',
};
const efforts: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
const isEffort = (text: string): text is ReasoningEffort => efforts.includes(text);

/**
 * Applies a selector's `?k=v` parameters (`openai:gpt-4o?temperature=0.2&reasoning_effort=low`)
 * to the request for that one attempt; unknown or malformed ones are ignored.
 */
export function applySelectorParameters(request: CanonicalRequest, parameters: Readonly<Record<string, string>> | undefined): CanonicalRequest {
  if (parameters === undefined || Object.keys(parameters).length === 0) return request;
  let result: CanonicalRequest = request;
  for (const [name, text] of Object.entries(parameters)) {
    const field = numeric[name];
    const value = Number(text);
    if (field !== undefined && Number.isFinite(value)) result = { ...{}, ...result, [field]: value };
    else if (name === 'reasoning_effort' && isEffort(text)) result = { ...{}, ...result, reasoning: { ...{}, ...result.reasoning, effort: text } };
  }
  return result;
}
