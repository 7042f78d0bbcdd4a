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

/** Named parameters of the insert statement. */
export function toUsageParameters(record: UsageRecordInput): Record<string, number | string | null> {
  const flag = (value: boolean | undefined): number => (value === true ? 1 : 0);
  return {
    timestamp: Math.round(record.timestamp),
    session_id: record.sessionId ?? null,
    project: record.project ?? null,
    client_protocol: record.clientProtocol ?? null,
    backend: record.backend,
    model: record.model,
    key_name: record.keyName ?? null,
    input_tokens: record.inputTokens ?? 0,
    output_tokens: record.outputTokens ?? 0,
    reasoning_tokens: record.reasoningTokens ?? 0,
    tokens_estimated: flag(record.tokensEstimated),
    latency_ms: record.latencyMs ?? null,
    ttfb_ms: record.ttfbMs ?? null,
    status: record.status,
    stream: flag(record.stream),
    loop_cut: flag(record.loopCut),
    tool_loop_broken: flag(record.toolLoopBroken),
    repaired: flag(record.repaired),
  };
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
