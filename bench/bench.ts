import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareProcesses } from './compare-processes.js';
import { firstContent, latencies, latency, throughput, warmUp, type Target } from './measure.js';
import { benchOperators } from './operators-bench.js';
import { rssMb, startFakeProvider, startGatewayProcess, stop } from './processes.js';

/**
 * `npm run bench`: starts the fake provider and the gateway as real processes on loopback and
 * measures what the issues name, printing a table and writing BENCHMARKS.md. Durations are
 * short by default; `BENCH_SECONDS` and `BENCH_SAMPLES` lengthen them.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const samples = Number(process.env.BENCH_SAMPLES ?? 1500);
let nextPort = 18_500 + Math.floor(Math.random() * 500) * 2;
const port = (): number => (nextPort += 2);

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean | undefined;
}

const rows: Row[] = [];
function record(metric: string, value: number, unit: string, target?: { readonly text: string; readonly ok?: (value: number) => boolean }): void {
  rows.push({ metric, value: `${value.toFixed(unit === 'req/s' || unit === 'µs' ? 0 : unit === 'MB/s' ? 1 : 3)} ${unit}`, target: target?.text ?? '', ok: target?.ok?.(value) });
  process.stderr.write(`  ${metric}: ${value.toFixed(3)} ${unit}\n`);
}

const userMessage = { role: 'user', content: 'Say hello in one short sentence.' };
const tool = { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } };
const chatBody = (stream: boolean, model = 'bench-model', tools = false): string =>
  JSON.stringify({ model, stream, messages: [userMessage], ...(tools ? { tools: [tool] } : {}) });

const provider = await startFakeProvider();
const scratch = mkdtempSync(join(tmpdir(), 'lip-bench-'));
const baseEnv = { OPENAI_API_KEY: 'sk-bench', OPENAI_API_BASE_URL: provider.baseUrl };
const quiet = ['--disable-accounting'];
const direct = (stream: boolean, model?: string): Target => ({ url: `${provider.baseUrl}/chat/completions`, body: chatBody(stream, model) });

try {
  // 0. Each operator alone, in this process, before any load has grown its heap or heated the machine.
  for (const result of await benchOperators()) {
    record(`operator alone: ${result.name}`, result.mbPerSecond, 'MB/s', result.name.startsWith('detectRepetitionLoop') || result.name.startsWith('loop detector') ? { text: '≥ 100 MB/s', ok: (value) => value >= 100 } : { text: 'report' });
  }

  // 1. The foundation: passthrough OpenAI chat, accounting off.
  const gateway = await startGatewayProcess(port(), baseEnv, quiet);
  try {
    record('cold start to first /health answer', gateway.coldStartMs, 'ms', { text: '≤ 300 ms', ok: (value) => value <= 300 });
    const proxied = (stream: boolean, model?: string, tools = false): Target => ({ url: `${gateway.url}/v1/chat/completions`, body: chatBody(stream, model, tools) });
    await latency(proxied(false), 10);
    record('RSS idle (started, a few requests served)', rssMb(gateway.child.pid), 'MB', { text: '≤ 80 MB', ok: (value) => value <= 80 });
    await latency(proxied(false), 300);

    // The gateway always streams upstream, so "direct" is the same streamed exchange without it.
    const anthropicBody = JSON.stringify({ model: 'bench-model', max_tokens: 50, messages: [userMessage] });
    const geminiBody = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: userMessage.content }] }] });
    const [directUnary, proxiedUnary, anthropic, gemini] = await latencies(
      [direct(true), proxied(false), { url: `${gateway.url}/v1/messages`, body: anthropicBody }, { url: `${gateway.url}/v1beta/models/bench-model:generateContent`, body: geminiBody }],
      samples,
    );
    if (directUnary === undefined || proxiedUnary === undefined || anthropic === undefined || gemini === undefined) throw new Error('latency samples missing');
    const passthrough = proxiedUnary.p50 - directUnary.p50;
    record('added p50 latency, unary, 1 connection (OpenAI → OpenAI)', passthrough, 'ms', { text: '≤ 0.5 ms', ok: (value) => value <= 0.5 });
    record('added p99 latency, unary, 1 connection', proxiedUnary.p99 - directUnary.p99, 'ms', { text: 'report' });
    record('added p50 latency, Anthropic client → OpenAI backend', anthropic.p50 - directUnary.p50, 'ms', { text: '≤ passthrough + 0.2 ms', ok: (value) => value <= passthrough + 0.2 });
    record('added p50 latency, Gemini client → OpenAI backend', gemini.p50 - directUnary.p50, 'ms', { text: '≤ passthrough + 0.2 ms', ok: (value) => value <= passthrough + 0.2 });

    const directFirst = await firstContent(direct(true, 'bench-slow-stream'), 'first', 200);
    const proxiedFirst = await firstContent(proxied(true, 'bench-slow-stream'), 'first', 200);
    record('added latency to the first streamed content', proxiedFirst - directFirst, 'ms', { text: '≤ 1 ms', ok: (value) => value <= 1 });
    // The stream above idles 20 ms before its first content, and on this VM a process that has
    // been idle takes longer to wake; the gateway is one more process to wake on each leg.
    const [backToBack] = await latencies([direct(false)], 100);
    const [afterIdle] = await latencies([direct(false)], 100, 20);
    if (backToBack === undefined || afterIdle === undefined) throw new Error('latency samples missing');
    record('platform: a direct exchange after 20 ms idle, over back to back (p50)', afterIdle.p50 - backToBack.p50, 'ms', {
      text: 'report (what waking idle processes costs here; the first-content figure pays it on extra hops)',
    });

    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(gateway.child.pid));
    }, 100);
    record('fake provider alone, streamed, 32 connections', (await throughput(direct(true), 32, seconds)).rps, 'req/s');
    await warmUp([proxied(false), proxied(true), proxied(false, 'bench-model', true)], 32);
    const unary = await throughput(proxied(false), 32, seconds);
    record('gateway unary throughput, 32 connections', unary.rps, 'req/s', { text: '≥ 4000 req/s', ok: (value) => value >= 4000 });
    record('gateway streaming throughput, 32 connections', (await throughput(proxied(true), 32, seconds)).rps, 'req/s', { text: 'report' });
    const withTools = await throughput(proxied(false, 'bench-model', true), 32, seconds);
    record('… with tools declared (every steering operator engaged)', withTools.rps, 'req/s', { text: 'report' });
    clearInterval(sampler);
    record('RSS peak under load (V8 keeps its grown heap afterwards)', peakRss, 'MB', { text: 'report' });
  } finally {
    await stop(gateway.child);
  }

  // 2. The steering operators' cost: the same tool-declaring load against processes with every
  // operator off (see compareProcesses for why several processes of each).
  const operatorsOff = { LOOP_DETECTION_ENABLED: 'false', TOOL_LOOP_DETECTION_ENABLED: 'false', TOOL_CALL_REPAIR_ENABLED: 'false', JSON_REPAIR_ENABLED: 'false', EMPTY_RESPONSE_RECOVERY_ENABLED: 'false' };
  const operators = await compareProcesses(
    [
      { name: 'off', env: { ...baseEnv, ...operatorsOff }, flags: () => quiet, count: 3 },
      { name: 'on', env: baseEnv, flags: () => quiet, count: 3 },
    ],
    { scratch, port, body: chatBody(false, 'bench-model', true), seconds },
  );
  const [operatorsOffRps, operatorsOnRps] = [operators('off').rps, operators('on').rps];
  record('unary throughput with tools, every operator off / on (mean of 3 processes each)', operatorsOnRps, 'req/s', { text: `off: ${operatorsOffRps.toFixed(0)} req/s` });
  record('operators on vs off', (operatorsOnRps / operatorsOffRps) * 100, '%', { text: '≥ 90 %', ok: (value) => value >= 90 });

  // 3. Wire capture and the usage database on, against processes with both off; then each alone.
  const capture = (dir: string): readonly string[] => ['--capture-file', join(dir, 'wire.jsonl')];
  const usage = (dir: string): readonly string[] => ['--data-dir', dir];
  const observed = await compareProcesses(
    [
      { name: 'off', env: baseEnv, flags: () => quiet, count: 4 },
      { name: 'capture + usage', env: baseEnv, flags: (dir) => [...capture(dir), ...usage(dir)], count: 4 },
      { name: 'capture alone', env: baseEnv, flags: (dir) => [...capture(dir), ...quiet], count: 2 },
      { name: 'usage alone', env: baseEnv, flags: usage, count: 2 },
    ],
    // Each turn's end cuts the requests in flight, whose usage rows need their tokens counted, and
    // the first count loads the tokenizer in the row worker (about a second of CPU, once per
    // process): the pause lets that finish before the measured turns.
    { scratch, port, body: chatBody(false), seconds, pauseMs: 2000 },
  );
  const [off, both] = [observed('off'), observed('capture + usage')];
  record('unary throughput, capture + usage off / on (mean of 4 processes each)', both.rps, 'req/s', { text: `off: ${off.rps.toFixed(0)} req/s` });
  record('capture + usage on vs off', (both.rps / off.rps) * 100, '%', { text: '≥ 90 %', ok: (value) => value >= 90 });
  record('event-loop CPU per request, capture + usage on', both.loopCpu, 'µs', { text: `off: ${off.loopCpu.toFixed(0)} µs` });
  record('whole-process CPU per request, capture + usage on', both.wholeCpu, 'µs', { text: `off: ${off.wholeCpu.toFixed(0)} µs` });
  // What chance alone does: the off processes against each other, two against two.
  const [first = 0, second = 0, third = 0, fourth = 0] = off.each;
  record('control: off vs off (two processes against two)', ((first + third) / (second + fourth)) * 100, '%', {
    text: `report (the off processes ranged ${Math.min(...off.each).toFixed(0)}–${Math.max(...off.each).toFixed(0)} req/s)`,
  });
  for (const name of ['capture alone', 'usage alone']) {
    const alone = observed(name);
    record(`${name} on vs off (2 processes)`, (alone.rps / off.rps) * 100, '%', {
      text: `report (event loop ${off.loopCpu.toFixed(0)} → ${alone.loopCpu.toFixed(0)} µs per request)`,
    });
  }

  // 4. Failover: a route whose first element always fails (500), second succeeds.
  const configFile = join(scratch, 'failover.yaml');
  writeFileSync(configFile, 'failover_routes:\n  bench-route: { policy: m, elements: [openai:bench-fail, openrouter:bench-model] }\nfailure_handling: { circuit_failure_threshold: 100000000 }\n');
  const failover = await startGatewayProcess(port(), { ...baseEnv, OPENROUTER_API_KEY: 'or-bench', OPENROUTER_API_BASE_URL: provider.baseUrl }, [...quiet, '--config', configFile]);
  try {
    const [plain, failing, failRoundTrip] = await latencies(
      [{ url: `${failover.url}/v1/chat/completions`, body: chatBody(false, 'openrouter:bench-model') }, { url: `${failover.url}/v1/chat/completions`, body: chatBody(false, 'bench-route') }, direct(true, 'bench-fail')],
      samples,
    );
    if (plain === undefined || failing === undefined || failRoundTrip === undefined) throw new Error('latency samples missing');
    record('failover: p50 extra over a direct success', failing.p50 - plain.p50, 'ms', {
      text: `≤ one upstream round trip (${failRoundTrip.p50.toFixed(3)} ms) + 0.5 ms`,
      ok: (value) => value <= failRoundTrip.p50 + 0.5,
    });
  } finally {
    await stop(failover.child);
  }

} finally {
  await stop(provider.child);
  // The capture runs write hundreds of megabytes here.
  rmSync(scratch, { recursive: true, force: true });
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
    'The fake provider, the gateway and the load generator all run on this machine, so they share its cores: throughput figures are bounded by that.\n\n' +
    `${table}\n`,
);
