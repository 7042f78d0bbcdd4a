import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { firstByte, latency, throughput, type Target } from './measure.js';
import { rssMb, startFakeProvider, startGatewayProcess, stop } from './processes.js';

/**
 * `npm run bench`: starts the fake provider and the gateway as real processes on loopback and
 * measures what the foundation issue names, printing a table and writing BENCHMARKS.md.
 * Durations are short by default; `BENCH_SECONDS` and `BENCH_SAMPLES` lengthen them.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const samples = Number(process.env.BENCH_SAMPLES ?? 1500);
const gatewayPort = 18_500 + Math.floor(Math.random() * 1000);

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean | undefined;
}

const rows: Row[] = [];
function record(metric: string, value: number, unit: string, target?: { readonly text: string; readonly ok: ((value: number) => boolean) | undefined }): void {
  rows.push({ metric, value: `${value.toFixed(unit === 'req/s' ? 0 : 3)} ${unit}`, target: target?.text ?? '', ok: target?.ok?.(value) });
  process.stderr.write(`  ${metric}: ${value.toFixed(3)} ${unit}\n`);
}

const chatBody = (stream: boolean, model = 'bench-model'): string =>
  JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Say hello in one short sentence.' }] });

const provider = await startFakeProvider();
const gateway = await startGatewayProcess(gatewayPort, { OPENAI_API_KEY: 'sk-bench', OPENAI_API_BASE_URL: provider.baseUrl });
try {
  record('cold start to first /health answer', gateway.coldStartMs, 'ms', { text: '≤ 300 ms', ok: (value) => value <= 300 });
  const direct = (stream: boolean, model?: string): Target => ({ url: `${provider.baseUrl}/chat/completions`, body: chatBody(stream, model) });
  const proxied = (stream: boolean, model?: string): Target => ({ url: `${gateway.url}/v1/chat/completions`, body: chatBody(stream, model) });

  // Warm both paths (JIT, keep-alive pools) before measuring.
  await latency(proxied(false), 300);
  record('RSS idle (after warm-up)', rssMb(gateway.child.pid), 'MB', { text: '≤ 80 MB', ok: (value) => value <= 80 });

  // The gateway always streams upstream, so "direct" is the same streamed exchange without it.
  const directUnary = await latency(direct(true), samples);
  const proxiedUnary = await latency(proxied(false), samples);
  record('added p50 latency, unary, 1 connection', proxiedUnary.p50 - directUnary.p50, 'ms', { text: '≤ 0.5 ms', ok: (value) => value <= 0.5 });
  record('added p99 latency, unary, 1 connection', proxiedUnary.p99 - directUnary.p99, 'ms', { text: 'report', ok: undefined });

  const directFirst = await firstByte(direct(true, 'bench-slow-stream'), 200);
  const proxiedFirst = await firstByte(proxied(true, 'bench-slow-stream'), 200);
  record('added first-byte latency, streaming', proxiedFirst - directFirst, 'ms', { text: '≤ 1 ms', ok: (value) => value <= 1 });

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(gateway.child.pid));
  }, 100);
  const directRps = await throughput(direct(true), 32, seconds);
  record('fake provider alone, streamed, 32 connections', directRps.rps, 'req/s');
  const unary = await throughput(proxied(false), 32, seconds);
  record('gateway unary throughput, 32 connections', unary.rps, 'req/s', { text: '≥ 4000 req/s', ok: (value) => value >= 4000 });
  const streaming = await throughput(proxied(true), 32, seconds);
  record('gateway streaming throughput, 32 connections', streaming.rps, 'req/s', { text: 'report', ok: undefined });
  clearInterval(sampler);
  record('RSS peak under load', peakRss, 'MB', { text: 'report', ok: undefined });
  if (unary.errors + streaming.errors > 0) process.stderr.write(`  warning: ${unary.errors + streaming.errors} errored requests under load\n`);
} finally {
  await stop(gateway.child);
  await stop(provider.child);
}

const table = [
  '| metric | value | target | met |',
  '| --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.metric} | ${row.value} | ${row.target} | ${row.ok === undefined ? '' : row.ok ? 'yes' : '**no**'} |`),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
process.stdout.write(`\n${table}\n`);
const file = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
writeFileSync(
  file,
  `# Benchmarks\n\nLatest \`npm run bench\` (${new Date().toISOString()}, ${machine}; ${seconds} s per throughput run, ${samples} latency samples).\n` +
    `The fake provider, the gateway and the load generator all run on this machine, so they share its cores.\n\n${table}\n`,
);
