export {
  CAPTURE_REDACTION_MARKER,
  PROMPT_REDACTION_MARKER,
  createSecretRedactor,
  type RedactionResult,
  type SecretRedactor,
  type SecretRedactorOptions,
} from './redact-secrets.js';
export { redactCanonicalRequest, type RequestRedaction } from './redact-request.js';
export { redactValue } from './redact-value.js';
export { secretPatterns, type SecretPattern } from './secret-patterns.js';
export { parseIpAllowList, type IpAllowList } from './ip-allow-list.js';
export { parseIpAddress, type ParsedIpAddress } from './parse-ip-address.js';
