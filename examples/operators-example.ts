/**
 * The steering operators on a plain RxJS stream, no server: a model that writes a tool call as
 * text and then starts repeating itself. Run: `npm run build && node dist/examples/operators-example.js`.
 */
import { from } from 'rxjs';
import { defaultLoopDetectionSettings, detectRepetitionLoop, repairToolCalls } from '../src/operators/index.js';
import type { CanonicalChunk } from '../src/streams/index.js';

const text = [
  'Let me read the file first.\n',
  '<tool_call>{"name": "read_file", "arguments": {"path": "README.md"}}</tool_call>',
];
const looping = Array.from({ length: 40 }, (): CanonicalChunk => ({ type: 'text-delta', id: 'b', delta: 'Loading the data, please wait... ' }));

const first: CanonicalChunk[] = [
  { type: 'text-start', id: 'a' },
  ...text.map((delta): CanonicalChunk => ({ type: 'text-delta', id: 'a', delta })),
  { type: 'text-end', id: 'a' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
];
const second: CanonicalChunk[] = [
  { type: 'text-start', id: 'b' },
  ...looping,
  { type: 'text-end', id: 'b' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} },
];

console.log('— a tool call written as text becomes a real tool call:');
from(first)
  .pipe(repairToolCalls({ allowedTools: ['read_file'], generateId: (prefix) => `${prefix}example` }))
  .subscribe((chunk) => console.log(JSON.stringify(chunk)));

console.log('\n— a repetition loop is cut, with a notice and a normal finish:');
from(second)
  .pipe(detectRepetitionLoop({ settings: defaultLoopDetectionSettings, onLoop: (loop) => console.log(`(loop: '${loop.pattern}' × ${loop.repetitions})`) }))
  .subscribe((chunk) => {
    if (chunk.type !== 'text-delta' || chunk.delta.includes('Response cancelled')) console.log(JSON.stringify(chunk));
  });
