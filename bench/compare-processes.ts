import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { sum, takeTurns, warmUp } from './measure.js';
import { cpuMs, startGatewayProcess, stop } from './processes.js';

/** One gateway configuration, run as `count` processes. */
export interface ProcessConfig {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  /** Its flags, given a scratch folder of its own (for capture files, databases). */
  readonly flags: (dir: string) => readonly string[];
  readonly count: number;
}

export interface ConfigResult {
  /** Mean requests per second of its processes. */
  readonly rps: number;
  /** Each process's requests per second, in start order. */
  readonly each: readonly number[];
  /** Mean CPU µs per request: the event loop (main thread), and the whole process. */
  readonly loopCpu: number;
  readonly wholeCpu: number;
}

/**
 * Throughput of gateway configurations compared fairly on a noisy machine. Two processes of the
 * same build can differ by 15 % or more here for as long as they live, so one process per configuration
 * cannot show a 10 % difference: each configuration runs as several processes, started in turns,
 * and all of them take 1 s turns under the same load (see `takeTurns`), so drift falls on all
 * alike. Returns each configuration's figures (by name): the means of its processes'.
 */
export async function compareProcesses(
  configs: readonly ProcessConfig[],
  options: { readonly scratch: string; readonly port: () => number; readonly body: string; readonly seconds: number; readonly pauseMs?: number },
): Promise<(name: string) => ConfigResult> {
  const processes: { readonly name: string; readonly gateway: Awaited<ReturnType<typeof startGatewayProcess>> }[] = [];
  try {
    for (let turn = 0; turn < Math.max(...configs.map((config) => config.count)); turn += 1) {
      for (const config of configs.filter((candidate) => candidate.count > turn)) {
        const gateway = await startGatewayProcess(options.port(), config.env, config.flags(mkdtempSync(join(options.scratch, 'process-'))));
        processes.push({ name: config.name, gateway });
      }
    }
    const targets = processes.map(({ gateway }) => ({ url: `${gateway.url}/v1/chat/completions`, body: options.body }));
    await warmUp(targets, 32);
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 0));
    const pids = processes.map(({ gateway }) => gateway.child.pid);
    const before = pids.map((pid) => [cpuMs(pid), cpuMs(pid, true)]);
    const done = await takeTurns(targets, 32, options.seconds);
    const measured = processes.map(({ name }, index) => {
      const requests = sum(done[index] ?? []);
      const cpuPerRequest = (which: 0 | 1): number => ((cpuMs(pids[index], which === 1) - (before[index]?.[which] ?? 0)) * 1000) / requests;
      return { name, rps: requests / options.seconds, loopCpu: cpuPerRequest(0), wholeCpu: cpuPerRequest(1) };
    });
    return (name) => {
      const members = measured.filter((each) => each.name === name);
      if (members.length === 0) throw new Error(`no processes named ${name}`);
      const mean = (of: (each: (typeof members)[number]) => number): number => sum(members.map(of)) / members.length;
      return { rps: mean((each) => each.rps), each: members.map((each) => each.rps), loopCpu: mean((each) => each.loopCpu), wholeCpu: mean((each) => each.wholeCpu) };
    };
  } finally {
    for (const { gateway } of processes) await stop(gateway.child);
  }
}
