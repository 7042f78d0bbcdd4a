import type { Command } from '../command.js';
import { routeEditCommand } from './route-edit.js';

/** `!/route-append(name=R, backend:model, ...)`. */
export const routeAppendCommand: Command = routeEditCommand('append');
