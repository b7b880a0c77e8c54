import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIDENCE_BAR, KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import type { Answer } from '../../knowledge/types.js';

/**
 * The knowledge bases answer-quality tests run on: the project's own articles, the seed articles
 * they were written from, and the seeds among the public knowledge base's articles (distractors).
 * The last two need ../shared; a setting that is not `present` is skipped by the test that uses it.
 */

const BUNDLED_DIR = resolve(process.cwd(), 'knowledge/articles');
const SEEDS_DIR = resolve(process.cwd(), '../shared/kb/seeds');
const PUBLIC_KB_DIR = resolve(process.cwd(), '../shared/kb/publickb');

const quiet = { warn: () => undefined, info: () => undefined };

export interface KnowledgeSetting {
  label: string;
  present: boolean;
  load(): Promise<KnowledgeBase>;
  /** Whether the public articles are there too, some of which speak of the same things in their own way. */
  distractors: boolean;
}

/** The seeds and the public articles in one folder, as the bot reads a knowledge base (copies: see bench/answers.mjs). */
let combinedDir: string | null = null;
async function loadCombined(): Promise<KnowledgeBase> {
  combinedDir = mkdtempSync(join(tmpdir(), 'kb-seeds-publickb-'));
  cpSync(SEEDS_DIR, join(combinedDir, 'seeds'), { recursive: true });
  cpSync(PUBLIC_KB_DIR, join(combinedDir, 'publickb'), { recursive: true });
  return new KnowledgeBase(await loadArticles(combinedDir, quiet));
}

/** Removes the combined copy; call from afterAll in a file that used the third setting. */
export function removeCombinedCopy(): void {
  if (combinedDir) rmSync(combinedDir, { recursive: true, force: true });
  combinedDir = null;
}

export const KNOWLEDGE_SETTINGS: KnowledgeSetting[] = [
  { label: 'bundled articles', present: true, distractors: false, load: async () => new KnowledgeBase(await loadArticles(BUNDLED_DIR, quiet)) },
  { label: 'seed articles', present: existsSync(SEEDS_DIR), distractors: false, load: async () => new KnowledgeBase(await loadArticles(SEEDS_DIR, quiet)) },
  { label: 'seeds with the public articles', present: existsSync(SEEDS_DIR) && existsSync(PUBLIC_KB_DIR), distractors: true, load: loadCombined },
];

/** The best passage of a passage answer: what comes before "… adds:" (a second passage). */
export const firstPassage = (answer: Answer): string => answer.text.split(/\n\n(?:The same article|\*\*[^*]+\*\*) adds:/)[0]!;

/**
 * Inside a describe block for one setting: the knowledge base, loaded once (`kb()`); `run`, which
 * skips a test where the setting is absent; and `ask`, which expects a confident answer.
 */
export function knowledgeFixture(setting: KnowledgeSetting) {
  let loaded: KnowledgeBase | undefined;
  beforeAll(async () => {
    if (setting.present) loaded = await setting.load();
  });
  const kb = (): KnowledgeBase => {
    if (!loaded) throw new Error(`the ${setting.label} are not loaded`);
    return loaded;
  };
  return {
    kb,
    run: setting.present ? it : it.skip,
    ask(question: string): Answer {
      const answer = kb().answer(question);
      expect(answer.kind).not.toBe('not_found');
      expect(answer.confidence).toBeGreaterThanOrEqual(CONFIDENCE_BAR);
      return answer;
    },
  };
}
