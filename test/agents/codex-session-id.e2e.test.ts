import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, sseData, startAgentGateway, type AgentGateway } from './agent-gateway.js';

/**
 * Separate Codex CLI sessions are one gateway "session".
 *
 * Observed with the real agent (Codex 0.169.0): every request carries the agent's own session id
 * in a `session-id` header (also `thread-id`, `x-client-request-id`), but the gateway only reads
 * `x-session-id`; otherwise the session is a hash of client address + user agent, which is the
 * same for every Codex process of one machine. Tool-call loop detection (4 identical calls in
 * 120 s, break mode) then counts calls across unrelated sessions: four separate `codex exec`
 * runs in a row, each making one identical tool call, and the fourth run's FIRST response was
 * replaced by "Tool call loop detected: 'wait_agent' invoked with identical parameters 4 times
 * within 120s. Session stopped…" (gateway log: same `session` for all four, `toolLoopBroken:
 * true`). Session-scoped command state (`!/set …`) leaks the same way.
 *
 * Claude Code has the same problem with its `x-claude-code-session-id` header (second test).
 */
let gateway: AgentGateway;

beforeAll(async () => {
  gateway = await startAgentGateway();
  gateway.gemini.setScenario('same-call', { kind: 'tool-calls', calls: [{ name: 'exec_command', arguments: '{"cmd":"npm test"}' }] });
});

afterAll(async () => {
  await gateway.close();
});

const execCommand = { type: 'function', name: 'exec_command', description: 'Runs a command.', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } };

describe('agent session ids: separate agent sessions are not merged by the gateway', () => {
  it('does not count tool calls of four separate Codex sessions (distinct session-id headers) as one loop', async () => {
    for (let run = 1; run <= 4; run++) {
      const response = await postJson(
        `${gateway.url}/v1/responses`,
        {
          model: 'gemini:same-call',
          input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Run the tests' }] }],
          tools: [execCommand],
          store: false,
          stream: true,
          include: ['reasoning.encrypted_content'],
          prompt_cache_key: `codex-run-${run}`,
        },
        { 'user-agent': 'codex_exec/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.169.0)', 'session-id': `codex-run-${run}`, 'thread-id': `codex-run-${run}`, originator: 'codex_exec' },
      );
      expect(response.status).toBe(200);
      const items = (await sseData(response)).filter((event) => event.type === 'response.output_item.done').map((event) => event.item as Record<string, unknown>);
      // Fails today on run 4: the only item is a message "Tool call loop detected: 'exec_command' …".
      expect(items.map((item) => item.type), `run ${run}: ${JSON.stringify(items)}`).toEqual(['function_call']);
    }
  });

  it('does not count tool calls of four separate Claude Code sessions (distinct x-claude-code-session-id) as one loop', async () => {
    for (let run = 1; run <= 4; run++) {
      const response = await postJson(
        `${gateway.url}/v1/messages?beta=true`,
        {
          model: 'gemini:same-call',
          max_tokens: 1024,
          stream: true,
          tools: [{ name: 'exec_command', description: 'Runs a command.', input_schema: { type: 'object', properties: { cmd: { type: 'string' } } } }],
          messages: [{ role: 'user', content: 'Run the tests' }],
        },
        { 'user-agent': 'claude-cli/2.1.197 (external, sdk-cli)', 'anthropic-version': '2023-06-01', 'x-claude-code-session-id': `cc-run-${run}` },
      );
      expect(response.status).toBe(200);
      const starts = (await sseData(response)).filter((event) => event.type === 'content_block_start').map((event) => (event.content_block as { type: string }).type);
      expect(starts, `run ${run}`).toEqual(['tool_use']);
    }
  });
});
