import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { createRequire } from 'node:module';
import { formatDecodeErrors } from '../config/format-decode-errors.js';
import type { ReasoningMode, ReasoningModeSettings } from '../sessions/reasoning-mode-settings.js';

// The YAML parser loads on first use, not at start-up.
const load = createRequire(import.meta.url);
const parse = (text: string): unknown => (load('yaml') as typeof import('yaml')).parse(text);

const modeCodec = t.partial({
  max_reasoning_tokens: t.number,
  reasoning_effort: t.string,
  user_prompt_prefix: t.string,
  user_prompt_suffix: t.string,
  temperature: t.number,
  top_p: t.number,
});

const fileCodec = t.type({
  reasoning_alias_settings: t.array(
    t.type({
      model: t.string,
      modes: t.partial({ high: modeCodec, medium: modeCodec, low: modeCodec, none: modeCodec }),
    }),
  ),
});

/** The reasoning modes of one model pattern. */
export interface ReasoningAliasEntry {
  /** A wildcard (`*` any run, `?` one character), matched case-insensitively. */
  readonly model: string;
  readonly modes: Partial<Record<ReasoningMode, ReasoningModeSettings>>;
}

/** `config/reasoning_aliases.yaml`, decoded: entries in file order (the first match wins). */
export interface ReasoningAliasConfig {
  readonly entries: readonly ReasoningAliasEntry[];
}

/**
 * Decodes the YAML text of `reasoning_aliases.yaml` (SEED-SPEC §3.5). Throws an Error naming
 * the source and every problem.
 *
 * @example
 * parseReasoningAliases('reasoning_alias_settings: [{model: "*", modes: {high: {reasoning_effort: high}}}]', 'x.yaml');
 * // {entries: [{model: '*', modes: {high: {reasoningEffort: 'high'}}}]}
 */
export function parseReasoningAliases(text: string, source: string): ReasoningAliasConfig {
  let yaml: unknown;
  try {
    yaml = parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid YAML (${(error as Error).message})`);
  }
  const decoded = fileCodec.decode(yaml);
  if (isLeft(decoded)) throw new Error(`${source}: ${formatDecodeErrors(decoded.left).join('; ')}`);
  return {
    entries: decoded.right.reasoning_alias_settings.map((entry) => ({
      model: entry.model,
      modes: Object.fromEntries(
        Object.entries(entry.modes).map(([mode, settings]) => [mode, toSettings(settings)]),
      ) as ReasoningAliasEntry['modes'],
    })),
  };
}

/** Reads and decodes a reasoning-alias file (see {@link parseReasoningAliases}). */
export function loadReasoningAliases(file: string): ReasoningAliasConfig {
  return parseReasoningAliases(readFileSync(file, 'utf8'), file);
}

/**
 * The settings of a mode for a model: the first entry whose pattern matches the model, with or
 * without its `backend:` prefix. `undefined` when no entry matches or that entry lacks the mode.
 *
 * @example
 * findReasoningSettings(config, 'openai:gpt-5-mini', 'high'); // the `gpt-5*` entry's high mode
 */
export function findReasoningSettings(
  config: ReasoningAliasConfig,
  model: string,
  mode: ReasoningMode,
): ReasoningModeSettings | undefined {
  const colon = model.indexOf(':');
  const slash = model.indexOf('/');
  const bare = colon > 0 && (slash === -1 || colon < slash) ? model.slice(colon + 1) : model;
  const entry = config.entries.find((candidate) => {
    const pattern = wildcardPattern(candidate.model);
    return pattern.test(model) || pattern.test(bare);
  });
  return entry?.modes[mode];
}

function wildcardPattern(wildcard: string): RegExp {
  const body = [...wildcard]
    .map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[\\^$.+()|[\]{}]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'iu');
}

function toSettings(mode: t.TypeOf<typeof modeCodec>): ReasoningModeSettings {
  const settings: { -readonly [K in keyof ReasoningModeSettings]: ReasoningModeSettings[K] } = {};
  if (mode.max_reasoning_tokens !== undefined) settings.maxReasoningTokens = mode.max_reasoning_tokens;
  if (mode.reasoning_effort !== undefined) settings.reasoningEffort = mode.reasoning_effort;
  if (mode.user_prompt_prefix !== undefined) settings.userPromptPrefix = mode.user_prompt_prefix;
  if (mode.user_prompt_suffix !== undefined) settings.userPromptSuffix = mode.user_prompt_suffix;
  if (mode.temperature !== undefined) settings.temperature = mode.temperature;
  if (mode.top_p !== undefined) settings.topP = mode.top_p;
  return settings;
}
