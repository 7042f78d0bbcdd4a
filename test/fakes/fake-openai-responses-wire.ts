import type { ServerResponse } from 'node:http';
import { splitPieces, type FakeScenario } from './fake-scenario.js';

const usage = { input_tokens: 11, input_tokens_details: { cached_tokens: 0 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 };

/** The output items and stream events of one scripted Responses answer, as the real API orders them. */
function itemsFor(scenario: FakeScenario): { items: Record<string, unknown>[]; events: (index: number) => Record<string, unknown>[][] } {
  if (scenario.kind === 'tool-calls') {
    const items = scenario.calls.map((call, index) => ({ type: 'function_call', id: `fc_fake_${index}`, call_id: `call_fake_${index}`, name: call.name, arguments: call.arguments, status: 'completed' }));
    return {
      items,
      events: () =>
        items.map((item, index) => [
          { type: 'response.output_item.added', output_index: index, item: { ...item, arguments: '', status: 'in_progress' } },
          ...splitPieces(item.arguments, 3).map((delta) => ({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: index, delta })),
          { type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, arguments: item.arguments },
          { type: 'response.output_item.done', output_index: index, item },
        ]),
    };
  }
  const text = 'text' in scenario ? scenario.text : '';
  const pieces = scenario.kind === 'text' ? scenario.pieces ?? 4 : 4;
  const item = { type: 'message', id: 'msg_fake_0', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
  const where = { item_id: item.id, output_index: 0, content_index: 0 };
  return {
    items: [item],
    events: () => [
      [
        { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
        { type: 'response.content_part.added', ...where, part: { type: 'output_text', text: '', annotations: [] } },
        ...splitPieces(text, pieces).map((delta) => ({ type: 'response.output_text.delta', ...where, delta, logprobs: [] })),
        { type: 'response.output_text.done', ...where, text, logprobs: [] },
        { type: 'response.content_part.done', ...where, part: item.content[0] },
        { type: 'response.output_item.done', output_index: 0, item },
      ],
    ],
  };
}

function responseObject(model: string, status: string, output: unknown[], withUsage: boolean): Record<string, unknown> {
  return { id: 'resp_fake', object: 'response', created_at: 1_700_000_000, status, error: null, incomplete_details: null, model, output, usage: withUsage ? usage : null };
}

/**
 * Answers `POST /v1/responses` on the fake OpenAI upstream: the scenario's text or function
 * calls as a Responses SSE stream (`event:` lines, `sequence_number` from 0) or, without
 * `stream: true`, as one response object; `error` scenarios as the HTTP error.
 */
export function serveResponses(scenario: FakeScenario, body: Record<string, unknown>, response: ServerResponse): void {
  const model = typeof body.model === 'string' ? body.model : 'fake';
  if (scenario.kind === 'error') {
    const text = JSON.stringify(scenario.body ?? { error: { message: `Fake upstream error ${scenario.status}`, type: 'server_error', param: null, code: null } });
    response.writeHead(scenario.status, { 'content-type': 'application/json', ...scenario.headers });
    response.end(text);
    return;
  }
  const { items, events } = itemsFor(scenario);
  if (body.stream !== true) {
    const text = JSON.stringify(responseObject(model, 'completed', items, true));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
    return;
  }
  const all = [
    { type: 'response.created', response: responseObject(model, 'in_progress', [], false) },
    { type: 'response.in_progress', response: responseObject(model, 'in_progress', [], false) },
    ...events(0).flat(),
    { type: 'response.completed', response: responseObject(model, 'completed', items, true) },
  ];
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.end(all.map((event, index) => `event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`).join(''));
}
