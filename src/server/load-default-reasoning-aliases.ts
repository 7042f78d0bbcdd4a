import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReasoningAliases, type ReasoningAliasConfig } from '../commands/index.js';

/** Where the shipped `config/reasoning_aliases.yaml` is, from `src/server`, `dist/src/server` or the `dist/gateway.mjs` bundle. */
const shippedCandidates = ['../../config/reasoning_aliases.yaml', '../../../config/reasoning_aliases.yaml', '../config/reasoning_aliases.yaml'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

/**
 * The reasoning-alias modes (`!/max`, `!/medium`, `!/low`, `!/no-think`): the configured file, which
 * must load (a broken file stops the start with its problem), else the shipped one.
 */
export function loadDefaultReasoningAliases(configured: string | undefined): ReasoningAliasConfig | undefined {
  if (configured !== undefined) return loadReasoningAliases(configured);
  const shipped = shippedCandidates.find((candidate) => existsSync(candidate));
  return shipped === undefined ? undefined : loadReasoningAliases(shipped);
}

/**
 * The reasoning aliases, loaded when a command first needs them: a configured file is read at
 * once (so a broken one stops the start), the shipped one on first use (it costs a YAML parser).
 */
export function lazyReasoningAliases(configured: string | undefined): () => ReasoningAliasConfig | undefined {
  let loaded: { readonly value: ReasoningAliasConfig | undefined } | undefined =
    configured === undefined ? undefined : { value: loadDefaultReasoningAliases(configured) };
  return () => (loaded ??= { value: loadDefaultReasoningAliases(undefined) }).value;
}
