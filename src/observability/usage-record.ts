import type { InputTexts } from '../routing/count-input-tokens.js';
import { usageInsertColumns } from './usage-schema.js';

/** What the generation pipeline reports once a request is over (SEED-SPEC §9, one row per request). */
export interface UsageRecordInput {
  /** Milliseconds since the epoch, when the request arrived. */
  readonly timestamp: number;
  readonly sessionId?: string;
  readonly project?: string;
  /** The client's protocol: `openai-chat`, `openai-responses`, `anthropic`, `gemini`. */
  readonly clientProtocol?: string;
  readonly backend: string;
  readonly model: string;
  /** The key's environment variable name, never its value. */
  readonly keyName?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly reasoningTokens?: number;
  /** True when the upstream sent no usage and the counts were computed locally. */
  readonly tokensEstimated?: boolean;
  /**
   * Counts the upstream did not report, still to be made: the row writer makes them (in its worker
   * thread), so a tokenizer never runs on the response path.
   */
  readonly pendingCount?: PendingTokenCount;
  readonly latencyMs?: number;
  /** Time to the first byte from upstream. */
  readonly ttfbMs?: number;
  /** The HTTP status the client got (499 when the client went away). */
  readonly status: number;
  readonly stream: boolean;
  readonly loopCut?: boolean;
  readonly toolLoopBroken?: boolean;
  readonly repaired?: boolean;
}

/** Token counts a usage row still needs: the model's encoding, the input's texts, the output text. */
export interface PendingTokenCount {
  readonly model: string;
  /** The input's texts and fixed tokens (see `inputTextsOf`), when the upstream reported no input count. */
  readonly input?: InputTexts;
  /** The output text, when the upstream reported no output count. */
  readonly output?: string;
}

/** Makes a row's pending counts (the gateway's is js-tiktoken, see `countPendingTokens`). */
export type TokenCounter = (pending: PendingTokenCount) => { readonly inputTokens?: number; readonly outputTokens?: number };

/** One stored row, as `/usage/recent` returns it. */
export interface UsageRow {
  readonly id: number;
  readonly timestamp: number;
  readonly timestamp_iso: string;
  readonly session_id: string | null;
  readonly project: string | null;
  readonly client_protocol: string | null;
  readonly backend: string;
  readonly model: string;
  readonly key_name: string | null;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly reasoning_tokens: number;
  readonly total_tokens: number;
  readonly tokens_estimated: boolean;
  readonly latency_ms: number | null;
  readonly ttfb_ms: number | null;
  readonly status: number;
  readonly stream: boolean;
  readonly loop_cut: boolean;
  readonly tool_loop_broken: boolean;
  readonly repaired: boolean;
}

/** The row as SQLite returns it (booleans are 0/1). */
export interface StoredUsageRow {
  readonly id: number;
  readonly timestamp: number;
  readonly session_id: string | null;
  readonly project: string | null;
  readonly client_protocol: string | null;
  readonly backend: string;
  readonly model: string;
  readonly key_name: string | null;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly reasoning_tokens: number;
  readonly tokens_estimated: number;
  readonly latency_ms: number | null;
  readonly ttfb_ms: number | null;
  readonly status: number;
  readonly stream: number;
  readonly loop_cut: number;
  readonly tool_loop_broken: number;
  readonly repaired: number;
}

/** A row's values in the insert statement's column order. */
export type UsageParameters = readonly (number | string | null)[];

/** Columns the insert statement takes; a row may carry one more value, its pending count's JSON. */
const usageColumns = usageInsertColumns.length;
const inputTokensColumn = usageInsertColumns.indexOf('input_tokens');
const outputTokensColumn = usageInsertColumns.indexOf('output_tokens');

/**
 * The insert statement's parameters, in its column order, then the pending count's JSON if there
 * is one (see {@link completeUsageParameters}). A small array is what waits in the write queue:
 * the caller's record object is garbage at once instead of living until the batch.
 */
export function toUsageParameters(record: UsageRecordInput): UsageParameters {
  const flag = (value: boolean | undefined): number => (value === true ? 1 : 0);
  const parameters = [
    Math.round(record.timestamp),
    record.sessionId ?? null,
    record.project ?? null,
    record.clientProtocol ?? null,
    record.backend,
    record.model,
    record.keyName ?? null,
    record.inputTokens ?? 0,
    record.outputTokens ?? 0,
    record.reasoningTokens ?? 0,
    flag(record.tokensEstimated),
    record.latencyMs ?? null,
    record.ttfbMs ?? null,
    record.status,
    flag(record.stream),
    flag(record.loopCut),
    flag(record.toolLoopBroken),
    flag(record.repaired),
  ];
  return record.pendingCount === undefined ? parameters : [...parameters, JSON.stringify(record.pendingCount)];
}

/**
 * A row ready for the insert statement: its pending counts made with `count` (a count that fails,
 * or no counter, leaves the reported figures, 0 where there were none).
 */
export function completeUsageParameters(row: UsageParameters, count: TokenCounter | undefined, onError?: (error: unknown) => void): UsageParameters {
  if (row.length <= usageColumns) return row;
  const complete = row.slice(0, usageColumns);
  try {
    const pending = JSON.parse(String(row[usageColumns])) as PendingTokenCount;
    const counted = count?.(pending);
    // Only what was pending: a figure the upstream reported stands.
    if (pending.input !== undefined && counted?.inputTokens !== undefined) complete[inputTokensColumn] = counted.inputTokens;
    if (pending.output !== undefined && counted?.outputTokens !== undefined) complete[outputTokensColumn] = counted.outputTokens;
  } catch (error) {
    onError?.(error);
  }
  return complete;
}

/**
 * Total tokens are input + output. Reasoning tokens are reported on their own but not added:
 * OpenAI and Gemini already count them inside the output tokens.
 */
export function fromStoredUsageRow(row: StoredUsageRow): UsageRow {
  return {
    ...{},
    ...row,
    timestamp_iso: new Date(row.timestamp).toISOString(),
    total_tokens: row.input_tokens + row.output_tokens,
    tokens_estimated: row.tokens_estimated === 1,
    stream: row.stream === 1,
    loop_cut: row.loop_cut === 1,
    tool_loop_broken: row.tool_loop_broken === 1,
    repaired: row.repaired === 1,
  };
}
