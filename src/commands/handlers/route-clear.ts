import { failed, succeeded, type Command } from '../command.js';
import { readRouteArguments } from './route-name.js';

/** `!/route-clear(name=R)`: removes every element, keeps the route. */
export const routeClearCommand: Command = {
  name: 'route-clear',
  description: 'Remove all elements from a failover route.',
  format: '!/route-clear(name=<route>)',
  examples: ['!/route-clear(name=myroute)'],
  run(args, context) {
    const { name } = readRouteArguments(args);
    if (name === undefined) return failed('route-clear requires a route name');
    const change = context.routes.clear(name);
    return change.ok ? succeeded(`All elements cleared from failover route '${name}'`) : failed(change.message);
  },
};
