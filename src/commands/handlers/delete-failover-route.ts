import { failed, succeeded, type Command } from '../command.js';
import { readRouteArguments } from './route-name.js';

/** `!/delete-failover-route(name=R)`. */
export const deleteFailoverRouteCommand: Command = {
  name: 'delete-failover-route',
  description: 'Delete a named failover route.',
  format: '!/delete-failover-route(name=<name>)',
  examples: ['!/delete-failover-route(name=myroute)'],
  run(args, context) {
    const { name } = readRouteArguments(args);
    if (name === undefined) return failed('delete-failover-route requires name');
    const change = context.routes.delete(name);
    return change.ok ? succeeded(`Failover route '${name}' deleted`) : failed(change.message);
  },
};
