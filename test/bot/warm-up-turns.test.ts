import BetterSqlite3 from 'better-sqlite3';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { warmUpTurns } from '../../bot/warm-up-turns.js';
import { startBot, type RunningBot } from '../support/bot-client.js';

/** A logger that keeps what the warm-up says. */
function recordingLogger() {
  const said: { level: string; details: unknown; message: string }[] = [];
  const log = (level: string) => (details: unknown, message: string): void => {
    said.push({ level, details, message });
  };
  return { said, logger: { debug: log('debug'), warn: log('warn') } };
}

describe('warm-up turns', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    const knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    bot = await startBot({}, knowledge);
  });
  afterAll(() => bot.close());

  it('are real turns over loopback: the bot welcomes and answers itself, in conversations of their own', async () => {
    const { said, logger } = recordingLogger();
    await warmUpTurns(Number(new URL(bot.url).port), logger);
    expect(said.filter((entry) => entry.level === 'warn')).toEqual([]);
    expect(said).toContainEqual({ level: 'debug', details: { turns: 15 }, message: 'warm-up turns done' });
    // three conversations joined (the welcome flag saved), each with its questions and answers recorded
    await bot.app.transcripts.flush();
    const raw = new BetterSqlite3(bot.databaseFile, { readonly: true });
    try {
      const states = raw.prepare("SELECT value FROM documents WHERE key LIKE 'warm-up/conversations/%'").pluck().all() as string[];
      expect(states.map((value) => JSON.parse(value) as { welcomed?: boolean }).map((state) => state.welcomed)).toEqual([true, true, true]);
      const lines = raw.prepare("SELECT conversation, sender, text FROM transcript_lines WHERE conversation LIKE 'warm-up/conversations/%' ORDER BY id").all() as { conversation: string; sender: string; text: string }[];
      expect(new Set(lines.map((line) => line.conversation)).size).toBe(3);
      expect(lines.filter((line) => line.sender === 'customer').map((line) => line.text).slice(0, 4)).toEqual(['help', 'who do I call for a critical outage?', 'is patching covered for azure?', 'where is the agent log?']);
      expect(lines.find((line) => line.sender === 'bot' && line.text.includes('outside the scope'))).toBeDefined();
    } finally {
      raw.close();
    }
  });

  it('says so in a warning, and does not throw, when the bot cannot be reached', async () => {
    const { said, logger } = recordingLogger();
    await warmUpTurns(9, logger);
    expect(said.map((entry) => entry.level)).toEqual(['warn']);
    expect(said[0]!.message).toMatch(/first customer turns will be slower/);
  });
});
