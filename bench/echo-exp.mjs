#!/usr/bin/env node
// The baseline for bench:load: a bare botbuilder echo bot ("You said: <text>") served through
// the support bot's OWN server stack — createServer (restify, body parser, POST /api/messages,
// GET /healthz) and createAdapter (CloudAdapter, ConfigurationBotFrameworkAuthentication) from
// dist/bot — so the gap between it and the real bot is what the bot does inside a turn
// (dialogs, conversation state, knowledge base, cards), not the HTTP or adapter cost.
//
//   npm run build && PORT=3979 node bench/echo-bot.mjs
//
// PORT comes from the environment (default 3978); logs at warn (LOG_LEVEL to change). It always
// runs in local mode (no MicrosoftAppId), as bench/load.mjs runs the real bot. Ready at once:
// GET /healthz answers 200 as soon as it listens. Stops on SIGTERM / SIGINT.
import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../dist/bot/adapter.js';
import { ConfigError, parseConfig } from '../dist/bot/config.js';
import { createLogger } from '../dist/bot/logger.js';
import { createServer, listen } from '../dist/bot/server.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

let config;
try {
  // only PORT and LOG_LEVEL: never app credentials from the environment, so always local mode
  config = parseConfig({ PORT: process.env.PORT, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const { isEnglishWord } = await import("../dist/knowledge/dictionary.js"); if (process.env.DICT) isEnglishWord("hello");
const { loadArticles } = await import("../dist/knowledge/loader.js"); const { KnowledgeBase } = await import("../dist/knowledge/knowledge-base.js"); if (process.env.KB) { globalThis.kb = new KnowledgeBase(await loadArticles("knowledge/articles", { warn() {}, info() {} })); globalThis.kb.warmUp(); }
const logger = createLogger(config.LOG_LEVEL);
const server = createServer({
  adapter: createAdapter(config, logger),
  bot: new EchoBot(),
  logger,
  maxBodyBytes: config.MAX_BODY_BYTES,
  isReady: () => true,
});
await listen(server, config.PORT);
logger.info({ port: config.PORT }, 'echo bot listening');

const stop = () => {
  server.close(() => process.exit(0));
  // keep-alive connections must not hold the process open
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
