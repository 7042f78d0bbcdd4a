import type { Observable } from 'rxjs';
import type { SteeringConfig } from '../../config/resolve-steering.js';
import { detectRepetitionLoop } from '../../operators/detect-repetition-loop.js';
import type { LoopDetectionSettings } from '../../operators/loop-detection/index.js';
import { recoverEmptyResponse } from '../../operators/recover-empty-response.js';
import { repairJson } from '../../operators/repair-json.js';
import { repairToolCalls } from '../../operators/repair-tool-calls.js';
import type { ToolLoopSettings, ToolLoopTracker } from '../../operators/tool-loop/index.js';
import { trackToolCallLoops } from '../../operators/track-tool-call-loops.js';
import type { AbortReasonSlot } from '../../streams/abort-reason.js';
import type { CanonicalChunk } from '../../streams/canonical-chunk.js';
import type { CanonicalRequest } from '../../streams/canonical-request.js';

/** What the steering operators did to one response, for the log and the usage record. */
export interface SteeringReport {
  loopCut: boolean;
  toolLoopBroken: boolean;
  repaired: boolean;
  emptyRetried: boolean;
}

export interface SteeringInput {
  readonly steering: SteeringConfig;
  /** Effective settings after model defaults and the session's own overrides. */
  readonly loopDetection: LoopDetectionSettings;
  readonly toolLoop: ToolLoopSettings;
  readonly toolLoopTracker: ToolLoopTracker;
  readonly request: CanonicalRequest;
  readonly reason: AbortReasonSlot;
  readonly generateId: (prefix: string) => string;
  /** Opens the upstream again with the empty-response steering prompt appended. */
  readonly retryWithPrompt: (prompt: string) => Observable<CanonicalChunk>;
  readonly report: SteeringReport;
}

/**
 * Puts the steering operators on an upstream chunk stream, in the order the seed's response
 * pipeline runs them: empty-response recovery wraps the upstream itself (a retry re-opens only
 * the upstream), then text tool calls are repaired and JSON arguments fixed, then repetition
 * loops are cut, and last repeated tool calls are stopped, once every call is final.
 */
export function applySteering(chunks: Observable<CanonicalChunk>, input: SteeringInput): Observable<CanonicalChunk> {
  const { steering, report, request } = input;
  let steered = chunks;
  if (steering.emptyResponse.enabled) {
    steered = steered.pipe(
      recoverEmptyResponse({
        retry: () => input.retryWithPrompt(steering.emptyResponse.prompt),
        onRetry: () => {
          report.emptyRetried = true;
        },
      }),
    );
  }
  const declaredTools = (request.tools ?? []).map((tool) => tool.name);
  if (steering.toolCallRepair.enabled && declaredTools.length > 0) {
    steered = steered.pipe(
      repairToolCalls({
        allowedTools: declaredTools,
        bufferCapBytes: steering.toolCallRepair.bufferCapBytes,
        generateId: input.generateId,
        onRepair: () => {
          report.repaired = true;
        },
      }),
    );
  }
  if (steering.jsonRepair.enabled && declaredTools.length > 0) {
    steered = steered.pipe(
      repairJson({
        onRepair: () => {
          report.repaired = true;
        },
      }),
    );
  }
  if (input.loopDetection.enabled) {
    steered = steered.pipe(
      detectRepetitionLoop({
        settings: input.loopDetection,
        onLoop: () => {
          report.loopCut = true;
          input.reason.current = 'loop-detected';
        },
      }),
    );
  }
  if (input.toolLoop.enabled && declaredTools.length > 0) {
    steered = steered.pipe(
      trackToolCallLoops({
        tracker: input.toolLoopTracker,
        settings: input.toolLoop,
        onLoop: (info) => {
          report.toolLoopBroken = true;
          if (info.action === 'block') input.reason.current = 'tool-loop-break';
        },
      }),
    );
  }
  return steered;
}
