import { countInputTokens, countTextTokens } from '../../routing/index.js';
import type { CanonicalChunk, Usage } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';

export interface MeteredTokens {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens?: number;
  readonly tokensEstimated: boolean;
}

/**
 * Watches a response's chunks for the usage record: the upstream's own usage when it sent one
 * (the last report wins), else a js-tiktoken count of the prompt and of the output text; and the
 * time of the first chunk.
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
        if (chunk.usage.inputTokens !== undefined || chunk.usage.outputTokens !== undefined) usage = { ...usage, ...chunk.usage };
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
        inputTokens: usage?.inputTokens ?? countInputTokens(request, model),
        outputTokens: usage?.outputTokens ?? countTextTokens(output.join(''), model),
        tokensEstimated: true,
      };
    },
    firstChunkAt: () => firstAt,
  };
}
