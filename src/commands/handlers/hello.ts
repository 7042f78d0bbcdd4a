import { succeeded, type Command } from '../command.js';

/**
 * `!/hello`: the welcome banner with this session's settings (SEED-SPEC §3.5, the current text
 * plus the legacy banner's session facts), and `helloRequested` set.
 */
export const helloCommand: Command = {
  name: 'hello',
  description: 'Show the welcome banner with this session’s settings.',
  format: '!/hello',
  examples: ['!/hello'],
  run(_args, context) {
    const { session, prefix } = context;
    const backend = session.backend ?? context.defaultBackend.get() ?? '(default)';
    const backends = context.configuredBackends.length === 0 ? 'none' : context.configuredBackends.join(', ');
    const lines = [
      'Welcome to LLM Interactive Proxy!',
      `Version: ${context.version}`,
      `Session id: ${session.id}`,
      `Backend: ${backend}`,
      `Model: ${session.model ?? '(as requested by the client)'}`,
      ...(session.project === undefined ? [] : [`Project: ${session.project}`]),
      ...(session.projectDir === undefined ? [] : [`Project directory: ${session.projectDir}`]),
      `Functional backends: ${backends}`,
      `Type ${prefix}help for the list of available commands`,
      `- ${prefix}set(param=value) to change a setting`,
      `- ${prefix}unset(param) to restore its default`,
    ];
    return succeeded(lines.join('\n'), { ...{}, ...session, helloRequested: true });
  },
};
