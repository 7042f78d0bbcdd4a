/**
 * The seed's exact texts (SEED-SPEC §6 "Messages"); agents and users may match on them.
 *
 * @example
 * formatToolLoopBlock('calc', 4, 120);
 * // "Tool call loop detected: 'calc' invoked with identical parameters 4 times within 120s. Session stopped …"
 */
export function formatToolLoopBlock(toolName: string, repetitions: number, ttlSeconds: number, afterGuidance = false): string {
  const prefix = afterGuidance ? 'After guidance, ' : '';
  return (
    `${prefix}Tool call loop detected: '${toolName}' invoked with identical parameters ${repetitions} times ` +
    `within ${ttlSeconds}s. Session stopped to prevent unintended looping. Try changing your inputs or approach.`
  );
}

/** The one-time warning of `chance_then_break` mode. */
export function formatToolLoopWarning(toolName: string, repetitions: number): string {
  return (
    `Tool call loop warning: '${toolName}' has been called with identical parameters ${repetitions} times. ` +
    'Please modify your approach or parameters. If the next call uses the same parameters, the session will be stopped.'
  );
}
