import { isLeft } from 'fp-ts/lib/Either.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { formatOpenAIChatValidationError } from './format-openai-chat-validation-error.js';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import {
  openAIChatBodyCodec,
  readOpenAIChatContentText,
  readOpenAIChatWireError,
  type OpenAIChatBody,
} from './openai-chat-response-wire.js';

function errorChunks(error: GatewayError): CanonicalChunk[] {
  return [{ type: 'error', error: error.toChunkError() }];
}

function metadataChunk(body: OpenAIChatBody): CanonicalChunk {
  const extras = Object.entries({ systemFingerprint: body.system_fingerprint, serviceTier: body.service_tier }).filter(
    ([, value]) => value != null,
  );
  return {
    type: 'response-metadata',
    ...(body.id == null || body.id === '' ? {} : { id: body.id }),
    ...(body.model == null || body.model === '' ? {} : { modelId: body.model }),
    ...(body.created == null || body.created === 0 ? {} : { created: body.created }),
    ...(extras.length === 0 ? {} : { providerMetadata: { openai: Object.fromEntries(extras) } }),
  };
}

/**
 * Turns a non-streamed Chat Completions body into the short chunk stream a streamed one would
 * give: metadata, a reasoning block, a text block (and a refusal block), lone `tool-call`
 * chunks, and `finish` with the usage. Never throws: an `error` member or an unreadable body
 * becomes an `error` chunk.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @example
 * decodeOpenAIChatBody({ id: 'c1', choices: [{ message: { content: 'Hi' }, finish_reason: 'stop' }] });
 * // [response-metadata, text-start, text-delta "Hi", text-end, finish { unified: 'stop' }]
 */
export function decodeOpenAIChatBody(json: unknown): CanonicalChunk[] {
  const decoded = openAIChatBodyCodec.decode(json);
  if (isLeft(decoded)) {
    const problem = formatOpenAIChatValidationError(decoded.left);
    return errorChunks(new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', `Upstream body is malformed: ${problem.message}`));
  }
  const body = decoded.right;
  const wireError = body.error == null ? undefined : readOpenAIChatWireError(body.error);
  if (wireError !== undefined) {
    const info = { upstreamType: wireError.type, upstreamCode: wireError.code, param: wireError.param };
    return errorChunks(new GatewayError('GW_ERR_UPSTREAM_STREAM_ERROR', wireError.message, { statusCode: wireError.status, info }));
  }
  const chunks: CanonicalChunk[] = [metadataChunk(body)];
  const choice = body.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  const message = choice?.message ?? undefined;
  const block = (kind: 'text' | 'reasoning', id: string, text: string, refusal = false): void => {
    if (text === '') return;
    if (kind === 'reasoning') chunks.push({ type: 'reasoning-start', id }, { type: 'reasoning-delta', id, delta: text }, { type: 'reasoning-end', id });
    else {
      chunks.push(refusal ? { type: 'text-start', id, providerMetadata: { openai: { refusal: true } } } : { type: 'text-start', id });
      chunks.push({ type: 'text-delta', id, delta: text }, { type: 'text-end', id });
    }
  };
  block('reasoning', 'reasoning-0', message?.reasoning_content ?? message?.reasoning ?? '');
  block('text', 'text-1', readOpenAIChatContentText(message?.content));
  block('text', 'text-2', message?.refusal ?? '', true);
  const calls = [...(message?.tool_calls ?? []), ...(message?.function_call == null ? [] : [{ function: message.function_call }])];
  calls.forEach((call, index) => {
    const input = call.function?.arguments ?? '';
    chunks.push({
      type: 'tool-call',
      toolCallId: 'id' in call && call.id != null && call.id !== '' ? call.id : `call_${body.id ?? 'openai'}_${index}`,
      toolName: call.function?.name ?? '',
      input: input === '' ? '{}' : input,
    });
  });
  chunks.push({
    type: 'finish',
    finishReason: mapOpenAIChatFinishReason(choice?.finish_reason),
    usage: body.usage == null ? {} : convertOpenAIChatUsage(body.usage),
  });
  return chunks;
}
