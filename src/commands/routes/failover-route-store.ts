import type { FailoverPolicy, FailoverRoute } from '../../routing/failover-route.js';
import { validateRouteElement } from './validate-route-element.js';

/** The outcome of a route change: the route as it now is, or the reply text of the problem. */
export type RouteChange =
  | { readonly ok: true; readonly route: FailoverRoute }
  | { readonly ok: false; readonly message: string };

/** Called after every successful change, with all routes (for persistence). */
export type RouteChangeListener = (routes: readonly FailoverRoute[]) => void;

/**
 * The named failover routes of the proxy. Proxy-wide, not per session: the seeds create routes
 * with commands in one chat and select them by name from any session, and persist them with
 * `--config`. Changes are validated here, so YAML, the state file and commands share one rule
 * set; problems come back as the seeds' reply texts instead of being thrown.
 *
 * @example
 * const routes = new FailoverRouteStore(['openrouter']);
 * routes.create('fast', 'k');
 * routes.append('fast', ['openrouter:qwen/qwen3-coder']); // {ok: true, route: {…elements: [...]}}
 */
export class FailoverRouteStore {
  private readonly routes = new Map<string, FailoverRoute>();
  private readonly listeners = new Set<RouteChangeListener>();

  /**
   * @param configuredBackends backends an element may name
   * @param initial routes from the YAML config or the state file; taken as they are, because
   *   a route naming a backend whose key was removed should survive and simply be skipped.
   */
  constructor(
    private readonly configuredBackends: readonly string[],
    initial: readonly FailoverRoute[] = [],
  ) {
    for (const route of initial) this.routes.set(route.name, { ...{}, ...route, elements: [...route.elements] });
  }

  /** All routes, in creation order. */
  list(): FailoverRoute[] {
    return [...this.routes.values()];
  }

  get(name: string): FailoverRoute | undefined {
    return this.routes.get(name);
  }

  create(name: string, policy: FailoverPolicy): RouteChange {
    if (this.routes.has(name)) return { ok: false, message: `Failover route '${name}' already exists` };
    return this.put({ name, policy, elements: [] });
  }

  delete(name: string): RouteChange {
    const route = this.routes.get(name);
    if (route === undefined) return missing(name);
    this.routes.delete(name);
    this.notify();
    return { ok: true, route };
  }

  append(name: string, elements: readonly string[]): RouteChange {
    return this.edit(name, elements, (route) => [...route.elements, ...elements]);
  }

  prepend(name: string, elements: readonly string[]): RouteChange {
    return this.edit(name, elements, (route) => [...elements, ...route.elements]);
  }

  clear(name: string): RouteChange {
    return this.edit(name, [], () => []);
  }

  /** Registers a listener; returns the function that removes it. */
  onChange(listener: RouteChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private edit(name: string, elements: readonly string[], next: (route: FailoverRoute) => string[]): RouteChange {
    const route = this.routes.get(name);
    if (route === undefined) return missing(name);
    for (const element of elements) {
      const problem = validateRouteElement(element, this.configuredBackends);
      if (problem !== undefined) return { ok: false, message: problem };
    }
    return this.put({ ...{}, ...route, elements: next(route) });
  }

  private put(route: FailoverRoute): RouteChange {
    this.routes.set(route.name, route);
    this.notify();
    return { ok: true, route };
  }

  private notify(): void {
    const snapshot = this.list();
    for (const listener of this.listeners) listener(snapshot);
  }
}

function missing(name: string): RouteChange {
  return { ok: false, message: `Failover route '${name}' does not exist` };
}
