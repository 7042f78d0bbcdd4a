import { mergeUsage, type CanonicalChunk, type ProviderMetadata, type Usage } from '../../streams/canonical-chunk.js';
import { applyGeminiPartialArg } from './apply-gemini-partial-arg.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiResponse, GeminiResponseFunctionCall, GeminiResponsePart } from './gemini-wire.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

type Emit = (chunk: CanonicalChunk) => void;

interface OpenBlock {
  readonly kind: 'text' | 'reasoning';
  readonly id: string;
  signature?: string;
}

interface StreamingCall {
  readonly id: string;
  readonly generatedId: boolean;
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly signature?: string;
}

/**
 * The state machine behind {@link geminiEventsToCanonical} and `decodeGeminiBody`: feed it whole
 * `GenerateContentResponse`s with {@link handle}, then call {@link end}. One handler per part kind.
 *
 * Choices (PROTOCOLS.md A.6, D.7–D.9, D.17):
 * - only candidate `index` 0 is read (the gateway never asks for more than one);
 * - consecutive text parts form one text block, `thought: true` parts one reasoning block; a
 *   `thoughtSignature` goes on that block's `*-end` as `providerMetadata.gemini.thoughtSignature`.
 *   A signed block is sealed: later text starts a new block, so the parts can be rebuilt as sent.
 *   An empty text part that carries only a signature adds no delta: its signature joins the open
 *   unsigned block, or else the `finish` chunk's providerMetadata;
 * - a whole `functionCall` becomes `tool-input-start` + one `tool-input-delta` + `tool-input-end`
 *   + `tool-call`; a missing or empty `id` is replaced by `generateId('call_')` and marked with
 *   `providerMetadata.gemini.generatedId` so a Gemini client is not shown an id Gemini never sent;
 * - a Vertex streamed call (`functionCall{name, willContinue}` then `partialArgs`) emits
 *   `tool-input-start` at once and the rebuilt arguments when it ends: at a part without
 *   `willContinue` (the empty `functionCall{}` terminator), at the next call, or at stream end;
 * - `usageMetadata` is a running total: the last report wins per field, never summed;
 * - the finish is emitted at stream end; with no `finishReason` it is `other`, or
 *   `content-filter` when `promptFeedback.blockReason` blocked the prompt.
 */
export class GeminiResponseDecoder {
  private metadataSent = false;
  private block: OpenBlock | undefined;
  private call: StreamingCall | undefined;
  private sawToolCall = false;
  private finishRaw: string | undefined;
  private blockReason: string | undefined;
  private trailingSignature: string | undefined;
  private usage: Usage | undefined;
  private failed = false;

  constructor(
    private readonly generateId: (prefix: string) => string,
    private readonly emit: Emit,
  ) {}

  /** Handles one response; returns false once an in-band error ended the stream. */
  handle(response: GeminiResponse): boolean {
    if (this.failed) return false;
    if (response.error != null) return this.handleError(response.error);
    this.handleMetadata(response);
    const usage = convertGeminiUsage(response.usageMetadata);
    if (usage !== undefined) this.usage = this.usage === undefined ? usage : mergeUsage(this.usage, usage);
    const blockReason = response.promptFeedback?.blockReason;
    if (typeof blockReason === 'string' && (response.candidates ?? []).length === 0) this.blockReason = blockReason;
    const candidate = (response.candidates ?? []).find((entry) => (entry.index ?? 0) === 0);
    if (candidate === undefined) return true;
    for (const part of candidate.content?.parts ?? []) this.handlePart(part);
    if (typeof candidate.finishReason === 'string') this.finishRaw = candidate.finishReason;
    return true;
  }

  /** Closes what is open and emits the finish (nothing after an in-band error). */
  end(): void {
    if (this.failed) return;
    this.closeAll();
    const finishReason =
      this.finishRaw === undefined && this.blockReason !== undefined
        ? { unified: 'content-filter' as const, raw: this.blockReason }
        : mapGeminiFinishReason(this.finishRaw, this.sawToolCall);
    const gemini: Record<string, unknown> = {};
    if (this.trailingSignature !== undefined) gemini.thoughtSignature = this.trailingSignature;
    if (this.blockReason !== undefined) gemini.blockReason = this.blockReason;
    this.emit({
      type: 'finish',
      finishReason,
      usage: this.usage ?? {},
      ...(Object.keys(gemini).length === 0 ? {} : { providerMetadata: { gemini } }),
    });
  }

  private handleError(error: NonNullable<GeminiResponse['error']>): false {
    this.closeAll(false);
    const code = typeof error.code === 'number' ? error.code : 500;
    this.emit({
      type: 'error',
      error: {
        code: 'GW_ERR_UPSTREAM_STREAM_ERROR',
        statusCode: code,
        message: error.message ?? 'Upstream stream error',
        ...(error.status == null ? {} : { upstreamType: error.status }),
        upstreamCode: String(code),
      },
    });
    this.failed = true;
    return false;
  }

