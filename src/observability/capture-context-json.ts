import type { SecretRedactor } from '../redaction/redact-secrets.js';
import { redactValue } from '../redaction/redact-value.js';
import type { CaptureContext, CaptureEntry } from './capture-entry.js';

// A request's context as capture lines repeat it: its fields, their JSON, redacted once.

/** An object's JSON without its braces (`""` for no members). */
export function innerJson(value: object): string {
  return JSON.stringify(value).slice(1, -1);
}

export type RedactedContext = Pick<CaptureEntry, 'source' | 'destination' | 'session_id' | 'backend' | 'model' | 'key_name' | 'metadata'> & {
  /** `"source":…,…,"key_name":…` and `"client_host":…,"request_id":…`: the JSON every line repeats. */
  readonly json: { readonly head: string; readonly metadata: string };
};

/** One request's context serves all its entries: redact it once per (context, redactor). */
const redactedContexts = new WeakMap<CaptureContext, { readonly redactor: SecretRedactor; readonly value: RedactedContext }>();

/** A context as the JSON of its entry's fields, in the entry's order: what the capture worker is sent. */
export function captureContextFieldsJson(context: CaptureContext): string {
  return JSON.stringify(contextFields(context));
}

/** The context {@link captureContextFieldsJson} was given (fields that were absent are absent again). */
export function captureContextFromFieldsJson(json: string): CaptureContext {
  const fields = JSON.parse(json) as Omit<RedactedContext, 'json'>;
  const optional = (value: string | null): string | undefined => value ?? undefined;
  const entries: readonly (readonly [keyof CaptureContext, string | undefined])[] = [
    ['sessionId', optional(fields.session_id)],
    ['backend', optional(fields.backend)],
    ['model', optional(fields.model)],
    ['keyName', optional(fields.key_name)],
    ['requestId', optional(fields.metadata.request_id as string | null)],
    ['clientHost', optional(fields.metadata.client_host as string | null)],
    ['userAgent', optional(fields.metadata.user_agent as string | null)],
  ];
  return { source: fields.source, destination: fields.destination, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) };
}

/** Where the metadata starts in {@link captureContextFieldsJson}: a quote inside a value is escaped, so this is the key. */
const metadataKey = ',"metadata":{';

/**
 * The JSON every line of a context repeats, redacted: `"source":…,"key_name":…` and
 * `"client_host":…,"request_id":…`, from {@link captureContextFieldsJson}. JSON in which the
 * redactor's pre-check (`createSecretPrecheck`, trusted on JSON text) finds no candidate is cut
 * out as it is; otherwise the context is redacted field by field.
 */
export function captureContextJson(
  fieldsJson: string,
  redactor: SecretRedactor,
  mayHoldSecret: (text: string) => boolean,
): { readonly head: string; readonly metadata: string } {
  const split = fieldsJson.indexOf(metadataKey);
  const json = { head: fieldsJson.slice(1, split), metadata: fieldsJson.slice(split + metadataKey.length, -2) };
  if (split > 0 && !mayHoldSecret(json.head) && !mayHoldSecret(json.metadata)) return json;
  return redactContext(captureContextFromFieldsJson(fieldsJson), redactor).json;
}

export function redactedContext(context: CaptureContext, redactor: SecretRedactor): RedactedContext {
  const cached = redactedContexts.get(context);
  if (cached?.redactor === redactor) return cached.value;
  const value = redactContext(context, redactor);
  redactedContexts.set(context, { redactor, value });
  return value;
}

/** A context as the entry's fields, in the entry's order. */
function contextFields(context: CaptureContext): Omit<RedactedContext, 'json'> {
  return {
    source: context.source,
    destination: context.destination,
    session_id: context.sessionId ?? null,
    backend: context.backend ?? null,
    model: context.model ?? null,
    key_name: context.keyName ?? null,
    metadata: { client_host: context.clientHost ?? null, user_agent: context.userAgent ?? null, request_id: context.requestId ?? null },
  };
}

function redactContext(context: CaptureContext, redactor: SecretRedactor): RedactedContext {
  const { metadata, ...head } = redactValue(contextFields(context), redactor);
  return { ...{}, ...head, metadata, json: { head: innerJson(head), metadata: innerJson(metadata) } };
}
