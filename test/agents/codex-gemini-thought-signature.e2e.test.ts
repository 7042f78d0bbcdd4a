import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexRequest, geminiRequestsFor, postJson, sseData, startAgentGateway, type AgentGateway } from './agent-gateway.js';

/**
 * Codex CLI (Responses front-end, `store: false`) → Gemini backend, a thinking model's tool loop.
 *
 * Observed with the real agent (Codex 0.169.0, custom provider with `wire_api = "responses"`,
 * model `gemini:…`): Gemini signs its `functionCall` part; the gateway streams a `function_call`
 * item (and a `reasoning` item without `encrypted_content`, although Codex asked for
 * `include: ["reasoning.encrypted_content"]`). Codex keeps no server state (`store: false`), so
 * its next request replays the output items it received plus a `function_call_output`; the
 * signature is in none of them, the gateway sends Gemini an unsigned `functionCall`, and Gemini 3
 * answers 400 "Function call is missing a thought_signature". Codex prints the error and exits 1.
 *
 * The replay below sends back exactly the items the gateway streamed (as Codex does) and checks
 * that the `functionCall` reaching Gemini carries a `thoughtSignature` again.
 */
let gateway: AgentGateway;

beforeAll(async () => {
  gateway = await startAgentGateway();
  // The stock Gemini fake signs the first functionCall part with 'sig-fake-0'.
  gateway.gemini.setScenario('codex-tool', { kind: 'tool-calls', calls: [{ name: 'exec_command', arguments: '{"cmd":"printf hi > hello.txt"}' }] });
  gateway.gemini.setScenario('codex-after-tool', { kind: 'text', text: 'Done.' });
});

afterAll(async () => {
  await gateway.close();
});

describe('Codex → gateway (Responses, store:false) → Gemini: thought signature of a function call', () => {
  it('sends the functionCall back to Gemini with a thoughtSignature after Codex replays the output items', async () => {
    const headers = { 'session-id': 'codex-session-1', originator: 'codex_exec' };
    const userTurn = [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions instructions>' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Create hello.txt containing hi' }] },
    ];
    const first = await postJson(`${gateway.url}/v1/responses`, codexRequest('gemini:codex-tool', userTurn, 'codex-session-1'), headers);
    expect(first.status).toBe(200);
    const events = await sseData(first);
    // Codex keeps each item from `response.output_item.done` and sends it back verbatim.
    const items = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item as Record<string, unknown>);
    const call = items.find((item) => item.type === 'function_call');
    expect(call?.name).toBe('exec_command');

    const second = await postJson(
      `${gateway.url}/v1/responses`,
      codexRequest('gemini:codex-after-tool', [...userTurn, ...items, { type: 'function_call_output', call_id: call?.call_id, output: 'Process exited with code 0' }], 'codex-session-1'),
      headers,
    );
    expect(second.status).toBe(200);
    await second.text();

    const [upstream] = geminiRequestsFor(gateway.gemini, 'codex-after-tool');
    const contents = (upstream?.body?.contents ?? []) as { role: string; parts: Record<string, unknown>[] }[];
    const callPart = contents.filter((content) => content.role === 'model').flatMap((content) => content.parts).find((part) => 'functionCall' in part);
    expect(callPart, 'the model turn with the functionCall').toBeDefined();
    // Fails today: the part goes out as { functionCall: {...} } with no thoughtSignature.
    expect(typeof callPart?.thoughtSignature === 'string' && callPart.thoughtSignature.length > 0, `functionCall part sent to Gemini: ${JSON.stringify(callPart)}`).toBe(true);
  });
});
