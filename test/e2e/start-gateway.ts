import type { FastifyInstance } from 'fastify';
import { parseCliFlags, resolveConfig, type EnvironmentVariables } from '../../src/config/index.js';
import { buildApp } from '../../src/server/build-app.js';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';

export const proxyKey = 'proxy-test-key';
export const upstreamKey = 'sk-upstream-secret-key-1234567890';

export interface RunningGateway {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly upstream: FakeOpenAIUpstream;
  close(): Promise<void>;
}

/** Starts a fake OpenAI upstream and the gateway (on loopback, port 0) pointed at it. */
export async function startGateway(
  options: { readonly flags?: readonly string[]; readonly env?: EnvironmentVariables; readonly upstream?: FakeOpenAIUpstream } = {},
): Promise<RunningGateway> {
  const upstream = options.upstream ?? (await startFakeOpenAIUpstream());
  const config = resolveConfig(parseCliFlags(['--port', '0', ...(options.flags ?? [])]), {
    DATA_DIR: ':memory:',
    OPENAI_API_KEY: upstreamKey,
    OPENAI_API_BASE_URL: upstream.baseUrl,
    LLM_INTERACTIVE_PROXY_API_KEY: proxyKey,
    ...options.env,
  });
  const app = await buildApp(config);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    upstream,
    close: async () => {
      await app.close();
      await upstream.close();
    },
  };
}

/** Polls until `check` holds (for effects that happen on another socket), failing after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
