import { checkResponsesLifecycle, type ResponsesLifecycleEvent } from '../../src/protocols/openai-responses/index.js';

/** Parses an SSE text into the JSON of its `data:` payloads. */
export function parseSseJson(text: string): ResponsesLifecycleEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) => block.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n'))
    .filter((data) => data.length > 0 && data !== '[DONE]')
    .map((data) => JSON.parse(data) as ResponsesLifecycleEvent);
}

/**
 * A `fetch` for the openai SDK that also keeps a copy of every Responses SSE body it receives, so a test
 * can run the strict lifecycle checker on exactly the bytes the SDK parsed.
 */
export function createSseCapture(): {
  readonly fetch: typeof fetch;
  /** Waits for every captured stream to end, checks each one, and returns their events. */
  readonly checkAll: () => Promise<ResponsesLifecycleEvent[][]>;
  readonly checked: () => number;
} {
  let pending: Promise<string>[] = [];
  let checked = 0;
  const capturingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const isResponsesStream = target.includes('/responses') && (response.headers.get('content-type') ?? '').includes('text/event-stream');
    if (!isResponsesStream || response.body === null) return response;
    const [forClient, forCheck] = response.body.tee();
    pending.push(new Response(forCheck).text());
    return new Response(forClient, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return {
    fetch: capturingFetch,
    checkAll: async () => {
      const texts = await Promise.all(pending);
      pending = [];
      return texts.map((text) => {
        const events = parseSseJson(text);
        checkResponsesLifecycle(events);
        checked++;
        return events;
      });
    },
    checked: () => checked,
  };
}
