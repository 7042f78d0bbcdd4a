// Bundles the server into one ES module (dist/gateway.mjs) so `npm start` does not resolve and
// read hundreds of small files at start-up: the first request is served well under 0.3 s.
// Native and large, rarely needed modules stay outside and load from node_modules on first use.
import { build } from 'esbuild';

const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3', 'js-tiktoken/ranks/*', 'ajv', 'ajv/*', 'yaml'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};
await build({ ...options, entryPoints: ['dist/src/main.js'], outfile: 'dist/gateway.mjs' });
// The worker threads (wire capture, usage rows), found beside the bundle (see start-batch-worker.ts).
for (const worker of ['capture-worker', 'row-writer-worker']) {
  await build({ ...options, entryPoints: [`dist/src/observability/${worker}.js`], outfile: `dist/${worker}.mjs` });
}
