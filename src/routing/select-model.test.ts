import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.js';
import type { FailoverRoute } from './failover-route.js';
import { selectModel, type SelectModelInput } from './select-model.js';

const route: FailoverRoute = { name: 'main_fallback', policy: 'm', elements: ['openrouter:gpt-4', 'openrouter:sonnet-3.5'] };
const base: SelectModelInput = {
  requestedModel: 'gpt-4o',
  routes: new Map([[route.name, route]]),
  configuredBackends: ['openai', 'openrouter', 'anthropic'],
  defaultBackend: 'openai',
};

function thrown(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('selectModel', () => {
  it('should serve a bare model with the default backend', () => {
    expect(selectModel(base)).toEqual({ kind: 'direct', backend: 'openai', model: 'gpt-4o', parameters: {}, source: 'default' });
  });

  it('should honour an explicit backend (SEED-SPEC §13.6)', () => {
    expect(selectModel({ ...base, requestedModel: 'openrouter:anthropic/claude-3-haiku:beta' })).toEqual({
      kind: 'direct',
      backend: 'openrouter',
      model: 'anthropic/claude-3-haiku:beta',
      parameters: {},
      source: 'explicit',
    });
  });

  it('should keep a slash-before-colon model on the default backend (SEED-SPEC §13.6)', () => {
    const selection = selectModel({ ...base, requestedModel: 'openai/gpt-4o:free' });
    expect(selection).toMatchObject({ kind: 'direct', backend: 'openai', model: 'openai/gpt-4o:free', source: 'default' });
  });

  it('should carry URI parameters (SEED-SPEC §13.6)', () => {
    const selection = selectModel({ ...base, requestedModel: 'openai:gpt-4?temperature=0.5' });
    expect(selection).toEqual({ kind: 'direct', backend: 'openai', model: 'gpt-4', parameters: { temperature: '0.5' }, source: 'explicit' });
  });

  it('should select a route named by the request', () => {
    expect(selectModel({ ...base, requestedModel: 'main_fallback' })).toEqual({ kind: 'route', route, source: 'route' });
  });

  it('should let --force-model beat the request', () => {
    const selection = selectModel({ ...base, requestedModel: 'main_fallback', forceModel: 'anthropic:claude-sonnet-4' });
    expect(selection).toMatchObject({ kind: 'direct', backend: 'anthropic', model: 'claude-sonnet-4', source: 'force-model' });
  });

  it('should let the session model beat --force-model', () => {
    const selection = selectModel({ ...base, forceModel: 'anthropic:claude-sonnet-4', sessionModel: 'openrouter:gpt-4' });
    expect(selection).toMatchObject({ kind: 'direct', backend: 'openrouter', model: 'gpt-4', source: 'session' });
  });

  it('should select the route a session model names', () => {
    expect(selectModel({ ...base, sessionModel: 'main_fallback' })).toEqual({ kind: 'route', route, source: 'session' });
  });

  it('should combine a session backend with a bare session model', () => {
    const selection = selectModel({ ...base, sessionBackend: 'openrouter', sessionModel: 'gpt-4' });
    expect(selection).toMatchObject({ kind: 'direct', backend: 'openrouter', model: 'gpt-4', source: 'session' });
  });

  it('should move the next tier model to a session backend set alone', () => {
    expect(selectModel({ ...base, sessionBackend: 'anthropic', requestedModel: 'openai:claude-x' })).toMatchObject({
      backend: 'anthropic',
      model: 'claude-x',
      source: 'session',
    });
    expect(selectModel({ ...base, sessionBackend: 'anthropic', forceModel: 'claude-y' })).toMatchObject({
      backend: 'anthropic',
      model: 'claude-y',
      source: 'session',
    });
  });

  it('should let a one-off beat everything', () => {
    const selection = selectModel({
      ...base,
      oneOff: 'anthropic:claude-haiku',
      sessionModel: 'main_fallback',
      forceModel: 'openai:gpt-5',
      requestedModel: 'openrouter:x',
    });
    expect(selection).toMatchObject({ kind: 'direct', backend: 'anthropic', model: 'claude-haiku', source: 'one-off' });
  });

  it('should treat empty tier strings as unset', () => {
    expect(selectModel({ ...base, oneOff: '', sessionModel: '', sessionBackend: '', forceModel: '' })).toMatchObject({ source: 'default' });
  });

  it('should reject an unknown backend prefix, listing the known ones', () => {
    const error = thrown(() => selectModel({ ...base, requestedModel: 'nosuch:model' }));
    expect(error.code).toBe('GW_ERR_UNKNOWN_BACKEND');
    expect(error.info.details).toEqual({ backend: 'nosuch', known_backends: ['openai', 'openrouter', 'anthropic'] });
  });

  it('should reject an unknown session backend', () => {
    expect(thrown(() => selectModel({ ...base, sessionBackend: 'nosuch' })).code).toBe('GW_ERR_UNKNOWN_BACKEND');
  });

  it('should answer GW_ERR_NO_CREDENTIALS when no backend is configured', () => {
    expect(thrown(() => selectModel({ ...base, configuredBackends: [] })).code).toBe('GW_ERR_NO_CREDENTIALS');
  });

  it('should answer GW_ERR_NO_CREDENTIALS for a bare model without a default backend', () => {
    expect(thrown(() => selectModel({ ...base, defaultBackend: undefined })).code).toBe('GW_ERR_NO_CREDENTIALS');
  });

  it('should reject a selector with no model after the backend', () => {
    expect(thrown(() => selectModel({ ...base, requestedModel: 'openai:' })).code).toBe('GW_ERR_INVALID_REQUEST');
  });
});
