export { redact, redactDeep, mergeCounts, describeRedactions } from './redact.js';
export type { RedactedText, Redacted } from './redact.js';
export { looksLikeSecretKey } from './secret-names.js';
