import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, sseData, startAgentGateway, type AgentGateway } from './agent-gateway.js';

/**
 * Codex CLI → gateway → `openai` backend (native Responses passthrough): function_call item ids.
 *
 * Observed with the real agent (Codex 0.169.0, model `openai:…`, a scripted upstream that answers
 * a `reasoning` item `rs_68` + `function_call` item `fc_68`): the gateway streamed the reasoning
 * item with its upstream id but the function call under a NEW id (`fc_3699…`); Codex replayed
 * both, and the gateway then sent the function call upstream with no `id` at all, right after
 * `rs_68`. Codex talking to OpenAI directly replays `fc_68` with its id. OpenAI pairs a reasoning
 * item with the item that followed it by id; reasoning followed by an id-less function_call is
 * the known 400 "Item 'rs_…' of type 'reasoning' was provided without its required following
 * item" (vercel/ai#7099, langchainjs#9082), i.e. Codex + a reasoning model (store:false) via the
 * passthrough fails on its second request. (Not reproduced against the real API here: no network.)
 *
 * Causes: `canonical-to-openai-responses-events.ts` opens function_call items with a generated
 * id instead of `providerMetadata.openai.itemId`; `encode-openai-responses-input.ts` never writes
 * `id` on function_call items although `decodeFunctionCall` kept it as `providerMetadata.openai.itemId`.
 */
let gateway: AgentGateway;

beforeAll(async () => {
  gateway = await startAgentGateway();
  // The stock fake's Responses wire answers a function_call item with id 'fc_fake_0', call_id 'call_fake_0'.
  gateway.openai.setScenario('codex-tool', { kind: 'tool-calls', calls: [{ name: 'exec_command', arguments: '{"cmd":"printf hi > hello.txt"}' }] });
  gateway.openai.setScenario('codex-after-tool', { kind: 'text', text: 'Done.' });
});

afterAll(async () => {
  await gateway.close();
});

const execCommand = { type: 'function', name: 'exec_command', description: 'Runs a command.', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } };

function codexRequest(model: string, input: unknown[]): Record<string, unknown> {
  return { model, input, tools: [execCommand], tool_choice: 'auto', parallel_tool_calls: true, reasoning: { effort: 'high', summary: 'auto' }, store: false, stream: true, include: ['reasoning.encrypted_content'] };
}

describe('Codex → gateway (Responses passthrough) → OpenAI: function_call item ids survive the round trip', () => {
  it('streams the upstream function_call id to Codex and sends it back upstream on the next turn', async () => {
    const headers = { 'session-id': 'codex-session-3' };
    const userTurn = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Create hello.txt containing hi' }] }];
    const first = await postJson(`${gateway.url}/v1/responses`, codexRequest('openai:codex-tool', userTurn), headers);
    expect(first.status).toBe(200);
    const items = (await sseData(first)).filter((event) => event.type === 'response.output_item.done').map((event) => event.item as Record<string, unknown>);
    const call = items.find((item) => item.type === 'function_call');
    expect(call?.call_id).toBe('call_fake_0');

    const second = await postJson(
      `${gateway.url}/v1/responses`,
      codexRequest('openai:codex-after-tool', [...userTurn, ...items, { type: 'function_call_output', call_id: call?.call_id, output: 'Process exited with code 0' }]),
      headers,
    );
    expect(second.status).toBe(200);
    await second.text();
    const upstream = gateway.openai.requests.filter((request) => request.url.endsWith('/responses') && request.body?.model === 'codex-after-tool')[0];
    const replayed = ((upstream?.body?.input ?? []) as Record<string, unknown>[]).find((item) => item.type === 'function_call');

    // Fails today: the client sees a gateway-made id, and the replayed item goes upstream without one.
    expect({ streamed: call?.id, replayed: replayed?.id }).toEqual({ streamed: 'fc_fake_0', replayed: 'fc_fake_0' });
  });
});
