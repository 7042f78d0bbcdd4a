import { isFailoverPolicy } from '../../routing/failover-route.js';
import { failed, succeeded, type Command } from '../command.js';
import { readNamed } from './read-arguments.js';
import { readRouteArguments } from './route-name.js';

const usage = 'create-failover-route requires name and valid policy';

/** `!/create-failover-route(name=R, policy=k|m|km|mk)`; the policy defaults to `k` (SEED-SPEC §4.2). */
export const createFailoverRouteCommand: Command = {
  name: 'create-failover-route',
  description: 'Create a named failover route (policy k, m, km or mk).',
  format: '!/create-failover-route(name=<name>,policy=k|m|km|mk)',
  examples: ['!/create-failover-route(name=myroute,policy=k)'],
  run(args, context) {
    const { name, rest } = readRouteArguments(args);
    const policy = (readNamed(args, ['policy']) ?? rest[0] ?? 'k').trim().toLowerCase();
    if (name === undefined || !isFailoverPolicy(policy)) return failed(`${usage} (policy: k, m, km or mk)`);
    const change = context.routes.create(name, policy);
    if (!change.ok) return failed(change.message);
    return succeeded(`Failover route '${name}' created with policy '${policy}'`);
  },
};
