import { resolve } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadArticles } from '../knowledge/loader.js';
import { buildApp } from './app.js';
import { ConfigError, isLocalMode, parseConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { listen } from './server.js';

/** The composition root: reads config, builds every part, passes each its dependencies. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  if (isLocalMode(config)) logger.info('local mode: no MicrosoftAppId is set, so requests are not authenticated (Bot Framework Emulator, local web chat)');

  let knowledge: KnowledgeBase | null = null;
  // conversation state is small (dialog position, welcome flag); it moves to the database with tickets
  const server = buildApp({ config, logger, storage: new MemoryStorage(), knowledge: () => knowledge });
  await listen(server, config.PORT);
  logger.info({ port: config.PORT }, 'listening');

  const started = performance.now();
  const kbDir = resolve(config.KB_DIR);
  // parsed articles are kept by content in DATA_DIR, so a restart parses only what changed
  const articles = await loadArticles(kbDir, logger, { cacheDir: resolve(config.DATA_DIR, 'kb-cache') });
  const loaded = new KnowledgeBase(articles, { baseUrl: config.KB_BASE_URL ?? null, answerCacheSize: config.ANSWER_CACHE_SIZE });
  loaded.warmUp();
  // ready (GET /healthz 200) only now, with the knowledge base loaded and warm
  knowledge = loaded;
  logger.info({ kbDir, articles: articles.length, passages: loaded.passageCount, ms: Math.round(performance.now() - started) }, 'knowledge base loaded');

  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    server.close(() => process.exit(0));
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

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
