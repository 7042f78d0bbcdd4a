import { describe, expect, it } from 'vitest';
import { suggestCommands } from './suggest-commands.js';

const known = [
  'hello',
  'help',
  'set',
  'unset',
  'model',
  'route-append',
  'route-prepend',
  'route-clear',
  'route-list',
  'list-failover-routes',
  'max',
  'low',
];

describe('suggestCommands', () => {
  it('should suggest the nearest names first', () => {
    expect(suggestCommands('hepl', known)).toEqual(['help', 'hello']);
    expect(suggestCommands('hellp', known)).toEqual(['hello', 'help']);
    expect(suggestCommands('modle', known)).toEqual(['model']);
    expect(suggestCommands('st', known)).toEqual(['set']);
  });

  it('should count a swap of neighbours as one edit', () => {
    // `ste` allows one edit: plain Levenshtein needs two to reach `set`, a swap needs one.
    expect(suggestCommands('ste', ['set'])).toEqual(['set']);
    expect(suggestCommands('tse', ['set'])).toEqual([]);
    expect(suggestCommands('unste', ['unset', 'unsent'])).toEqual(['unset']);
  });

  it('should add names that start with the typed name, shortest first', () => {
    expect(suggestCommands('route', known)).toEqual(['route-list', 'route-clear', 'route-append']);
    expect(suggestCommands('route', known, 5)).toEqual([
      'route-list',
      'route-clear',
      'route-append',
      'route-prepend',
    ]);
  });

  it('should not suggest far-off names for a short typo', () => {
    expect(suggestCommands('x', known)).toEqual([]);
    expect(suggestCommands('zzzzzz', known)).toEqual([]);
    expect(suggestCommands('', known)).toEqual([]);
  });

  it('should ignore case, keep the known spelling and honour max', () => {
    expect(suggestCommands('HELO', ['Hello', 'help'])).toEqual(['Hello', 'help']);
    expect(suggestCommands('helo', ['hello', 'help'], 1)).toEqual(['hello']);
    expect(suggestCommands('helo', ['hello', 'help'], 0)).toEqual([]);
  });
});
