import { ActivityTypes, type Activity, type BotState, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { StateUnavailableError } from './document-storage.js';

/** How many recent customer messages are remembered with their replies. */
export const REMEMBERED_ACTIVITIES = 5;
/** The conversation-state property that holds them. */
export const HANDLED_ACTIVITIES = 'handledActivities';

interface HandledActivity {
  id: string;
  replies: Partial<Activity>[];
}

/**
 * Channels redeliver a message when they did not get the bot's answer in time (the same
 * activity id, again). Handling it twice would move a dialog on by a step the customer never
 * took; instead the replies given the first time are sent again, and the turn goes no further.
 * Idempotent filing in the ticket service stays the last line of defence.
 *
 * Give it the ConversationState instance the bot saves, with `HANDLED_ACTIVITIES` as
 * bookkeeping (see OptimisticConversationState): a turn that moved nothing on, such as a
 * question answered, is not saved just to remember its replies, since handling it again gives
 * the same answer and changes nothing. Put it before other middleware that records turns.
 */
export class RedeliveryGuard implements Middleware {
  private readonly handled: StatePropertyAccessor<HandledActivity[]>;

  constructor(private readonly conversationState: BotState) {
    this.handled = conversationState.createProperty<HandledActivity[]>(HANDLED_ACTIVITIES);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type } = context.activity;
    if (type !== ActivityTypes.Message || !id) return next();
    const seen = await this.recent(context);
    if (seen === null) return next();
    const earlier = seen.find((entry) => entry.id === id);
    if (earlier) {
      if (earlier.replies.length) await context.sendActivities(earlier.replies);
      return;
    }
    // recorded in the state the bot saves at the end of its turn: no write of its own
    const entry: HandledActivity = { id, replies: [] };
    await this.handled.set(context, [...seen, entry].slice(-REMEMBERED_ACTIVITIES));
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const activity of activities) if (activity.type === ActivityTypes.Message) entry.replies.push(replayable(activity));
      return sendNext();
    });
    await next();
    // a no-op unless a reply was sent after the bot saved
    await this.conversationState.saveChanges(context, false);
  }

  /** The remembered activities, or null when the state cannot be read (the bot answers without it). */
  private async recent(context: TurnContext): Promise<HandledActivity[] | null> {
    try {
      return await this.handled.get(context, []);
    } catch (error) {
      if (error instanceof StateUnavailableError) return null;
      throw error;
    }
  }
}

/** The fields a reply is sent again with: its content, not the ids and addresses of the first send. */
const REPLAYED_FIELDS = ['type', 'text', 'textFormat', 'attachments', 'attachmentLayout', 'suggestedActions', 'inputHint', 'summary', 'speak'] as const;

/** What is needed to send a reply again (copied on every reply of every turn, so a plain loop). */
function replayable(activity: Partial<Activity>): Partial<Activity> {
  const copy: Record<string, unknown> = {};
  for (const field of REPLAYED_FIELDS) if (activity[field] !== undefined) copy[field] = activity[field];
  return copy as Partial<Activity>;
}
