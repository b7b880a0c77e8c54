import { TurnContext, type Activity } from 'botbuilder';
import type { TicketConversationReference } from '../tickets/model.js';
import type { RoutingConfig } from '../tickets/routing.js';
import type { TicketStore } from '../tickets/store/types.js';
import { AGENT_MESSAGES } from './errors.js';

/*
 * Which Teams conversation receives which queue's ticket cards. Agents type
 * `@bot register queue emea` in their channel; the registration is stored and wins over a
 * `teams` target in the routing file.
 *
 * For a Teams channel the stored conversation id is the channel's id (channelData.channel.id,
 * "19:…@thread.tacv2"), not the id of the thread the command was typed in ("…;messageid=…"):
 * a card is posted as a new thread of the channel, which the connector creates from the channel id.
 *
 * Which tenant may register at all is checked before this handler runs (agentSide's tenant gate);
 * this handler only keeps a registration from moving a queue away from another tenant's channel.
 */

const COMMAND = /^register\s+queue(?:\s+(\S+))?\s*$/i;

/** Where queue channels are read from: the registrations, then the routing file. */
export interface QueueChannelSources {
  store: Pick<TicketStore, 'queueChannels'>;
  routing: RoutingConfig;
}

export interface QueueRegistrationOptions {
  store: Pick<TicketStore, 'setQueueChannel' | 'queueChannels'>;
  routing: RoutingConfig;
  clock?: () => Date;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  channel?: { id?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return typeof activity.channelData === 'object' && activity.channelData !== null ? (activity.channelData as TeamsChannelData) : {};
}

/** The tenant an activity comes from (Teams puts it in channelData and, lately, on the conversation). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}

/**
 * The id that names the conversation as a place: a Teams channel's id for anything said in the
 * channel (whichever thread), otherwise the conversation id.
 */
function placeOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).channel?.id ?? activity.conversation?.id;
}

/** A thread id "19:x@thread.tacv2;messageid=1" names the same place as its channel "19:x@thread.tacv2". */
export function withoutThread(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

/** Where a queue's cards go: its registered conversation, else the routing file's `teams` target, else nowhere. */
export async function findQueueConversation(queue: string, sources: QueueChannelSources): Promise<TicketConversationReference | undefined> {
  const registered = (await sources.store.queueChannels()).find((channel) => channel.queue === queue);
  if (registered !== undefined) return registered.conversation;
  const configured = Object.hasOwn(sources.routing.queues, queue) ? sources.routing.queues[queue]?.teams : undefined;
  if (configured === undefined) return undefined;
  const reference: TicketConversationReference = { channelId: configured.channelId ?? 'msteams', serviceUrl: configured.serviceUrl, conversationId: configured.conversationId };
  if (configured.tenantId !== undefined) reference.tenantId = configured.tenantId;
  return reference;
}

/**
 * Whether the activity was said in `conversation` (any thread of it). The channel must match too:
 * a web chat client can put any channelData on its messages, but not another channel's id.
 */
export function comesFrom(activity: Partial<Activity>, conversation: Pick<TicketConversationReference, 'channelId' | 'conversationId'>): boolean {
  const place = placeOf(activity);
  if (place === undefined || activity.channelId !== conversation.channelId) return false;
  return withoutThread(place) === withoutThread(conversation.conversationId);
}

/** The `register queue [name]` command in a message, or null when the message is something else. */
function commandIn(activity: Partial<Activity>): RegExpExecArray | null {
  if (activity.type !== 'message' || typeof activity.text !== 'string') return null;
  // idempotent: SupportBot strips the mention too, but this must not depend on running after it
  const text = (activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text).trim();
  return COMMAND.exec(text);
}

/** Whether the message is a `register queue` command (so agentSide checks its tenant first). */
export function isRegistrationCommand(activity: Partial<Activity>): boolean {
  return commandIn(activity) !== null;
}

/** Handles the `register queue <name>` command typed in a Teams channel or group chat. */
export class QueueRegistration {
  private readonly store: QueueRegistrationOptions['store'];
  private readonly routing: RoutingConfig;
  private readonly clock: () => Date;

  constructor(options: QueueRegistrationOptions) {
    this.store = options.store;
    this.routing = options.routing;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Answers the command and returns true; returns false (doing nothing) for any other message. */
  async handleMessage(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const match = commandIn(activity);
    if (match === null) return false;
    await context.sendActivity(await this.register(activity, match[1]?.toLowerCase()));
    return true;
  }

  /** Registers the queue when it may be, and says what happened. */
  private async register(activity: Activity, queue: string | undefined): Promise<string> {
    const known = Object.keys(this.routing.queues);
    if (!this.isGroupConversation(activity)) return AGENT_MESSAGES.registrationNotInChannel;
    if (queue === undefined || !known.includes(queue)) return AGENT_MESSAGES.unknownQueue(queue, known);
    // a queue registered from one tenant cannot be taken over from another: its tickets would go there
    const current = (await this.store.queueChannels()).find((channel) => channel.queue === queue);
    const currentTenant = current?.conversation.tenantId;
    if (currentTenant !== undefined && currentTenant !== tenantOf(activity)) return AGENT_MESSAGES.queueOfOtherTenant(queue);
    await this.store.setQueueChannel({ queue, conversation: this.referenceOf(activity), registeredAt: this.clock().toISOString() });
    const place = activity.conversation.conversationType === 'channel' ? 'This channel' : 'This chat';
    return `${place} now receives the ${queue} queue's tickets.`;
  }

  /** A Teams channel or group chat: the places agents share. */
  private isGroupConversation(activity: Activity): boolean {
    if (activity.channelId !== 'msteams') return false;
    const type = activity.conversation?.conversationType;
    if (type === 'channel' || type === 'groupChat') return true;
    return type === undefined && activity.conversation?.isGroup === true;
  }

  private referenceOf(activity: Activity): TicketConversationReference {
    const reference: TicketConversationReference = {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      conversationId: withoutThread(placeOf(activity) ?? activity.conversation.id),
    };
    const tenantId = tenantOf(activity);
    if (tenantId !== undefined) reference.tenantId = tenantId;
    if (activity.recipient?.id) reference.botId = activity.recipient.id;
    return reference;
  }
}
