import { failed, succeeded, type Command } from '../command.js';
import { readRouteArguments } from './route-name.js';

/**
 * `!/route-append` and `!/route-prepend`: elements are the positional arguments after the name,
 * plus any `element=` arguments (`!/route-append(name=R, openrouter:a, element=openai:b)`).
 * All elements are validated before the route changes.
 */
export function routeEditCommand(kind: 'append' | 'prepend'): Command {
  const name = `route-${kind}`;
  return {
    name,
    description: `${kind === 'append' ? 'Append' : 'Prepend'} backend:model elements to a failover route.`,
    format: `!/${name}(name=<route>,backend:model,...)`,
    examples: [`!/${name}(name=myroute,openrouter:model-a)`, `!/${name}(myroute, openai:gpt-4o, anthropic:claude-3)`],
    run(args, context) {
      const { name: route, rest } = readRouteArguments(args);
      const named = args
        .filter((argument) => !argument.positional && ['element', 'elements'].includes(argument.key.trim().toLowerCase()))
        .map((argument) => argument.value.trim());
      const elements = [...rest, ...named].filter((element) => element !== '');
      if (route === undefined || elements.length === 0) {
        return failed(`${name} requires a route name and at least one backend:model element`);
      }
      const change = kind === 'append' ? context.routes.append(route, elements) : context.routes.prepend(route, elements);
      if (!change.ok) return failed(change.message);
      const verb = kind === 'append' ? 'appended to' : 'prepended to';
      return succeeded(elements.map((element) => `Element '${element}' ${verb} failover route '${route}'`).join('\n'));
    },
  };
}
