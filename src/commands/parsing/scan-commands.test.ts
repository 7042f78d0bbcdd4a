import { describe, expect, it } from 'vitest';
import { scanCommands } from './scan-commands.js';

describe('scanCommands', () => {
  it('should report an unterminated parenthesis as malformed, spanning only the name', () => {
    expect(scanCommands('hi !/set(model=x', '!/')).toEqual({
      commands: [],
      malformed: [
        {
          name: 'set',
          reason: 'unterminated-arguments',
          message: "Command arguments are missing their closing ')'",
          start: 3,
          end: 8,
        },
      ],
    });
  });

  it('should report an unterminated quote as malformed', () => {
    expect(scanCommands('!/set(project="abc) more', '!/').malformed).toEqual([
      {
        name: 'set',
        reason: 'unterminated-arguments',
        message: 'Unterminated quote in command arguments',
        start: 0,
        end: 5,
      },
    ]);
  });

  it('should report arguments with unbalanced brackets as malformed, spanning the whole command', () => {
    const scan = scanCommands('a !/set(x=[1) b', '!/');
    expect(scan.commands).toEqual([]);
    expect(scan.malformed).toEqual([
      expect.objectContaining({ name: 'set', reason: 'invalid-arguments', start: 2, end: 13 }),
    ]);
  });

  it('should report unknown names as malformed when known commands are given', () => {
    const scan = scanCommands('!/hello !/hellp(x=1)', '!/', new Set(['hello']));
    expect(scan.commands.map((command) => command.name)).toEqual(['hello']);
    expect(scan.malformed).toEqual([
      { name: 'hellp', reason: 'unknown-command', message: 'Unknown command: hellp', start: 8, end: 20 },
    ]);
  });

  it('should not report look-alikes inside code', () => {
    expect(scanCommands('`!/set(x`', '!/')).toEqual({ commands: [], malformed: [] });
  });
});
