/**
 * The backends the gateway knows by name: how each is reached and where its keys come from.
 * Base URLs follow each vendor SDK's convention (OpenAI-style ones include the version path,
 * Anthropic and Gemini do not).
 */
export type BackendFamily = 'openai-compatible' | 'anthropic' | 'gemini';

export interface BackendDefinition {
  readonly id: string;
  readonly family: BackendFamily;
  readonly defaultBaseUrl: string;
  /** Environment variable that overrides the base URL. */
  readonly baseUrlEnv: string;
  /** Key variables, first match wins; each may also be numbered `NAME_1…NAME_N`. */
  readonly keyEnv: readonly string[];
  /** Extra headers the provider asks for (OpenRouter's app identity). */
  readonly identityHeaders?: Readonly<Record<string, string>>;
}

export const backendCatalog: readonly BackendDefinition[] = [
  {
    id: 'openai',
    family: 'openai-compatible',
    defaultBaseUrl: 'https://api.openai.com/v1',
    baseUrlEnv: 'OPENAI_API_BASE_URL',
    keyEnv: ['OPENAI_API_KEY'],
  },
  {
    id: 'openrouter',
    family: 'openai-compatible',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    baseUrlEnv: 'OPENROUTER_API_BASE_URL',
    keyEnv: ['OPENROUTER_API_KEY'],
    identityHeaders: { 'HTTP-Referer': 'http://localhost:8000', 'X-Title': 'InterceptorProxy' },
  },
  {
    id: 'zai',
    family: 'openai-compatible',
    defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    baseUrlEnv: 'ZAI_API_BASE_URL',
    keyEnv: ['ZAI_API_KEY'],
  },
  {
    id: 'zai-coding-plan',
    family: 'openai-compatible',
    defaultBaseUrl: 'https://api.z.ai/api/coding/paas/v4',
    baseUrlEnv: 'ZAI_CODING_PLAN_API_BASE_URL',
    // The seed documents name ZAI_API_KEY; the later code split out a dedicated variable.
    keyEnv: ['ZAI_CODING_PLAN_API_KEY', 'ZAI_API_KEY'],
  },
  {
    id: 'anthropic',
    family: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com',
    baseUrlEnv: 'ANTHROPIC_API_BASE_URL',
    keyEnv: ['ANTHROPIC_API_KEY'],
  },
  {
    id: 'gemini',
    family: 'gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    baseUrlEnv: 'GEMINI_API_BASE_URL',
    keyEnv: ['GEMINI_API_KEY'],
  },
];

export function findBackendDefinition(id: string): BackendDefinition | undefined {
  return backendCatalog.find((definition) => definition.id === id);
}

export const backendFamilies: readonly BackendFamily[] = ['openai-compatible', 'anthropic', 'gemini'];
