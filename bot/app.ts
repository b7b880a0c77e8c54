import type restify from 'restify';
import { MainDialog } from '../dialogs/main-dialog.js';
import type { EvidenceOptions, IncidentKnowledge } from '../dialogs/ports.js';
import type { QuestionAnswerer } from '../dialogs/routes.js';
import { TRANSCRIPT_TURNS, TranscriptRecorder } from '../dialogs/transcript.js';
import { OutboxNotifier } from '../tickets/outbox/notifier.js';
import { createWebhookDeliverer } from '../tickets/outbox/webhook.js';
import type { RoutingConfig } from '../tickets/routing.js';
import { TicketService } from '../tickets/service.js';
import { TranscriptLog } from '../tickets/transcript-log.js';
import type { Database } from '../tickets/store/types.js';
import { createAdapter } from './adapter.js';
import { AgentActions, agentSide } from './agent-actions.js';
import { registerAgentApi } from './agent-api.js';
import { isLocalMode, type Config } from './config.js';
import { registerDirectLine } from './directline/index.js';
import { DocumentStorage } from './document-storage.js';
import type { Logger } from './logger.js';
import { OptimisticConversationState } from './optimistic-state.js';
import { QueueRegistration } from './queue-registration.js';
import { TypingIndicator } from './typing-indicator.js';
import { HANDLED_ACTIVITIES, RedeliveryGuard } from './redelivery-guard.js';
import { createServer } from './server.js';
import { SupportBot } from './support-bot.js';
import { createTeamsDeliverers } from './teams-delivery.js';
import { registerWebChat } from './webchat/routes.js';

export interface AppParts {
  config: Config;
  logger: Logger;
  /** Tickets, their outbox, queue channels and conversation state. */
  database: Database;
  routing: RoutingConfig;
  /** HMAC secrets of the queues' webhooks, by queue (read from the environment by main.ts). */
  webhookSecrets: Record<string, string>;
  /** Null until the knowledge base has loaded; /healthz says 503 until then. */
  knowledge: () => (QuestionAnswerer & IncidentKnowledge) | null;
  /** How evidence attachments are downloaded and how large they may be. */
  evidence: EvidenceOptions;
  /** Outbox polling interval (the notifier is also nudged whenever a ticket changes). */
  outboxPollMs?: number;
  /** GET /healthz answers 200 once this says so; by default once the knowledge base has loaded. */
  isReady?: () => boolean;
}

export interface App {
  server: restify.Server;
  tickets: TicketService;
  /** Delivers the outbox; started by main.ts, drained by tests. */
  notifier: OutboxNotifier;
  /** The conversations' transcripts, written in batches: closed (written out) before the database. */
  transcripts: TranscriptLog;
}

/** Wires the bot together from its parts; main.ts supplies real ones, tests their own. */
export function buildApp(parts: AppParts): App {
  const { config, logger, database, routing } = parts;
  const knowledge = lateKnowledge(parts.knowledge);

  let notifier: OutboxNotifier | null = null;
  const tickets = new TicketService({ store: database.tickets, routing, onOutboxWritten: () => notifier?.nudge() });

  // conversation state in the database, saved with the eTag it was read with; one instance for
  // the bot and the redelivery guard, so both write the same cached state
  const conversationState = new OptimisticConversationState(new DocumentStorage(database.documents), { bookkeeping: [HANDLED_ACTIVITIES] });
  const transcripts = new TranscriptLog(database.transcripts, {
    keep: TRANSCRIPT_TURNS,
    onError: (error) => logger.error({ err: error }, 'writing transcript lines failed; they are kept and written again'),
  });
  const transcript = new TranscriptRecorder(transcripts);
  const dialog = new MainDialog({
    knowledge,
    tickets,
    transcript,
    ...parts.evidence,
    onFilingError: (error) => logger.error({ err: error }, 'filing a ticket failed'),
  });
  const agents = agentSide({
    registration: new QueueRegistration({ store: database.tickets, routing }),
    actions: new AgentActions({ service: tickets, queues: { store: database.tickets, routing }, logger }),
    agentTenantId: config.AGENT_TENANT_ID,
    localMode: isLocalMode(config),
    logger,
  });
  const bot = new SupportBot(conversationState, dialog, agents);
  bot.onStateUnavailable = (error) => logger.error({ err: error }, 'conversation state unavailable: answering without it');

  const adapter = createAdapter(config, logger);
  adapter.use(new TypingIndicator(logger));
  // a redelivered message is answered from memory before anything records or handles it again
  adapter.use(new RedeliveryGuard(conversationState), transcript);
  const server = createServer({ adapter, bot, logger, maxBodyBytes: config.MAX_BODY_BYTES, isReady: parts.isReady ?? (() => parts.knowledge() !== null) });
  registerAgentApi(server, { tickets, tokens: config.AGENT_API_TOKENS, logger });
  // web chat: POST /api/directline/token, and in local mode without a secret a Direct Line of its own
  registerDirectLine(server, { config, logger });
  // the customers' web chat page, with botframework-webchat served from node_modules; with a
  // Direct Line secret the page talks to that Direct Line service, else to the bot's local one
  registerWebChat(server, { logger, ...(config.DIRECT_LINE_SECRET !== undefined && { remoteDirectLine: config.DIRECT_LINE_ENDPOINT }) });

  // proactive sends get an adapter of their own: the transcript middleware is for customer turns
  const deliveryAdapter = createAdapter(config, logger);
  notifier = new OutboxNotifier({
    store: database.tickets,
    logger,
    ...(parts.outboxPollMs !== undefined && { pollIntervalMs: parts.outboxPollMs }),
    deliverers: {
      ...createTeamsDeliverers({ adapter: deliveryAdapter, botAppId: config.MicrosoftAppId, store: database.tickets, documents: database.documents, routing, logger }),
      webhook: createWebhookDeliverer({ store: database.tickets, routing, secrets: parts.webhookSecrets }),
    },
  });
  return { server, tickets, notifier, transcripts };
}

/** The knowledge base as the dialogs see it, available once it has loaded. */
function lateKnowledge(current: () => (QuestionAnswerer & IncidentKnowledge) | null): QuestionAnswerer & IncidentKnowledge {
  const loaded = (): QuestionAnswerer & IncidentKnowledge => {
    const knowledge = current();
    if (!knowledge) throw new Error('knowledge base not loaded yet');
    return knowledge;
  };
  return {
    answer: (question) => loaded().answer(question),
    contacts: () => loaded().contacts(),
    placesIn: (text) => loaded().placesIn(text),
    outagePhone: (region, cloud) => loaded().outagePhone(region, cloud),
    scopeOf: (text, cloud) => loaded().scopeOf(text, cloud),
  };
}
