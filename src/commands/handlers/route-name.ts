import type { CommandArgument } from '../parsing/parse-command-arguments.js';
import { readNamed, readPositional } from './read-arguments.js';

/**
 * The route a failover command names, and its other positional arguments:
 * `name=R` (seed 001) or the first positional argument (`!/route-append(R, backend:model)`, seed 003).
 */
export function readRouteArguments(args: readonly CommandArgument[]): { name?: string; rest: string[] } {
  const positional = readPositional(args).map((text) => text.trim());
  const named = readNamed(args, ['name', 'route'])?.trim();
  if (named !== undefined && named !== '') return { name: named, rest: positional };
  const [first, ...rest] = positional;
  return first === undefined || first === '' ? { rest } : { name: first, rest };
}
