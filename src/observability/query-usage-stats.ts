import type { ObservabilityDatabase } from './open-observability-database.js';

export interface UsageFilters {
  readonly project?: string;
  readonly backend?: string;
  readonly model?: string;
  /** Milliseconds since the epoch, inclusive. */
  readonly since?: number;
  /** Milliseconds since the epoch, exclusive. */
  readonly until?: number;
}

export interface UsageAggregate {
  readonly requests: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly reasoning_tokens: number;
  readonly total_tokens: number;
  /** Requests answered with an HTTP status of 400 or more. */
  readonly errors: number;
  readonly estimated: number;
  readonly loop_cuts: number;
  readonly tool_loops_broken: number;
  readonly repairs: number;
  readonly avg_latency_ms: number | null;
  readonly avg_ttfb_ms: number | null;
}

export interface UsageStats {
  readonly totals: UsageAggregate;
  readonly by_model: readonly (UsageAggregate & { readonly backend: string; readonly model: string })[];
  readonly filters: UsageFilters;
}

const aggregateColumns = `
  COUNT(*) AS requests,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens,
  COALESCE(SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), 0) AS errors,
  COALESCE(SUM(tokens_estimated), 0) AS estimated,
  COALESCE(SUM(loop_cut), 0) AS loop_cuts,
  COALESCE(SUM(tool_loop_broken), 0) AS tool_loops_broken,
  COALESCE(SUM(repaired), 0) AS repairs,
  AVG(latency_ms) AS avg_latency_ms,
  AVG(ttfb_ms) AS avg_ttfb_ms`;

type AggregateRow = Omit<UsageAggregate, 'total_tokens'>;

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

function finish<T extends AggregateRow>(row: T): T & { total_tokens: number } {
  return {
    ...{},
    ...row,
    total_tokens: row.input_tokens + row.output_tokens,
    avg_latency_ms: round(row.avg_latency_ms),
    avg_ttfb_ms: round(row.avg_ttfb_ms),
  };
}

/** Builds the WHERE clause from the filters that are set; values go in as bound parameters. */
function whereClause(filters: UsageFilters): { sql: string; parameters: Record<string, string | number> } {
  const clauses: string[] = [];
  const parameters: Record<string, string | number> = {};
  for (const column of ['project', 'backend', 'model'] as const) {
    const value = filters[column];
    if (value !== undefined) {
      clauses.push(`${column} = @${column}`);
      parameters[column] = value;
    }
  }
  if (filters.since !== undefined) {
    clauses.push('timestamp >= @since');
    parameters.since = filters.since;
  }
  if (filters.until !== undefined) {
    clauses.push('timestamp < @until');
    parameters.until = filters.until;
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, parameters };
}

/**
 * Totals and a per-(backend, model) breakdown over the rows matching the filters, for
 * `GET /usage/stats`. Total tokens are input + output (reasoning is inside output).
 */
export function queryUsageStats(database: ObservabilityDatabase, filters: UsageFilters): UsageStats {
  const { sql, parameters } = whereClause(filters);
  const totals = database.prepare(`SELECT ${aggregateColumns} FROM usage ${sql}`).get(parameters) as AggregateRow;
  const byModel = database
    .prepare(
      `SELECT backend, model, ${aggregateColumns} FROM usage ${sql} GROUP BY backend, model ORDER BY requests DESC, backend, model`,
    )
    .all(parameters) as (AggregateRow & { backend: string; model: string })[];
  return { totals: finish(totals), by_model: byModel.map(finish), filters };
}
