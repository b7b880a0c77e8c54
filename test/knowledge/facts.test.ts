import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { extractEligibility } from '../../knowledge/facts/eligibility.js';
import { extractFacts } from '../../knowledge/facts/index.js';
import { parseOutsideScope } from '../../knowledge/facts/scope.js';
import type { Facts, ScopeFact } from '../../knowledge/facts/types.js';
import { loadArticles, type KnowledgeLogger } from '../../knowledge/loader.js';
import { parseArticle } from '../../knowledge/parse-article.js';
import type { ParsedArticle } from '../../knowledge/types.js';

const BUNDLED_DIR = resolve(process.cwd(), 'knowledge/articles');
const SEEDS_DIR = resolve(process.cwd(), '../shared/kb/seeds');
const PUBLIC_KB_DIR = resolve(process.cwd(), '../shared/kb/publickb');

const quiet: KnowledgeLogger = { warn: () => undefined, info: () => undefined };

const OUTAGE_NUMBERS = [
  ['us', 'United States', '1-888-638-6771'],
  ['canada', 'Canada', '1-866-296-5335'],
  ['emea', 'EMEA', '00800 72884743'],
  ['apac', 'Asia Pacific', '+65 6768 8099'],
] as const;
const OUTSIDE_SCOPE = ['Remote Administration', 'Monitoring and Remediation', 'Change Management', 'Patching'];
/** In scope for one cloud only. */
const ONLY_IN_SCOPE: Record<ScopeFact['cloud'], string[]> = {
  aws: ['AWS Billing', 'IAM Policies', 'Escalations to Amazon Web Services', 'AWS Management Console'],
  azure: ['Azure Billing', 'Subscription management', 'Escalations to Microsoft', 'Azure Control Portal'],
};
const BOTH_IN_SCOPE = ['Tier 1 Technical Support', 'Knowledge Base and FAQs', 'Partner cloud estimates', 'Terms and Agreements'];

function describeIfPresent(dir: string): jest.Describe {
  if (existsSync(dir)) return describe;
  console.warn(`facts.test: ${dir} is missing; the cases that read it are skipped`);
  return describe.skip;
}

