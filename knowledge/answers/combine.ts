import type { Answer } from '../types.js';
import { STRUCTURED_PREFERENCE } from '../confidence.js';
import { makeAnswer } from './render.js';

/** Several answers as one: their texts in order, every source and fact, the lowest confidence. */
export function merge(parts: readonly Answer[], kind: Answer['kind'], suggestions: string[]): Answer {
  return makeAnswer(kind, parts.map((p) => p.text).join('\n\n'), parts.flatMap((p) => p.sources), Math.min(...parts.map((p) => p.confidence)), parts.flatMap((p) => p.facts), suggestions);
}

/** The answer to one question of a message, and whether that question took its topic from the one before it. */
export interface PartAnswer {
  answer: Answer;
  borrowed: boolean;
}

/**
 * The answer to a message that asks several questions, from the answer to the message as a whole
 * and the answers to each question found (not-found ones left out).
 *
 * "is billing covered? and can you give us estimates?": when the whole message's answer is the answer
 * to one of its questions, the others are answered too. But "…can your engineers RDP into our boxes?
 * is that part of the support we get?" asks the first question again: a passage found for a follow-up
 * that borrowed its topic adds nothing to a structured answer. An answer's first paragraph says what
 * it answers; what follows it (a related passage) may differ with the words around the question.
 */
export function answerToMessage(whole: Answer, parts: readonly PartAnswer[]): Answer {
  const texts = parts.map((part) => part.answer);
  const distinct = texts.filter((a, i) => texts.findIndex((b) => b.text === a.text) === i);
  if (distinct.length === 0) return whole;
  const merged = (): Answer => merge(distinct, distinct[0]!.kind, distinct[0]!.suggestions);
  if (whole.kind === 'not_found') return merged();
  const adds = parts.filter((part) => !whole.text.includes(part.answer.text.split('\n\n')[0]!));
  const restates = (part: PartAnswer): boolean => part.borrowed && part.answer.kind === 'passage' && whole.kind !== 'passage';
  const answersOnlyPart = adds.length < parts.length && adds.some((part) => !restates(part));
  // "how often do you bill us, and what is the charge called?": a passage that only touches both
  // questions is a weaker answer than the two found for them, each surely
  const partsAnswerBetter = whole.kind === 'passage' && distinct.length > 1 && distinct.every((answer) => answer.confidence >= whole.confidence + SURER_BY);
  // "we have never used Azure before. can you walk me through the steps?": the question, read with the
  // topic its story names, gets the kind of answer it asks for, where the whole message found a passage;
  // but a passage that holds nearly all the message says ("…we don't have a CenturyLink Cloud account
  // yet. what do we need before we start?") is what it asks
  const oneAnswersBetter =
    whole.kind === 'passage' && whole.confidence < WHOLE_MESSAGE_HELD && parts.length === 1 && parts[0]!.answer.kind !== 'passage' && parts[0]!.answer.confidence + STRUCTURED_PREFERENCE >= whole.confidence;
  return answersOnlyPart || partsAnswerBetter || oneAnswersBetter ? merged() : whole;
}

/** A passage for the whole message at this confidence holds nearly all it says, and stays its answer. */
const WHOLE_MESSAGE_HELD = 0.9;

/** How much surer than a passage for the whole message each question's own answer must be to replace it. */
const SURER_BY = 0.15;
