export interface CircuitBreakerOptions {
  /** Milliseconds since the epoch; injected. */
  readonly now: () => number;
  /** Consecutive failures that open the circuit. Default 5. */
  readonly failureThreshold?: number;
  /** How long an open circuit refuses calls, and how long a granted probe is awaited. Default 30 s. */
  readonly cooldownMs?: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

interface BackendCircuit {
  failures: number;
  /** Open until this instant (ms); 0 when closed. */
  openUntil: number;
  /** When the half-open probe was granted; undefined when none is out. */
  probeGrantedAt: number | undefined;
}

/**
 * A per-backend circuit breaker: after `failureThreshold` consecutive failures (5xx, connect
 * errors, timeouts) a backend is skipped for `cooldownMs`; then one probe is let through
 * (half-open). The probe's success closes the circuit, its failure opens it again. A probe that
 * never reports (the client went away) expires after `cooldownMs`, so the circuit cannot stick.
 *
 * @example
 * const breaker = new CircuitBreaker({ now: () => Date.now() });
 * if (breaker.canTry('openai')) … ; breaker.reportFailure('openai');
 */
export class CircuitBreaker {
  private readonly circuits = new Map<string, BackendCircuit>();
  private readonly now: () => number;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;

  constructor(options: CircuitBreakerOptions) {
    this.now = options.now;
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
  }

  /**
   * Whether a call to the backend may go out now. In the half-open state this *grants* the single
   * probe: later callers get false until the probe reports or expires.
   */
  canTry(backend: string): boolean {
    const circuit = this.circuits.get(backend);
    if (circuit === undefined || circuit.openUntil === 0) return true;
    const now = this.now();
    if (now < circuit.openUntil) return false;
    if (circuit.probeGrantedAt !== undefined && now < circuit.probeGrantedAt + this.cooldownMs) return false;
    circuit.probeGrantedAt = now;
    return true;
  }

  /** The state, without granting anything (diagnostics, tests). */
  state(backend: string): CircuitState {
    const circuit = this.circuits.get(backend);
    if (circuit === undefined || circuit.openUntil === 0) return 'closed';
    return this.now() < circuit.openUntil ? 'open' : 'half-open';
  }

  reportSuccess(backend: string): void {
    this.circuits.delete(backend);
  }

  reportFailure(backend: string): void {
    let circuit = this.circuits.get(backend);
    if (circuit === undefined) {
      circuit = { failures: 0, openUntil: 0, probeGrantedAt: undefined };
      this.circuits.set(backend, circuit);
    }
    circuit.failures += 1;
    const halfOpen = circuit.openUntil !== 0 && this.now() >= circuit.openUntil;
    if (halfOpen || circuit.failures >= this.failureThreshold) {
      circuit.openUntil = this.now() + this.cooldownMs;
      circuit.probeGrantedAt = undefined;
    }
  }
}
