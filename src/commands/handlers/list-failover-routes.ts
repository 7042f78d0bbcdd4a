import { succeeded, type Command, type CommandContext, type CommandResult } from '../command.js';

/** The reply listing every route as `name:policy`, shared with `!/route-list` without a name. */
export function listRoutes(context: CommandContext): CommandResult {
  const routes = context.routes.list();
  if (routes.length === 0) return succeeded('No failover routes defined');
  return succeeded(`Failover routes: ${routes.map((route) => `${route.name}:${route.policy}`).join(', ')}`);
}

/** `!/list-failover-routes`. */
export const listFailoverRoutesCommand: Command = {
  name: 'list-failover-routes',
  description: 'List the failover routes and their policies.',
  format: '!/list-failover-routes',
  examples: ['!/list-failover-routes'],
  run: (_args, context) => listRoutes(context),
};
