/** The four reasoning modes of `config/reasoning_aliases.yaml` (`!/max` uses `high`, `!/no-think` `none`). */
export type ReasoningMode = 'high' | 'medium' | 'low' | 'none';

/**
 * What one reasoning mode changes in a forwarded request (the YAML's snake_case keys in
 * camelCase). Every field is optional: a mode sets only what it names.
 */
export interface ReasoningModeSettings {
  /** `max_reasoning_tokens`: the thinking budget in tokens. */
  readonly maxReasoningTokens?: number;
  /** `reasoning_effort`: `none`, `minimal`, `low`, `medium`, `high`, `xhigh` or `max`. */
  readonly reasoningEffort?: string;
  /** `user_prompt_prefix`: prepended to the latest user message's text. */
  readonly userPromptPrefix?: string;
  /** `user_prompt_suffix`: appended to the latest user message's text. */
  readonly userPromptSuffix?: string;
  readonly temperature?: number;
  readonly topP?: number;
}
