import { Observable, type OperatorFunction } from 'rxjs';
import { mergeUsage, type CanonicalChunk, type Usage } from '../streams/canonical-chunk.js';
import type { LoopDetector } from './loop-detection/create-loop-detector.js';
import { acquireLoopDetector, releaseLoopDetector } from './loop-detection/loop-detector-pool.js';
import type { LoopDetection } from './loop-detection/loop-detection.js';
import type { LoopDetectionSettings } from './loop-detection/loop-detection-settings.js';

export interface DetectRepetitionLoopOptions {
  readonly settings: LoopDetectionSettings;
  /** Called once when a loop is found, before the notice goes out (logging, metrics). */
  readonly onLoop?: (detection: LoopDetection) => void;
}

type OpenBlock =
  | { readonly kind: 'text'; readonly id: string }
  | { readonly kind: 'reasoning'; readonly id: string }
  | { readonly kind: 'tool-input'; readonly id: string; readonly toolName: string; readonly input: string[] };

/** The legacy notice (SEED-SPEC §5.4); the pattern is shown on one line, cut at 30 characters. */
export function formatLoopNotice(detection: LoopDetection): string {
  const shown = detection.pattern.replace(/\s+/g, ' ').trimStart().slice(0, 30);
  return `\n\n[Response cancelled: Loop detected - Pattern '${shown}...' repeated ${detection.repetitions} times]`;
}

/**
 * Stops a response that has fallen into a repetition loop. Only visible text (`text-delta`) is
 * analysed — never reasoning or tool input — and every chunk passes through at once. When a
 * loop is found, the triggering delta is replaced by its part up to the detection point plus the
 * notice, open blocks are closed (latest first), a `finish` {stop, `loop_detected`} with the usage seen so far
 * goes out, the stream completes, and the source is unsubscribed (which aborts the upstream
 * request). With `settings.enabled` false it is a pass-through.
 *
 * ```
 * source: --t--t--t--|
 * result: --t--t--(nef|)    n = notice text-delta, e = text-end, f = finish
 * ```
 *
 * @param options settings (see `loopDetectionSettingsFromEnv`) and an optional `onLoop` hook.
 * @example
 * chunks$.pipe(detectRepetitionLoop({ settings: defaultLoopDetectionSettings, onLoop: (d) => log.warn(d) }));
 */
export function detectRepetitionLoop(options: DetectRepetitionLoopOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  if (!options.settings.enabled) return (source) => source;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      // Taken on the first text delta (tool-only answers never need one) and given back at teardown.
      let detector: LoopDetector | undefined;
      const open: OpenBlock[] = [];
      let usage: Usage = {};
      let stopped = false;

      const stop = (chunk: Extract<CanonicalChunk, { type: 'text-delta' }>, detection: LoopDetection): void => {
        stopped = true;
        options.onLoop?.(detection);
        const delta = chunk.delta.slice(0, detector?.consumed ?? chunk.delta.length) + formatLoopNotice(detection);
        subscriber.next({ type: 'text-delta', id: chunk.id, delta });
        for (const block of open.splice(0).reverse()) {
          for (const closing of closeBlock(block)) subscriber.next(closing);
        }
        subscriber.next({ type: 'finish', finishReason: { unified: 'stop', raw: 'loop_detected' }, usage });
        subscriber.complete(); // runs the teardown below, which unsubscribes the source
      };

      const subscription = source.subscribe({
        next(chunk) {
          if (stopped) return;
          if (chunk.type === 'text-delta') {
            detector ??= acquireLoopDetector(options.settings);
            const detection = detector.push(chunk.delta);
            if (detection !== undefined) return stop(chunk, detection);
          } else {
            track(open, chunk);
            if (chunk.type === 'usage') usage = mergeUsage(usage, chunk.usage);
          }
          subscriber.next(chunk);
        },
        error(error: unknown) {
          subscriber.error(error);
        },
        complete() {
          subscriber.complete();
        },
      });
      return () => {
        stopped = true;
        open.length = 0;
        subscription.unsubscribe();
        if (detector !== undefined) releaseLoopDetector(options.settings, detector);
        detector = undefined;
      };
    });
}

/** Keeps the list of open blocks (and a streamed tool input's text, to close it properly). */
function track(open: OpenBlock[], chunk: CanonicalChunk): void {
  switch (chunk.type) {
    case 'text-start':
      open.push({ kind: 'text', id: chunk.id });
      return;
    case 'reasoning-start':
      open.push({ kind: 'reasoning', id: chunk.id });
      return;
    case 'tool-input-start':
      open.push({ kind: 'tool-input', id: chunk.id, toolName: chunk.toolName, input: [] });
      return;
    case 'tool-input-delta': {
      const block = open.find((candidate) => candidate.kind === 'tool-input' && candidate.id === chunk.id);
      if (block?.kind === 'tool-input') block.input.push(chunk.delta);
      return;
    }
    case 'text-end':
    case 'reasoning-end':
    case 'tool-input-end': {
      const kind = chunk.type === 'text-end' ? 'text' : chunk.type === 'reasoning-end' ? 'reasoning' : 'tool-input';
      const index = open.findIndex((block) => block.kind === kind && block.id === chunk.id);
      if (index >= 0) open.splice(index, 1);
      return;
    }
    default:
      return;
  }
}

/**
 * The chunks that close a block cut short. A streamed tool input must be followed by its
 * `tool-call` (chunk contract); it carries the arguments received so far.
 */
function closeBlock(block: OpenBlock): CanonicalChunk[] {
  switch (block.kind) {
    case 'text':
      return [{ type: 'text-end', id: block.id }];
    case 'reasoning':
      return [{ type: 'reasoning-end', id: block.id }];
    case 'tool-input':
      return [
        { type: 'tool-input-end', id: block.id },
        { type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.input.join('') || '{}' },
      ];
    default:
      return assertNeverBlock(block);
  }
}

function assertNeverBlock(block: never): never {
  throw new Error(`Unexpected block: ${JSON.stringify(block)}`);
}
