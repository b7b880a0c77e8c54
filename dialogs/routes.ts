import { memoizeByText } from '../knowledge/memo.js';
import type { Answer } from '../knowledge/types.js';
import { asksForTicket, describesProblem, isQuestion } from '../tickets/triage/problem.js';

/** What the dialogs need from the knowledge base: nothing more than asking it. */
export interface QuestionAnswerer {
  answer(question: string): Answer;
  /** How to reach support directly. */
  contacts(): Answer;
}

export type TurnKind = 'help' | 'greeting' | 'my_tickets' | 'incident' | 'question';

export interface Route {
  kind: TurnKind;
  matches(text: string): boolean;
}

const MY_TICKETS =
  /^(?:(?:show|list|see|view|check)\s+(?:me\s+)?)?(?:all\s+)?(?:my|our)\s+(?:open\s+|recent\s+|support\s+)?(?:tickets|incidents|cases)\b|\bstatus of\s+(?:my\s+|our\s+|the\s+)?(?:ticket|incident|case|INC-?\d)|\b(?:my|our)\s+ticket\s+(?:INC-?)?#?\d+|^(?:status\s+(?:of\s+)?)?INC-?\d+\??$/i;

/**
 * What a turn is, decided by an ordered list: the first route that matches wins, and
 * everything else is a question for the knowledge base. A request to file wins over the
 * question form ("can you open a ticket?"); otherwise questions go to the knowledge base even
 * when they mention a problem ("who do I call, our VMs are down?"), and statements of a
 * problem ("deployment keeps failing") start an incident.
 */
export const ROUTES: readonly Route[] = [
  { kind: 'help', matches: (text) => /^(help|\?|menu|what can you do\??|commands)$/i.test(text) },
  { kind: 'greeting', matches: (text) => /^(hi|hello|hey|good (morning|afternoon|evening)|hiya|howdy)[!. ]*$/i.test(text) },
  { kind: 'my_tickets', matches: (text) => MY_TICKETS.test(text) },
  { kind: 'incident', matches: asksForTicket },
  { kind: 'question', matches: isQuestion },
  { kind: 'incident', matches: describesProblem },
  { kind: 'question', matches: () => true },
];

/** The route of a message; the same words always take the same route, so recent ones are remembered. */
export const classify: (text: string) => TurnKind = memoizeByText((text) => ROUTES.find((route) => route.matches(text))!.kind);
