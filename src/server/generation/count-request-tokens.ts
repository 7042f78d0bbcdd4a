import { firstValueFrom, timeout } from 'rxjs';
import { countInputTokens } from '../../routing/count-input-tokens.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { GatewayCore } from '../gateway-core.js';
import { planUpstream } from './plan-upstream.js';

/**
 * Input tokens of a request for the count-tokens endpoints: asked of the provider when the
 * request goes to a backend of the client's own family that can count (Anthropic, Gemini), else
 * measured locally with js-tiktoken (system prompt, messages and tool definitions included).
 */
export async function countRequestTokens(
  core: GatewayCore,
  canonical: CanonicalRequest,
  clientFamily: 'anthropic' | 'gemini',
  forwardHeaders: Readonly<Record<string, string>> = {},
): Promise<number> {
  const plan = planUpstream(core, canonical.model, {}, { reason: {}, startedAt: core.now(), forwardHeaders: () => forwardHeaders });
  const first = plan.attempts[0];
  const registered = first === undefined ? undefined : core.registry.get(first.backend);
  const count = registered?.connector.countTokens;
  if (first !== undefined && registered !== undefined && registered.config.family === clientFamily && count !== undefined) {
    const key = registered.config.keys.find((candidate) => candidate.name === first.keyName);
    const upstream = await firstValueFrom(
      count(canonical, { backend: registered.config, model: first.model, key }, { dispatcher: registered.agent, forwardHeaders }).pipe(timeout({ first: 30_000 })),
    );
    if (Number.isFinite(upstream)) return upstream;
  }
  return countInputTokens(canonical, first?.model ?? canonical.model);
}
