import { describe, expect, it, vi } from 'vitest';
import { FailoverRouteStore } from './failover-route-store.js';

describe('FailoverRouteStore', () => {
  it('should create, edit, list and delete routes', () => {
    const store = new FailoverRouteStore(['openai', 'openrouter']);
    expect(store.create('r', 'km')).toEqual({ ok: true, route: { name: 'r', policy: 'km', elements: [] } });
    store.append('r', ['openai:a']);
    store.prepend('r', ['openrouter:b', 'openai:c']);
    expect(store.get('r')?.elements).toEqual(['openrouter:b', 'openai:c', 'openai:a']);
    expect(store.clear('r')).toMatchObject({ ok: true, route: { elements: [] } });
    expect(store.list()).toEqual([{ name: 'r', policy: 'km', elements: [] }]);
    expect(store.delete('r')).toMatchObject({ ok: true });
    expect(store.list()).toEqual([]);
  });

  it('should reject unsupported backends and missing routes with the seed texts', () => {
    const store = new FailoverRouteStore(['openai'], [{ name: 'r', policy: 'k', elements: ['gone:x'] }]);
    expect(store.get('r')?.elements).toEqual(['gone:x']);
    expect(store.append('r', ['nope:m'])).toEqual({ ok: false, message: "Backend 'nope' in element 'nope:m' is not supported" });
    expect(store.append('x', ['openai:m'])).toEqual({ ok: false, message: "Failover route 'x' does not exist" });
    expect(store.create('r', 'm')).toEqual({ ok: false, message: "Failover route 'r' already exists" });
  });

  it('should notify listeners after each change only', () => {
    const store = new FailoverRouteStore(['openai']);
    const listener = vi.fn();
    const remove = store.onChange(listener);
    store.create('r', 'k');
    store.append('r', ['bad']);
    store.append('r', ['openai:m']);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenLastCalledWith([{ name: 'r', policy: 'k', elements: ['openai:m'] }]);
    remove();
    store.delete('r');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
