import type { FoundCommand, MalformedCommand } from './found-command.js';
import { planCommandRemoval } from './plan-command-removal.js';
import { removeRanges } from './remove-ranges.js';
import { scanCommands } from './scan-commands.js';

/** A text content part of the latest user message. */
export interface TextContentPart {
  readonly type: 'text';
  readonly text: string;
}

/** The commands of one user message and what is left of it. */
export interface MessageCommands {
  /** In order; offsets index into the message's text parts joined with `''`. */
  readonly commands: readonly FoundCommand[];
  readonly malformed: readonly MalformedCommand[];
  /** One entry per input part (a string input counts as one part); may be `''`. */
  readonly strippedParts: string[];
  /** At least one command, and nothing but whitespace left: the proxy answers by itself. */
  readonly onlyCommands: boolean;
}

/**
 * Finds, and strips, the in-chat commands of the latest user message, given as a string or as
 * its text parts.
 *
 * The parts are read as one text, joined with nothing between them (that is what the model
 * reads), so the result does not depend on where a client split the message: code spans may
 * cross parts, and a prefix at the start of a part is glued to a word ending the part before.
 * A command (or look-alike) whose text crosses a part boundary is dropped, neither executed
 * nor stripped nor reported: the client did not write it as one token. Seam whitespace is
 * tidied on the joined text and then cut back into the parts; parts that become empty stay as
 * `''` so the caller can drop them while keeping its non-text parts in place.
 *
 * @param parts the message text, or its text parts in order
 * @param prefix a valid command prefix
 * @param knownCommands lower-case command names; other names are reported as malformed and
 *   left in the text
 * @example
 * parseMessageCommands([{type: 'text', text: 'hi '}, {type: 'text', text: '!/hello'}], '!/');
 * // {commands: [{name: 'hello', args: [], start: 3, end: 10}], malformed: [],
 * //  strippedParts: ['hi', ''], onlyCommands: false}
 */
export function parseMessageCommands(
  parts: readonly TextContentPart[] | string,
  prefix: string,
  knownCommands?: ReadonlySet<string>,
): MessageCommands {
  const texts = typeof parts === 'string' ? [parts] : parts.map((part) => part.text);
  const offsets: number[] = [];
  let total = 0;
  for (const text of texts) {
    offsets.push(total);
    total += text.length;
  }
  const joined = texts.join('');
  const scan = scanCommands(joined, prefix, knownCommands);
  const withinOnePart = (span: { start: number; end: number }): boolean =>
    !offsets.some((offset) => offset > span.start && offset < span.end);
  const commands = scan.commands.filter(withinOnePart);
  const malformed = scan.malformed.filter(withinOnePart);
  const deletions = planCommandRemoval(joined, commands);
  const strippedParts = texts.map((text, index) => removeRanges(text, deletions, offsets[index]));
  const onlyCommands = commands.length > 0 && strippedParts.every((text) => text.trim() === '');
  return { commands, malformed, strippedParts, onlyCommands };
}
