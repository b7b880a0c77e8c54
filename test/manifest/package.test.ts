import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describeErrors, secretLookingValues, teamsManifestValidator } from './teams-schema.js';

/*
 * `npm run teams:package` (node manifest/package.mjs) run as a user runs it, into a temp
 * folder, and the zip it writes opened with fflate.
 */

const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const APP_PASSWORD = 'abc8Q~s3cr3tV4lu3-DoNotShip.1234567890xyz';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script with only the given variables (plus PATH), so the caller's MicrosoftAppId cannot leak in. */
function runPackage(env: Record<string, string>, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['manifest/package.mjs', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function unzip(file: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(file)));
}

describe('npm run teams:package', () => {
  it('writes a zip of exactly manifest.json, color.png and outline.png, the bot id filled in', () => {
    const out = join(dir, 'teams-app.zip');
    const run = runPackage({ MicrosoftAppId: BOT_ID, MicrosoftAppPassword: APP_PASSWORD }, ['--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(out);

    const files = unzip(out);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = new TextDecoder().decode(files['manifest.json']);
    const manifest = JSON.parse(text) as { id: string; bots: { botId: string }[] };

    const validate = teamsManifestValidator();
    expect(describeErrors(validate(manifest) ? [] : validate.errors)).toBe('');
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.id).toMatch(GUID);
    expect(manifest.id).not.toBe(BOT_ID);
    expect(text).not.toContain('${{');

    // no secret: not the app password the environment held, nothing that looks like one
    expect(text).not.toContain(APP_PASSWORD);
    expect(Buffer.from(readFileSync(out)).includes(Buffer.from(APP_PASSWORD))).toBe(false);
    expect(secretLookingValues(manifest)).toEqual([]);

    // the icons go in as they are committed
    expect(Buffer.from(files['color.png']!).equals(readFileSync('manifest/color.png'))).toBe(true);
    expect(Buffer.from(files['outline.png']!).equals(readFileSync('manifest/outline.png'))).toBe(true);
  });

  it('gives one bot the same Teams app id every time, another bot another, and TEAMS_APP_ID wins', () => {
    const appIdOf = (env: Record<string, string>, name: string): string => {
      const out = join(dir, name);
      expect(runPackage(env, ['--out', out]).status).toBe(0);
      return (JSON.parse(new TextDecoder().decode(unzip(out)['manifest.json'])) as { id: string }).id;
    };
    const first = appIdOf({ MicrosoftAppId: BOT_ID }, 'a.zip');
    expect(appIdOf({ MicrosoftAppId: BOT_ID.toUpperCase() }, 'b.zip')).toBe(first);
    expect(appIdOf({ MicrosoftAppId: '0b8e2a6c-1d3f-4e5a-9b7c-6d5e4f3a2b1c' }, 'c.zip')).not.toBe(first);
    expect(appIdOf({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '9B2C7F10-5D4E-4A8B-8C6F-1E2D3C4B5A69' }, 'd.zip')).toBe('9b2c7f10-5d4e-4a8b-8c6f-1e2d3c4b5a69');
  });

  it('takes the output path from TEAMS_PACKAGE_OUT too', () => {
    const out = join(dir, 'nested', 'from-env.zip');
    expect(runPackage({ MicrosoftAppId: BOT_ID, TEAMS_PACKAGE_OUT: out }).status).toBe(0);
    expect(Object.keys(unzip(out)).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it.each([
    ['unset', {}, /MicrosoftAppId is not set/],
    ['empty', { MicrosoftAppId: '' }, /MicrosoftAppId is not set/],
    ['not a GUID', { MicrosoftAppId: 'my-bot' }, /MicrosoftAppId is not a GUID/],
    ['a GUID with a bit missing', { MicrosoftAppId: BOT_ID.slice(0, -1) }, /MicrosoftAppId is not a GUID/],
    ['a bad TEAMS_APP_ID', { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: 'app' }, /TEAMS_APP_ID is not a GUID/],
  ])('refuses with exit code 2 and writes nothing when MicrosoftAppId is %s', (_case, env: Record<string, string>, message) => {
    const out = join(dir, `refused-${Math.random().toString(36).slice(2)}.zip`);
    const run = runPackage(env, ['--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*\.m?js:\d+/); // a sentence, not a stack trace
    expect(existsSync(out)).toBe(false);
  });
});
