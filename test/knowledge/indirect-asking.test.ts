import { firstPassage, knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Scope questions asked indirectly, on the project's own articles, the seeds, and the seeds among
 * the public articles:
 *   embedded in another sentence ("my boss wants to know whether…", "we're trying to figure out
 *   if… is part of what you cover"), with a modal ("you guys will patch"), with "that's on us" as
 *   the other way, with CenturyLink called CTL;
 *   a statement with a tag that asks for it to be confirmed ("…, don't you?", "…, isn't it?"): the
 *   tag's "not" is no idea of the question;
 *   a free Linux distribution named ("Debian", "CentOS"): the note on free operating systems, which
 *   "operations staff" in a scope item does not answer.
 */

afterAll(removeCombinedCopy);

describe.each(KNOWLEDGE_SETTINGS)('on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  describe('a verdict asked for indirectly', () => {
    run.each([
      ["my boss wants to know whether you guys will patch the OS on our azure servers or whether that's on us", /\*\*No: Patching is outside the scope\*\* of Azure/],
      ["we're trying to figure out if keeping an eye on our EC2 instances and fixing them when they alert is part of what you cover on AWS", /\*\*No: Monitoring and Remediation is outside the scope\*\* of AWS/],
      ["if the problem turns out to be on amazon's side will ctl escalate it to aws for us or do we have to open our own case", /\*\*Yes: Escalations to Amazon Web Services are in scope\*\* for AWS/],
      ["We don't have anyone on staff to patch our EC2 instances. That's handled by CenturyLink under the AWS platform-level support, isn't it?", /\*\*No: Patching is outside the scope\*\* of AWS/],
      ["azure billing is part of your platform support, isn't it?", /\*\*Yes: Azure Billing is in scope\*\* for Azure/],
    ])('%s', (question, verdict) => {
      const answer = ask(question);
      expect(answer.kind).toBe('scope');
      expect(answer.text).toMatch(verdict);
    });
  });

  describe('a free Linux distribution', () => {
    run.each([["You do support Debian instances on AWS, don't you?"], ['we run centos on most of our vms in aws, is that going to be a problem for support?']])(
      '%s → the note on free operating systems',
      (question) => {
        const answer = ask(question);
        expect(firstPassage(answer)).toMatch(/free Operating Systems/i);
        expect(firstPassage(answer)).not.toMatch(/Operations Staff/);
        expect(answer.sources[0]!.slug).toBe('partner-cloud-integration-aws-support');
      },
    );
  });
});

describe.each(KNOWLEDGE_SETTINGS)('terse scope questions, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run('"aws console users - u create those?" → a verdict on the item, asked without its "do"', () => {
    const answer = ask('aws console users - u create those?');
    expect(answer.kind).toBe('scope');
    expect(answer.text).toMatch(/^\*\*Yes: AWS Console user creation and permissions are in scope\*\*/);
  });

  run.each([['aws support exclusions?', 'AWS'], ['azure support - anything not covered?', 'Azure']])('%s → what is outside the scope', (question, cloud) => {
    const answer = ask(question);
    expect(answer.kind).toBe('scope');
    expect(answer.text.split('\n')[0]).toMatch(new RegExp(`^\\*\\*Outside the scope for ${cloud}:\\*\\* Remote Administration, Monitoring and Remediation, Change Management, Patching`));
  });
});

describe.each(KNOWLEDGE_SETTINGS)('what the customer lacks, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run('"nobody here has a CenturyLink Cloud login… how would I get them?" → the prerequisite, with what to do without access', () => {
    const answer = ask('We only ever use Cloud Application Manager and nobody here has a CenturyLink Cloud login. Someone told me I need CLC credentials to get Azure set up through you. Is that true, and how would I get them?');
    expect(answer.text).toMatch(/representative/i);
    expect(answer.text).toMatch(/Administrator/);
  });
});

describe.each(KNOWLEDGE_SETTINGS)('English as a second language, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run('"Is possible that CenturyLink make the patches…, or we must to do it ourself?" → a verdict on patching', () => {
    const answer = ask('Is possible that CenturyLink make the patches for our servers in AWS, or we must to do it ourself?');
    expect(answer.kind).toBe('scope');
    expect(answer.text).toMatch(/^\*\*No: Patching is outside the scope\*\* of AWS/);
  });

  run('"I not find where to put my account of CenturyLink Cloud" → the step that connects the CLC account, of the procedure the story is in', () => {
    const answer = ask('In the Azure Resource Manager provider I not find where to put my account of CenturyLink Cloud. Where is it?');
    expect(answer.kind).toBe('howto');
    expect(answer.text).toMatch(/it is step 7 of 9/);
    expect(answer.text).toMatch(/\*\*Click the "Connect a CLC Account" button/);
    expect(answer.sources[0]!.slug).toBe('partner-cloud-integration-azure-new');
  });

  run('"What is the mail for write to support…?" → support\'s address', () => {
    const answer = ask('What is the mail for write to support when I have problem with API calls, and what I must put inside the mail?');
    expect(answer.text.split('\n')[0]!.toLowerCase()).toContain('**incident@centurylink.com**');
  });
});

describe.each(KNOWLEDGE_SETTINGS)('what to attach and where to send it, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  // Skipped among the public articles: they give support's older addresses in dozens of guides, and
  // the address asked for outranks the API sentence as the message's answer there.
  (setting.distractors ? it.skip : run)('"…API calls started failing. what should I attach, and which address do I send it to?" → the request body, then the address', () => {
    const answer = ask("Our deploy pipeline's calls to the Cloud Application Manager API started failing at 2am. I'm opening a case: what should I attach, and which address do I send it to?");
    expect(answer.text).toMatch(/request body/);
    expect(answer.text).not.toMatch(/In the case of a box error|For a box error/);
    expect(answer.text.toLowerCase()).toContain('incident@centurylink.com');
  });
});

describe.each(KNOWLEDGE_SETTINGS)('eligibility asked yes or no, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run.each([
    ['Two things: can I use our CLC demo account to try out the Azure integration? And I actually work at CenturyLink - could I hook up an internal account instead?', /demo account/, 'a demo account'],
    ['can we use it if our office is in Canada?', /United States/, 'offices in Canada'],
    ['can resellers use partner cloud integration?', /resellers/i, 'resellers or their customers'],
    ['Hallo, our company is based in Germany and we have no offices in the US. Can we use Partner Cloud Integration for AWS?', /United States/, 'offices in Germany'],
  ])('%s → a plain no first, for whom, then who can use it', (question, cue, whom) => {
    const answer = ask(question);
    expect(answer.kind).toBe('eligibility');
    expect(answer.text.startsWith(`**No**, it is not available for ${whom}. Who can use it:`)).toBe(true);
    expect(answer.text).toMatch(cue);
  });
});

describe.each(KNOWLEDGE_SETTINGS)('eligibility with an office in the United States, on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  run('"we have offices in Canada and the US, can we use it?" → who can use it, with no plain no', () => {
    const answer = ask('we have offices in Canada and the US, can we use it?');
    expect(answer.kind).toBe('eligibility');
    expect(answer.text).not.toMatch(/\*\*No\*\*/);
  });
});
