import { once } from 'node:events';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';

export interface Target {
  readonly url: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 4 });

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function exchange(target: Target): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
  await response.body.text();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * p50/p99 of whole exchanges (ms) for each target, on keep-alive connections, one request at a
 * time. The targets are measured in turn within each round so that drift (JIT, the machine's
 * other work) falls on all of them alike. `idleMs` leaves every process idle that long before
 * each exchange (default 0: back to back).
 */
export async function latencies(targets: readonly Target[], samples: number, idleMs = 0): Promise<{ readonly p50: number; readonly p99: number }[]> {
  const times = targets.map((): number[] => []);
  for (let round = 0; round < samples + 100; round++) {
    for (const [index, target] of targets.entries()) {
      if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
      const time = await exchange(target);
      if (round >= 100) times[index]?.push(time);
    }
  }
  return times.map((list) => {
    list.sort((left, right) => left - right);
    return { p50: percentile(list, 0.5), p99: percentile(list, 0.99) };
  });
}

/** p50/p99 for one target. */
export async function latency(target: Target, samples: number): Promise<{ readonly p50: number; readonly p99: number }> {
  const [result] = await latencies([target], samples);
  return result ?? { p50: Number.NaN, p99: Number.NaN };
}

/**
 * Median time (ms) until the first body bytes holding `marker` — the first piece of the answer's
 * content — arrive. (Bytes before it, such as an empty role chunk, carry nothing a user sees.)
 */
export async function firstContent(target: Target, marker: string, samples: number): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < samples + 10; index++) {
    const started = process.hrtime.bigint();
    const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
    const ended = once(response.body, 'end');
    let seen = '';
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString('utf8');
        if (!seen.includes(marker)) return;
        response.body.off('data', onData);
        response.body.resume();
        resolve();
      };
      response.body.on('data', onData);
    });
    if (index >= 10) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await ended;
  }
  times.sort((left, right) => left - right);
  return percentile(times, 0.5);
}

/** One autocannon run of POSTs to the target. */
function load(target: Target, connections: number, seconds: number): ReturnType<typeof autocannon> {
  return autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
  });
}

/** Requests per second at `connections` concurrent connections (autocannon). */
export async function throughput(target: Target, connections: number, seconds: number): Promise<{ readonly rps: number; readonly errors: number }> {
  const result = await load(target, connections, seconds);
  return { rps: result.requests.average, errors: result.errors + result.non2xx };
}

/**
 * Loads every target in turn for one second, `rounds` times over, each round starting one
 * target further along (A B C, B C A, C A B …) so that none is always first after another. The
 * servers stay up between their turns. Returns the requests each target completed in each round.
 */
export async function takeTurns(targets: readonly Target[], connections: number, rounds: number): Promise<readonly (readonly number[])[]> {
  const done = targets.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < targets.length; step += 1) {
      const index = (round + step) % targets.length;
      const target = targets[index];
      if (target !== undefined) done[index]?.push((await load(target, connections, 1)).requests.total);
    }
  }
  return done;
}

/**
 * Brings servers to their steady state before they are measured: eight 1 s loads each, every one
 * opening and closing its connections. V8 keeps recompiling a Node server's hot functions for the
 * first few of those cycles (closing connections sends new object shapes through them, and their
 * optimised code is thrown away). Measured here with `--trace-opt`: after three 1 s loads, the
 * next five 1 s loads still saw about 150 TurboFan compilations (0.7 s of compiler time on the
 * second core); after six to eight, 15 to 20 (under 0.07 s). Shorter loads do not settle it as
 * well: twelve of 0.25 s left 60 to 70. That transient is no part of a running gateway's
 * throughput, and it is larger the more code a configuration runs, so it would bias comparisons
 * too. (autocannon ends a run only on its once-a-second sample tick, so loads shorter than a
 * second would take a second anyway.)
 */
export async function warmUp(targets: readonly Target[], connections: number): Promise<void> {
  await takeTurns(targets, connections, 8);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
