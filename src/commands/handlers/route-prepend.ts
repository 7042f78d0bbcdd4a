import type { Command } from '../command.js';
import { routeEditCommand } from './route-edit.js';

/** `!/route-prepend(name=R, backend:model, ...)`. */
export const routePrependCommand: Command = routeEditCommand('prepend');
