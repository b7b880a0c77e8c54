/**
 * Whether a message describes a problem (a statement of something broken) or asks a question,
 * and the problem without the customer's request to file it. The router sends described
 * problems to the incident dialog and questions to the knowledge base.
 */

const TICKET_WORDS = String.raw`(?:a |an |the )?(?:new )?(?:critical |urgent |high[- ]priority |(?:sev(?:erity)? ?|p)[1-4] )?(?:support )?(?:ticket|incident|case)\b`;

/** "I need to open a critical ticket", "please raise an incident": a request to file, anywhere in the text. */
const REQUEST_ANYWHERE = new RegExp(
  String.raw`\b(?:(?:i|we)(?: really| urgently)? (?:need|want|would like|'d like|have) to|(?:can|could) you(?: please)?|please) (?:open|file|raise|create|log|submit) ${TICKET_WORDS}`,
  'i',
);

/** "open a ticket", "talk to a person": a request to file as the whole point of the message. */
const REQUEST_AT_START = new RegExp(
  String.raw`^(?:please )?(?:open|create|file|raise|log|submit) ${TICKET_WORDS}|^(?:(?:i|we) (?:want|need|would like) to )?(?:talk|speak) to (?:a |an )?(?:person|human|agent|engineer|someone|support)\b`,
  'i',
);

const QUESTION_START = /^(?:is|are|was|were|does|do|did|can|could|will|would|shall|should|may|how|what|what's|whats|who|whom|whose|where|when|which|why)\s/i;

const PROBLEM_WORDS =
  /\b(?:down|outage|fail(?:s|ed|ing|ure|ures)?|errors?|broken|not working|does(?:n't| not) work|stopped working|returns? (?:an? )?(?:http )?(?:status )?[45]\d\d|crash(?:es|ed|ing)?|can't|cannot|can not|unable to|tim(?:es|ed|ing) out|timeout|stuck|degraded|denied|lost|missing|hangs?|unreachable|slow)\b/i;

/** "the outage hotline for Asia Pacific": asking how to reach support, which the knowledge base answers. */
const ASKS_FOR_CONTACT = /\b(?:hotline|phone|telephone|e-?mail address|contact (?:details|number|info|information)|number to (?:call|dial))\b/i;

/**
 * "I can't see the migrate option", "I cannot find the setting": looking for something in the
 * product is a how-to question, not a report of something broken.
 */
const LOOKING_FOR = /\b(?:can't|cannot|can not|unable to|don't|do not|doesn't|does not)\s+(?:see|find|locate|get to|figure out)\b/gi;

/** True when the customer asks to file a ticket or talk to a person, in so many words. */
export function asksForTicket(text: string): boolean {
  return REQUEST_AT_START.test(text.trim()) || REQUEST_ANYWHERE.test(text);
}

/** True when the message is worded as a question: it asks something rather than reports it. */
export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('?') || QUESTION_START.test(trimmed);
}

/** The message without the request to file it: "VMs are all down, I need to open a ticket" → "VMs are all down". */
export function problemStatement(text: string): string {
  const global = new RegExp(REQUEST_ANYWHERE.source, 'gi');
  const atStart = new RegExp(REQUEST_AT_START.source, 'i');
  return text
    .replace(global, ' ')
    .trim()
    .replace(atStart, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:!-]*(?:(?:and|so|but|because|as)\b)?[\s,.;:!-]*/i, '')
    .replace(/[\s,;:-]*(?:\b(?:and|so|but)\s*)?[\s,.;:!-]*$/i, '')
    .trim();
}

/** True when the message reports something broken ("box deployment failed"), as a statement, not a question. */
export function describesProblem(text: string): boolean {
  const statement = problemStatement(text);
  if (statement.length === 0 || isQuestion(statement) || ASKS_FOR_CONTACT.test(statement)) return false;
  return PROBLEM_WORDS.test(statement.replace(LOOKING_FOR, ' '));
}
