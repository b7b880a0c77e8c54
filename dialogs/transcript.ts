import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptTurn } from '../tickets/model.js';
import { redact } from '../tickets/redaction/index.js';
import type { TranscriptLog } from '../tickets/transcript-log.js';
import type { TranscriptSource } from './ports.js';

/** Turns kept: what a ticket carries of the conversation. */
export const TRANSCRIPT_TURNS = 20;
/** A turn longer than this is cut: a pasted log belongs in the evidence, not the transcript. */
export const TRANSCRIPT_TURN_CHARS = 500;
/**
 * How much of a reply of the bot's is redacted before it is cut. The bot's replies are built
 * from knowledge articles and from what the customer said after it was redacted; redacting them
 * again is a second guard, and it looks at twice what is kept so that a secret crossing the cut
 * is still recognised whole. The customer's own words are redacted whole.
 */
const BOT_REDACTION_WINDOW = 2 * TRANSCRIPT_TURN_CHARS;
/** Redacted replies remembered: answers repeat, and redacting one costs more than the rest of recording it. */
const REMEMBERED_REPLIES = 500;

/**
 * Middleware that records each message turn (the customer's message and the bot's replies to
 * it), redacted and cut short, in the transcript log, so a ticket can carry the conversation
 * that led to it. Recording does not touch conversation state: a question answered leaves the
 * state as it was, and the turn has nothing to save.
 */
export class TranscriptRecorder implements Middleware, TranscriptSource {
  /** Reply text → its redacted transcript text; emptied when full (simpler than LRU, and a miss only costs one redaction). */
  private readonly redactedReplies = new Map<string, string>();

  constructor(private readonly log: TranscriptLog, private readonly clock: () => Date = () => new Date()) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // message turns only: a proactive notice is the ticket's news, not the customer's conversation
    if (context.activity.type !== ActivityTypes.Message) return next();
    const conversation = conversationOf(context);
    this.record(conversation, 'customer', redact(customerText(context.activity)).text);
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) continue;
        this.record(conversation, 'bot', this.redactedReply(activity.text || activity.summary || ''));
      }
      return sendNext();
    });
    await next();
  }

  /** The recent turns, oldest first. */
  async recent(context: TurnContext): Promise<TranscriptTurn[]> {
    return this.log.recent(conversationOf(context), TRANSCRIPT_TURNS);
  }

  private redactedReply(text: string): string {
    let redacted = this.redactedReplies.get(text);
    if (redacted === undefined) {
      redacted = redact(text.slice(0, BOT_REDACTION_WINDOW)).text;
      if (this.redactedReplies.size >= REMEMBERED_REPLIES) this.redactedReplies.clear();
      this.redactedReplies.set(text, redacted);
    }
    return redacted;
  }

  private record(conversation: string, from: TranscriptTurn['from'], redactedText: string): void {
    if (!redactedText.trim()) return;
    this.log.append({ conversation, from, text: redactedText.slice(0, TRANSCRIPT_TURN_CHARS), at: this.clock().toISOString() });
  }
}

/** The conversation a turn belongs to: its channel and its id there. */
function conversationOf(context: TurnContext): string {
  return `${context.activity.channelId}/conversations/${context.activity.conversation.id}`;
}

function customerText(activity: Partial<Activity>): string {
  const names = (activity.attachments ?? []).filter((attachment) => attachment.contentType !== 'text/html').map((attachment) => attachment.name ?? attachment.contentType ?? 'file');
  const attached = names.length ? `[attached: ${names.join(', ')}]` : '';
  return [activity.text ?? '', attached].filter(Boolean).join(' ');
}
