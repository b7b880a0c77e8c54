import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractFacts } from '../../knowledge/facts/index.js';
import { extractPrerequisites } from '../../knowledge/facts/prerequisites.js';
import type { Facts } from '../../knowledge/facts/types.js';
import { loadArticles } from '../../knowledge/loader.js';
import { parseArticle } from '../../knowledge/parse-article.js';

const quiet = { warn: () => undefined, info: () => undefined };

describe.each([
  ['bundled', resolve(process.cwd(), 'knowledge/articles')],
  ['seed', resolve(process.cwd(), '../shared/kb/seeds')],
])('prerequisites of the %s articles', (_label, dir) => {
  let facts: Facts;
  beforeAll(async () => {
    facts = extractFacts(existsSync(dir) ? await loadArticles(dir, quiet) : []);
  });
  const run = existsSync(dir) ? it : it.skip;

  run('finds one Prerequisites section in each of the five articles', () => {
    expect(facts.prerequisites.map((p) => p.slug).sort()).toEqual([
      'partner-cloud-integration',
      'partner-cloud-integration-aws-support',
      'partner-cloud-integration-azure-existing',
      'partner-cloud-integration-azure-new',
      'partner-cloud-integration-azure-support',
    ]);
    for (const fact of facts.prerequisites) expect(fact.heading).toBe('Prerequisites');
  });

  run('reads the six prerequisites of the existing-account article, first who the Azure Administrator is', () => {
    const existing = facts.prerequisites.find((p) => p.slug === 'partner-cloud-integration-azure-existing')!;
    expect(existing.items).toHaveLength(6);
    expect(existing.items[0]!.plain).toMatch(/Azure Administrator/);
    expect(existing.items.some((i) => /Terms and Conditions/.test(i.plain))).toBe(true);
  });
});

describe('extractPrerequisites', () => {
  const article = (body: string[]) => parseArticle(['{{{\n  "title": "Prerequisite Test"\n}}}', ...body, ''].join('\n'), 'prerequisite-test.md');

  it('takes the list under a "Before You Begin" pseudo-heading', () => {
    const facts = extractPrerequisites(article(['**Before You Begin**', '', '* An account', '* A key', '', '### Steps', '', '1. One', '2. Two', '3. Three']));
    expect(facts.map((f) => [f.heading, f.items.map((i) => i.plain)])).toEqual([['Before You Begin', ['An account', 'A key']]]);
  });

  it('takes the paragraphs of a section that has no list', () => {
    const facts = extractPrerequisites(article(['### Prerequisites', '', 'An active account.', '', 'Knowledge of providers.']));
    expect(facts[0]?.items.map((i) => i.plain)).toEqual(['An active account.', 'Knowledge of providers.']);
  });

  it('finds nothing in an article without such a section', () => {
    expect(extractPrerequisites(article(['### Overview', '', '* Not a prerequisite']))).toEqual([]);
  });
});
