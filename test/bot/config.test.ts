import { ConfigError, isLocalMode, parseConfig } from '../../bot/config.js';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3978, KB_DIR: 'knowledge/articles', DATA_DIR: './data', LOG_LEVEL: 'info', MicrosoftAppType: 'MultiTenant' });
    expect(config.KB_BASE_URL).toBeUndefined();
    expect(isLocalMode(config)).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', KB_BASE_URL: '' }).PORT).toBe(3978);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KB_BASE_URL: 'not a url' }, 'KB_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MicrosoftAppType: 'Anyone' }, 'MicrosoftAppType'],
    [{ DATABASE_URL: 'mysql://db/support' }, 'DATABASE_URL'],
    [{ AGENT_API_TOKENS: 'short' }, 'AGENT_API_TOKENS'],
    [{ MAX_ATTACHMENT_BYTES: '10' }, 'MAX_ATTACHMENT_BYTES'],
    [{ ATTACHMENT_TIMEOUT_MS: 'soon' }, 'ATTACHMENT_TIMEOUT_MS'],
  ])('stops on %p naming %s', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('defaults the ticket settings: SQLite, no agent tokens, the bundled routing file, a 10 MB attachment cap', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.AGENT_API_TOKENS).toEqual([]);
    expect(config.ROUTING_FILE).toBe('config/routing.json');
    expect(config.MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    expect(config.ATTACHMENT_HOSTS).toEqual([]);
  });

  it('splits comma-separated agent tokens and attachment hosts', () => {
    const config = parseConfig({ AGENT_API_TOKENS: ' agent-token-0123456789 ,second-token-abcdefghij,', ATTACHMENT_HOSTS: 'Files.Example.com, *.contoso.com' });
    expect(config.AGENT_API_TOKENS).toEqual(['agent-token-0123456789', 'second-token-abcdefghij']);
    expect(config.ATTACHMENT_HOSTS).toEqual(['files.example.com', '*.contoso.com']);
  });

  it('reads AGENT_TENANT_ID, unset by default', () => {
    expect(parseConfig({}).AGENT_TENANT_ID).toBeUndefined();
    expect(parseConfig({ AGENT_TENANT_ID: '' }).AGENT_TENANT_ID).toBeUndefined();
    expect(parseConfig({ AGENT_TENANT_ID: ' 72f988bf-86f1-41af-91ab-2d7cd011db47 ' }).AGENT_TENANT_ID).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
  });

  it('leaves local mode when an app id is set', () => {
    expect(isLocalMode(parseConfig({ MicrosoftAppId: 'abc' }))).toBe(false);
  });
});
