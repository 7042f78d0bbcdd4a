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

/**
 * The insert statement's parameters, in its column order. A small array is what waits in the
 * write queue: the caller's record object is garbage at once instead of living until the batch.
 */
export function toUsageParameters(record: UsageRecordInput): UsageParameters {
  const flag = (value: boolean | undefined): number => (value === true ? 1 : 0);
  return [
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
}

/**
 * Total tokens are input + output. Reasoning tokens are reported on their own but not added:
 * OpenAI and Gemini already count them inside the output tokens.
 */
export function fromStoredUsageRow(row: StoredUsageRow): UsageRow {
  return {
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