  private handleMetadata(response: GeminiResponse): void {
    if (this.metadataSent || (response.responseId == null && response.modelVersion == null)) return;
    this.metadataSent = true;
    const createTime = (response as { createTime?: unknown }).createTime;
    const created = typeof createTime === 'string' ? Math.floor(Date.parse(createTime) / 1000) : Number.NaN;
    this.emit({
      type: 'response-metadata',
      ...(response.responseId == null ? {} : { id: response.responseId }),
      ...(response.modelVersion == null ? {} : { modelId: response.modelVersion }),
      ...(Number.isFinite(created) ? { created } : {}),
    });
  }

  private handlePart(part: GeminiResponsePart): void {
    const signature = part.thoughtSignature ?? undefined;
    if (part.functionCall != null) this.handleFunctionCall(part.functionCall, signature);
    else if (typeof part.text === 'string') this.handleText(part.text, part.thought === true ? 'reasoning' : 'text', signature);
    else if (signature !== undefined) this.attachSignature(signature);
  }

  private handleText(text: string, kind: OpenBlock['kind'], signature: string | undefined): void {
    if (text.length === 0) {
      if (signature !== undefined) this.attachSignature(signature);
      return;
    }
    if (this.call !== undefined) this.finishCall();
    // A signed block is sealed: Gemini puts the signature on the part that ends a span, and the
    // next text must become a new part when the history is sent back.
    const open = this.block;
    if (open !== undefined && (open.kind !== kind || open.signature !== undefined)) this.closeBlock();
    if (this.block === undefined) {
      this.block = { kind, id: this.generateId(kind === 'text' ? 'txt_' : 'rs_') };
      this.emit({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: this.block.id });
    }
    this.emit({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: this.block.id, delta: text });
    if (signature !== undefined) this.block.signature ??= signature;
  }

  private attachSignature(signature: string): void {
    if (this.block !== undefined && this.block.signature === undefined) this.block.signature = signature;
    else if (this.block?.signature !== signature) this.trailingSignature = signature;
  }

  private handleFunctionCall(functionCall: GeminiResponseFunctionCall, signature: string | undefined): void {
    this.closeBlock();
    const name = functionCall.name ?? '';
    if (name.length > 0) {
      if (this.call !== undefined) this.finishCall();
      const args: Record<string, unknown> = { ...(functionCall.args ?? {}) };
      for (const entry of functionCall.partialArgs ?? []) applyGeminiPartialArg(args, entry);
      const given = functionCall.id ?? '';
      const id = given.length > 0 ? given : this.generateId('call_');
      this.call = { id, generatedId: given.length === 0, name, args, ...(signature === undefined ? {} : { signature }) };
      this.emit({ type: 'tool-input-start', id, toolName: name, ...metadataOf(this.call) });
      if (functionCall.willContinue !== true) this.finishCall();
      return;
    }
    const call = this.call;
    if (call === undefined) return; // partial arguments without a call to belong to
    if (functionCall.args != null) Object.assign(call.args, functionCall.args);
    for (const entry of functionCall.partialArgs ?? []) applyGeminiPartialArg(call.args, entry);
    if (functionCall.willContinue !== true) this.finishCall();
  }

  private finishCall(withToolCall = true): void {
    const call = this.call;
    if (call === undefined) return;
    this.call = undefined;
    this.sawToolCall = true;
    if (!withToolCall) {
      this.emit({ type: 'tool-input-end', id: call.id });
      return;
    }
    const input = JSON.stringify(call.args);
    this.emit({ type: 'tool-input-delta', id: call.id, delta: input });
    this.emit({ type: 'tool-input-end', id: call.id });
    this.emit({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input, ...metadataOf(call) });
  }

  private closeBlock(): void {
    const open = this.block;
    if (open === undefined) return;
    this.block = undefined;
    const providerMetadata: ProviderMetadata | undefined =
      open.signature === undefined ? undefined : { gemini: { thoughtSignature: open.signature } };
    this.emit({ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', id: open.id, ...(providerMetadata === undefined ? {} : { providerMetadata }) });
  }

  private closeAll(withToolCall = true): void {
    this.closeBlock();
    this.finishCall(withToolCall);
  }
}

function metadataOf(call: StreamingCall): { providerMetadata?: ProviderMetadata } {
  if (call.signature === undefined && !call.generatedId) return {};
  return {
    providerMetadata: {
      gemini: {
        ...{},
        ...(call.signature === undefined ? {} : { thoughtSignature: call.signature }),
        ...(call.generatedId ? { generatedId: true } : {}),
      },
    },
  };
}
