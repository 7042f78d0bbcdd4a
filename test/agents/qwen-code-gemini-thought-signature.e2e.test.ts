import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiRequestsFor, postJson, sseData, startAgentGateway, type AgentGateway } from './agent-gateway.js';

/**
 * Qwen Code (Chat Completions front-end) → Gemini backend, a thinking model's tool-use loop.
 *
 * Observed with the real agent (Qwen Code 0.15.10, `--auth-type openai`, model `gemini:…`): the
 * Gemini upstream signs its `functionCall` part (`thoughtSignature`); the gateway streams the call
 * to Qwen Code as a plain `tool_calls` delta and keeps the signature nowhere, so Qwen Code's next
 * request (assistant `tool_calls` + `reasoning_content`, then a `tool` message whose content is
 * an array of parts) reaches Gemini with an unsigned `functionCall`. Gemini 3 answers 400
 * "Function call is missing a thought_signature in functionCall parts" and the agent stops.
 *
 * The replay below sends exactly the fields Qwen Code sends back; the gateway must put a
 * `thoughtSignature` on that `functionCall` again (the upstream's own, or at worst the documented
 * `skip_thought_signature_validator` placeholder, which Gemini CLI itself sends).
 */
let gateway: AgentGateway;

beforeAll(async () => {
  gateway = await startAgentGateway();
  // The stock Gemini fake signs the first functionCall part with 'sig-fake-0'.
  gateway.gemini.setScenario('qwen-tool', { kind: 'tool-calls', calls: [{ name: 'write_file', arguments: '{"file_path":"/w/hello.txt","content":"hi"}' }] });
  gateway.gemini.setScenario('qwen-after-tool', { kind: 'text', text: 'Done.' });
});

afterAll(async () => {
  await gateway.close();
});

const writeFileTool = {
  type: 'function',
  function: {
    name: 'write_file',
    description: 'Writes content to a file.',
    parameters: { type: 'object', properties: { file_path: { type: 'string' }, content: { type: 'string' } }, required: ['file_path', 'content'] },
  },
};

describe('Qwen Code → gateway (Chat Completions) → Gemini: thought signature of a function call', () => {
  it('sends the functionCall back to Gemini with a thoughtSignature on the next turn', async () => {
    const user = { role: 'user', content: [{ type: 'text', text: 'Create hello.txt containing hi' }] };
    const first = await postJson(`${gateway.url}/v1/chat/completions`, {
      model: 'gemini:qwen-tool',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'system', content: 'You are Qwen Code.' }, user],
      tools: [writeFileTool],
    });
    expect(first.status).toBe(200);
    const chunks = await sseData(first);
    let id = '';
    let name = '';
    let args = '';
    let reasoning = '';
    for (const chunk of chunks) {
      const delta = (chunk.choices as { delta?: Record<string, unknown> }[] | undefined)?.[0]?.delta ?? {};
      if (typeof delta.reasoning_content === 'string') reasoning += delta.reasoning_content;
      for (const call of (delta.tool_calls ?? []) as { id?: string; function?: { name?: string; arguments?: string } }[]) {
        id ||= call.id ?? '';
        name ||= call.function?.name ?? '';
        args += call.function?.arguments ?? '';
      }
    }
    expect(name).toBe('write_file');
    // Precondition: the upstream did sign the call.
    const firstUpstream = geminiRequestsFor(gateway.gemini, 'qwen-tool');
    expect(firstUpstream).toHaveLength(1);

    // What Qwen Code sends back: the assistant turn as it saw it, and the tool result as parts.
    const second = await postJson(`${gateway.url}/v1/chat/completions`, {
      model: 'gemini:qwen-after-tool',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'You are Qwen Code.' },
        user,
        { role: 'assistant', content: '', tool_calls: [{ id, type: 'function', function: { name, arguments: args } }], ...(reasoning ? { reasoning_content: reasoning } : {}) },
        { role: 'tool', tool_call_id: id, content: [{ type: 'text', text: 'Successfully created and wrote to new file: /w/hello.txt.' }] },
      ],
      tools: [writeFileTool],
    });
    expect(second.status).toBe(200);
    await second.text();

    const [upstream] = geminiRequestsFor(gateway.gemini, 'qwen-after-tool');
    const contents = (upstream?.body?.contents ?? []) as { role: string; parts: Record<string, unknown>[] }[];
    const callPart = contents.filter((content) => content.role === 'model').flatMap((content) => content.parts).find((part) => 'functionCall' in part);
    expect(callPart, 'the model turn with the functionCall').toBeDefined();
    // Fails today: the part goes out as { functionCall: {...} } with no thoughtSignature.
    expect(typeof callPart?.thoughtSignature === 'string' && callPart.thoughtSignature.length > 0, `functionCall part sent to Gemini: ${JSON.stringify(callPart)}`).toBe(true);
  });
});
