import type { SessionState } from '../../sessions/session-state.js';
import { validateCommandPrefix } from '../parsing/validate-command-prefix.js';
import { booleanSetting, changed, rejected, withoutFields, type Setting, type SettingOutcome } from './setting.js';

/** Sets the project name (SEED-SPEC §3.5 `project`). */
export function setProject(value: string, session: SessionState): SettingOutcome {
  const project = value.trim();
  if (project === '') return rejected('Project name must be specified');
  return changed({ ...{}, ...session, project }, `Project changed to ${project}`);
}

/** POSIX `/…`, Windows `C:\…` / `C:/…`, or UNC `\\server\…`: checked as text, never on disk. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/u.test(path) || path.startsWith('\\\\');
}

/** Sets the project directory: the workspace for agent backends and sandboxing. */
export function setProjectDir(value: string, session: SessionState): SettingOutcome {
  const projectDir = value.trim();
  if (projectDir === '') return rejected('Project directory must be specified');
  if (!isAbsolutePath(projectDir)) return rejected(`Project directory must be an absolute path: ${projectDir}`);
  return changed({ ...{}, ...session, projectDir }, `Project directory set to ${projectDir}`);
}

export const projectSetting: Setting = {
  key: 'project',
  aliases: ['project-name'],
  set: setProject,
  unset: (session) => changed(withoutFields(session, 'project'), 'Project unset'),
};

export const projectDirSetting: Setting = {
  key: 'project-dir',
  set: setProjectDir,
  unset: (session) => changed(withoutFields(session, 'projectDir'), 'Project directory unset'),
};

/**
 * Interactive mode. Unsetting goes back to on, the default of a new session (the caller's
 * `--disable-interactive-mode` default is applied when the session is created).
 */
export const interactiveModeSetting: Setting = booleanSetting(
  'interactive-mode',
  'Interactive mode',
  (session, value) => ({ ...{}, ...session, interactiveMode: value ?? true }),
  ['interactive'],
);

export const redactApiKeysSetting: Setting = booleanSetting(
  'redact-api-keys-in-prompts',
  'API key redaction in prompts',
  (session, value) =>
    value === undefined ? withoutFields(session, 'redactApiKeysInPrompts') : { ...{}, ...session, redactApiKeysInPrompts: value },
);

export const commandPrefixSetting: Setting = {
  key: 'command-prefix',
  set(value, session) {
    const problem = validateCommandPrefix(value);
    if (problem !== undefined) return rejected(`Invalid command prefix: ${problem}`);
    return changed({ ...{}, ...session, commandPrefix: value }, `Command prefix changed to ${value}`);
  },
  unset: (session) => changed(withoutFields(session, 'commandPrefix'), 'Command prefix reset to default'),
};
