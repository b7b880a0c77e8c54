import type { Concept } from './search.js';
import { terms } from './text.js';

/**
 * Words that only say that something is asked, given or looked at ("what do you need from me to
 * look into it", "what info should I send you"), never what about. Articles use them too ("first
 * look through the troubleshooting tips", "sends your account details"), so a question made of
 * them alone would "cover" such a passage completely while asking about nothing it says. They
 * stay ideas of the question, but weigh little, and a question with no other idea has no topic
 * to answer from.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set(
  terms(
    'look looking looked see check checking investigate investigating figure find ' +
      'send sending give giving provide providing supply tell told know knowing need needed want wanted get getting ' +
      // "what should I attach / include?": what to hand over, like "send"
      'attach attaching include including put putting ' +
      'info information detail details data question questions ask asking answer ' +
      'keep keeps kept happen happening happened ' +
      // "pls explain…", "trying to understand…", "on our side": the wish to know, not what about
      'explain explaining understand clarify try trying tried wonder wondering curious worth side ' +
      // "will it work for us?": whether it applies, not a topic
      'work works working ' +
      // "we run centos on our vms": what the customer has, told as running it
      'run runs running ' +
      // "…so you can troubleshoot": what support will do with it, like "look into it"
      'troubleshoot troubleshooting diagnose ' +
      // "how do I pull / grab / fetch the logs": getting hold of something, like "get"
      'pull pulling grab grabbing fetch fetching retrieve retrieving obtain obtaining ' +
      // "we've been fighting with this box for days, it keeps throwing errors, we're out of ideas": how the
      // customer's struggle goes, not what it is about
      'fight fighting fought struggle struggling struggled throw throws throwing threw idea ideas',
  ),
);

/** How much a generic word weighs against the same word used as a topic. */
export const GENERIC_WEIGHT = 0.2;

export function isGeneric(concept: Concept): boolean {
  return GENERIC_TERMS.has(concept.term);
}

/** Whether the question names anything in particular, beyond the words of asking. */
export function hasTopic(concepts: readonly Concept[]): boolean {
  return concepts.some((c) => !isGeneric(c));
}
