/**
 * Builders for Responses output items and their parts, shared by the stream encoder and the
 * non-stream body encoder so both render exactly the same item shapes.
 */

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** An `output_text` content part (empty `annotations` and `logprobs`, as the API sends). */
export function outputTextPart(text: string): Record<string, unknown> {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

/** A `message` output item holding one `output_text` part (none while `in_progress`). */
export function messageItem(id: string, status: ItemStatus, text: string | undefined): Record<string, unknown> {
  return { id, type: 'message', status, content: text === undefined ? [] : [outputTextPart(text)], role: 'assistant' };
}

/** A `reasoning` output item; `summary` holds one `summary_text` part per non-empty summary. */
export function reasoningItem(id: string, summary: readonly string[], encryptedContent: unknown): Record<string, unknown> {
  return {
    id,
    type: 'reasoning',
    summary: summary.map((text) => ({ type: 'summary_text', text })),
    ...(typeof encryptedContent === 'string' ? { encrypted_content: encryptedContent } : {}),
  };
}

/** A `function_call` output item; `namespace` is set for functions of a namespace tool. */
export function functionCallItem(
  id: string,
  status: ItemStatus,
  call: { readonly callId: string; readonly name: string; readonly arguments: string; readonly namespace?: string },
): Record<string, unknown> {
  return {
    id,
    type: 'function_call',
    status,
    arguments: call.arguments,
    call_id: call.callId,
    name: call.name,
    ...(call.namespace === undefined ? {} : { namespace: call.namespace }),
  };
}
