import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const distRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts the fake provider process and returns its OpenAI base URL. */
export async function startFakeProvider(): Promise<{ readonly baseUrl: string; readonly child: ChildProcess }> {
  const child = spawn(process.execPath, [`${distRoot}bench/fake-upstream-process.js`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve) => lines.once('line', resolve));
  return { baseUrl: (JSON.parse(first) as { baseUrl: string }).baseUrl, child };
}

/** Starts the gateway as a real process; resolves once it answers `/health`, with the time that took. */
export async function startGatewayProcess(
  port: number,
  env: Readonly<Record<string, string>>,
  flags: readonly string[] = [],
): Promise<{ readonly child: ChildProcess; readonly coldStartMs: number; readonly url: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [`${distRoot}gateway.mjs`, '--port', String(port), '--anthropic-port', String(port + 1), '--disable-auth', '--log-level', 'warn', ...flags], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const response = await request(`${url}/health`);
      await response.body.dump();
      if (response.statusCode === 200) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  return { child, coldStartMs: performance.now() - started, url };
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * CPU time (ms) a process has used, from /proc (Linux): its main thread only — the event loop
 * every request goes through — or all its threads (workers, GC, libuv) with `allThreads`.
 */
export function cpuMs(pid: number | undefined, allThreads = false): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(allThreads ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name: state is the first, utime and stime the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
