/**
 * The parts of a message that ask something, each with what the message says before it.
 * Customers often state their situation and then ask a short, vague question: "getting errors
 * from the api when we create instances. what do you need from me?" The statement says what the
 * question is about; the question says what is wanted.
 */
export interface Clause {
  /** A sentence that asks something. */
  question: string;
  /** The sentences before it that ask nothing ('' when there are none): the question's topic. */
  statement: string;
  /** The question asked before it in the same message ('' when none): the topic of a follow-up that names none. */
  previous: string;
}

/**
 * Sentence ends (a colon too: "my director wants a slide: what do we get…"), "…, and does …"
 * second questions, and a dash between two thoughts ("billing looks wrong - who do I email?").
 * Not "what do I attach and where do I send it", nor "how do I reach the agent log and where is it":
 * where to send, or where is, what was just asked for is part of the same question.
 */
const SPLIT =
  /(?<=[?!.;:])\s+|\s+[-–—]+\s+|,?\s+\b(?:and|also|plus)\s+(?=(?:is|are|does|do|can|could|will|would|how|what|who|where|when|which|should)\b)(?!(?:where|who)\s+(?:do|does|should|can|would|must)\s+(?:i|we|you)\s+(?:send|submit|e-?mail|mail|forward|upload)\s+(?:it|them|that|this|those|these)\b|where\s+(?:is|are)\s+(?:it|they|that|this|those|these)\b)/i;
/** "is that part of the support we get?", "does it cover…": a question about what was just said or asked. */
export const REFERS_BACK = /^\W*(?:and |but |so )?(?:is|are|does|do|can|could|will|would|should|was|were)\s+(?:that|it|this|those|these)\b/i;
const QUESTION_START = /^(is|are|does|do|can|could|will|would|how|hows|what|whats|who|whos|where|wheres|when|which|should|why)\b/i;
/** "…what do you need from me? and whats the number for canada": a second question joined on, its mark left off. */
const JOINED_ON = /^(?:and|also|plus|but|so)\s+/i;
const MIN_QUESTION_WORDS = 3;

const asks = (part: string): boolean => QUESTION_START.test(part.replace(JOINED_ON, '')) || part.endsWith('?');

export function clauses(text: string): Clause[] {
  const parts = text.split(SPLIT).map((part) => part.trim()).filter(Boolean);
  const out: Clause[] = [];
  const said: string[] = [];
  let previous = '';
  for (const part of parts) {
    if (!asks(part)) {
      said.push(part);
      continue;
    }
    // "is it billed by you? and how often?": a follow-up that short is kept only to be read with the question before it
    const whole = part.replace(JOINED_ON, '').split(/\s+/).length >= MIN_QUESTION_WORDS;
    if (!whole && previous === '') continue;
    out.push({ question: part, statement: said.map(mainClause).join(' '), previous });
    if (whole) previous = part;
  }
  return out;
}

/**
 * A subordinate clause tells when or why something happens ("…from the api when we create
 * instances"), and an aside in brackets adds to the story ("(the guy left)"): neither is the
 * thing the question is about, which the main clause names.
 */
const SUBORDINATE = /,?\s*\b(?:when|whenever|while|after|before|because|since|if|once|as soon as|every time)\b[^,.;!?()]*/gi;
const ASIDE = /\([^()]*\)/g;

/**
 * "I'm opening a case", "before I raise a ticket": the customer filing the problem with support,
 * which says nothing of what the problem is.
 */
const FILING = /\b(?:(?:i|we) (?:am|are|will|shall|have to|need to|want to|would like to|was going to|were going to|am going to|are going to|am about to|are about to)|i'm|we're|i'll|we'll|before (?:i|we)|about to|going to)\s+(?:open|opening|file|filing|raise|raising|log|logging|submit|submitting|create|creating|put in|putting in)\s+(?:a |an |the )?(?:new )?(?:support )?(?:case|ticket|incident|request)\b/gi;

/** "I want to report it": the same, said of the problem already told. */
const REPORTING = /\b(?:i|we) (?:want|need|would like|have) to (?:report|flag|escalate) (?:it|this|that|the (?:problem|issue|bug|error))\b/gi;

export function withoutFiling(text: string): string {
  return text.replace(FILING, ' ').replace(REPORTING, ' ');
}

export function mainClause(sentence: string): string {
  const main = sentence.replace(ASIDE, ' ').replace(SUBORDINATE, ' ').trim();
  return /[a-z]/i.test(main) ? main : sentence;
}
