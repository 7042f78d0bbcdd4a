import type { CommandArgument } from '../parsing/parse-command-arguments.js';
import { argumentText, readNamed } from './read-arguments.js';

const namedKeys = new Set(['name', 'route', 'policy', 'element', 'elements']);

/**
 * The route a failover command names, and its other unnamed arguments as written:
 * `name=R` (seed 001) or the first unnamed argument (`!/route-append(R, backend:model)`, seed 003).
 * An element with a `?k=v` suffix has a `=` in it, so unnamed means "not one of the command's
 * own keys" rather than "positional".
 */
export function readRouteArguments(args: readonly CommandArgument[]): { name?: string; rest: string[] } {
  const unnamed = args
    .filter((argument) => argument.positional || !namedKeys.has(argument.key.trim().toLowerCase()))
    .map((argument) => argumentText(argument).trim());
  const named = readNamed(args, ['name', 'route'])?.trim();
  if (named !== undefined && named !== '') return { name: named, rest: unnamed };
  const [first, ...rest] = unnamed;
  return first === undefined || first === '' ? { rest } : { name: first, rest };
}
