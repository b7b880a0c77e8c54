import { readFileSync } from 'node:fs';
import { describeErrors, fillPlaceholders, secretLookingValues, teamsManifestValidator, usesDraft04OnlyKeywords } from './teams-schema.js';

/*
 * manifest/manifest.json against the Teams schema 1.22 that @microsoft/app-manifest ships
 * (offline), once its placeholders are filled as `npm run teams:package` fills them, and what
 * this bot needs from it beyond the schema.
 */

const TEMPLATE = readFileSync('manifest/manifest.json', 'utf8');
const SAMPLE = { MicrosoftAppId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', TEAMS_APP_ID: '9b2c7f10-5d4e-4a8b-8c6f-1e2d3c4b5a69' };

interface Manifest {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  validDomains?: string[];
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; isNotificationOnly?: boolean; commandLists?: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
}

const filled = (): Manifest => JSON.parse(fillPlaceholders(TEMPLATE, SAMPLE)) as Manifest;

describe('the Teams app manifest', () => {
  it('keeps placeholders for the bot id and the app id, and no GUID of a real deployment', () => {
    const raw = JSON.parse(TEMPLATE) as Manifest;
    expect(raw.bots[0]!.botId).toBe('${{MicrosoftAppId}}');
    expect(raw.id).toBe('${{TEAMS_APP_ID}}');
    expect(TEMPLATE).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect([...TEMPLATE.matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()).toEqual(['MicrosoftAppId', 'TEAMS_APP_ID']);
  });

  it('validates against the Teams 1.22 schema once the placeholders are filled', () => {
    expect(usesDraft04OnlyKeywords()).toEqual([]);
    const validate = teamsManifestValidator();
    const manifest = filled();
    expect(describeErrors(validate(manifest) ? [] : validate.errors)).toBe('');
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.bots[0]!.botId).toBe(SAMPLE.MicrosoftAppId);
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
  });

  it('the schema check is real: a wrong bot id, a missing field or an unknown scope fails it', () => {
    const validate = teamsManifestValidator();
    const withBotId = (botId: string): Manifest => ({ ...filled(), bots: [{ ...filled().bots[0]!, botId }] });
    expect(validate(withBotId('${{MicrosoftAppId}}'))).toBe(false);
    expect(validate(withBotId('not-a-guid'))).toBe(false);
    const { icons: _icons, ...withoutIcons } = filled();
    expect(validate(withoutIcons)).toBe(false);
    expect(validate({ ...filled(), bots: [{ ...filled().bots[0]!, scopes: ['personal', 'everywhere'] }] })).toBe(false);
  });

  it('is a conversational bot in personal chat, teams and group chats, taking files', () => {
    const [bot, ...others] = filled().bots;
    expect(others).toHaveLength(0);
    expect([...bot!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    // Teams hands files to bots in personal chat only; the flag is what turns that on
    expect(bot!.supportsFiles).toBe(true);
    expect(bot!.isNotificationOnly ?? false).toBe(false);
  });

  it('lists help, open a ticket and my tickets in every scope, each list for one scope', () => {
    const lists = filled().bots[0]!.commandLists ?? [];
    expect(lists.map((list) => list.scopes).flat().sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.scopes).toHaveLength(1);
      expect(list.commands.map((command) => command.title)).toEqual(['help', 'open a ticket', 'my tickets']);
      for (const command of list.commands) expect(command.description.length).toBeGreaterThan(10);
    }
  });

  it('names valid domains as bare host names, and the icons that ship beside it', () => {
    const manifest = filled();
    expect(manifest.validDomains?.length).toBeGreaterThan(0);
    for (const domain of manifest.validDomains ?? []) {
      expect(domain).toMatch(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/);
      expect(domain).not.toMatch(/localhost|127\.0\.0\.1|ngrok|example\.(com|org)/);
    }
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('holds no secret-looking value', () => {
    expect(secretLookingValues(JSON.parse(TEMPLATE))).toEqual([]);
    expect(secretLookingValues(filled())).toEqual([]);
    // and the check would notice one
    expect(secretLookingValues({ bots: [{ botId: SAMPLE.MicrosoftAppId, clientSecret: 'x' }] })).toEqual(['/bots/0/clientSecret (key name)']);
    expect(secretLookingValues({ description: { full: 'use abc8Q~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa please' } })).toHaveLength(1);
  });
});
