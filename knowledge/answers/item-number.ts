/**
 * Whether a scope item's name reads as plural ("IAM Policies", "Escalations to Microsoft",
 * "Customer accounts that are not Optimized…"), so a verdict says "are in scope" for it and "is"
 * for "Patching" or "Monitoring and Remediation". The head of the name is what comes before its
 * first preposition or relative clause; the head reads plural when its last word does.
 */
const HEAD_ENDS = /\s+(?:to|for|of|regarding|about|that|which|who|within|in|on|through|with|by|from)\s+/i;
/** Words ending in "s" that are not plurals. */
const SINGULAR_S = /(?:ss|us|is|ics)$/i;

export function readsPlural(name: string): boolean {
  const head = name.split(HEAD_ENDS)[0]!.trim();
  const last = head.split(/\s+/).pop() ?? '';
  return last.length > 3 && /s$/i.test(last) && !SINGULAR_S.test(last);
}

/** "is" or "are" for the name, as its subject. */
export function beFor(name: string): 'is' | 'are' {
  return readsPlural(name) ? 'are' : 'is';
}
