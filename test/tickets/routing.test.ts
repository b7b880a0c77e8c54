import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGIONS } from '../../tickets/model.js';
import { DEFAULT_ROUTING, RoutingConfigError, loadRoutingFile, parseRoutingConfig, routeTicket, webhookSecrets } from '../../tickets/routing.js';

const ticket = { region: 'us', severity: 3, cloud: 'azure', category: 'api_call' } as const;

describe('routing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'routing-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeRouting = (content: unknown): string => {
    const file = join(dir, 'routing.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('loads the committed file, which equals DEFAULT_ROUTING', () => {
    expect(loadRoutingFile('config/routing.json')).toEqual(DEFAULT_ROUTING);
  });

  it.each(REGIONS)('routes region %s to its own queue', (region) => {
    expect(routeTicket(DEFAULT_ROUTING, { ...ticket, region })).toEqual({ queue: region, critical: false });
  });

  it('marks severity 1 critical and nothing else', () => {
    expect(routeTicket(DEFAULT_ROUTING, { ...ticket, severity: 1 }).critical).toBe(true);
    for (const severity of [2, 3, 4] as const) expect(routeTicket(DEFAULT_ROUTING, { ...ticket, severity }).critical).toBe(false);
  });

  it('takes the first matching rule, with lists of values', () => {
    const config = parseRoutingConfig(
      {
        queues: { outage: {}, billing: {}, aws: {}, rest: {} },
        rules: [
          { severity: [1, 2], region: ['us', 'canada'], queue: 'outage' },
          { category: 'billing', queue: 'billing' },
          { cloud: 'aws', queue: 'aws' },
          { queue: 'rest' },
        ],
        criticalSeverities: [1, 2],
      },
      'test',
    );
    expect(routeTicket(config, { ...ticket, severity: 2, category: 'billing' })).toEqual({ queue: 'outage', critical: true });
    expect(routeTicket(config, { ...ticket, region: 'emea', severity: 1, category: 'billing' })).toEqual({ queue: 'billing', critical: true });
    expect(routeTicket(config, { ...ticket, cloud: 'aws', category: 'billing' }).queue).toBe('billing');
    expect(routeTicket(config, { ...ticket, cloud: 'aws' }).queue).toBe('aws');
    expect(routeTicket(config, ticket)).toEqual({ queue: 'rest', critical: false });
  });

  it('names the file when it is not JSON', () => {
    const file = writeRouting('{ "queues": ');
    expect(() => loadRoutingFile(file)).toThrow(RoutingConfigError);
    expect(() => loadRoutingFile(file)).toThrow(`routing file ${file} is not valid JSON`);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadRoutingFile(join(dir, 'missing.json'))).toThrow(/missing\.json cannot be read/);
  });

  it('names the unknown queue of a rule and where it is', () => {
    const file = writeRouting({ queues: { us: {} }, rules: [{ region: 'us', queue: 'us' }, { queue: 'elsewhere' }] });
    expect(() => loadRoutingFile(file)).toThrow(/rules\.1\.queue: queue "elsewhere" is not defined/);
    expect(() => loadRoutingFile(file)).toThrow(file);
  });

  it('names the zod path of a badly shaped field', () => {
    const file = writeRouting({ queues: { us: { webhook: { url: 'not a url', secretEnv: 'X' } } }, rules: [{ queue: 'us', regoin: 'us' }] });
    const error = (() => {
      try {
        loadRoutingFile(file);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected loadRoutingFile to throw');
    })();
    expect(error.message).toContain('queues.us.webhook.url');
    expect(error.message).toMatch(/rules\.0: Unrecognized key\(s\) in object: 'regoin'/);
  });

  it('refuses rules that leave some tickets unrouted', () => {
    expect(() => parseRoutingConfig({ queues: { us: {} }, rules: [{ region: 'us', queue: 'us' }] }, 'partial.json')).toThrow(
      /partial\.json is invalid:\n {2}rules: no rule matches a ticket with region=canada/,
    );
  });

  it('tries every severity when checking that all tickets are routed', () => {
    expect(() => parseRoutingConfig({ queues: { q: {} }, rules: [{ severity: [1, 2, 3], queue: 'q' }] }, 'no-sev4.json')).toThrow(
      /no rule matches a ticket with region=us severity=4 /,
    );
    expect(parseRoutingConfig({ queues: { q: {} }, rules: [{ severity: [1, 2, 3, 4], queue: 'q' }] }, 'all.json').rules).toHaveLength(1);
  });

  describe('webhook secrets', () => {
    const config = parseRoutingConfig(
      {
        queues: {
          us: { webhook: { url: 'https://itsm.example.com/hook', secretEnv: 'US_WEBHOOK_SECRET' } },
          emea: { webhook: { url: 'https://itsm.example.com/emea', secretEnv: 'EMEA_WEBHOOK_SECRET' } },
          apac: {},
        },
        rules: [{ region: 'us', queue: 'us' }, { region: 'emea', queue: 'emea' }, { queue: 'apac' }],
      },
      'test',
    );

    it('resolves each webhook queue from its environment variable', () => {
      const secrets = webhookSecrets(config, { US_WEBHOOK_SECRET: 'u'.repeat(32), EMEA_WEBHOOK_SECRET: 'e'.repeat(32) });
      expect(secrets).toEqual({ us: 'u'.repeat(32), emea: 'e'.repeat(32) });
    });

    it('names the variable that is missing', () => {
      expect(() => webhookSecrets(config, { US_WEBHOOK_SECRET: 'u'.repeat(32) })).toThrow(RoutingConfigError);
      expect(() => webhookSecrets(config, { US_WEBHOOK_SECRET: 'u'.repeat(32), EMEA_WEBHOOK_SECRET: '' })).toThrow(/EMEA_WEBHOOK_SECRET/);
    });

    it('refuses a short secret', () => {
      expect(() => webhookSecrets(config, { US_WEBHOOK_SECRET: 'short', EMEA_WEBHOOK_SECRET: 'e'.repeat(32) })).toThrow(/US_WEBHOOK_SECRET.*shorter/);
    });
  });
});
