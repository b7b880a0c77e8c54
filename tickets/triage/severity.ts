import type { Severity } from '../model.js';

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

export interface SeverityGuess {
  severity: Severity;
  /** the words that decided it, for the customer to check ("you said 'all down'") */
  reason: string;
}

interface Signal {
  severity: Severity;
  pattern: RegExp;
}

// an explicit "sev 2" / "P1" / "severity 3" beats every word-based guess
const EXPLICIT = /\b(?:sev(?:erity)?|p|priority)\s*[-:#]?\s*([1-4])\b/i;

// in order: the more urgent reading wins when a message carries several ("low priority" is
// checked before a plain "error" so that "cosmetic error" is not read as a failure)
const SIGNALS: readonly Signal[] = [
  {
    severity: 1,
    pattern:
      /\b(?:production|prod|site|service|platform|portal|everything|all(?: (?:of )?(?:our|the|my))?(?: [a-z0-9-]+){0,3}) (?:is |are |went |has gone |have gone )?(?:all )?(?:completely )?down\b|\ball down\b|\boutage\b|\bcritical\b|\b(?:nobody|no one|no-one|none of (?:us|our users)) can (?:log ?in|sign ?in|access|connect)\b|\bdata loss\b|\blos(?:t|ing) (?:all )?(?:our |the |my )?data\b|\bemergency\b/i,
  },
  {
    severity: 2,
    pattern: /\bdegraded\b|\b(?:many|most|several|multiple|lots of) (?:of (?:our|the) )?users\b|\burgent(?:ly)?\b|\bblock(?:ing|s|ed)? (?:a |our |the |my )?(?:release|launch|go-live|deployment to production)\b|\bhigh priority\b|\bvery slow\b/i,
  },
  {
    severity: 4,
    pattern: /\bquestion\b|\bhow (?:do|can|should) (?:i|we)\b|\bcosmetic\b|\blow priority\b|\bwhen you have (?:the )?time\b|\bno rush\b|\bnot urgent\b|\btypo\b|\bfeature request\b/i,
  },
  {
    severity: 3,
    pattern:
      /\berrors?\b|\bfail(?:s|ed|ing|ure|ures)?\b|\bbroken\b|\bnot working\b|\bdoes(?:n't| not) work\b|\breturns? (?:an? )?(?:http )?[45]\d\d\b|\bexception\b|\bcrash(?:es|ed|ing)?\b|\b(?:can't|cannot|can not|unable to)\b|\btim(?:es|ed|ing) out\b|\btimeout\b|\bstuck\b/i,
  },
];

/** The severity the words point to, or null when they do not say. */
export function inferSeverity(text: string): SeverityGuess | null {
  const explicit = EXPLICIT.exec(text);
  if (explicit?.[1]) return { severity: Number(explicit[1]) as Severity, reason: `you said "${explicit[0].trim()}"` };
  for (const signal of SIGNALS) {
    const found = signal.pattern.exec(text);
    if (found) return { severity: signal.severity, reason: `you said "${found[0].trim()}"` };
  }
  return null;
}
