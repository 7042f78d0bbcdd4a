import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexRequest, postJson, scriptedSignature, sseData, startAgentGateway, startScriptedAnthropic, type AgentGateway, type ScriptedAnthropic } from './agent-gateway.js';

/**
 * Codex CLI (Responses front-end, `store: false`) → Anthropic backend with reasoning on.
 *
 * Observed with the real agent (Codex 0.169.0, `-c model_reasoning_effort="high"`, model
 * `anthropic:…`): the gateway turns the effort into `thinking: {type: "enabled"}`; Claude answers
 * a signed `thinking` block then `tool_use`. The gateway streams a `reasoning` item WITHOUT
 * `encrypted_content` (Codex asked for `include: ["reasoning.encrypted_content"]`), so Codex
 * replays `{type:"reasoning", summary:[…], encrypted_content:null}`; the Anthropic encoder drops
 * reasoning that has no Anthropic signature, and the next request reaches Anthropic with an
 * assistant turn that starts with `tool_use` while thinking is enabled. The real API answers
 * 400 "Expected `thinking` or `redacted_thinking`, but found `tool_use`" and Codex exits 1.
 *
 * The replay below sends back exactly the items the gateway streamed, as Codex does.
 */
let gateway: AgentGateway;
let anthropic: ScriptedAnthropic;

beforeAll(async () => {
  anthropic = await startScriptedAnthropic('exec_command', { cmd: 'printf hi > hello.txt' });
  gateway = await startAgentGateway({ anthropic });
});

afterAll(async () => {
  await gateway.close();
});

describe('Codex → gateway (Responses, store:false) → Anthropic with thinking: the signed thinking block', () => {
  it('puts the signed thinking block back before tool_use on the turn after Codex replays the items', async () => {
    const headers = { 'session-id': 'codex-session-2', originator: 'codex_exec' };
    const userTurn = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Create hello.txt containing hi' }] }];
    const first = await postJson(`${gateway.url}/v1/responses`, codexRequest('anthropic:claude-fake', userTurn, 'codex-session-2'), headers);
    expect(first.status).toBe(200);
    const items = (await sseData(first)).filter((event) => event.type === 'response.output_item.done').map((event) => event.item as Record<string, unknown>);
    const call = items.find((item) => item.type === 'function_call');
    expect(call?.name).toBe('exec_command');
    // Precondition: the gateway asked Anthropic for thinking.
    expect((anthropic.requests[0]?.thinking as { type?: string } | undefined)?.type).toBe('enabled');

    const second = await postJson(
      `${gateway.url}/v1/responses`,
      codexRequest('anthropic:claude-fake', [...userTurn, ...items, { type: 'function_call_output', call_id: call?.call_id, output: 'Process exited with code 0' }], 'codex-session-2'),
      headers,
    );
    await second.text();

    const body = anthropic.requests[1];
    expect(body, 'the second upstream request').toBeDefined();
    const assistant = ((body?.messages ?? []) as { role: string; content: Record<string, unknown>[] }[]).filter((message) => message.role === 'assistant').at(-1);
    // Fails today: the assistant turn is [tool_use] only — the thinking block and its signature are gone.
    expect(assistant?.content[0], `assistant turn sent to Anthropic: ${JSON.stringify(assistant?.content)}`).toMatchObject({ type: 'thinking', signature: scriptedSignature });
    expect(second.status).toBe(200);
  });
});
