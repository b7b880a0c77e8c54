import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * The Teams app manifest schema 1.22 as @microsoft/app-manifest ships it, compiled with ajv,
 * offline. Every schema file of the folder is registered under its file name, so a `$ref` from
 * one to another resolves locally.
 *
 * The files declare JSON Schema draft-04 (one draft-06). ajv 8 has no draft-04 meta-schema, so
 * the `$schema` line is dropped and the schemas are compiled as draft-07; for these files that
 * means the same thing (they use none of draft-04's differences: no boolean
 * exclusiveMinimum/exclusiveMaximum, no `id` keyword), and `usesDraft04OnlyKeywords` says so
 * if a future schema version changes it.
 */

export const SCHEMA_DIR = 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.22';
export const MAIN_SCHEMA = 'MicrosoftTeams.schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function loadSchemas(): Record<string, Record<string, Json>> {
  const schemas: Record<string, Record<string, Json>> = {};
  for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json'))) {
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, Json>;
    schemas[file] = schema;
  }
  return schemas;
}

/** Where a schema uses a draft-04 form that draft-07 reads differently (JSON pointers). */
export function usesDraft04OnlyKeywords(): string[] {
  const found: string[] = [];
  const visit = (node: Json, path: string, inProperties: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}/${i}`, false));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      // names inside "properties" are property names, not keywords
      if (!inProperties) {
        if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') found.push(`${path}/${key}`);
        if (key === 'id' && typeof value === 'string') found.push(`${path}/${key}`);
      }
      visit(value, `${path}/${key}`, !inProperties && (key === 'properties' || key === 'definitions' || key === 'patternProperties'));
    }
  };
  for (const [file, schema] of Object.entries(loadSchemas())) visit(schema, file, false);
  return found;
}

export function teamsManifestValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: from ESM its default import is module.exports, whose `default` is the plugin
  addFormats.default(ajv);
  for (const [file, schema] of Object.entries(loadSchemas())) ajv.addSchema(schema, file);
  const validate = ajv.getSchema(MAIN_SCHEMA);
  if (!validate) throw new Error(`${MAIN_SCHEMA} did not compile`);
  return validate;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

/** manifest.json's placeholders filled with sample GUIDs, as the packaging script fills them. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for ${placeholder}`);
    return value;
  });
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_LIKE = /^https?:\/\//i;

/**
 * Every place in a JSON value that looks like a secret: a key named like one, a JWT, an Azure
 * client secret, an AWS key, or a long unbroken token that is neither a URL nor a GUID.
 */
export function secretLookingValues(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretLookingValues(item, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [
      ...(/password|secret|token|apikey|api_key|privatekey|connectionstring|clientsecret/i.test(key) ? [`${path}/${key} (key name)`] : []),
      ...secretLookingValues(inner, `${path}/${key}`),
    ]);
  }
  if (typeof value !== 'string') return [];
  const suspicious = value.split(/\s+/).filter((word) => {
    if (URL_LIKE.test(word) || GUID.test(word)) return false;
    return (
      /eyJ[\w-]{5,}\.[\w-]{5,}/.test(word) || // JWT
      /[\w~.-]{3}\dQ~[\w~.-]{31,34}/.test(word) || // Azure AD client secret
      /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(word) || // AWS access key id
      /^[A-Za-z0-9+/=_~.-]{32,}$/.test(word) // a long unbroken token
    );
  });
  return suspicious.map((word) => `${path}: ${word}`);
}
