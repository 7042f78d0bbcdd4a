import { describe, expect, it } from 'vitest';
import { createHarness } from '../command-test-kit.js';

describe('processCommands with failover route commands', () => {
  it('should run the failover lifecycle with the seed replies', () => {
    const harness = createHarness();
    expect(harness.reply('!/list-failover-routes')).toBe('No failover routes defined');
    expect(harness.reply('!/create-failover-route(name=myroute,policy=k)')).toBe("Failover route 'myroute' created with policy 'k'");
    expect(harness.reply('!/create-failover-route(name=second, policy=mk)')).toBe("Failover route 'second' created with policy 'mk'");
    expect(harness.reply('!/list-failover-routes')).toBe('Failover routes: myroute:k, second:mk');
    expect(harness.reply('!/route-list(name=myroute)')).toBe("Failover route 'myroute' (policy: k) has no elements");
    expect(harness.reply('!/route-append(name=myroute, openrouter:model-a, openrouter:model-b)')).toBe(
      "Element 'openrouter:model-a' appended to failover route 'myroute'\nElement 'openrouter:model-b' appended to failover route 'myroute'",
    );
    expect(harness.reply('!/route-prepend(myroute, element=openai:gpt-4o)')).toBe(
      "Element 'openai:gpt-4o' prepended to failover route 'myroute'",
    );
    expect(harness.reply('!/route-list(myroute)')).toBe(
      "Failover route 'myroute' (policy: k) elements: openai:gpt-4o, openrouter:model-a, openrouter:model-b",
    );
    expect(harness.reply('!/route-clear(name=myroute)')).toBe("All elements cleared from failover route 'myroute'");
    expect(harness.routes.get('myroute')?.elements).toEqual([]);
    expect(harness.reply('!/delete-failover-route(name=myroute)')).toBe("Failover route 'myroute' deleted");
    expect(harness.reply('!/delete-failover-route(name=myroute)')).toBe("Failover route 'myroute' does not exist");
    expect(harness.reply('!/route-list')).toBe('Failover routes: second:mk');
  });

  it('should default the policy to k and reject bad policies and names', () => {
    const harness = createHarness();
    expect(harness.reply('!/create-failover-route(name=r)')).toBe("Failover route 'r' created with policy 'k'");
    expect(harness.reply('!/create-failover-route(name=r)')).toBe("Failover route 'r' already exists");
    expect(harness.reply('!/create-failover-route(name=x, policy=zz)')).toBe(
      'create-failover-route requires name and valid policy (policy: k, m, km or mk)',
    );
    expect(harness.reply('!/create-failover-route(policy=k)')).toContain('requires name and valid policy');
  });

  it('should validate every element before changing the route', () => {
    const harness = createHarness();
    harness.reply('!/create-failover-route(name=r, policy=m)');
    expect(harness.reply('!/route-append(name=r, openai:gpt-4o, nowhere:model)')).toBe(
      "Backend 'nowhere' in element 'nowhere:model' is not supported",
    );
    expect(harness.reply('!/route-prepend(name=r, gpt-4o)')).toBe("Element 'gpt-4o' must be backend:model");
    expect(harness.routes.get('r')?.elements).toEqual([]);
    expect(harness.reply('!/route-append(name=missing, openai:gpt-4o)')).toBe("Failover route 'missing' does not exist");
    expect(harness.reply('!/route-append(name=r)')).toBe('route-append requires a route name and at least one backend:model element');
    expect(harness.reply('!/route-append(r, openai:gpt-4o?temperature=0.5)')).toBe(
      "Element 'openai:gpt-4o?temperature=0.5' appended to failover route 'r'",
    );
  });

  it('should share routes between sessions, since routes are proxy-wide', () => {
    const first = createHarness();
    first.reply('!/create-failover-route(name=shared, policy=km)');
    const other = createHarness({ sessionId: 'session-2' });
    // A second session of the same proxy is given the same store.
    Object.assign(other.env, { routes: first.routes });
    expect(other.reply('!/list-failover-routes')).toBe('Failover routes: shared:km');
  });
});
