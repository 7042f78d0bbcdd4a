import { GatewayError } from '../errors/index.js';
import type { FailoverPolicy } from './failover-route.js';
import { parseSelector } from './parse-selector.js';
import type { Selection } from './select-model.js';

/** One upstream call to make: a backend, a model and the name (never the value) of a key. */
export interface Attempt {
  readonly backend: string;
  readonly model: string;
  /** Undefined for a keyless backend (a local server, an OAuth connector). */
  readonly keyName: string | undefined;
  /** `?k=v` parameters of the element, when it had any. */
  readonly parameters?: Readonly<Record<string, string>>;
}

/**
 * The key names of a backend, in the order to try them. `undefined` means the backend cannot be
 * used now (not configured, or every key cooling down or bad): its elements are skipped. An
 * empty list means a keyless backend: one attempt with `keyName` undefined.
 */
export type KeysOf = (backend: string) => readonly string[] | undefined;

export interface PlanAttemptsOptions {
  /** The attempt budget: the plan is cut to this many attempts. */
  readonly maxAttempts: number;
  /**
   * The circuit breaker's gate, asked once per distinct backend. Attempts on backends it refuses
   * are dropped — unless that would empty the plan, then the plan is kept whole (SEED-SPEC §4.3).
   */
  readonly canTry?: (backend: string) => boolean;
}

interface Element {
  readonly backend: string;
  readonly model: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** `[undefined]` for a keyless backend. */
  readonly keys: readonly (string | undefined)[];
}

/**
 * Expands a selection into the ordered list of attempts, up front (SEED-SPEC §4.2). A direct
 * selection is one element under policy `k`, so a rate-limited key moves the request to the
 * next key of the same backend. Pass keys already ordered by `KeyHealth` (see `healthyKeysOf`).
 *
 * With keys A1, A2 for A and B1 for B, route `[A:m1, B:m2]`:
 * - `k`  → (A,m1,A1) (A,m1,A2)
 * - `m`  → (A,m1,A1) (B,m2,B1)
 * - `km` → (A,m1,A1) (A,m1,A2) (B,m2,B1)
 * - `mk` → (A,m1,A1) (B,m2,B1) (A,m1,A2)
 *
 * @param selection the outcome of `selectModel`
 * @param keysOf key names per backend, in the order to use them
 * @example
 * planAttempts({ kind: 'direct', backend: 'A', model: 'm1', parameters: {}, source: 'default' }, () => ['A1', 'A2'], { maxAttempts: 5 })
 * // → [{ backend: 'A', model: 'm1', keyName: 'A1' }, { backend: 'A', model: 'm1', keyName: 'A2' }]
 */
export function planAttempts(selection: Selection, keysOf: KeysOf, options: PlanAttemptsOptions): Attempt[] {
  const policy: FailoverPolicy = selection.kind === 'route' ? selection.route.policy : 'k';
  const elements =
    selection.kind === 'route'
      ? selection.route.elements.map((selector) => toElement(parseElement(selector, selection.route.name), keysOf))
      : [toElement(selection, keysOf)];
  const planned = expand(policy, elements);
  return withoutOpenBackends(planned, options.canTry).slice(0, Math.max(0, options.maxAttempts));
}

function expand(policy: FailoverPolicy, elements: readonly Element[]): Attempt[] {
  switch (policy) {
    case 'k':
      return elements.length === 0 ? [] : elements[0].keys.map((key) => attemptOf(elements[0], key));
    case 'm':
      return elements.filter((element) => element.keys.length > 0).map((element) => attemptOf(element, element.keys[0]));
    case 'km':
      return elements.flatMap((element) => element.keys.map((key) => attemptOf(element, key)));
    case 'mk': {
      const rounds = Math.max(0, ...elements.map((element) => element.keys.length));
      const attempts: Attempt[] = [];
      for (let index = 0; index < rounds; index += 1) {
        for (const element of elements) {
          if (index < element.keys.length) attempts.push(attemptOf(element, element.keys[index]));
        }
      }
      return attempts;
    }
    default:
      return never(policy);
  }
}

function withoutOpenBackends(attempts: Attempt[], canTry: ((backend: string) => boolean) | undefined): Attempt[] {
  if (canTry === undefined) return attempts;
  const verdicts = new Map<string, boolean>();
  const allowed = attempts.filter((attempt) => {
    let verdict = verdicts.get(attempt.backend);
    if (verdict === undefined) {
      verdict = canTry(attempt.backend);
      verdicts.set(attempt.backend, verdict);
    }
    return verdict;
  });
  return allowed.length === 0 ? attempts : allowed;
}

function toElement(
  parsed: { readonly backend: string; readonly model: string; readonly parameters: Readonly<Record<string, string>> },
  keysOf: KeysOf,
): Element {
  const keys = keysOf(parsed.backend);
  return {
    backend: parsed.backend,
    model: parsed.model,
    parameters: parsed.parameters,
    keys: keys === undefined ? [] : keys.length === 0 ? [undefined] : keys,
  };
}

function parseElement(selector: string, route: string): { backend: string; model: string; parameters: Readonly<Record<string, string>> } {
  const parsed = parseSelector(selector);
  if (parsed.backend === undefined || parsed.model.length === 0) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', `Failover route '${route}' has an element '${selector}' that is not backend:model`, {
      info: { param: 'model' },
    });
  }
  return { backend: parsed.backend, model: parsed.model, parameters: parsed.parameters };
}

function attemptOf(element: Element, keyName: string | undefined): Attempt {
  const base = { backend: element.backend, model: element.model, keyName };
  return Object.keys(element.parameters).length === 0 ? base : { ...{}, ...base, parameters: element.parameters };
}

function never(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
