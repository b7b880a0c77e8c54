import type restify from 'restify';
import type { Logger } from '../logger.js';
import { BOT_ACCOUNT, botActivity } from './activities.js';
import type { Conversation, ConversationStore } from './conversations.js';
import { directLineError, fromLoopback, readJsonObject, sendFailure, sendJson } from './http.js';

/*
 * The local Bot Connector: the serviceUrl of every activity the local Direct Line hands the bot,
 * so the bot's replies (and its proactive messages later, such as ticket notices sent to the
 * serviceUrl kept in the ticket) come back here through the CloudAdapter's connector client,
 * as they would through the Bot Framework service. Each one is added to the conversation and
 * pushed to its open streams. Only callers on this machine are served: in local mode the adapter
 * sends no credentials.
 */

export const CONNECTOR_PATH = '/directline-connector';

export interface ConnectorOptions {
  store: ConversationStore;
  logger: Logger;
  maxBodyBytes: number;
}

type Work = (req: restify.Request, conversation: Conversation) => Promise<{ status: number; body: unknown }>;

export function registerLocalConnector(server: restify.Server, options: ConnectorOptions): void {
  const { store, logger, maxBodyBytes } = options;
  const base = `${CONNECTOR_PATH}/v3/conversations/:conversationId`;

  const route =
    (work: Work): restify.RequestHandler =>
    async (req, res) => {
      try {
        if (!fromLoopback(req)) throw directLineError(403, 'Forbidden', 'the local connector serves this machine only');
        const id = String(req.params?.conversationId ?? '');
        const conversation = store.get(id);
        if (conversation === undefined) throw directLineError(404, 'ConversationNotFound', 'no such conversation (the local Direct Line forgets conversations when it restarts or is full)');
        const reply = await work(req, conversation);
        sendJson(res, reply.status, reply.body);
      } catch (error) {
        sendFailure(res, error, logger, 'local connector', { path: req.path() });
      }
    };

  const send: Work = async (req, conversation) => {
    const activity = botActivity(await readJsonObject(req, maxBodyBytes), conversation);
    // typing indicators are shown, not kept
    const sent = activity.type === 'typing' ? store.announce(conversation, activity) : store.append(conversation, activity);
    return { status: 200, body: { id: sent.id } };
  };

  // sendToConversation, and replyToActivity (the reply names the activity it answers in its own replyToId)
  server.post(`${base}/activities`, route(send));
  server.post(`${base}/activities/:activityId`, route(send));

  // updateActivity: the new version replaces the old one
  server.put(
    `${base}/activities/:activityId`,
    route(async (req, conversation) => {
      const id = String(req.params?.activityId ?? '');
      const updated = store.replace(conversation, id, botActivity(await readJsonObject(req, maxBodyBytes), conversation));
      if (updated === undefined) throw directLineError(404, 'ActivityNotFound', 'no such activity in this conversation');
      return { status: 200, body: { id } };
    }),
  );

  server.get(
    `${base}/members`,
    route(async (_req, conversation) => ({ status: 200, body: [{ id: conversation.userId, role: 'user' }, { ...BOT_ACCOUNT }] })),
  );
}
