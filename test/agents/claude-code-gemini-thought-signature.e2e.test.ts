import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiRequestsFor, postJson, sseData, startAgentGateway, type AgentGateway } from './agent-gateway.js';

/**
 * Claude Code (Anthropic Messages front-end) → Gemini backend, a thinking model's tool loop.
 *
 * Observed with the real agent (Claude Code 2.1.197, `ANTHROPIC_BASE_URL` = the gateway, model
 * `gemini:…`): Gemini signs its `functionCall` part; the gateway streams a `thinking` block with
 * an empty `signature` and a `tool_use` block, so Claude Code's next request holds
 * `{type:"thinking", signature:""}` and the `tool_use`, and the gateway sends Gemini an unsigned
 * `functionCall`. Gemini 3 answers 400 "Function call is missing a thought_signature"; Claude
 * Code ends with `is_error: true, api_error_status: 400`.
 *
 * The replay below sends back the content blocks Claude Code assembled from the stream and
 * checks that the `functionCall` reaching Gemini carries a `thoughtSignature` again.
 */
let gateway: AgentGateway;

beforeAll(async () => {
  gateway = await startAgentGateway();
  // The stock Gemini fake signs the first functionCall part with 'sig-fake-0'.
  gateway.gemini.setScenario('claude-tool', { kind: 'tool-calls', calls: [{ name: 'Write', arguments: '{"file_path":"/w/hello.txt","content":"hi"}' }] });
  gateway.gemini.setScenario('claude-after-tool', { kind: 'text', text: 'Done.' });
});

afterAll(async () => {
  await gateway.close();
});

const writeTool = {
  name: 'Write',
  description: 'Writes a file to the local filesystem.',
  input_schema: { type: 'object', properties: { file_path: { type: 'string' }, content: { type: 'string' } }, required: ['file_path', 'content'] },
};

/** Rebuilds the assistant content blocks from an Anthropic SSE stream, as the SDK does. */
function assemble(events: Record<string, unknown>[]): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const json: string[] = [];
  for (const event of events) {
    const index = event.index as number;
    if (event.type === 'content_block_start') {
      blocks[index] = { ...(event.content_block as Record<string, unknown>) };
      json[index] = '';
    } else if (event.type === 'content_block_delta') {
      const delta = event.delta as Record<string, string>;
      const block = blocks[index] as Record<string, unknown>;
      if (delta.type === 'text_delta') block.text = `${String(block.text ?? '')}${delta.text}`;
      if (delta.type === 'thinking_delta') block.thinking = `${String(block.thinking ?? '')}${delta.thinking}`;
      if (delta.type === 'signature_delta') block.signature = delta.signature;
      if (delta.type === 'input_json_delta') json[index] += delta.partial_json;
    } else if (event.type === 'content_block_stop') {
      const block = blocks[index] as Record<string, unknown>;
      if (block.type === 'tool_use') block.input = JSON.parse(json[index] || '{}') as unknown;
    }
  }
  return blocks;
}

describe('Claude Code → gateway (Anthropic Messages) → Gemini: thought signature of a function call', () => {
  it('sends the functionCall back to Gemini with a thoughtSignature on the next turn', async () => {
    const headers = { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14', 'x-claude-code-session-id': 'cc-session-1' };
    const user = { role: 'user', content: [{ type: 'text', text: 'Create hello.txt containing hi' }] };
    const request = (model: string, messages: unknown[]): Record<string, unknown> => ({
      model,
      max_tokens: 32000,
      stream: true,
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      system: [{ type: 'text', text: 'You are Claude Code.' }],
      tools: [writeTool],
      messages,
    });
    const first = await postJson(`${gateway.url}/v1/messages?beta=true`, request('gemini:claude-tool', [user]), headers);
    expect(first.status).toBe(200);
    const blocks = assemble(await sseData(first));
    const toolUse = blocks.find((block) => block.type === 'tool_use');
    expect(toolUse?.name).toBe('Write');

    const second = await postJson(
      `${gateway.url}/v1/messages?beta=true`,
      request('gemini:claude-after-tool', [user, { role: 'assistant', content: blocks }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse?.id, content: 'File created successfully at: /w/hello.txt' }] }]),
      headers,
    );
    expect(second.status).toBe(200);
    await second.text();

    const [upstream] = geminiRequestsFor(gateway.gemini, 'claude-after-tool');
    const contents = (upstream?.body?.contents ?? []) as { role: string; parts: Record<string, unknown>[] }[];
    const callPart = contents.filter((content) => content.role === 'model').flatMap((content) => content.parts).find((part) => 'functionCall' in part);
    expect(callPart, 'the model turn with the functionCall').toBeDefined();
    // Fails today: the part goes out as { functionCall: {...} } with no thoughtSignature.
    expect(typeof callPart?.thoughtSignature === 'string' && callPart.thoughtSignature.length > 0, `functionCall part sent to Gemini: ${JSON.stringify(callPart)}`).toBe(true);
  });
});
