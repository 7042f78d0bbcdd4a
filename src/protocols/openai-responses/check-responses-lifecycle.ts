/** A decoded Responses stream event, as the checker reads it. */
export interface ResponsesLifecycleEvent {
  readonly type: string;
  readonly sequence_number: number;
  readonly [key: string]: unknown;
}

const terminalTypes = new Set(['response.completed', 'response.incomplete', 'response.failed']);

interface ItemState {
  readonly type: string;
  done: boolean;
  /** content_index / summary_index → open? (true while open, false once done). */
  readonly parts: Map<number, boolean>;
  readonly summaries: Map<number, boolean>;
  argumentsDone: boolean;
}

/**
 * Throws when a Responses event stream breaks the lifecycle that the openai SDK's
 * `ResponseStream` and Codex CLI depend on. Checks: `response.created` first; `sequence_number`
 * 0, 1, 2, …; `output_item.added` indices sequential from 0; every added item done exactly once;
 * content / summary parts added before their deltas and done once; no delta for an item, part or
 * arguments already done; exactly one terminal event (`response.completed` / `.incomplete` /
 * `.failed`), and it is last. The first problem found is reported with its event position.
 *
 * @example
 * checkResponsesLifecycle(events.map((event) => JSON.parse(event.data)));
 */
export function checkResponsesLifecycle(events: readonly ResponsesLifecycleEvent[]): void {
  if (events.length === 0) throw new Error('lifecycle: no events');
  if (events[0].type !== 'response.created') throw new Error(`lifecycle: first event is ${events[0].type}, not response.created`);
  const items = new Map<number, ItemState>();
  events.forEach((event, position) => {
    const fail = (problem: string): never => {
      throw new Error(`lifecycle: event ${position} (${event.type}): ${problem}`);
    };
    if (event.sequence_number !== position) fail(`sequence_number ${String(event.sequence_number)}, expected ${position}`);
    if (terminalTypes.has(event.type)) {
      if (position !== events.length - 1) fail('terminal event is not last');
      for (const [index, item] of items) if (!item.done) fail(`item ${index} was added and never done`);
      return;
    }
    checkEvent(event, items, fail);
  });
  const last = events[events.length - 1];
  if (!terminalTypes.has(last.type)) throw new Error(`lifecycle: missing terminal event (last is ${last.type})`);
}

function checkEvent(event: ResponsesLifecycleEvent, items: Map<number, ItemState>, fail: (problem: string) => never): void {
  const outputIndex = event.output_index as number;
  const openItem = (): ItemState => {
    const item = items.get(outputIndex);
    if (item === undefined) return fail(`output_index ${outputIndex} was never added`);
    if (item.done) return fail(`output_index ${outputIndex} is already done`);
    return item;
  };
  const openPart = (parts: Map<number, boolean>, index: number, label: string): void => {
    const state = parts.get(index);
    if (state === undefined) fail(`${label} ${index} of output_index ${outputIndex} was never added`);
    if (state === false) fail(`${label} ${index} of output_index ${outputIndex} is already done`);
  };
  switch (event.type) {
    case 'response.output_item.added': {
      if (outputIndex !== items.size) fail(`output_index ${outputIndex}, expected ${items.size}`);
      const type = (event.item as { type?: string } | undefined)?.type ?? 'unknown';
      items.set(outputIndex, { type, done: false, parts: new Map(), summaries: new Map(), argumentsDone: false });
      return;
    }
    case 'response.output_item.done': {
      const item = openItem();
      for (const [index, open] of item.parts) if (open) fail(`content part ${index} is still open`);
      for (const [index, open] of item.summaries) if (open) fail(`summary part ${index} is still open`);
      item.done = true;
      return;
    }
    case 'response.content_part.added':
    case 'response.reasoning_summary_part.added': {
      const item = openItem();
      const summary = event.type === 'response.reasoning_summary_part.added';
      const parts = summary ? item.summaries : item.parts;
      const index = (summary ? event.summary_index : event.content_index) as number;
      if (index !== parts.size) fail(`part index ${index}, expected ${parts.size}`);
      parts.set(index, true);
      return;
    }
    case 'response.content_part.done':
    case 'response.reasoning_summary_part.done': {
      const item = openItem();
      const summary = event.type === 'response.reasoning_summary_part.done';
      const index = (summary ? event.summary_index : event.content_index) as number;
      openPart(summary ? item.summaries : item.parts, index, summary ? 'summary part' : 'content part');
      (summary ? item.summaries : item.parts).set(index, false);
      return;
    }
    case 'response.output_text.delta':
    case 'response.output_text.done':
    case 'response.refusal.delta':
    case 'response.refusal.done':
      openPart(openItem().parts, event.content_index as number, 'content part');
      return;
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_summary_text.done':
      openPart(openItem().summaries, event.summary_index as number, 'summary part');
      return;
    case 'response.function_call_arguments.delta':
    case 'response.function_call_arguments.done': {
      const item = openItem();
      if (item.type !== 'function_call') fail(`arguments event for a ${item.type} item`);
      if (item.argumentsDone) fail('arguments already done');
      if (event.type === 'response.function_call_arguments.done') item.argumentsDone = true;
      return;
    }
    default:
      return; // response.in_progress, error, keepalive and unknown events carry no item state
  }
}
