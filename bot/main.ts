import { resolve } from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadArticles } from '../knowledge/loader.js';
import { loadRoutingFile, webhookSecrets } from '../tickets/routing.js';
import { openDatabase } from '../tickets/store/open.js';
import type { Database } from '../tickets/store/types.js';
import { buildApp } from './app.js';
import { ConfigError, isLocalMode, parseConfig, type Config } from './config.js';
import { evidenceOptions } from './evidence-options.js';
import { createLogger, type Logger } from './logger.js';
import { listen } from './server.js';
import { rehearseTurn, warmUpTurns } from './warm-up-turns.js';

/** The composition root: reads config, builds every part, passes each its dependencies. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  if (isLocalMode(config)) logger.info('local mode: no MicrosoftAppId is set, so requests are not authenticated (Bot Framework Emulator, local web chat)');
  if (config.AGENT_API_TOKENS.length === 0) logger.info('AGENT_API_TOKENS is not set: the agents API answers 401 to every call');
  if (!isLocalMode(config) && config.AGENT_TENANT_ID === undefined) logger.warn('AGENT_TENANT_ID is not set: queue registration and triage-card buttons are refused');

  const routing = startupStep('ROUTING_FILE', () => loadRoutingFile(resolve(config.ROUTING_FILE)));
  const secrets = startupStep('webhook secrets', () => webhookSecrets(routing, process.env));
  const database = await openDatabaseOrExit(config, logger);

  let knowledge: KnowledgeBase | null = null;
  let ready = false;
  const evidence = evidenceOptions(config);
  const app = buildApp({ config, logger, database, routing, webhookSecrets: secrets, knowledge: () => knowledge, evidence, outboxPollMs: config.OUTBOX_POLL_MS, isReady: () => ready });
  await listen(app.server, config.PORT);
  logger.info({ port: config.PORT, database: config.DATABASE_URL ? 'postgresql' : 'sqlite', queues: Object.keys(routing.queues) }, 'listening');
  // tickets filed before a restart and not yet delivered go out now
  app.notifier.start();

  const started = performance.now();
  const kbDir = resolve(config.KB_DIR);
  // parsed articles are kept by content in DATA_DIR, so a restart parses only what changed
  const articles = await loadArticles(kbDir, logger, { cacheDir: resolve(config.DATA_DIR, 'kb-cache') });
  const loaded = new KnowledgeBase(articles, { baseUrl: config.KB_BASE_URL ?? null, answerCacheSize: config.ANSWER_CACHE_SIZE });
  loaded.warmUp(rehearseTurn);
  knowledge = loaded;
  logger.info({ kbDir, articles: articles.length, passages: loaded.passageCount, ms: Math.round(performance.now() - started) }, 'knowledge base loaded');
  // with nothing authenticated the bot can ask itself a few questions, so its first customers
  // do not wait for code running the first time (warm-up-turns.ts)
  if (isLocalMode(config)) await warmUpTurns(config.PORT, logger);
  // ready (GET /healthz 200) only now, with the knowledge base loaded and warm
  ready = true;

  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    // no new turns, then the delivery in flight finishes and waiting transcript lines are
    // written, then the database closes
    app.server.close(() => {
      void app.notifier
        .stop()
        .then(() => app.transcripts.close())
        .then(() => database.close())
        .finally(() => process.exit(0));
    });
    // connections kept alive by clients must not hold the process forever
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

function readConfigOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** A start-up step whose failure is the operator's to fix: a clear message naming what, then exit 2. */
function startupStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    process.stderr.write(`invalid ${what}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

async function openDatabaseOrExit(config: Config, logger: Logger): Promise<Database> {
  try {
    return await openDatabase({ dataDir: resolve(config.DATA_DIR), ...(config.DATABASE_URL && { databaseUrl: config.DATABASE_URL }) });
  } catch (error) {
    // the URL may hold a password: name the kind of database, never the URL
    logger.fatal({ err: error, database: config.DATABASE_URL ? 'postgresql' : 'sqlite' }, 'could not open the database');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});

