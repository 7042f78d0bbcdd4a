import autocannon from 'autocannon';
import { Agent, request } from 'undici';

export interface Target {
  readonly url: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 1 });

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Sequential requests on one keep-alive connection: p50/p99 of the whole exchange, in ms. */
export async function latency(target: Target, samples: number): Promise<{ readonly p50: number; readonly p99: number }> {
  const times: number[] = [];
  for (let index = 0; index < samples + 50; index++) {
    const started = process.hrtime.bigint();
    const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
    await response.body.text();
    if (index >= 50) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((left, right) => left - right);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Time to the first body byte of a streamed answer (median over `samples`), in ms. */
export async function firstByte(target: Target, samples: number): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < samples + 10; index++) {
    const started = process.hrtime.bigint();
    const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    if (index >= 10) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await response.body.dump();
  }
  times.sort((left, right) => left - right);
  return percentile(times, 0.5);
}

/** Requests per second at `connections` concurrent connections (autocannon). */
export async function throughput(target: Target, connections: number, seconds: number): Promise<{ readonly rps: number; readonly errors: number }> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
  });
  return { rps: result.requests.average, errors: result.errors + result.non2xx };
}
