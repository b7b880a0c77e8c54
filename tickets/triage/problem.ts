import { normalise } from '../../knowledge/text.js';
import { FAILURE_WORDS, wordsPattern } from './failure-words.js';

/**
 * Whether a message describes a problem (a statement of something broken) or asks a question,
 * and the problem without the customer's request to file it. The router sends described
 * problems to the incident dialog and questions to the knowledge base.
 */

const TICKET_WORDS = String.raw`(?:a |an |the )?(?:new )?(?:critical |urgent |high[- ]priority |(?:sev(?:erity)? ?|p)[1-4] )?(?:support )?(?:ticket|incident|case)\b`;

/** "I need to open a critical ticket", "please raise an incident": a request to file, anywhere in the text. */
const REQUEST_ANYWHERE = new RegExp(
  // "do I have to open a case with them myself?" asks whether to, and of someone else
  String.raw`\b(?<!\b(?:do|does|did|should|must|would|will)\s)(?:(?:i|we)(?: really| urgently)? (?:need|want|would like|[’']d like|have) to|(?:can|could) you(?: please)?|please) (?:open|file|raise|create|log|submit) ${TICKET_WORDS}`,
  'i',
);

/**
 * "best way to open a support ticket with you?", "how do I raise a case with your team?": asking how
 * to file with this very support is asking to file (one in the portal is a how-to question).
 */
const HOW_TO_FILE_HERE = new RegExp(
  String.raw`\b(?:how|way|where|(?:can|could|may) (?:i|we))\b[^.?!]*\b(?:open|file|raise|create|log|submit) ${TICKET_WORDS}\s*(?:with (?:you|u|your team|support|centurylink)|here|through (?:you|this chat)|in (?:this )?chat)\b`,
  'i',
);

/** "open a ticket", "talk to a person": a request to file as the whole point of the message. */
const REQUEST_AT_START = new RegExp(
  String.raw`^(?:please )?(?:open|create|file|raise|log|submit) ${TICKET_WORDS}|^(?:(?:i|we) (?:want|need|would like) to )?(?:talk|speak) to (?:a |an )?(?:person|human|agent|engineer|someone|support)\b`,
  'i',
);

// on normalised text, where "what's" is already "what is". knowledge/knowledge-base.ts keeps a
// shorter list of its own for splitting a message into questions.
const QUESTION_START = /^(?:is|are|was|were|does|do|did|can|could|will|would|shall|should|may|how|what|who|whom|whose|where|when|which|why)\s/i;

/**
 * A question inside a clause that starts with something else, typed without a comma or a question
 * mark: "win server box error where is agent log file located", "if aws itself is broken do u
 * escalate to amazon". A question word then a verb asking ("where is", "which provider do i"), or
 * an if- or when-clause then the question ("…broken do you escalate"). "it fails when we deploy"
 * and "that is what is failing" are not: no verb asks after "when", and "what" is left out.
 * "Where" asks whatever follows its verb ("where is agent log file located"), but for "where is
 * the problem", which asks for help with it.
 */
const QUESTION_WORD_INSIDE = new RegExp(
  [
    String.raw`\bwhere\s+(?:is|are|do|does|can|could|should|would)\s(?!the (?:problem|issue|error|fault)\b)`,
    String.raw`\b(?:which(?:\s+[a-z]+){0,2}|who|how)\s+(?:is|are|do|does|did|can|could|should|would|will|must)\s+(?:i|we|you|they|it|the|my|our|their|this|that)\b`,
  ].join('|'),
  'i',
);
/** The condition before a question asked of support ("if aws itself is broken " before "do you escalate…"). */
const CONDITION_THEN_QUESTION = /^(?:if|when|once|in case)\b.*?\s(?=(?:do|does|can|could|will|would|should|is|are)\s+(?:you|your team|centurylink)\s)/i;

// a failure, or an outage or slowness that severity reads as more than a failure
const PROBLEM_WORDS = wordsPattern([
  ...FAILURE_WORDS,
  'down', 'outage', 'degraded', 'denied', 'lost', 'missing', 'hangs?', 'unreachable', 'slow',
]);

/** "the outage hotline for Asia Pacific", "outage number london", "tell me who to call", "critical outage who do we call": asking how to reach support, which the knowledge base answers. */
const ASKS_FOR_CONTACT =
  /\b(?:hotline|phone|telephone|e-?mail address|contact (?:details|number|info|information)|number to (?:call|dial)|(?:outage|emergency|support|critical) (?:number|line)s?|who to (?:call|ring|phone|contact)|who (?:do|should|can|would) (?:i|we) (?:call|ring|phone|contact))\b/i;

/**
 * "I can't see the migrate option", "I cannot find the setting": looking for something in the
 * product is a how-to question, not a report of something broken. On normalised text, so no
 * contracted forms.
 */
const LOOKING_FOR = /\b(?:cannot|can not|unable to|do not|does not)\s+(?:see|find|locate|get to|figure out)\b/gi;

