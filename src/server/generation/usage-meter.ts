import type { PendingTokenCount } from '../../observability/index.js';
import { inputTextsOf } from '../../routing/index.js';
import type { CanonicalChunk, Usage } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';

export interface MeteredTokens {
  /** Missing only when the upstream did not report it: then `pendingCount` says what to count. */
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly reasoningTokens?: number;
  readonly tokensEstimated: boolean;
  /** What the usage row's writer still has to count (see `countPendingTokens`). */
  readonly pendingCount?: PendingTokenCount;
}

/**
 * Watches a response's chunks for the usage record: the upstream's own usage when it sent one
 * (the last report wins), else the prompt's texts and the output text for the row writer to count
 * with js-tiktoken, off the event loop; and the time of the first chunk.
 */
export function createUsageMeter(now: () => number): {
  readonly observe: (chunk: CanonicalChunk) => void;
  readonly tokens: (request: CanonicalRequest, model: string) => MeteredTokens;
  readonly firstChunkAt: () => number | undefined;
} {
  let usage: Usage | undefined;
  let firstAt: number | undefined;
  const output: string[] = [];
  return {
    observe: (chunk) => {
      if (chunk.type === 'raw') return;
      firstAt ??= now();
      if (chunk.type === 'usage' || chunk.type === 'finish') {
        if (chunk.usage.inputTokens !== undefined || chunk.usage.outputTokens !== undefined) usage = { ...{}, ...usage, ...chunk.usage };
      } else if (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' || chunk.type === 'tool-input-delta') {
        output.push(chunk.delta);
      }
    },
    tokens: (request, model) => {
      if (usage?.inputTokens !== undefined && usage.outputTokens !== undefined) {
        return {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
          tokensEstimated: false,
        };
      }
      return {
        ...{},
        ...(usage?.inputTokens === undefined ? {} : { inputTokens: usage.inputTokens }),
        ...(usage?.outputTokens === undefined ? {} : { outputTokens: usage.outputTokens }),
        tokensEstimated: true,
        pendingCount: {
          model,
          ...(usage?.inputTokens === undefined ? { input: inputTextsOf(request) } : {}),
          ...(usage?.outputTokens === undefined ? { output: output.join('') } : {}),
        },
      };
    },
    firstChunkAt: () => firstAt,
  };
}
