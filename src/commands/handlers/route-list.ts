import { failed, succeeded, type Command } from '../command.js';
import { listRoutes } from './list-failover-routes.js';
import { readRouteArguments } from './route-name.js';

/** `!/route-list(name=R)`: one route's elements; without a name, all routes. */
export const routeListCommand: Command = {
  name: 'route-list',
  description: 'List the elements of a failover route (all routes without a name).',
  format: '!/route-list(name=<route>)',
  examples: ['!/route-list(name=myroute)', '!/route-list'],
  run(args, context) {
    const { name } = readRouteArguments(args);
    if (name === undefined) return listRoutes(context);
    const route = context.routes.get(name);
    if (route === undefined) return failed(`Failover route '${name}' does not exist`);
    if (route.elements.length === 0) return succeeded(`Failover route '${name}' (policy: ${route.policy}) has no elements`);
    return succeeded(`Failover route '${name}' (policy: ${route.policy}) elements: ${route.elements.join(', ')}`);
  },
};
