import { ActivityTypes, type Activity, type BotState, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { StateUnavailableError } from '../bot/document-storage.js';
import type { TranscriptTurn } from '../tickets/model.js';
import { redact } from '../tickets/redaction/index.js';
import type { TranscriptSource } from './ports.js';

/** Turns kept: what a ticket carries of the conversation. */
export const TRANSCRIPT_TURNS = 20;
/** A turn longer than this is cut: a pasted log belongs in the evidence, not the transcript. */
export const TRANSCRIPT_TURN_CHARS = 500;

/**
 * Middleware that keeps the last 20 turns of a conversation (the customer's messages and the
 * bot's replies to them), redacted and cut short, so a ticket can carry the conversation that
 * led to it. Give it the same ConversationState instance the bot saves: the transcript is one
 * more property of it, and two instances over one storage would overwrite each other.
 */
export class TranscriptRecorder implements Middleware, TranscriptSource {
  private readonly turns: StatePropertyAccessor<TranscriptTurn[]>;

  constructor(private readonly conversationState: BotState, private readonly clock: () => Date = () => new Date()) {
    this.turns = conversationState.createProperty<TranscriptTurn[]>('transcript');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // message turns only: a proactive notice must not write (and risk an eTag conflict on)
    // state that the customer's own turn may be saving at the same moment
    if (context.activity.type !== ActivityTypes.Message) return next();
    try {
      await this.record(context, 'customer', customerText(context.activity));
    } catch (error) {
      // the database is down: the turn goes on without a transcript, and the bot answers what needs no state
      if (error instanceof StateUnavailableError) return next();
      throw error;
    }
    context.onSendActivities(async (ctx, activities, sendNext) => {
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message) await this.record(ctx, 'bot', activity.text || activity.summary || '');
      }
      return sendNext();
    });
    await next();
    // the bot saved its state before the turn ended; a no-op unless a reply was recorded after that
    await this.conversationState.saveChanges(context, false);
  }

  /** The recent turns, oldest first. */
  async recent(context: TurnContext): Promise<TranscriptTurn[]> {
    return [...(await this.turns.get(context, []))];
  }

  private async record(context: TurnContext, from: TranscriptTurn['from'], text: string): Promise<void> {
    if (!text.trim()) return;
    const turn: TranscriptTurn = { from, text: redact(text).text.slice(0, TRANSCRIPT_TURN_CHARS), at: this.clock().toISOString() };
    const turns = await this.turns.get(context, []);
    await this.turns.set(context, [...turns, turn].slice(-TRANSCRIPT_TURNS));
  }
}

function customerText(activity: Partial<Activity>): string {
  const names = (activity.attachments ?? []).filter((attachment) => attachment.contentType !== 'text/html').map((attachment) => attachment.name ?? attachment.contentType ?? 'file');
  const attached = names.length ? `[attached: ${names.join(', ')}]` : '';
  return [activity.text ?? '', attached].filter(Boolean).join(' ');
}
