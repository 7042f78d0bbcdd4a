import { failed, succeeded, type CommandResult } from '../command.js';
import type { SettingOutcome } from '../settings/setting.js';

/** A setting's outcome as a command result; proxy-wide effects run here, on success only. */
export function fromOutcome(outcome: SettingOutcome, separator = '\n'): CommandResult {
  if (!outcome.ok) return failed(outcome.message);
  outcome.apply?.();
  return succeeded(outcome.messages.join(separator), outcome.session);
}
