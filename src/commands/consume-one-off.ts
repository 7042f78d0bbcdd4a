import type { SessionState } from '../sessions/session-state.js';
import { withoutFields } from './settings/setting.js';

/**
 * Takes the one-off route out of the session: the caller routes the request it is about to
 * forward with it and stores the returned session, so exactly one request uses it.
 *
 * @example
 * const { session: next, oneOff } = consumeOneOff(session); // oneOff = {backend: 'openrouter', model: 'x'}
 * consumeOneOff(next).oneOff; // undefined
 */
export function consumeOneOff(session: SessionState): {
  session: SessionState;
  oneOff?: { backend: string; model: string };
} {
  if (session.oneOff === undefined) return { session };
  return { session: withoutFields(session, 'oneOff'), oneOff: { ...session.oneOff } };
}
