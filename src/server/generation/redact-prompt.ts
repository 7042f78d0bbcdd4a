import type { FastifyRequest } from 'fastify';
import { redactCanonicalRequest } from '../../redaction/index.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { GatewayCore } from '../gateway-core.js';

/**
 * Masks API keys found in the prompt (every role, every text part) before it leaves the proxy:
 * the configured keys and the common key formats. On by default; `--disable-redact-api-keys-in-prompts`
 * or the session's `!/set(redact-api-keys-in-prompts=false)` turn it off.
 */
export function redactPrompt(core: GatewayCore, canonical: CanonicalRequest, sessionSetting: boolean | undefined, request: FastifyRequest): CanonicalRequest {
  if (!(sessionSetting ?? core.config.observability.redactApiKeysInPrompts)) return canonical;
  const { request: redacted, count } = redactCanonicalRequest(canonical, core.observability.promptRedactor);
  if (count > 0) request.log.warn({ count }, 'API key detected in prompt; redacted before forwarding');
  return redacted;
}
