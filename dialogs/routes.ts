import type { Answer } from '../knowledge/types.js';

/** What the dialogs need from the knowledge base: nothing more than asking it. */
export interface QuestionAnswerer {
  answer(question: string): Answer;
  /** How to reach support directly. */
  contacts(): Answer;
}

export type TurnKind = 'help' | 'greeting' | 'ticket' | 'question';

export interface Route {
  kind: TurnKind;
  matches(text: string): boolean;
}

/**
 * What a turn is, decided by an ordered list: the first route that matches wins, and
 * everything else is a question for the knowledge base.
 */
export const ROUTES: readonly Route[] = [
  { kind: 'help', matches: (text) => /^(help|\?|menu|what can you do\??|commands)$/i.test(text) },
  { kind: 'greeting', matches: (text) => /^(hi|hello|hey|good (morning|afternoon|evening)|hiya|howdy)[!. ]*$/i.test(text) },
  {
    kind: 'ticket',
    matches: (text) => /^(open|create|file|raise|log|submit) (a |an )?(support )?(ticket|incident|case)\b|^(talk|speak) to (a |an )?(person|human|agent|engineer|someone)\b/i.test(text),
  },
  { kind: 'question', matches: () => true },
];

export function classify(text: string): TurnKind {
  return ROUTES.find((route) => route.matches(text))!.kind;
}
