import { firstPassage, knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Two more kinds of customer question, on the project's own articles, the seeds, and the seeds among
 * the public articles:
 *   support asked for with nothing down ("not an emergency… how do I get in touch with support?",
 *   "nothing is down… best way to reach you?", "not urgent at all… who do I write to?"): support's
 *   e-mail address, never an outage number, wherever the customer is;
 *   a wait described as a worry after a step ("accepted the terms… it's been spinning for a minute,
 *   is it broken?", "nothing shows yet, is that normal?"): how long to wait, not the steps again.
 */

afterAll(removeCombinedCopy);

const OUTAGE_NUMBERS = /1-888-638-6771|1-866-296-5335|00800 72884743|\+65 6768 8099/;

describe.each(KNOWLEDGE_SETTINGS)('on the $label', (setting) => {
  const { kb, run, ask } = knowledgeFixture(setting);

  describe('support asked for when nothing is down', () => {
    run.each([
      ["not an emergency, just have a question about our setup. we're in Toronto, how do I get in touch with support?"],
      ['Hi, Paris office here, nothing is down, we just want to ask support something. what is the best way to reach you?'],
      ["small issue with a deployment, not urgent at all. we're based in Melbourne - who do I write to?"],
      ['no outage here, how can I contact your support team?'],
    ])('%s → the support address, no outage number', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('contact');
      expect(answer.text.split('\n')[0]!.toLowerCase()).toContain('**incident@centurylink.com**');
      expect(answer.text).not.toMatch(OUTAGE_NUMBERS);
    });

    run.each([
      ['how do I contact support for an outage in canada?', '1-866-296-5335'],
      ['our Paris office is down, what is the best way to reach you?', '00800 72884743'],
    ])('%s → with an outage, still the number (%s)', (question, number) => {
      const answer = ask(question);
      expect(answer.kind).toBe('contact');
      expect(answer.text).toContain(number);
    });

    run('"we can\'t reach our VMs, is that something support covers?" asks about reaching the VMs, not support', () => {
      const answer = kb().answer("we can't reach our VMs in azure, is that something support covers?");
      expect(answer.text).not.toMatch(/incident@centurylink\.com/i);
    });
  });

  describe('a wait described as a worry, after a step', () => {
    run.each([
      ['I just accepted the terms for the new azure account like 30 seconds ago and nothing shows yet. is that normal, how long should it take?'],
      ["just hit accept on the terms for the new azure provider and it's been spinning for about a minute. is it broken??"],
      ['created the new azure customer account provider and it is still loading, is something wrong?'],
      // among the public articles, the Google Cloud guide has the same wait: an article about another provider is not about Azure
      ['i accepted the terms for the new azure account and its just spinning... is it broken?'],
    ])('%s → the two-minute wait', (question) => {
      const answer = ask(question);
      expect(firstPassage(answer)).toMatch(/two-minute wait|two minutes/i);
      expect(answer.sources[0]!.slug).toBe('partner-cloud-integration-azure-new');
    });

    run('"…and what is it doing in the background?" → the wait, with every step of the automated process', () => {
      const answer = ask('I accepted the terms for the new Azure account and nothing seems to have happened yet. How long should it take, and what is it doing in the background?');
      const first = firstPassage(answer);
      expect(first).toMatch(/two-minute wait/);
      expect(first).toMatch(/Subscription/);
      expect(first).toMatch(/Creates an Azure Customer account/);
      expect(first).toMatch(/permissions/);
    });

    run('a time asked for that no article gives is still not found', () => {
      expect(kb().answer('how long are the agent logs kept before they are deleted?').kind).toBe('not_found');
    });
  });
});

describe.each(KNOWLEDGE_SETTINGS)('the next step asked for, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run.each([
    ["ok so I picked 'create a new azure customer account' and typed a name for the provider. what's the next button?"],
    ['I selected the create a new azure customer account option and gave the provider a name. what do I click next?'],
  ])('%s → the steps after, not the table of options the story quotes', (question) => {
    const answer = ask(question);
    expect(answer.kind).toBe('howto');
    expect(answer.text).toMatch(/^After step \d+/);
    expect(answer.text).toMatch(/Connect a CLC Account/);
    expect(answer.sources[0]!.slug).toBe('partner-cloud-integration-azure-new');
  });
});

describe.each(KNOWLEDGE_SETTINGS)('a story about something else, on the $label', (setting) => {
  const { kb, run } = knowledgeFixture(setting);

  // "page two": a number in words weighs nothing, so "page" alone does not make the story one about the articles
  run.each([['our printer keeps jamming on page two. who can help?'], ['my outlook mailbox is full. what should I do?']])('%s → not found', (question) => {
    expect(kb().answer(question).kind).toBe('not_found');
  });
});
