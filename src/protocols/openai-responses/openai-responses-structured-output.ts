import type { ProviderMetadata } from '../../streams/canonical-chunk.js';

/**
 * The gateway's structured-output verdict (set by the `enforceStructuredOutput` operator) as the
 * Responses encoders read it. The key and code are repeated here, not imported: protocols do
 * not depend on operators.
 */
const structuredOutputKey = 'structuredOutput';
const structuredOutputInvalid = 'structured_output_invalid';

/**
 * The repaired text a `text-end` chunk (or reduced text part) carries, if the text was repaired.
 *
 * @example
 * readRepairedText({ structuredOutput: { repaired: true, repairedText: '{"a":1}' } }); // '{"a":1}'
 */
export function readRepairedText(providerMetadata: ProviderMetadata | undefined): string | undefined {
  const text = providerMetadata?.[structuredOutputKey]?.repairedText;
  return typeof text === 'string' ? text : undefined;
}

/**
 * The `error` of a failed Responses object: `structured_output_invalid` with the validator's
 * reason when the output could not be made to fit the requested format, else a generic failure.
 *
 * @example
 * openAIResponsesFailure('structured_output_invalid', { structuredOutput: { error: 'not JSON' } });
 * // { code: 'structured_output_invalid', message: 'not JSON' }
 */
export function openAIResponsesFailure(
  raw: string | undefined,
  providerMetadata: ProviderMetadata | undefined,
): { readonly code: string; readonly message: string } {
  const message = providerMetadata?.[structuredOutputKey]?.error;
  if (raw === structuredOutputInvalid) {
    return { code: structuredOutputInvalid, message: typeof message === 'string' ? message : 'The output does not match the requested format.' };
  }
  return { code: 'server_error', message: 'The model failed to generate a response.' };
}
