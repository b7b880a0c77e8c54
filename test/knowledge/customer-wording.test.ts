import { knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * How customers word things the articles say otherwise, on the project's own articles, on the seed
 * articles, and on the seeds among the public knowledge base's articles:
 *   chat abbreviations ("change mgmt", "config review", "prod env");
 *   "what do Managed Services add?": the tier above platform-level support, from the scope articles;
 *   an item of one cloud whose counterpart in the other names that cloud's own vendor ("Escalations
 *   to Amazon Web Services", "Escalations to Microsoft"): a question about both gets both;
 *   "who do I talk to about…": the sentence that names whom to ask;
 *   a question that mentions a scope item but asks nothing of support ("will the charges be itemized
 *   on the invoice?") gets what the articles say about it, not a verdict on the item.
 */

afterAll(removeCombinedCopy);

describe.each(KNOWLEDGE_SETTINGS)('on the $label', (setting) => {
  const { run, ask } = knowledgeFixture(setting);

  describe('abbreviations', () => {
    run.each([
      ['looking for someone to run change mgmt for our aws prod env. is that part of the platform-level support we get thru cam?', /\*\*No: Change Management is outside the scope\*\* of AWS/],
      ['is a config review something centurylink does under platform support for aws?', /\*\*Yes: Amazon Web Services resource configuration review is in scope\*\*/],
    ])('%s → the verdict on the item spelled out', (question, verdict) => {
      const answer = ask(question);
      expect(answer.kind).toBe('scope');
      expect(answer.text).toMatch(verdict);
    });
  });

  describe('what Managed Services add', () => {
    run.each([
      ['pls explain what managed services adds on top of the basic aws platform support, trying to figure out if its worth paying for', ['aws']],
      ['what does managed services add on top of aws platform support?', ['aws']],
      ['what do managed services include?', ['aws', 'azure']],
    ])('%s → what platform-level support leaves out, for the clouds asked about', (question, clouds) => {
      const answer = ask(question);
      expect(answer.kind).toBe('scope');
      for (const item of ['Remote Administration', 'Monitoring and Remediation', 'Change Management', 'Patching']) expect(answer.text).toContain(item);
      expect(answer.sources.map((s) => s.file).sort()).toEqual(clouds.map((cloud) => expect.stringContaining(`partner-cloud-integration-${cloud}-support.md`)));
    });
  });

  describe('a scope item named by a question that asks nothing of support', () => {
    run.each([
      ['will our partner cloud charges be itemized per resource on the centurylink invoice, or all lumped together?', /single|aggregated/i],
      ['our org has its own agreement w microsoft with different pricing than ur list. does that get honored?', /agreements? with Microsoft/i],
    ])('%s → the article’s words, not a verdict', (question, said) => {
      const answer = ask(question);
      expect(answer.kind).not.toBe('scope');
      expect(answer.kind).not.toBe('not_found');
      expect(answer.text).toMatch(said);
      // the public knowledge base holds a second copy of that article under another file name
      expect(answer.sources[0]!.title).toBe('Partner Cloud Integration');
    });
  });

  describe('whom to ask', () => {
    run.each([
      ["we'd like help designing our azure environment, not just support. who do we talk to?"],
      ['who do i talk to about getting centurylink to design our azure architecture?'],
    ])('%s → the role to ask, from the article that names it', (question) => {
      const answer = ask(question);
      expect(answer.text).toMatch(/representative/i);
      expect(answer.sources[0]!.title).toBe('Partner Cloud Integration');
    });
  });

  describe('an item that names each cloud’s vendor', () => {
    run.each([
      ['we run stuff in both azure and aws. if something is broken on the cloud provider side who do u escalate it to for each one?'],
      ['do you escalate to amazon for aws and to microsoft for azure?'],
    ])('%s → the item of each cloud', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('scope');
      expect(answer.text).toContain('**Yes: Escalations to Amazon Web Services is in scope** for AWS');
      expect(answer.text).toContain('For Azure, Escalations to Microsoft is in scope.');
      expect(answer.text).not.toContain('not listed');
      expect(answer.facts).toEqual(expect.arrayContaining(['AWS: Escalations to Amazon Web Services: in scope', 'Azure: Escalations to Microsoft: in scope']));
    });
  });
});