/** True when the customer asks to file a ticket or talk to a person, in so many words. */
export function asksForTicket(text: string): boolean {
  const normalised = normalise(text);
  return REQUEST_AT_START.test(normalised.trim()) || REQUEST_ANYWHERE.test(normalised) || HOW_TO_FILE_HERE.test(normalised);
}

/**
 * Sentences and clauses of a message: "site down for our paris office, which number do i ring"
 * and "box error on windows. where do i grab the agent log" ask in their second part. A clause
 * keeps its question mark.
 */
const CLAUSE_BREAK = /(?<=[.!?;:])\s+|,\s+|\s+[-–—]+\s+|\n+/;

/**
 * Asking for help with the problem itself ("what should I do?", "can you help?", "why?" on its own): the
 * incident dialog is that help, so such a clause does not make the message a question for the
 * knowledge base. On normalised text.
 */
const ASKS_FOR_HELP =
  /^(?:(?:so|and|but|please)\s+)?(?:what (?:should|can|do|must|shall) (?:i|we) do|what now|(?:can|could|would|will) (?:you|someone|anyone|somebody)(?: please)? (?:help|look|check|fix|sort|take a look)|help(?: me| us)?\b|any (?:ideas?|suggestions?|advice|help)|how (?:do|can|should|shall) (?:i|we) (?:fix|solve|resolve|sort out|sort) (?:this|it|that)|why\??$|is (?:this|it|that) (?:a )?(?:known|bug))/i;

/**
 * "My boss wants to know whether you escalate to Microsoft if there's a problem you can't solve",
 * "wondering if patching is covered": a question asked as a statement. It may name a problem, but
 * only as the case the question is about. On normalised text.
 */
const ASKED_INDIRECTLY =
  /\b(?:(?:want|wants|wanted|need|needs|like|liked|love|trying|curious|asked me|asking|asks) to (?:know|find out|check|understand|confirm)|wonder(?:s|ing|ed)?|(?:not sure|unsure|unclear|no idea)|(?:tell|let|show) (?:me|us)|(?:please )?(?:confirm|clarify|explain))\s+(?:if|whether|who|what|which|where|when|how)\b/i;

/**
 * True when the message asks something rather than only reports it: one of its sentences or
 * clauses is worded as a question (a question word first, a question mark last, or "I'd like to
 * know whether…") and asks for more than help with the problem.
 */
export function isQuestion(text: string): boolean {
  return normalise(text)
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .some((clause) => ((clause.endsWith('?') || QUESTION_START.test(clause) || ASKED_INDIRECTLY.test(clause)) && !ASKS_FOR_HELP.test(clause)) || asksInside(clause));
}

/**
 * A question inside the clause, after a condition or from its question word on, that asks for
 * more than help with the problem ("if the vm is down can you help?" asks for help).
 */
function asksInside(clause: string): boolean {
  const condition = CONDITION_THEN_QUESTION.exec(clause);
  const questionWord = condition ? null : QUESTION_WORD_INSIDE.exec(clause);
  const asked = condition ? clause.slice(condition[0].length) : questionWord ? clause.slice(questionWord.index) : null;
  return asked !== null && !ASKS_FOR_HELP.test(asked);
}

// every request in the text, for removing them (replace starts a global pattern from 0 each time)
const REQUESTS_ANYWHERE = new RegExp(REQUEST_ANYWHERE.source, 'gi');
// the whole sentence that asks how to file here: "best way to open a ticket with you?" says nothing of the problem
const HOW_TO_FILE_SENTENCES = new RegExp(String.raw`[^.?!]*${HOW_TO_FILE_HERE.source}[^.?!]*[.?!]?`, 'gi');

/** The message without the request to file it: "VMs are all down, I need to open a ticket" → "VMs are all down". */
export function problemStatement(text: string): string {
  return text
    .replace(HOW_TO_FILE_SENTENCES, ' ')
    .replace(REQUESTS_ANYWHERE, ' ')
    .trim()
    .replace(REQUEST_AT_START, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:!-]*(?:(?:and|so|but|because|as)\b)?[\s,.;:!-]*/i, '')
    .replace(/[\s,;:-]*(?:\b(?:and|so|but)\s*)?[\s,.;:!-]*$/i, '')
    .trim();
}

/** True when the message reports something broken ("box deployment failed"), as a statement, not a question. */
export function describesProblem(text: string): boolean {
  return statesProblem(problemStatement(text));
}

/** The same for a message already through `problemStatement`, for callers that keep the statement. */
export function statesProblem(statement: string): boolean {
  // normalised first: "can’t" typed with a curly apostrophe is "cannot" like any other
  const normalised = normalise(statement).trim();
  if (normalised.length === 0 || isQuestion(normalised) || ASKS_FOR_CONTACT.test(normalised)) return false;
  return PROBLEM_WORDS.test(normalised.replace(LOOKING_FOR, ' '));
}
