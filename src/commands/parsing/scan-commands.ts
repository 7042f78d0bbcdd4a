import { GatewayError } from '../../errors/gateway-error.js';
import { findClosingParenthesis } from './find-closing-parenthesis.js';
import { findCodeRegions } from './find-code-regions.js';
import type { CommandScan, FoundCommand, MalformedCommand } from './found-command.js';
import { parseCommandArguments } from './parse-command-arguments.js';

const nameCharacter = /[A-Za-z0-9_-]/u;
const wordCharacter = /[A-Za-z0-9_]/u;

/**
 * Finds every in-chat command in a text, and everything that looks like one but is not
 * (SEED-SPEC §3.2, read "anywhere in the message" as DESIGN.md decides).
 *
 * Grammar: `<prefix><name>` with name `[A-Za-z0-9_-]+` (lower-cased), then optionally spaces or
 * tabs (not line breaks, so a parenthesis on the next line stays prose) and `(arguments)` with
 * nested parentheses and quotes. Scanning resumes after each command, so a prefix inside a
 * command's arguments is never a second command.
 *
 * Not commands:
 * - a prefix glued to a preceding letter, digit or `_` (`foo!/bar`, URLs such as `a.com!/x`):
 *   the user did not start a new token;
 * - a prefix inside Markdown code (see {@link findCodeRegions}): it is being quoted;
 * - a prefix followed by no name character.
 *
 * Reported as {@link MalformedCommand} (and left in the text): an argument list without its `)`
 * (scanning resumes after the name), arguments that do not parse, and, when `knownCommands` is
 * given, names not in it (compare lower-case names).
 *
 * @param text the text of the latest user message (or of all its text parts joined)
 * @param prefix the command prefix. The scanner does not apply `validateCommandPrefix`
 *   (that happens where a prefix is configured or set) and works with any non-empty prefix,
 *   `##` included; an empty one throws `GW_ERR_INTERNAL`, a programming error.
 * @param knownCommands lower-case command names; when absent every name is a command
 * @example
 * scanCommands('please !/set(model=x) now', '!/').commands;
 * // [{name: 'set', args: [{key: 'model', value: 'x', positional: false}], rawArgs: 'model=x',
 * //   start: 7, end: 21}]
 */
export function scanCommands(text: string, prefix: string, knownCommands?: ReadonlySet<string>): CommandScan {
  if (prefix.length === 0) throw new GatewayError('GW_ERR_INTERNAL', 'The command prefix is empty');
  const codeRegions = findCodeRegions(text);
  const commands: FoundCommand[] = [];
  const malformed: MalformedCommand[] = [];
  let regionIndex = 0;
  let from = 0;
  for (let start = text.indexOf(prefix, from); start >= 0; start = text.indexOf(prefix, from)) {
    while (regionIndex < codeRegions.length && codeRegions[regionIndex].end <= start) regionIndex += 1;
    const region = codeRegions[regionIndex];
    if (region !== undefined && region.start <= start) {
      from = region.end;
      continue;
    }
    const nameStart = start + prefix.length;
    let nameEnd = nameStart;
    while (nameEnd < text.length && nameCharacter.test(text[nameEnd])) nameEnd += 1;
    if (nameEnd === nameStart || (start > 0 && wordCharacter.test(text[start - 1]))) {
      from = start + 1;
      continue;
    }
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    let open = nameEnd;
    while (text[open] === ' ' || text[open] === '\t') open += 1;
    if (text[open] !== '(') {
      record({ name, args: [], start, end: nameEnd });
      from = nameEnd;
      continue;
    }
    const closing = findClosingParenthesis(text, open);
    if (!closing.ok) {
      malformed.push({ name, reason: 'unterminated-arguments', message: closing.message, start, end: nameEnd });
      from = nameEnd;
      continue;
    }
    const rawArgs = text.slice(open + 1, closing.end - 1);
    const parsed = parseCommandArguments(rawArgs);
    if (parsed.ok) record({ name, args: parsed.args, rawArgs, start, end: closing.end });
    else malformed.push({ name, reason: 'invalid-arguments', message: parsed.message, start, end: closing.end });
    from = closing.end;
  }
  return { commands, malformed };

  function record(command: FoundCommand): void {
    if (knownCommands === undefined || knownCommands.has(command.name)) commands.push(command);
    else {
      const { name, start, end } = command;
      malformed.push({ name, reason: 'unknown-command', message: `Unknown command: ${name}`, start, end });
    }
  }
}
