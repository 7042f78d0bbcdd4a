import { startFakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream.js';

/** The benchmark's provider, in its own process so it does not share the gateway's event loop. */
const upstream = await startFakeOpenAIUpstream({ defaultText: 'Hello! This is a short benchmark answer from the fake provider.' });
upstream.setScenario('bench-fail', { kind: 'error', status: 500, body: { error: { message: 'scripted failure', type: 'server_error', param: null, code: null } } });
upstream.setScenario('bench-slow-stream', { kind: 'text', text: 'first then the rest of a slowly streamed answer', pieces: 5, delayMs: 20 });
process.stdout.write(`${JSON.stringify({ baseUrl: upstream.baseUrl })}\n`);
process.on('SIGTERM', () => {
  void upstream.close().then(() => process.exit(0));
});
