import { ConversationState, type Storage } from 'botbuilder';
import type restify from 'restify';
import { MainDialog } from '../dialogs/main-dialog.js';
import type { QuestionAnswerer } from '../dialogs/routes.js';
import { createAdapter } from './adapter.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createServer } from './server.js';
import { SupportBot } from './support-bot.js';

export interface AppParts {
  config: Config;
  logger: Logger;
  storage: Storage;
  /** Null until the knowledge base has loaded; /healthz says 503 until then. */
  knowledge: () => QuestionAnswerer | null;
}

/** Wires the bot together from its parts; main.ts supplies real ones, tests their own. */
export function buildApp(parts: AppParts): restify.Server {
  const loaded = (): QuestionAnswerer => {
    const knowledge = parts.knowledge();
    if (!knowledge) throw new Error('knowledge base not loaded yet');
    return knowledge;
  };
  const answerer: QuestionAnswerer = { answer: (question) => loaded().answer(question), contacts: () => loaded().contacts() };
  // conversation state holds only the dialog position and the welcome flag
  const bot = new SupportBot(new ConversationState(parts.storage), new MainDialog(answerer));
  const adapter = createAdapter(parts.config, parts.logger);
  return createServer({ adapter, bot, logger: parts.logger, maxBodyBytes: parts.config.MAX_BODY_BYTES, isReady: () => parts.knowledge() !== null });
}
