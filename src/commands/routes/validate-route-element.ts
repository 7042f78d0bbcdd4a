import { parseSelector } from '../../routing/parse-selector.js';

/**
 * Checks one failover route element: it must be `backend:model` (a `?k=v` suffix is allowed)
 * naming a configured backend. Returns the reply text of the problem, or `undefined`.
 *
 * @example
 * validateRouteElement('nope:gpt-4', ['openai']); // "Backend 'nope' in element 'nope:gpt-4' is not supported"
 */
export function validateRouteElement(element: string, configuredBackends: readonly string[]): string | undefined {
  const selector = parseSelector(element);
  if (selector.backend === undefined || selector.model.trim() === '') {
    return `Element '${element}' must be backend:model`;
  }
  if (!configuredBackends.includes(selector.backend)) {
    return `Backend '${selector.backend}' in element '${element}' is not supported`;
  }
  return undefined;
}
