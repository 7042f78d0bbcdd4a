import type { Usage } from '../../streams/canonical-chunk.js';
import { toOpenAIResponsesUsage } from './convert-openai-responses-usage.js';

/** Request fields echoed back in the response object (`instructions`, `tools`, `reasoning`, ...). */
export type OpenAIResponsesEcho = Readonly<Record<string, unknown>>;

const echoedFields = [
  'instructions', 'max_output_tokens', 'max_tool_calls', 'parallel_tool_calls', 'previous_response_id', 'prompt_cache_key',
  'reasoning', 'service_tier', 'store', 'temperature', 'text', 'tool_choice', 'tools', 'top_logprobs', 'top_p',
  'truncation', 'user', 'metadata',
] as const;

/**
 * Picks the fields a Responses object echoes from the client's wire request.
 *
 * @example
 * openAIResponsesEchoFromRequest({ model: 'm', input: 'hi', instructions: 'Be brief' }); // { instructions: 'Be brief' }
 */
export function openAIResponsesEchoFromRequest(body: unknown): OpenAIResponsesEcho {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Readonly<Record<string, unknown>>;
  const echo: Record<string, unknown> = {};
  for (const field of echoedFields) if (record[field] !== undefined) echo[field] = record[field];
  return echo;
}

const coreFields = new Set(['id', 'object', 'created_at', 'status', 'error', 'incomplete_details', 'model', 'output', 'usage']);

export interface BuildOpenAIResponsesObjectParams {
  readonly responseId: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly createdAt: number;
  readonly status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  readonly output: readonly unknown[];
  /** `undefined` renders `usage: null` (as the API does before the response ends). */
  readonly usage?: Usage;
  readonly error?: { readonly code: string; readonly message: string };
  readonly incompleteReason?: string;
  readonly echo?: OpenAIResponsesEcho;
  /** Adds the SDK's `output_text` convenience field (non-stream bodies). */
  readonly includeOutputText?: boolean;
}

/**
 * Builds a Responses `response` object: the payload of `response.created` / `.in_progress` /
 * `.completed` / `.incomplete` / `.failed` events and the non-streaming body.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @example
 * buildOpenAIResponsesObject({ responseId: 'resp_1', model: 'gpt-5', createdAt: 1, status: 'in_progress', output: [] });
 * // { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', output: [], usage: null, ... }
 */
export function buildOpenAIResponsesObject(params: BuildOpenAIResponsesObjectParams): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: params.responseId,
    object: 'response',
    created_at: params.createdAt,
    status: params.status,
    background: false,
    error: params.error === undefined ? null : { code: params.error.code, message: params.error.message },
    incomplete_details: params.incompleteReason === undefined ? null : { reason: params.incompleteReason },
    instructions: null,
    max_output_tokens: null,
    model: params.model,
    output: params.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: params.usage === undefined ? null : toOpenAIResponsesUsage(params.usage),
    user: null,
    metadata: {},
  };
  // Echoed request fields replace the defaults, never the fields that describe this response.
  for (const [key, value] of Object.entries(params.echo ?? {})) if (!coreFields.has(key)) object[key] = value;
  if (params.includeOutputText === true) object.output_text = collectOutputText(params.output);
  return object;
}

function collectOutputText(output: readonly unknown[]): string {
  let text = '';
  for (const item of output) {
    const { type, content } = item as { type?: unknown; content?: unknown };
    if (type !== 'message' || !Array.isArray(content)) continue;
    for (const part of content as { type?: unknown; text?: unknown }[]) {
      if (part.type === 'output_text' && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}

/** Alias of {@link buildOpenAIResponsesObject} under the name the lead's brief uses. */
export const buildResponsesObject = buildOpenAIResponsesObject;
