#!/usr/bin/env node
/*
 * Builds the Teams app package to upload (Teams admin center, or "Upload a custom app"):
 *
 *   MicrosoftAppId=<bot app id> npm run teams:package            -> build/teams-app.zip
 *   MicrosoftAppId=<bot app id> node manifest/package.mjs --out <file.zip>
 *
 * The zip holds manifest.json, color.png and outline.png at its root, nothing else.
 *
 * How the ids are filled (manifest.json keeps placeholders, so no deployment's ids are committed):
 *   ${{MicrosoftAppId}}  bots[0].botId: the bot registration's app id, from the MicrosoftAppId
 *                        environment variable (the same variable the bot itself reads). Required,
 *                        and must be a GUID: without it the script stops with exit code 2.
 *   ${{TEAMS_APP_ID}}    the Teams app's own id: TEAMS_APP_ID when set (a GUID, exit code 2
 *                        otherwise); when unset, a name-based UUID (version 5) derived from
 *                        MicrosoftAppId. So each bot registration gets a Teams app id of its own
 *                        that stays the same every time it is packaged: uploading a new package
 *                        updates the installed app instead of adding a second one. Set
 *                        TEAMS_APP_ID to keep an id the app already has in a tenant's catalogue.
 *
 * The output path: --out <file>, else TEAMS_PACKAGE_OUT, else build/teams-app.zip in the
 * repository. Secrets never go into the package: the manifest has no field for one, and the
 * script refuses to write a manifest that contains the value of MicrosoftAppPassword.
 *
 * Exit codes: 0 written, 2 bad or missing configuration (the message says which), 1 anything else.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const HERE = dirname(fileURLToPath(import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace of the Teams app ids derived from a bot's app id (a fixed, random GUID of this project). */
const APP_ID_NAMESPACE = '5c0d8a2e-7f3b-4d61-9a8e-2b4f6c1e9d37';
/** Files are stamped with a fixed time, so the same inputs give the same zip. */
const FIXED_MTIME = new Date('2024-01-01T00:00:00Z');

class ConfigError extends Error {}

/** A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace's bytes and the name). */
export function uuidV5(name, namespace) {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The values for the manifest's placeholders, from the environment. */
export function idsFrom(env) {
  const botId = (env.MicrosoftAppId ?? '').trim();
  if (!botId) throw new ConfigError('MicrosoftAppId is not set: set it to the bot registration\'s app id (a GUID), e.g. MicrosoftAppId=00000000-0000-0000-0000-000000000000 npm run teams:package');
  if (!GUID.test(botId)) throw new ConfigError(`MicrosoftAppId is not a GUID: "${botId}". Use the bot registration's Microsoft App ID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  const given = (env.TEAMS_APP_ID ?? '').trim();
  if (given && !GUID.test(given)) throw new ConfigError(`TEAMS_APP_ID is not a GUID: "${given}". Leave it unset to derive the Teams app id from MicrosoftAppId.`);
  return { MicrosoftAppId: botId.toLowerCase(), TEAMS_APP_ID: (given || uuidV5(botId.toLowerCase(), APP_ID_NAMESPACE)).toLowerCase() };
}

/** manifest.json with every ${{NAME}} placeholder replaced; an unknown placeholder is an error. */
export function fillManifest(template, values) {
  const filled = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (placeholder, name) => {
    if (!Object.hasOwn(values, name)) throw new ConfigError(`manifest.json has a placeholder nobody fills: ${placeholder}`);
    return values[name];
  });
  JSON.parse(filled); // still JSON: the values are GUIDs, nothing to escape
  return filled;
}

function outputPath(argv, env) {
  const at = argv.indexOf('--out');
  if (at !== -1) {
    const value = argv[at + 1];
    if (!value || value.startsWith('--')) throw new ConfigError('--out needs a file name, e.g. --out build/teams-app.zip');
    return resolve(value);
  }
  if (env.TEAMS_PACKAGE_OUT) return resolve(env.TEAMS_PACKAGE_OUT);
  return join(HERE, '..', 'build', 'teams-app.zip');
}

export function buildPackage(argv, env) {
  const out = outputPath(argv, env);
  const ids = idsFrom(env);
  const manifest = fillManifest(readFileSync(join(HERE, 'manifest.json'), 'utf8'), ids);
  const password = (env.MicrosoftAppPassword ?? '').trim();
  if (password.length >= 8 && manifest.includes(password)) throw new ConfigError('manifest.json contains the value of MicrosoftAppPassword: a secret never goes into the app package');

  const { icons } = JSON.parse(manifest);
  const files = { 'manifest.json': Buffer.from(manifest, 'utf8') };
  for (const name of [icons.color, icons.outline]) files[name] = readFileSync(join(HERE, name));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipSync(files, { level: 9, mtime: FIXED_MTIME }));
  return { out, ...ids };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, MicrosoftAppId, TEAMS_APP_ID } = buildPackage(process.argv.slice(2), process.env);
    console.log(`wrote ${out}\n  bot id (MicrosoftAppId): ${MicrosoftAppId}\n  Teams app id:            ${TEAMS_APP_ID}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`teams:package: ${error.message}`);
      process.exit(2);
    }
    console.error('teams:package failed:', error);
    process.exit(1);
  }
}
