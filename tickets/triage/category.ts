import { normalise } from '../../knowledge/text.js';
import { AGENT_LOG_FILE_NAME } from '../evidence/log-locations.js';
import type { Category } from '../model.js';
import { RETURNS_ERROR_STATUS } from './failure-words.js';

/**
 * What kind of problem the words describe, so the dialog asks for the right evidence (a
 * request body for an API call, the agent log for a box). Null when the words do not say.
 */

interface CategorySignal {
  category: Category;
  pattern: RegExp;
}

const AGENT_LOG = AGENT_LOG_FILE_NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// API first: "the deployment API returns 500" is an API call, not a box error
const SIGNALS: readonly CategorySignal[] = [
  {
    category: 'api_call',
    pattern: new RegExp(
      String.raw`\bapi\b|\bendpoint\b|\brest call\b|\brequest\b|\b${RETURNS_ERROR_STATUS}\b|\bhttp (?:status|error|code)\b|\bstatus code\b|\bcurl\b|\bjson (?:body|payload)\b|\bpayload\b`,
      'i',
    ),
  },
  {
    category: 'box_error',
    pattern: new RegExp(String.raw`\bbox(?:es)?\b|\bdeploy(?:ment|ments|ing|ed)?\b|\binstances?\b|\bagent\b|\b${AGENT_LOG}\b|\bprovision(?:ing|ed)?\b`, 'i'),
  },
  {
    category: 'billing',
    pattern: /\binvoices?\b|\bbill(?:ed|ing|s)?\b|\bcharge[sd]?\b|\bcosts?\b|\boverbilled\b|\brefund\b/i,
  },
  {
    category: 'portal_access',
    pattern: /\blog ?in\b|\blogin\b|\bsign(?:ing)? ?in\b|\bsso\b|\bsingle sign-on\b|\busers?\b|\bpermissions?\b|\baccess denied\b|\bpassword reset\b|\blocked out\b/i,
  },
];

/** The category the words point to, or null. */
export function inferCategory(text: string): Category | null {
  // normalised like the other triage readers, so curly quotes and contractions read the same
  const normalised = normalise(text);
  return SIGNALS.find((signal) => signal.pattern.test(normalised))?.category ?? null;
}
