import type { FastifyReply, FastifyRequest } from 'fastify';
import { applySessionToRequest, consumeOneOff, processCommands } from '../../commands/index.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';
import type { FrontEnd } from '../front-end.js';
import type { GatewayCore } from '../gateway-core.js';
import { sessionIdOf } from '../request-identity.js';
import { replyWithText } from './reply-with-text.js';
import { runGeneration, type GenerationOptions } from './run-generation.js';

const version = '0.1.0';

/**
 * What every front-end route calls with the decoded request: in-chat commands first (read from
 * the latest user message, stripped, their effect stored in the session), then either the
 * proxy's own reply (a command-only message never reaches a backend) or the generation with the
 * session's model, one-off route, sampling and steering overrides applied.
 */
export async function handleGenerationRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  frontEnd: FrontEnd,
  canonical: CanonicalRequest,
  core: GatewayCore,
  options: Pick<GenerationOptions, 'streamFormat' | 'preferredConnector'> = {},
): Promise<void> {
  const sessionId = sessionIdOf(request);
  const session = core.sessions.get(sessionId);
  const outcome = processCommands({
    request: canonical,
    session,
    prefix: core.config.commands.prefix,
    disabled: core.config.commands.disabled,
    forceSetProject: core.config.commands.forceSetProject,
    context: {
      routes: core.routeStore,
      configuredBackends: core.registry.ids(),
      defaultBackend: core.defaultBackend,
      ...withAliases(core.reasoningAliases()),
      version,
      now: core.now(),
    },
  });
  if (outcome.kind === 'reply') {
    core.sessions.update(sessionId, () => outcome.session);
    core.observability.audit?.record({ timestamp: core.now(), kind: 'command', sessionId, clientHost: request.ip, detail: { reply: outcome.text } });
    request.log.info({ session: sessionId }, 'in-chat command answered by the proxy');
    await replyWithText(reply, frontEnd, canonical, outcome.text, { now: core.now, ...(options.streamFormat === undefined ? {} : { streamFormat: options.streamFormat }) });
    return;
  }
  const applied = applySessionToRequest(outcome.request, outcome.session);
  const { session: next, oneOff } = consumeOneOff(outcome.session);
  core.sessions.update(sessionId, () => next);
  if (outcome.notices.length > 0) core.observability.audit?.record({ timestamp: core.now(), kind: 'command', sessionId, clientHost: request.ip, detail: { notices: outcome.notices } });
  await runGeneration(request, reply, frontEnd, applied, core, {
    ...{},
    ...options,
    sessionId,
    session: {
      ...{},
      ...(oneOff === undefined ? {} : { oneOff: `${oneOff.backend}:${oneOff.model}` }),
      ...(next.model === undefined ? {} : { model: next.model }),
      ...(next.backend === undefined ? {} : { backend: next.backend }),
      ...(next.openaiUrl === undefined ? {} : { openaiUrl: next.openaiUrl }),
      ...(next.project === undefined ? {} : { project: next.project }),
      ...(next.redactApiKeysInPrompts === undefined ? {} : { redactApiKeysInPrompts: next.redactApiKeysInPrompts }),
      ...(next.loopDetection === undefined ? {} : { loopDetection: next.loopDetection }),
      ...(next.toolLoop === undefined ? {} : { toolLoop: next.toolLoop }),
    },
  });
}

function withAliases(aliases: ReturnType<GatewayCore['reasoningAliases']>): { reasoningAliases?: NonNullable<typeof aliases> } {
  return aliases === undefined ? {} : { reasoningAliases: aliases };
}
