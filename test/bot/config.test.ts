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
  ])('stops on %p naming %s', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('leaves local mode when an app id is set', () => {
    expect(isLocalMode(parseConfig({ MicrosoftAppId: 'abc' }))).toBe(false);
  });
});
