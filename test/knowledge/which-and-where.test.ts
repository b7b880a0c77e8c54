import type { Answer } from '../../knowledge/types.js';
import { firstPassage, knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Questions of two shapes, each phrased several ways, on the project's own articles, on the seed
 * articles they were written from, and on the seeds among the public knowledge base's articles:
 *   "which clouds…?": the answer is the passage that names the clouds together;
 *   "where can I see / how much does… X?": the answer is the passage that gives a place (a link)
 *   or a price for X, whatever verb the article uses ("shown", "published", "listed").
 */

const OVERVIEW = 'partner-cloud-integration';
const PRICING_PAGE = 'ctl.io/pricing';

afterAll(removeCombinedCopy);
const SETTINGS = KNOWLEDGE_SETTINGS;

const cites = (answer: Answer, slug: string): boolean => answer.sources.some((s) => s.slug === slug);

describe.each(SETTINGS)('on the $label', (setting) => {
  const { kb, run, ask } = knowledgeFixture(setting);

  describe('which clouds', () => {
    run.each([
      ['Which clouds does Partner Cloud Integration support?'],
      ['what clouds can I use with partner cloud integration?'],
      ['does partner cloud integration work with both azure and aws?'],
      ['which cloud providers are supported?'],
      ['what public clouds do you integrate with?'],
      ['list the clouds partner cloud integration works with'],
      ['what kinds of cloud can I connect?'],
    ])('%s → a passage of the overview article that names Azure and AWS together', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('passage');
      const best = firstPassage(answer);
      expect(best).toMatch(/Azure/);
      expect(best).toMatch(/Amazon Web Services|AWS/);
      expect(answer.sources[0]!.slug).toBe(OVERVIEW);
    });

    run('"what clouds can I use…" is not taken for an eligibility question: it asks for the clouds, not who may use them', () => {
      expect(ask('what clouds can I use with partner cloud integration?').text).not.toMatch(/^Who can use it/);
    });
  });

  describe('where to see prices', () => {
    run.each([
      ['Where can I see Azure pricing?'],
      ['where can I find azure prices?'],
      ['where are azure prices published'],
      ['is there a link to the azure price list?'],
      ['where are the aws prices listed?'],
    ])('%s → the pricing details that link to the pricing page', (question) => {
      const answer = ask(question);
      expect(firstPassage(answer)).toContain(PRICING_PAGE);
      expect(cites(answer, OVERVIEW)).toBe(true);
    });

    run.each([
      ['how much does azure cost through you?'],
      ['how much do I pay for azure through centurylink'],
      ['what will azure cost me?'],
    ])('%s → where the prices are published (among the public articles: a passage about prices)', (question) => {
      const answer = ask(question);
      if (setting.distractors) {
        // the public articles have pages of their own on prices and costs, which answer fairly too
        expect(answer.text).toMatch(/pric|cost/i);
        return;
      }
      expect(firstPassage(answer)).toContain(PRICING_PAGE);
      expect(cites(answer, OVERVIEW)).toBe(true);
    });
  });

  describe('what stays as it was', () => {
    run('a "where" question about the agent log still gets the log path', () => {
      const answer = ask('Where can I find the agent log on Linux?');
      expect(answer.kind).toBe('howto');
      expect(answer.text).toContain('/var/log/elasticbox/elasticbox-agent.log');
    });

    run.each([['where can I buy a good pizza?'], ['which clouds have the best weather?']])('%s → still not found', (question) => {
      expect(kb().answer(question).kind).toBe('not_found');
    });
  });
});
