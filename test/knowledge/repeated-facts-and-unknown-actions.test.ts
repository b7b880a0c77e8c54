import type { Answer } from '../../knowledge/types.js';
import { knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Two shapes of question, each phrased several ways, on the project's own articles, on the seed
 * articles, and on the seeds among the public knowledge base's articles:
 *   a fact stated word for word in many articles (an e-mail address and what it is for, "cannot be a
 *   demo account"): the answer cites the copy in the article about what is asked (Azure for an Azure
 *   question), not whichever article happened to be read first;
 *   "how do I <an action no article speaks of>": not found, rather than steps for another task.
 */

afterAll(removeCombinedCopy);

const firstSource = (answer: Answer) => answer.sources[0]!;

describe.each(KNOWLEDGE_SETTINGS)('on the $label', (setting) => {
  const { kb, run, ask } = knowledgeFixture(setting);

  describe('an address given in many articles', () => {
    run.each([
      ['Who can I email about special considerations for setting up an Azure account?'],
      ['our setup is a bit unusual (parent company + a few subsidiaries). who do i email to ask for special consideration when setting up azure through cam?'],
      ['which email address is for special considerations when we set up azure?'],
      ['is there an email for special considerations on a new azure account?'],
    ])('%s → the integration address, cited from an Azure article', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('contact');
      expect(answer.text.split('\n')[0]).toContain('cloudintegration@ctl.io');
      expect(firstSource(answer).title).toMatch(/Azure/);
    });

    run.each([
      ['whats the support email address for cloud application manager? non urgent question'],
      ['what is the support email address?'],
      ['what is the email address of support?'],
    ])('%s → the support address most articles give, first', (question) => {
      const answer = ask(question);
      expect(answer.text.split('\n')[0]!.toLowerCase()).toContain('incident@centurylink.com');
    });
  });

  describe('an eligibility sentence repeated in many articles', () => {
    run.each([
      ['can i use our demo clc account to try out the azure integration?', /demo/i],
      ['i work at centurylink, can i hook my internal clc account up to integrated azure for testing?', /internal/i],
      ['is a demo account allowed to use integrated azure?', /demo/i],
      ['can internal centurylink accounts use the azure integration?', /internal/i],
    ])('%s → the limiting sentence, cited from an article about Azure', (question, said) => {
      const answer = ask(question);
      expect(answer.kind).toBe('eligibility');
      expect(answer.text).toMatch(said);
      expect(firstSource(answer).title).toMatch(/Azure/);
    });
  });

  describe('how to do something no article speaks of', () => {
    // the public articles do speak of resetting things, so there "reset" is no unknown action
    const notFoundHere = setting.distractors ? it.skip : run;
    notFoundHere.each([
      ['how do i reset my outlook mailbox password in office 365'],
      ['how can I defragment the disk of my azure laptop?'],
      ['how to unsubscribe our office 365 users from the newsletter'],
    ])('%s → not found', (question) => {
      expect(kb().answer(question).kind).toBe('not_found');
    });

    run.each([
      ['how do I create a new azure customer account?'],
      ['how do I migrate my existing azure account to centurylink?'],
      ['how can we find the agent log on linux?'],
    ])('%s → still answered: the action is one the articles speak of, or a word of asking', (question) => {
      ask(question);
    });

    // a mistyped action is corrected, not taken for an action no article speaks of
    run.each([
      ['how do I craete a new azure customer account?', /Create a new Azure customer account/],
      ['how do i migarte my existing azure account to centurylink?', /Migrate my account to CenturyLink/],
    ])('%s → the steps, the action spelled right', (question, step) => {
      const answer = ask(question);
      expect(answer.text).toMatch(step);
    });

    // "hook up" is not "hook": a verb with a particle is left to the search
    run('how do I hook up my clc account? → the step that connects it', () => {
      expect(ask('how do I hook up my clc account?').text).toMatch(/Connect a CLC Account/);
    });
  });
});