/** The same facts hold in the project's own articles and in the seed articles they were written from. */
function sharedFactCases(label: string, dir: string): void {
  describeIfPresent(dir)(`facts of the ${label} articles (${dir})`, () => {
    let articles: ParsedArticle[] = [];
    let facts: Facts;
    beforeAll(async () => {
      articles = await loadArticles(dir, quiet);
      facts = extractFacts(articles);
    });

    it('loads the five Partner Cloud Integration articles', () => {
      expect(articles.map((a) => a.slug).sort()).toEqual([
        'partner-cloud-integration',
        'partner-cloud-integration-aws-support',
        'partner-cloud-integration-azure-existing',
        'partner-cloud-integration-azure-new',
        'partner-cloud-integration-azure-support',
      ]);
    });

    it('finds exactly the four critical-outage numbers, one per region, in both support articles', () => {
      const distinct = new Map(facts.phones.map((p) => [`${p.region}|${p.number}`, p]));
      expect([...distinct.values()].map((p) => [p.region, p.label, p.number]).sort()).toEqual(OUTAGE_NUMBERS.map((n) => [...n]).sort());
      // the support articles list the numbers twice: each number is kept once per article
      for (const slug of ['partner-cloud-integration-aws-support', 'partner-cloud-integration-azure-support']) {
        expect(facts.phones.filter((p) => p.slug === slug).map((p) => p.number).sort()).toEqual(OUTAGE_NUMBERS.map((n) => n[2]).sort());
      }
      expect(new Set(facts.phones.map((p) => p.slug))).toEqual(new Set(['partner-cloud-integration-aws-support', 'partner-cloud-integration-azure-support']));
    });

    it.each(['aws', 'azure'] as const)('reads the %s support scope: out of scope, in scope and the Managed Services pointer', (cloud) => {
      const scopes = facts.scopes.filter((s) => s.cloud === cloud);
      expect(scopes).toHaveLength(1);
      const scope = scopes[0]!;
      expect(scope.slug).toBe(`partner-cloud-integration-${cloud}-support`);
      expect(scope.outOfScope).toEqual(OUTSIDE_SCOPE);
      expect(scope.inScope).toEqual(expect.arrayContaining([...ONLY_IN_SCOPE[cloud], ...BOTH_IN_SCOPE]));
      for (const item of ONLY_IN_SCOPE[cloud === 'aws' ? 'azure' : 'aws']) expect(scope.inScope).not.toContain(item);
      expect(scope.inScope.length).toBeGreaterThanOrEqual(13);
      expect(scope.outOfScopeNote).toMatch(/Customer accounts/);
      expect(scope.definition).toMatch(/first responder/);
      expect(scope.managedServices).toMatch(/Managed Services/);
      expect(scope.managedServices).toContain('https://www.ctl.io/cloud-application-manager/managed-services-anywhere/');
      expect(scope.managedServices).toMatch(cloud === 'aws' ? /\bAWS\b/ : /\bAzure\b/);
    });

    it('finds no scope in the articles that do not define one', () => {
      expect(facts.scopes.map((s) => s.cloud).sort()).toEqual(['aws', 'azure']);
    });

    it.each([
      ['incident@CenturyLink.com', /Cloud Application Manager support/],
      ['cloudintegration@ctl.io', /special consideration/],
    ])('finds %s with the sentence that says what it is for', (address, purpose) => {
      const found = facts.emails.filter((e) => e.address === address);
      expect(found.length).toBeGreaterThan(0);
      for (const fact of found) {
        expect(fact.purposePlain).toMatch(purpose);
        expect(fact.purposePlain).toContain(address);
        expect(fact.purposePlain).not.toMatch(/\]\(|mailto:/);
      }
    });

    it('finds the support address in every article that has a contact section', () => {
      const withContactSection = articles.filter((a) => a.sections.some((s) => /^Contacting/.test(s.heading))).map((a) => a.slug);
      const withIncident = facts.emails.filter((e) => e.address.toLowerCase() === 'incident@centurylink.com').map((e) => e.slug);
      expect(withContactSection.length).toBeGreaterThanOrEqual(4);
      expect(new Set(withIncident)).toEqual(new Set(withContactSection));
    });

    it('finds the agent log on Linux and on Windows', () => {
      const linux = facts.logLocations.filter((l) => l.os === 'linux');
      const windows = facts.logLocations.filter((l) => l.os === 'windows');
      expect(linux.length).toBeGreaterThan(0);
      expect(windows.length).toBeGreaterThan(0);
      expect(new Set(linux.map((l) => l.path))).toEqual(new Set(['/var/log/elasticbox/elasticbox-agent.log']));
      for (const fact of windows) expect(fact.path).toMatch(/ProgramData.*ElasticBox.*elasticbox-agent\.log$/);
      for (const fact of linux) expect(fact.instruction).toMatch(/SSH/);
      for (const fact of windows) expect(fact.instruction).toMatch(/RDP/);
    });

    it('reads the new-Azure-account procedure: 9 steps and what the automation then does', () => {
      const procedures = facts.procedures.filter((p) => p.slug === 'partner-cloud-integration-azure-new');
      expect(procedures).toHaveLength(1);
      const procedure = procedures[0]!;
      expect(procedure.heading).toBe('Steps');
      expect(procedure.steps).toHaveLength(9);
      const steps = procedure.steps.map((s) => s.plain);
      expect(steps[3]).toContain('"Azure Resource Manager"');
      expect(steps[4]).toContain('"Create a new Azure customer account"');
      expect(steps[6]).toContain('"Connect a CLC Account"');
      expect(steps[8]).toMatch(/^Accept the Terms and Conditions/);
      expect(procedure.intro?.plain).toMatch(/steps/i);
      const outcome = procedure.outcome.map((o) => o.plain).join('\n');
      expect(outcome).toMatch(/two-minute/);
      expect(outcome).toMatch(/Microsoft Azure Subscription/);
    });

    it('reads the existing-Azure-account procedure: 11 steps with the migrate option and its outcome', () => {
      const procedures = facts.procedures.filter((p) => p.slug === 'partner-cloud-integration-azure-existing');
      expect(procedures).toHaveLength(1);
      const procedure = procedures[0]!;
      expect(procedure.steps).toHaveLength(11);
      const steps = procedure.steps.map((s) => s.plain);
      expect(steps[3]).toContain('"Microsoft Azure"');
      expect(steps[5]).toContain('"Migrate my account to CenturyLink for consolidated billing and Platform Support"');
      expect(steps[7]).toMatch(/Office 365/);
      const outcome = procedure.outcome.map((o) => o.plain).join('\n');
      expect(outcome).toMatch(/Subscription\(s\)/);
      expect(outcome).toMatch(/consolidated billing and platform-level support/);
    });

    it('finds no procedure in the articles without numbered steps', () => {
      expect(new Set(facts.procedures.map((p) => p.slug))).toEqual(new Set(['partner-cloud-integration-azure-new', 'partner-cloud-integration-azure-existing']));
    });

    it('marks the sentence about offices in the United States under the **Azure:** availability label as azure', () => {
      const found = facts.eligibility.filter((e) => /only to offices (inside|located in) the United States/.test(e.sentence.plain));
      expect(found.map((e) => [e.slug, e.cloud])).toEqual([['partner-cloud-integration', 'azure']]);
    });

    it('finds who can use the service: not resellers, per cloud', () => {
      const resellers = facts.eligibility.filter((e) => /resellers/i.test(e.sentence.plain));
      expect(resellers.length).toBeGreaterThanOrEqual(3);
      const clouds = new Set(resellers.map((e) => e.cloud));
      expect(clouds).toEqual(new Set(['azure', 'aws', null]));
      const aws = resellers.find((e) => e.cloud === 'aws');
      expect(aws?.slug).toBe('partner-cloud-integration');
      expect(aws?.sentence.plain).toMatch(/Amazon Web Services/);
      expect(aws?.sentence.plain).toMatch(/United States/);
      const azureOverview = resellers.find((e) => e.cloud === 'azure' && e.slug === 'partner-cloud-integration');
      expect(azureOverview?.sentence.plain).toMatch(/United Kingdom/);
      // the Azure getting-started articles limit the service too
      expect(resellers.filter((e) => e.slug.startsWith('partner-cloud-integration-azure-')).map((e) => e.cloud)).toEqual(['azure', 'azure']);
      expect(facts.eligibility.some((e) => /demo account/.test(e.sentence.plain))).toBe(true);
      for (const fact of facts.eligibility) expect(fact.sentence.plain).not.toMatch(/[*`]|\]\(/);
    });

    it('keeps with the resellers limit the way to ask for a review of a case, and no recourse where none is said', () => {
      const general = facts.eligibility.filter((e) => e.slug === 'partner-cloud-integration' && e.cloud === null && /resellers/.test(e.sentence.plain));
      expect(general.length).toBeGreaterThan(0);
      for (const fact of general) expect(fact.recourse?.plain).toMatch(/review[\s\S]*support ticket[\s\S]*contact details/);
      const demo = facts.eligibility.find((e) => /demo account/.test(e.sentence.plain));
      expect(demo?.recourse).toBeNull();
    });
  });
}

sharedFactCases('bundled', BUNDLED_DIR);
sharedFactCases('seed', SEEDS_DIR);

describe('facts only the bundled articles state exactly', () => {
  let facts: Facts;
  beforeAll(async () => {
    facts = extractFacts(await loadArticles(BUNDLED_DIR, quiet));
  });

  it('gives the Windows agent log path exactly', () => {
    const windows = new Set(facts.logLocations.filter((l) => l.os === 'windows').map((l) => l.path));
    expect(windows).toEqual(new Set(['C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log']));
  });

  it('marks the azure and aws eligibility sentences of the overview with their cloud', () => {
    const overview = facts.eligibility.filter((e) => e.slug === 'partner-cloud-integration' && e.cloud !== null);
    expect(overview.map((e) => [e.cloud, e.sentence.plain.split(':')[0]])).toEqual(expect.arrayContaining([['azure', 'Azure'], ['aws', 'Amazon Web Services']]));
  });

  it('marks "At present the service can be offered only to offices located in the United States", under the **Azure:** availability label of a list item, as azure', () => {
    const found = facts.eligibility.filter((e) => /^At present the service can be offered only to offices located in the United States/.test(e.sentence.plain));
    expect(found.map((e) => [e.slug, e.cloud])).toEqual([['partner-cloud-integration', 'azure']]);
    // the label covers every sentence of its item, and only its item: the **General:** item stays cloud-less
    const general = facts.eligibility.filter((e) => e.slug === 'partner-cloud-integration' && /resellers/.test(e.sentence.plain) && !/Azure|Amazon/.test(e.sentence.plain));
    expect(general.length).toBeGreaterThan(0);
    for (const fact of general) expect(fact.cloud).toBeNull();
  });
});

describe('extractEligibility', () => {
  it('gives every sentence of a list item the cloud of the bold label that opens it, colon inside or after the bold', () => {
    const article = parseArticle([
      '{{{\n  "title": "Availability Test"\n}}}',
      '### Availability',
      '',
      '* **Azure:**',
      '',
      '  Every product is offered.',
      '',
      '  The service is offered only to offices in Canada.',
      '',
      '* **AWS**: Accounts must be new. Resellers cannot use it.',
      '* **Note:** resellers cannot use it at all.',
      '',
    ].join('\n'), 'availability-test.md');
    expect(extractEligibility(article).map((e) => [e.cloud, e.sentence.plain])).toEqual([
      ['azure', 'The service is offered only to offices in Canada.'],
      ['aws', 'AWS: Accounts must be new.'],
      ['aws', 'Resellers cannot use it.'],
      [null, 'Note: resellers cannot use it at all.'],
    ]);
  });
});

describe('parseOutsideScope', () => {
  it.each([
    ['OUTSIDE SCOPE: Remote Administration, Monitoring and Remediation, Change Management and Patching.', OUTSIDE_SCOPE, null],
    ['IN SCOPE: see below. OUTSIDE SCOPE: Remote Administration, Monitoring and Remediation, Change Management and Patching. Also Customer accounts that are not Optimized.', OUTSIDE_SCOPE, 'Also Customer accounts that are not Optimized.'],
    ['Outside of scope: A, B, and C', ['A', 'B', 'C'], null],
    ['outside scope: Patching', ['Patching'], null],
  ])('reads %p', (cell, items, note) => {
    expect(parseOutsideScope(cell)).toEqual({ items, note });
  });
});

/** A file is an article when it has a `{{{ }}}` header (whole or missing its opening) or a heading. */
function isRealArticle(text: string): boolean {
  return /^\s*\{\{\{/.test(text) || /^\}\}\}\s*$/m.test(text) || /^#{1,6}\s+\S/m.test(text);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.isFile() && entry.name.toLowerCase().endsWith('.md') ? [path] : [];
  });
}

describeIfPresent(PUBLIC_KB_DIR)(`the public knowledge base (${PUBLIC_KB_DIR})`, () => {
  let articles: ParsedArticle[] = [];
  const skipped: string[] = [];
  beforeAll(async () => {
    articles = await loadArticles(PUBLIC_KB_DIR, {
      warn: (details, message) => {
        if (message.includes('skipped')) skipped.push(String(details.file));
      },
      info: () => undefined,
    });
  });

  it('loads one article per distinct file name of every real article, and skips only what is not one', () => {
    const files = markdownFiles(PUBLIC_KB_DIR);
    const real = files.filter((file) => isRealArticle(readFileSync(file, 'utf8')));
    const distinctNames = new Set(real.map((file) => basename(file, extname(file))));
    expect(articles).toHaveLength(distinctNames.size);
    expect(new Set(articles.map((a) => a.slug))).toEqual(distinctNames);
    const notArticles = files.filter((file) => !real.includes(file)).map((file) => file.slice(PUBLIC_KB_DIR.length + 1));
    expect(skipped.sort()).toEqual(notArticles.sort());
    // 69 files in the snapshot: 68 articles and SOURCE.md, the list of where they came from
    expect(articles.length).toBeGreaterThanOrEqual(60);
  });

  it('gives every article a title and at least one section', () => {
    for (const article of articles) {
      expect(article.header.title.trim()).not.toBe('');
      expect(article.sections.length).toBeGreaterThan(0);
    }
  });

  it('extracts facts from all of them without throwing', () => {
    const facts = extractFacts(articles);
    expect(facts.phones.length).toBeGreaterThan(0);
    expect(facts.scopes.map((s) => s.cloud).sort()).toEqual(['aws', 'azure']);
    expect(facts.procedures.length).toBeGreaterThan(10);
  });
});
