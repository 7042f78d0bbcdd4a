import { GatewayError } from '../errors/index.js';

/** Parses an upstream JSON body, naming the backend (never the request) when it is not JSON. */
export function parseUpstreamJson(text: string, backend: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('GW_ERR_UPSTREAM_PROTOCOL', `Backend ${backend} sent a body that is not JSON`);
  }
}
