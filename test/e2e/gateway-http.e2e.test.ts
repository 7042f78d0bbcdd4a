import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream.js';
import { proxyKey, startGateway, upstreamKey, type RunningGateway } from './start-gateway.js';

let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({ flags: ['--max-body-bytes', '2000', '--timeout', '1'] });
  gateway.upstream.setScenario('fake-hang', { kind: 'hang' });
});
afterAll(async () => gateway.close());

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await request(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${proxyKey}`, ...headers },
    body,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as { error: Record<string, unknown> } };
}

const chat = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'fake-text', messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('proxy authentication', () => {
  it('should refuse a request without a key, or with a wrong one, with 401 in the OpenAI shape', async () => {
    const missing = await post('/v1/chat/completions', chat(), { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.json().error.type).toBe('authentication_error');
    const wrong = await post('/v1/chat/completions', chat(), { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('should accept the key as Bearer, x-api-key, x-goog-api-key or ?key=', async () => {
    expect((await post('/v1/chat/completions', chat())).status).toBe(200);
    expect((await post('/v1/chat/completions', chat(), { authorization: '', 'x-api-key': proxyKey })).status).toBe(200);
    expect((await post('/v1/chat/completions', chat(), { authorization: '', 'x-goog-api-key': proxyKey })).status).toBe(200);
    expect((await post(`/v1/chat/completions?key=${proxyKey}`, chat(), { authorization: '' })).status).toBe(200);
  });

  it('should serve /health without a key', async () => {
    const response = await request(`${gateway.url}/health`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ status: 'ok', backends: ['openai'] });
  });

  it('should never put the upstream key in a response', async () => {
    const { text } = await post('/v1/chat/completions', chat({ model: 'nope:x' }));
    expect(text).not.toContain(upstreamKey);
  });
});

describe('bad input', () => {
  it('should answer malformed JSON with 400', async () => {
    const response = await post('/v1/chat/completions', '{"model": "x", "messages": [');
    expect(response.status).toBe(400);
    expect(response.json().error).toMatchObject({ type: 'invalid_request_error' });
  });

  it('should answer a schema violation with 400 naming the field path', async () => {
    const response = await post('/v1/chat/completions', JSON.stringify({ model: 'fake-text', messages: [{ role: 'user', content: 42 }] }));
    expect(response.status).toBe(400);
    expect(String(response.json().error.message)).toContain('messages.0.content');
    expect(response.json().error.param).toContain('messages.0.content');
  });

  it('should answer an unknown backend prefix with 400 listing the known backends', async () => {
    const response = await post('/v1/chat/completions', chat({ model: 'nosuch:gpt-4o' }));
    expect(response.status).toBe(400);
    expect(String(response.json().error.message)).toMatch(/Unknown backend 'nosuch'.*Known backends: openai/);
  });

  it('should answer an oversize body with 413', async () => {
    const response = await post('/v1/chat/completions', chat({ padding: 'x'.repeat(5000) }));
    expect(response.status).toBe(413);
    expect(response.json().error.message).toMatch(/larger than the configured limit/);
  });

  it('should answer an unknown route with 404 in the OpenAI shape', async () => {
    const response = await post('/v1/nothing-here', '{}');
    expect(response.status).toBe(404);
    expect(response.json().error.type).toBeDefined();
  });

  it('should time out an upstream that never answers, per --timeout, with 504', async () => {
    const started = Date.now();
    const response = await post('/v1/chat/completions', chat({ model: 'fake-hang' }));
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should keep serving after bad input', async () => {
    for (const body of ['[', 'null', '"x"', '{"messages":{}}', '{"model":1}']) {
      const response = await post('/v1/chat/completions', body);
      expect(response.status).toBe(400);
    }
    expect((await post('/v1/chat/completions', chat())).status).toBe(200);
  });
});

describe('GET /v1/models', () => {
  it('should list every backend model as backend:model, skipping a failing backend', async () => {
    const dead = await startFakeOpenAIUpstream();
    const deadUrl = dead.baseUrl;
    await dead.close();
    const withDead = await startGateway({ env: { OPENROUTER_API_KEY: 'or-key', OPENROUTER_API_BASE_URL: deadUrl } });
    try {
      for (const path of ['/v1/models', '/models']) {
        const response = await request(`${withDead.url}${path}`, { headers: { authorization: `Bearer ${proxyKey}` } });
        const body = (await response.body.json()) as { object: string; data: { id: string; owned_by: string }[] };
        expect(body.object).toBe('list');
        expect(body.data.map((model) => model.id)).toEqual(['openai:fake-model']);
      }
      const listings = withDead.upstream.requests.filter((recorded) => recorded.url.endsWith('/models'));
      expect(listings).toHaveLength(1);
    } finally {
      await withDead.close();
    }
  });
});

describe('--force-model', () => {
  it('should send every request to the forced backend and model, whatever the client asked', async () => {
    const forced = await startGateway({ flags: ['--force-model', 'openai:forced-model'] });
    try {
      const response = await request(`${forced.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${proxyKey}` },
        body: JSON.stringify({ model: 'claude-3-opus', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
      expect(forced.upstream.requests.at(-1)?.body?.model).toBe('forced-model');
    } finally {
      await forced.close();
    }
  });
});
