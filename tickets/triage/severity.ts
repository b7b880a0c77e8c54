import { normalise } from '../../knowledge/text.js';
import type { Severity } from '../model.js';
import { FAILURE_WORDS, wordsPattern } from './failure-words.js';

/**
 * Severity from the customer's own words. Only clear signals count: when nothing clear is said
 * the answer is null and the customer is asked, because a wrong guess either pages someone at
 * night or leaves an outage in a normal queue.
 */

/** What each severity means, one line each, as the customer is shown them. */
export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, string>> = {
  1: 'Critical: production is down or data is being lost, and there is no workaround.',
  2: 'High: a service is degraded or many users are affected, or a release is blocked.',
  3: 'Normal: something fails or returns an error, with limited impact.',
  4: 'Low: a question, a cosmetic problem, or a request with no deadline.',
};

interface Signal {
  severity: Severity;
  pattern: RegExp;
}

// An explicit "sev 2" / "P1" / "severity 3" beats every word-based guess. Not "p3.2xlarge":
// AWS instance types start with a P and a digit too.
const EXPLICIT = /\b(?:sev(?:erity)?|p|priority)\s*[-:#]?\s*([1-4])\b(?!\.\w)/i;

// In order: the more urgent reading wins when a message carries several. A negated or
// low-priority statement is checked first, since it says the severity outright ("not
// critical, no rush" is not critical), and "cosmetic" before a plain "error" so that a
// "cosmetic error" is not read as a failure.
const SIGNALS: readonly Signal[] = [
  {
    severity: 4,
    pattern:
      /\bnot (?:so |that |too |very |really )?(?:critical|urgent)\b|\bnon[- ]?(?:critical|urgent)\b|\bnothing urgent\b|\blow[- ]priority\b|\bwhen you have (?:the )?time\b|\bno rush\b/i,
  },
  {
    severity: 1,
    // "all our boxes are down", not "I scrolled all the way down"
    pattern:
      /\b(?:production|prod|site|service|platform|portal|everything|all(?: (?:of )?(?:our|the|my))?(?: (?!way\b)[a-z0-9-]+){0,3}) (?:is |are |went |has gone |have gone )?(?:all )?(?:completely )?down\b|\ball down\b|\boutage\b|(?<!\bnot |\bnon[- ])\bcritical\b|\b(?:nobody|no one|no-one|none of (?:us|our users)) can (?:log ?in|sign ?in|access|connect)\b|\bdata loss\b|\blos(?:t|ing) (?:all )?(?:our |the |my )?data\b|\bemergency\b/i,
  },
  {
    severity: 2,
    pattern:
      /\bdegraded\b|\b(?:many|most|several|multiple|lots of) (?:of (?:our|the) )?users\b|(?<!\bnot |\bnon[- ])\burgent(?:ly)?\b|\bblock(?:ing|s|ed)? (?:a |our |the |my )?(?:release|launch|go-live|deployment to production)\b|\bhigh priority\b|\bvery slow\b/i,
  },
  {
    severity: 4,
    pattern: /\bquestion\b|\bhow (?:do|can|should) (?:i|we)\b|\bcosmetic\b|\btypo\b|\bfeature request\b/i,
  },
  { severity: 3, pattern: wordsPattern(FAILURE_WORDS) },
];

/** The severity the words point to, or null when they do not say. */
export function inferSeverity(text: string): Severity | null {
  // normalised: "can’t" with a curly apostrophe and "isn't critical" read as "cannot" and "is not critical"
  const normalised = normalise(text);
  const explicit = EXPLICIT.exec(normalised);
  if (explicit?.[1]) return Number(explicit[1]) as Severity;
  return SIGNALS.find((signal) => signal.pattern.test(normalised))?.severity ?? null;
}
