import type { Conversation, DirectLineActivity } from './conversations.js';
import { directLineError } from './http.js';

/** How the local Direct Line shapes what the client sends and what the bot sends, as the real service does. */

/** The bot as the local Direct Line's clients see it (its replies come `from` it). */
export const BOT_ACCOUNT = { id: 'support-bot', name: 'Support Bot', role: 'bot' } as const;

/** What a client may post: messages (with card submits), events and typing. */
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A client's activity as the bot and the transcript get it: the server decides its id, time,
 * channel, conversation, sender (the token's user) and recipient (the bot); the rest is the
 * client's. `deliveryMode` is dropped, so that replies always come back through the connector.
 */
export function clientActivity(body: Record<string, unknown>, conversation: Conversation): DirectLineActivity {
  const type = body.type;
  if (typeof type !== 'string' || !CLIENT_TYPES.has(type)) {
    throw directLineError(400, 'BadArgument', `the activity needs a "type": one of ${[...CLIENT_TYPES].join(', ')}`);
  }
  // the server's fields, not the client's
  const { id: _id, serviceUrl: _serviceUrl, deliveryMode: _deliveryMode, conversation: _conversation, channelId: _channelId, recipient: _recipient, timestamp: _timestamp, from, ...rest } = body;
  const name = isRecord(from) && typeof from.name === 'string' && from.name.trim() !== '' ? from.name.trim().slice(0, 200) : undefined;
  const locale = typeof rest.locale === 'string' ? rest.locale : conversation.locale;
  return {
    ...rest,
    type,
    channelId: 'webchat',
    conversation: { id: conversation.id },
    from: { id: conversation.userId, ...(name !== undefined && { name }), role: 'user' },
    recipient: { ...BOT_ACCOUNT },
    ...(locale !== undefined && { locale }),
  };
}

/** What the bot starts a conversation with: the bot and the user joined. */
export function conversationStart(conversation: Conversation): DirectLineActivity {
  return {
    type: 'conversationUpdate',
    id: `${conversation.id}|start`,
    timestamp: conversation.nextTimestamp(),
    channelId: 'webchat',
    conversation: { id: conversation.id },
    from: { id: conversation.userId, role: 'user' },
    recipient: { ...BOT_ACCOUNT },
    membersAdded: [{ ...BOT_ACCOUNT }, { id: conversation.userId }],
    ...(conversation.locale !== undefined && { locale: conversation.locale }),
  };
}

/** A bot's activity as the client gets it: never the serviceUrl; id and time are the server's. */
export function botActivity(body: Record<string, unknown>, conversation: Conversation): DirectLineActivity {
  const { serviceUrl: _serviceUrl, id: _id, timestamp: _timestamp, from, ...rest } = body;
  const sender =
    isRecord(from) && typeof from.id === 'string' && from.id !== ''
      ? { ...from, name: typeof from.name === 'string' && from.name !== '' ? from.name : BOT_ACCOUNT.name, role: 'bot' }
      : { ...BOT_ACCOUNT };
  return {
    ...rest,
    type: typeof rest.type === 'string' ? rest.type : 'message',
    channelId: 'webchat',
    conversation: { id: conversation.id },
    from: sender,
  };
}
