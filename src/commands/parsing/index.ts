export { findCodeRegions } from './find-code-regions.js';
export { findCommands } from './find-commands.js';
export type { CommandScan, FoundCommand, MalformedCommand, MalformedReason } from './found-command.js';
export {
  parseCommandArguments,
  type ArgumentErrorReason,
  type CommandArgument,
  type ParsedArguments,
} from './parse-command-arguments.js';
export { parseMessageCommands, type MessageCommands, type TextContentPart } from './parse-message-commands.js';
export { planCommandRemoval } from './plan-command-removal.js';
export { scanCommands } from './scan-commands.js';
export { stripCommands } from './strip-commands.js';
export { suggestCommands } from './suggest-commands.js';
export type { TextRange } from './text-range.js';
export { defaultCommandPrefix, validateCommandPrefix } from './validate-command-prefix.js';
