import type { Answer } from '../types.js';

/**
 * "How do we move our subscription off CenturyLink, back to paying Microsoft directly?": leaving is
 * the way back of joining, and the articles' steps for moving an account into CenturyLink's care
 * share nearly every word with it. Only an answer that itself speaks of leaving (an off-boarding
 * guide, a notice period) answers such a question.
 */
const ASKS_TO_LEAVE = /\b(?:off|away from|out of|leave|leaving|exit|offboard\w*|off-board\w*)\b[^.?!]*\bcenturylink\b|\bwe want to leave\b|\b(?:leave|leaving|exit|cancel|cancell?ing|terminate|terminating|end (?:the|our)|stop using)\b[^.?!]*\b(?:integration|partner cloud|contract|service|centurylink)\b|\bback to (?:paying |being billed by )?(?:microsoft|amazon|aws)\b/;
const SPEAKS_OF_LEAVING = /\b(?:leav\w*|exit\w*|off-?board\w*|cancel\w*|terminat\w*|end of (?:the |your )?(?:contract|term)|move (?:away|back))\b/i;

/** `text` is the normalised question. */
export function asksToLeave(text: string): boolean {
  return ASKS_TO_LEAVE.test(text);
}

export function speaksOfLeaving(answer: Answer): boolean {
  return SPEAKS_OF_LEAVING.test(answer.text) || answer.sources.some((source) => SPEAKS_OF_LEAVING.test(source.title));
}
