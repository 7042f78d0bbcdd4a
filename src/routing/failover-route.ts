/**
 * How a failover route expands into attempts (SEED-SPEC §4.2, legacy `_build_failover_attempts`):
 * - `k`: the first element only, once per key of its backend;
 * - `m`: each element in order, with the first key of its backend;
 * - `km`: each element in order, every key of its backend;
 * - `mk`: for key index i = 0.., each element in order with its i-th key when it has one.
 */
export type FailoverPolicy = 'k' | 'm' | 'km' | 'mk';

/** The policies, in the order the docs list them (for validation and help texts). */
export const failoverPolicies: readonly FailoverPolicy[] = ['k', 'm', 'km', 'mk'];

/**
 * A named failover route: `failover_routes: {<name>: {policy, elements: [backend:model, …]}}` in
 * YAML, or built with the route commands. A session selects it with `!/set(model=<name>)`.
 */
export interface FailoverRoute {
  readonly name: string;
  readonly policy: FailoverPolicy;
  /** `backend:model` selectors (a `?k=v` suffix is allowed), tried in this order. */
  readonly elements: readonly string[];
}

/** Whether a string names a failover policy. */
export function isFailoverPolicy(value: string): value is FailoverPolicy {
  return (failoverPolicies as readonly string[]).includes(value);
}
