import { askingPart } from '../../knowledge/answers/asking-part.js';
import { knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Two shapes of customer message, each phrased several ways, on the project's own articles, on
 * the seed articles, and on the seeds among the public articles:
 *   a story, then "is X something you cover?": the scope item is what the asking part is about,
 *   though the story's words (which a larger knowledge base knows and weighs) are most of the message;
 *   "I did this and that. what's next?": the answer is the steps after the last step the story names.
 */

afterAll(removeCombinedCopy);
const SETTINGS = KNOWLEDGE_SETTINGS;
const AWS_SCOPE = 'partner-cloud-integration-aws-support';
const AZURE_EXISTING = 'partner-cloud-integration-azure-existing';

describe('the part of a message that asks', () => {
  it('is the last sentence that asks, after the story before it', () => {
    expect(askingPart('need to add 3 devs to the aws console - is creating console users something you cover?')).toBe('is creating console users something you cover?');
  });

  it('leaves out a condition before the question proper', () => {
    expect(askingPart("if the problem is on amazon's side will centurylink escalate it to aws for us?")).toBe('will centurylink escalate it to aws for us?');
  });

  it('is the whole message when it is one plain question', () => {
    expect(askingPart('is patching covered for azure?')).toBe('is patching covered for azure?');
  });
});

describe.each(SETTINGS)('on the $label', (setting) => {
  const { kb, run, ask } = knowledgeFixture(setting);

  describe('a story, then whether support covers something', () => {
    run.each([
      ["if the problem is on amazon's side will centurylink escalate it to aws for us?", /escalat/i],
      ['if an outage turns out to be on the amazon side, will you escalate it to aws?', /escalat/i],
      ['need to add 3 devs to the aws management console - is creating console users something your support covers?', /console user/i],
      ['two new engineers start monday and need aws console access - is console user creation covered by your support?', /console user/i],
    ])('%s → yes, the item is in scope for AWS', (question, item) => {
      const answer = ask(question);
      expect(answer.kind).toBe('scope');
      expect(answer.text).toMatch(/^\*\*Yes: /);
      expect(answer.text.split('\n\n')[0]).toMatch(item);
      expect(answer.sources.map((s) => s.slug)).toContain(AWS_SCOPE);
    });

    run.each([
      ['our company is based in munich germany. can we sign up for centurylink-billed azure?'],
      ['how long till a new azure account is ready, and does it have to be an admin who sets it up?'],
    ])('%s → no scope verdict: the part that asks is not about what support does', (question) => {
      expect(kb().answer(question).kind).not.toBe('scope');
    });
  });

  describe('a story of steps done, then "what next"', () => {
    run.each([
      ["ok i picked the migrate option for our existing azure and accepted the terms. nothing happened?? what's next"],
      ['I chose the migrate option for my existing Azure account and accepted the terms and conditions. What now?'],
      ['selected the migrate my account to centurylink option for our existing azure subscription, then accepted the terms. then what?'],
    ])('%s → the steps after accepting the terms of the existing-account procedure', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('howto');
      expect(answer.text).toMatch(/^After step \d+ \(Accept the Terms/);
      expect(answer.text).toMatch(/e-?mail/i);
      expect(answer.text).toMatch(/Office 365/);
      expect(answer.sources[0]!.slug).toBe(AZURE_EXISTING);
    });

    // whatever the knowledge base holds besides, the story is about Azure: never another cloud's steps
    run("ok i picked the migrate option for our existing azure and accepted the terms. nothing happened?? what's next → never another cloud's steps", () => {
      const answer = kb().answer("ok i picked the migrate option for our existing azure and accepted the terms. nothing happened?? what's next");
      expect(answer.sources.map((s) => s.slug).filter((slug) => /aws|google/.test(slug))).toEqual([]);
    });

    run.each([
      ['I accepted the terms and conditions, now what?'],
      ['we logged in and clicked new. what next?'],
    ])('%s → no guess at which procedure: several have that step', (question) => {
      expect(kb().answer(question).text).not.toMatch(/^After step/);
    });
  });
});
