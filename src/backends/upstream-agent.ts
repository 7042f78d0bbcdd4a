import { Agent } from 'undici';
import type { TimeoutConfig } from '../config/config.js';

/**
 * One keep-alive connection pool per backend, with the timeouts from config set explicitly:
 * undici's own defaults (300 s for headers and body) would let a dead upstream hang a client
 * for five minutes.
 */
export function createUpstreamAgent(timeouts: TimeoutConfig): Agent {
  return new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
    connections: 256,
    pipelining: 1,
  });
}
