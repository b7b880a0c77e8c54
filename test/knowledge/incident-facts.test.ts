import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';

const quiet = { warn: () => undefined, info: () => undefined };
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = new KnowledgeBase(await loadArticles('knowledge/articles', quiet));
});

describe('regions and clouds in a customer message', () => {
  test.each([
    ['Our Azure production VMs in London are all down', ['emea'], ['azure']],
    ['box deployment failed in Toronto', ['canada'], []],
    ['we are in canda and our aws account is broken', ['canada'], ['aws']],
    ['API returns 500 for our team in Singapore', ['apac'], []],
    ['outage in the US east datacenter', ['us'], []],
    ['my API call returns 500', [], []],
  ])('%s', (text, regions, clouds) => {
    expect(kb.placesIn(text)).toEqual({ regions, clouds });
  });
});

describe('outage phone numbers come from the articles', () => {
  test.each([
    ['us', '1-888-638-6771'],
    ['canada', '1-866-296-5335'],
    ['emea', '00800 72884743'],
    ['apac', '+65 6768 8099'],
  ] as const)('%s', (region, number) => {
    const phone = kb.outagePhone(region, 'azure');
    expect(phone?.number).toBe(number);
    expect(phone?.source.slug).toBe('partner-cloud-integration-azure-support');
  });
});

describe('scope of a described problem', () => {
  test.each([
    ['we need someone to patch our Windows servers every month', 'azure', 'out', 'Patching'],
    ['please set up monitoring and alerting for our VMs', 'aws', 'out', 'Monitoring and Remediation'],
    ['can you log in remotely and administer our database server (remote administration)?', 'azure', 'out', 'Remote Administration'],
    ['our Azure billing shows the wrong month-to-date totals', 'azure', 'in', 'Azure Billing'],
    ['IAM policies block the deployment', 'aws', 'in', 'IAM Policies'],
  ] as const)('%s', (text, cloud, verdict, item) => {
    const check = kb.scopeOf(text, cloud);
    expect(check.verdict).toBe(verdict);
    expect(check.item).toBe(item);
    if (verdict === 'out') expect(check.managedServices).toMatch(/Managed Services/);
  });

  test.each([
    ['I need to change my password', 'azure'],
    ['our Azure production VMs in London are all down', 'azure'],
    ['box deployment failed', null],
  ] as const)('no exclusion is read into "%s"', (text, cloud) => {
    expect(kb.scopeOf(text, cloud).verdict).not.toBe('out');
  });
});
