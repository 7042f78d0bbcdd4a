import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai';
import OpenAI from 'openai';

/** What a test checks, whichever SDK produced it. */
export interface NormalisedReply {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: readonly { readonly id: string; readonly name: string; readonly args: unknown }[];
  /** `stop`, `length`, `tool-calls`, … in the OpenAI vocabulary. */
  readonly finish: string;
  readonly inputTokens: number | undefined;
}

export interface ToolTurn {
  readonly call: { readonly id: string; readonly name: string; readonly args: unknown };
  readonly result: string;
}

export interface MatrixRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly prompt: string;
  readonly withTools?: boolean;
  /** A previous assistant tool call and its result, to test the round trip. */
  readonly toolTurn?: ToolTurn;
}

export type ClientName = 'openai' | 'anthropic' | 'gemini';

const weatherSchema = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };

let sessions = 0;

/**
 * Runs one request through the official SDK of `client` against the gateway at `url`, in a
 * session of its own (so per-session state such as tool-loop tracking never links two cases).
 */
export async function runClient(client: ClientName, url: string, apiKey: string, request: MatrixRequest): Promise<NormalisedReply> {
  const headers = { 'x-session-id': `matrix-${process.pid}-${++sessions}` };
  switch (client) {
    case 'openai':
      return runOpenAI(new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: headers }), request);
    case 'anthropic':
      return runAnthropic(new Anthropic({ apiKey, baseURL: `${url}/anthropic`, maxRetries: 0, defaultHeaders: headers }), request);
    case 'gemini':
      return runGemini(new GoogleGenAI({ apiKey, apiVersion: 'v1beta', httpOptions: { baseUrl: url, headers } }), request);
  }
}

async function runOpenAI(client: OpenAI, request: MatrixRequest): Promise<NormalisedReply> {
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: request.prompt }];
  if (request.toolTurn !== undefined) {
    const { call, result } = request.toolTurn;
    messages.push(
      { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } }] },
      { role: 'tool', tool_call_id: call.id, content: result },
    );
  }
  const body = {
    model: request.model,
    messages,
    ...(request.withTools === true ? { tools: [{ type: 'function' as const, function: { name: 'get_weather', parameters: weatherSchema } }] } : {}),
  };
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  let reasoning = '';
  if (request.stream) {
    const stream = client.chat.completions.stream({ ...body, stream_options: { include_usage: true } });
    stream.on('chunk', (chunk) => {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
    });
    completion = await stream.finalChatCompletion();
  } else {
    completion = await client.chat.completions.create(body);
    reasoning = (completion.choices[0]?.message as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
  }
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    reasoning,
    toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === 'function' ? [{ id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as unknown }] : [],
    ),
    finish: choice?.finish_reason ?? 'missing',
    inputTokens: completion.usage?.prompt_tokens,
  };
}

async function runAnthropic(client: Anthropic, request: MatrixRequest): Promise<NormalisedReply> {
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.prompt }];
  if (request.toolTurn !== undefined) {
    const { call, result } = request.toolTurn;
    messages.push(
      { role: 'assistant', content: [{ type: 'tool_use', id: call.id, name: call.name, input: call.args as Record<string, unknown> }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: result }] },
    );
  }
  const body: Anthropic.MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: 1024,
    messages,
    ...(request.withTools === true ? { tools: [{ name: 'get_weather', input_schema: weatherSchema }] } : {}),
  };
  const message = request.stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
  const stop: Record<string, string> = { end_turn: 'stop', tool_use: 'tool_calls', max_tokens: 'length', refusal: 'content_filter' };
  return {
    text: message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
    reasoning: message.content.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])).join(''),
    toolCalls: message.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, args: block.input }] : [])),
    finish: stop[message.stop_reason ?? ''] ?? String(message.stop_reason),
    inputTokens: message.usage.input_tokens,
  };
}

async function runGemini(client: GoogleGenAI, request: MatrixRequest): Promise<NormalisedReply> {
  const contents: Content[] = [{ role: 'user', parts: [{ text: request.prompt }] }];
  if (request.toolTurn !== undefined) {
    const { call, result } = request.toolTurn;
    contents.push(
      { role: 'model', parts: [{ functionCall: { id: call.id, name: call.name, args: call.args as Record<string, unknown> } }] },
      { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: result } } }] },
    );
  }
  const config = request.withTools === true ? { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: weatherSchema }] }] } : {};
  const responses: GenerateContentResponse[] = [];
  if (request.stream) {
    for await (const chunk of await client.models.generateContentStream({ model: request.model, contents, config })) responses.push(chunk);
  } else {
    responses.push(await client.models.generateContent({ model: request.model, contents, config }));
  }
  const parts = responses.flatMap((response) => response.candidates?.[0]?.content?.parts ?? []);
  const finishReason = responses.map((response) => response.candidates?.[0]?.finishReason).filter((reason) => reason !== undefined).at(-1);
  const toolCalls = parts.flatMap((part) => (part.functionCall === undefined ? [] : [{ id: part.functionCall.id ?? '', name: part.functionCall.name ?? '', args: part.functionCall.args }]));
  const finish = finishReason === 'STOP' ? (toolCalls.length > 0 ? 'tool_calls' : 'stop') : finishReason === 'MAX_TOKENS' ? 'length' : String(finishReason);
  return {
    text: parts.flatMap((part) => (part.thought !== true && part.text !== undefined ? [part.text] : [])).join(''),
    reasoning: parts.flatMap((part) => (part.thought === true && part.text !== undefined ? [part.text] : [])).join(''),
    toolCalls,
    finish,
    inputTokens: responses.at(-1)?.usageMetadata?.promptTokenCount,
  };
}
