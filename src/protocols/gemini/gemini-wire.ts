import * as t from 'io-ts';

/**
 * io-ts codecs for the Gemini `generateContent` wire JSON.
 *
 * Client requests are decoded strictly enough that a wrong type names its field path
 * (`contents[0].parts[1].functionCall.name`); every object is `t.type`/`t.partial`, so unknown
 * fields are kept on the decoded value (io-ts only strips with `t.exact`). Upstream responses are
 * decoded leniently: only the fields the gateway reads, and `null` accepted wherever a field is
 * optional.
 *
 * @see https://ai.google.dev/api/generate-content
 */

/** `null` or absent: upstreams and some clients send explicit nulls for empty fields. */
const nullish = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);

const jsonObjectCodec = t.UnknownRecord;

// ---------------------------------------------------------------- client request

const blobCodec = t.intersection([t.type({ data: t.string }), t.partial({ mimeType: t.string })]);
const fileDataCodec = t.intersection([t.type({ fileUri: t.string }), t.partial({ mimeType: t.string })]);

const functionCallCodec = t.intersection([
  t.type({ name: t.string }),
  t.partial({ args: nullish(jsonObjectCodec), id: nullish(t.string) }),
]);

const functionResponseCodec = t.intersection([
  t.type({ name: t.string }),
  t.partial({ response: nullish(jsonObjectCodec), id: nullish(t.string), parts: nullish(t.array(t.UnknownRecord)) }),
]);

/** One part; which data field it holds is checked by the decoder, so field paths stay readable. */
export const geminiPartCodec = t.partial({
  text: t.string,
  thought: nullish(t.boolean),
  thoughtSignature: nullish(t.string),
  inlineData: blobCodec,
  fileData: fileDataCodec,
  functionCall: functionCallCodec,
  functionResponse: functionResponseCodec,
});
export type GeminiPart = t.TypeOf<typeof geminiPartCodec>;

export const geminiContentCodec = t.intersection([
  t.type({ parts: t.array(geminiPartCodec) }),
  t.partial({ role: nullish(t.keyof({ user: null, model: null, function: null })) }),
]);
export type GeminiContent = t.TypeOf<typeof geminiContentCodec>;

const functionDeclarationCodec = t.intersection([
  t.type({ name: t.string }),
  t.partial({
    description: nullish(t.string),
    parameters: nullish(jsonObjectCodec),
    parametersJsonSchema: nullish(jsonObjectCodec),
  }),
]);

/** A tool entry: function declarations, or another kind (googleSearch, codeExecution...) kept as is. */
export const geminiToolCodec = t.partial({ functionDeclarations: nullish(t.array(functionDeclarationCodec)) });

export const geminiToolConfigCodec = t.partial({
  functionCallingConfig: nullish(
    t.partial({
      mode: nullish(t.keyof({ AUTO: null, ANY: null, NONE: null, VALIDATED: null, MODE_UNSPECIFIED: null })),
      allowedFunctionNames: nullish(t.array(t.string)),
    }),
  ),
});

export const geminiThinkingConfigCodec = t.partial({
  thinkingBudget: nullish(t.number),
  includeThoughts: nullish(t.boolean),
  thinkingLevel: nullish(
    t.keyof({ MINIMAL: null, LOW: null, MEDIUM: null, HIGH: null, THINKING_LEVEL_UNSPECIFIED: null }),
  ),
});

export const geminiGenerationConfigCodec = t.partial({
  temperature: nullish(t.number),
  topP: nullish(t.number),
  topK: nullish(t.number),
  maxOutputTokens: nullish(t.number),
  stopSequences: nullish(t.array(t.string)),
  candidateCount: nullish(t.number),
  seed: nullish(t.number),
  responseMimeType: nullish(t.string),
  responseSchema: nullish(jsonObjectCodec),
  responseJsonSchema: nullish(jsonObjectCodec),
  thinkingConfig: nullish(geminiThinkingConfigCodec),
});

export const geminiRequestCodec = t.intersection([
  t.type({ contents: t.array(geminiContentCodec) }),
  t.partial({
    systemInstruction: nullish(t.union([t.string, t.partial({ parts: t.array(geminiPartCodec) })])),
    tools: nullish(t.array(geminiToolCodec)),
    toolConfig: nullish(geminiToolConfigCodec),
    generationConfig: nullish(geminiGenerationConfigCodec),
    safetySettings: nullish(t.array(t.UnknownRecord)),
  }),
]);
export type GeminiRequest = t.TypeOf<typeof geminiRequestCodec>;

// ---------------------------------------------------------------- upstream response (lenient)

/** Vertex `streamFunctionCallArguments`: one argument value addressed by a JSON path. */
export const geminiPartialArgCodec = t.partial({
  jsonPath: nullish(t.string),
  stringValue: nullish(t.string),
  numberValue: nullish(t.number),
  boolValue: nullish(t.boolean),
  nullValue: t.unknown,
  willContinue: nullish(t.boolean),
});
export type GeminiPartialArg = t.TypeOf<typeof geminiPartialArgCodec>;

export const geminiResponseFunctionCallCodec = t.partial({
  name: nullish(t.string),
  args: nullish(jsonObjectCodec),
  id: nullish(t.string),
  partialArgs: nullish(t.array(geminiPartialArgCodec)),
  willContinue: nullish(t.boolean),
});
export type GeminiResponseFunctionCall = t.TypeOf<typeof geminiResponseFunctionCallCodec>;

export const geminiResponsePartCodec = t.partial({
  text: nullish(t.string),
  thought: nullish(t.boolean),
  thoughtSignature: nullish(t.string),
  functionCall: nullish(geminiResponseFunctionCallCodec),
});
export type GeminiResponsePart = t.TypeOf<typeof geminiResponsePartCodec>;

export const geminiUsageMetadataCodec = t.partial({
  promptTokenCount: nullish(t.number),
  candidatesTokenCount: nullish(t.number),
  totalTokenCount: nullish(t.number),
  thoughtsTokenCount: nullish(t.number),
  cachedContentTokenCount: nullish(t.number),
  toolUsePromptTokenCount: nullish(t.number),
});
export type GeminiUsageMetadata = t.TypeOf<typeof geminiUsageMetadataCodec>;

export const geminiCandidateCodec = t.partial({
  content: nullish(t.partial({ parts: nullish(t.array(geminiResponsePartCodec)), role: nullish(t.string) })),
  finishReason: nullish(t.string),
  index: nullish(t.number),
});
export type GeminiCandidate = t.TypeOf<typeof geminiCandidateCodec>;

export const geminiErrorObjectCodec = t.partial({
  code: nullish(t.number),
  message: nullish(t.string),
  status: nullish(t.string),
  details: nullish(t.array(t.unknown)),
});
export type GeminiErrorObject = t.TypeOf<typeof geminiErrorObjectCodec>;

/** One `GenerateContentResponse` (a whole body, or one stream event), or an in-band error. */
export const geminiResponseCodec = t.partial({
  candidates: nullish(t.array(geminiCandidateCodec)),
  usageMetadata: nullish(geminiUsageMetadataCodec),
  promptFeedback: nullish(t.partial({ blockReason: nullish(t.string) })),
  modelVersion: nullish(t.string),
  responseId: nullish(t.string),
  error: nullish(geminiErrorObjectCodec),
});
export type GeminiResponse = t.TypeOf<typeof geminiResponseCodec>;
