import { knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * A choice among the options a guide's table lays out (answers/option-asked.ts), on the project's
 * own articles, the seeds, and the seeds among the public articles: the option that fits the
 * customer's situation and goal first, the others after it; not when the customer has just taken a
 * step and asks for the choice after it, which the steps answer.
 */

afterAll(removeCombinedCopy);

describe.each(KNOWLEDGE_SETTINGS)('on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run.each([
    ['What if we already have an Azure subscription that we pay Microsoft for directly - which choice gets it onto CenturyLink billing and support?', 'Migrate my account to CenturyLink for consolidated billing and Platform Support'],
    ['Our company has never had any Azure at all. Of the three Azure choices in the new provider form, which should I pick?', 'Create a new Azure customer account'],
  ])('%s → %s, then the other options', (question, option) => {
    const answer = ask(question);
    expect(answer.kind).toBe('howto');
    expect(answer.text.startsWith(`**${option}**: `)).toBe(true);
    expect(answer.text).toMatch(/The other options:[\s\S]*Use an existing Azure customer account/);
    expect(answer.sources.map((source) => source.slug)).toContain('partner-cloud-integration-azure-existing');
  });

  run('I picked Azure Resource Manager under new provider, which option do I choose after that? → the step, not the options table', () => {
    const answer = ask('setting up a brand new azure acct through cam. i picked azure resource manager under new provider, which option do i choose after that?');
    expect(answer.text).not.toMatch(/The other options:/);
    expect(answer.text).toMatch(/Create a new Azure customer account/);
  });
});
