import { randomUUID } from 'node:crypto';
import { classify } from '../dialogs/routes.js';
import type { Answer } from '../knowledge/types.js';
import { answerActivity } from './cards.js';

/** Asked of itself before reporting ready, after joining: a help request and questions of the common kinds. */
const QUESTIONS = ['help', 'who do I call for a critical outage?', 'is patching covered for azure?', 'where is the agent log?'];
/** Each question this many times: the first compiles the turn's code, the next let the engine optimise it. */
const ROUNDS = 3;

/**
 * The first turns a process serves are several times slower than the ones after: the HTTP edge,
 * the adapter, the middleware and the answer's code all run for the first time. In local mode
 * (nothing authenticated) the bot asks itself a few questions over loopback before GET /healthz
 * reports ready, so no customer meets those first turns. They are ordinary turns of a
 * conversation of their own (channel "warm-up"): their transcript lines are stored like any other.
 * A failure only means a slower first turn: it is logged, never fatal.
 */
/** What the warm-up tells the log (a pino logger is one). */
export interface WarmUpLogger {
  debug(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export async function warmUpTurns(port: number, logger: WarmUpLogger): Promise<void> {
  const user = { id: 'warm-up', role: 'user' };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // a conversation of its own each round, joined first: the welcome is a path of its own
      const conversation = `warm-up-${randomUUID()}`;
      await turn(port, conversation, { type: 'conversationUpdate', id: `${conversation}-join`, membersAdded: [user] });
      for (const [index, text] of QUESTIONS.entries()) await turn(port, conversation, { type: 'message', id: `${conversation}-${index}`, text });
    }
    logger.debug({ turns: ROUNDS * (QUESTIONS.length + 1) }, 'warm-up turns done');
  } catch (error) {
    logger.warn({ err: error }, 'warm-up turns failed: the first customer turns will be slower');
  }
}

async function turn(port: number, conversation: string, activity: Record<string, unknown>): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'warm-up',
      serviceUrl: `http://127.0.0.1:${port}/`,
      conversation: { id: conversation },
      from: { id: 'warm-up', role: 'user' },
      recipient: { id: 'support-bot', role: 'bot' },
      deliveryMode: 'expectReplies',
      ...activity,
    }),
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/**
 * A turn's own code beyond the answer, run on each of the knowledge base's warm-up questions and
 * answers (KnowledgeBase.warmUp): telling a question from a problem report reads the text with
 * many patterns, and the answer card is built from every part of the answer.
 */
export function rehearseTurn(question: string, answer: Answer): void {
  classify(question);
  answerActivity(answer);
}
