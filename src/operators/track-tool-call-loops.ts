import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import { mergeUsage, type CanonicalChunk, type ChunkOf, type Usage } from '../streams/canonical-chunk.js';
import { ResponseBlocks } from './tool-loop/response-blocks.js';
import { toolCallSignature } from './tool-loop/tool-call-signature.js';
import type { ToolLoopInfo } from './tool-loop/tool-loop-info.js';
import type { ToolLoopSettings } from './tool-loop/tool-loop-settings.js';
import type { ToolLoopDecision, ToolLoopTracker } from './tool-loop/tool-loop-tracker.js';

export interface TrackToolCallLoopsOptions {
  /** The session's tracker (see `ToolLoopTrackerStore`); it outlives the response. */
  readonly tracker: ToolLoopTracker;
  /** The effective settings (`mergeToolLoopSettings`); `enabled: false` makes a pass-through. */
  readonly settings: ToolLoopSettings;
  /** Called once per warned or blocked call, before its notice goes out. */
  readonly onLoop?: (info: ToolLoopInfo) => void;
}

/** The finish reason when the loop notice replaced every tool call of the response. */
const loopFinishRaw = 'tool_loop_detected';

/**
 * Stops a model that keeps calling the same tool with the same arguments (SEED-SPEC §6).
 *
 * A tool call's `tool-input-*` chunks are held until its `tool-call`, where the session's
 * tracker decides; every other chunk passes at once. An allowed call goes out unchanged. A warned
 * call (`chance_then_break`) is dropped and replaced by the warning text, and the response goes
 * on. A blocked call is dropped and replaced by the block text; then open blocks are closed, a
 * `finish` {`stop` (or `tool-calls` if an earlier call went out), `tool_loop_detected`} ends the
 * response and the source is unsubscribed, which cancels the upstream request. When no tool call
 * is left in a response the finish reason becomes `stop`. Identical calls in one response are
 * counted once.
 *
 * The seed raised HTTP 400 `ToolCallLoopError` instead. We answer with ordinary assistant text:
 * a streaming client cannot get a 400 once bytes went out, the text is well-formed in every
 * protocol, and an agent reading it can change course instead of failing the turn.
 *
 * ```
 * source: --i--d--e--c--t--F--|           (4th identical call, break mode)
 * result: -----------(STE f|)             S/T/E notice text block, f finish {stop, tool_loop_detected}
 * ```
 *
 * @param options The session's tracker, the effective settings and an optional `onLoop` hook.
 * @example
 * chunks$.pipe(trackToolCallLoops({ tracker: store.trackerFor(sessionId), settings }));
 */
export function trackToolCallLoops(options: TrackToolCallLoopsOptions): OperatorFunction<CanonicalChunk, CanonicalChunk> {
  if (!options.settings.enabled) return (source) => source;
  return (source) =>
    new Observable<CanonicalChunk>((subscriber) => {
      const state = new LoopGate(options, subscriber);
      const subscription = source.subscribe({
        next: (chunk) => {
          try {
            state.handle(chunk);
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => {
          state.reset();
          subscriber.error(error);
        },
        complete: () => {
          state.releaseHeld();
          subscriber.complete();
        },
      });
      return () => {
        state.reset();
        subscription.unsubscribe();
      };
    });
}

/** Per-response state of {@link trackToolCallLoops}. */
class LoopGate {
  private readonly held = new Map<string, CanonicalChunk[]>();
  private readonly blocks = new ResponseBlocks();
  private readonly decided = new Map<string, ToolLoopDecision>();
  private usage: Usage = {};
  private forwardedCalls = 0;
  private suppressedCalls = 0;
  private stopped = false;

  constructor(
    private readonly options: TrackToolCallLoopsOptions,
    private readonly subscriber: Subscriber<CanonicalChunk>,
  ) {}

  handle(chunk: CanonicalChunk): void {
    if (this.stopped) return;
    switch (chunk.type) {
      case 'tool-input-start':
        this.held.set(chunk.id, [chunk]);
        return;
      case 'tool-input-delta':
      case 'tool-input-end': {
        const held = this.held.get(chunk.id);
        if (held === undefined) this.emit(chunk); // not started here: not ours to hold
        else held.push(chunk);
        return;
      }
      case 'tool-call':
        return this.decide(chunk);
      case 'finish': {
        this.releaseHeld();
        const replaced = this.suppressedCalls > 0 && this.forwardedCalls === 0;
        return this.emit(replaced ? { ...{}, ...chunk, finishReason: { unified: 'stop', raw: loopFinishRaw } } : chunk);
      }
      case 'error':
        this.releaseHeld();
        return this.emit(chunk);
      case 'usage':
        this.usage = mergeUsage(this.usage, chunk.usage);
        return this.emit(chunk);
      default:
        return this.emit(chunk);
    }
  }

  /** Passes on held tool inputs that never got their `tool-call` (the upstream's own shape). */
  releaseHeld(): void {
    for (const chunks of this.held.values()) for (const chunk of chunks) this.emit(chunk);
    this.held.clear();
  }

  reset(): void {
    this.stopped = true;
    this.held.clear();
    this.decided.clear();
    this.blocks.reset();
  }

  private emit(chunk: CanonicalChunk): void {
    this.blocks.track(chunk);
    this.subscriber.next(chunk);
  }

  private decide(call: ChunkOf<'tool-call'>): void {
    const held = this.held.get(call.toolCallId) ?? [];
    this.held.delete(call.toolCallId);
    const signature = toolCallSignature(call.toolName, call.input);
    const earlier = this.decided.get(signature);
    const decision = earlier ?? this.options.tracker.check(call.toolName, call.input, this.options.settings);
    this.decided.set(signature, decision);
    if (decision.action === 'allow') {
      this.forwardedCalls += 1;
      for (const chunk of held) this.emit(chunk);
      return this.emit(call);
    }
    this.suppressedCalls += 1;
    if (earlier !== undefined) return; // the same call again in this response: already answered
    const { action, message, repetitions } = decision;
    const { toolName, toolCallId } = call;
    this.options.onLoop?.({ action, message, repetitions, toolName, toolCallId, mode: this.options.settings.mode });
    for (const chunk of this.blocks.notice(message, `tool-loop-${call.toolCallId}`)) this.emit(chunk);
    if (action === 'block') this.stop();
  }

  /** Ends the response after a block: close blocks, finish, complete (teardown cancels upstream). */
  private stop(): void {
    this.stopped = true;
    this.held.clear();
    for (const chunk of this.blocks.closeAll()) this.subscriber.next(chunk);
    const unified = this.forwardedCalls > 0 ? 'tool-calls' : 'stop';
    this.subscriber.next({ type: 'finish', finishReason: { unified, raw: loopFinishRaw }, usage: this.usage });
    this.subscriber.complete();
  }
}
