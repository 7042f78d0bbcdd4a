import { firstValueFrom, timeout } from 'rxjs';
import type { BackendRegistry } from '../../backends/index.js';
import { countInputTokens } from '../../routing/count-input-tokens.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';

/**
 * Input tokens of a request for the count-tokens endpoints: asked of the provider when the
 * request goes to a backend of the client's own family that can count (Anthropic, Gemini), else
 * measured locally with js-tiktoken (system prompt, messages and tool definitions included).
 */
export async function countRequestTokens(
  registry: BackendRegistry,
  canonical: CanonicalRequest,
  clientFamily: 'anthropic' | 'gemini',
  forwardHeaders: Readonly<Record<string, string>> = {},
): Promise<number> {
  const { registered, target } = registry.resolve(canonical.model);
  const count = registered.connector.countTokens;
  if (registered.config.family === clientFamily && count !== undefined) {
    const upstream = await firstValueFrom(
      count(canonical, target, { dispatcher: registered.agent, forwardHeaders }).pipe(timeout({ first: 30_000 })),
    );
    if (Number.isFinite(upstream)) return upstream;
  }
  return countInputTokens(canonical, target.model);
}
