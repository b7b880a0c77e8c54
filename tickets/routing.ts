import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  CATEGORIES,
  CLOUDS,
  REGIONS,
  SEVERITIES,
  categorySchema,
  cloudSchema,
  regionSchema,
  severitySchema,
  type Category,
  type Cloud,
  type Region,
  type Severity,
} from './model.js';

/*
 * Routing rules are data (config/routing.json), checked here at start-up so that a typo stops
 * the bot with a message naming the file and the place instead of misrouting tickets later.
 *
 * {
 *   "$comment"?: string,
 *   "queues": {
 *     "<name>": {
 *       "description"?: string,
 *       "teams"?: { "serviceUrl": string, "conversationId": string, "tenantId"?: string, "channelId"?: "msteams" },
 *       "webhook"?: { "url": string, "secretEnv": string }   // secretEnv: the variable holding the HMAC secret
 *     }
 *   },
 *   "rules": [ { "region"?, "severity"?, "cloud"?, "category"?: a value or a list, "queue": string } ],
 *   "criticalSeverities": [1]
 * }
 *
 * The first rule whose every given field matches wins. Every rule must name a defined queue, and
 * every possible ticket must match some rule: there is no silent fallback queue.
 */

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) => z.union([schema, z.array(schema).nonempty()]);

const queueNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a queue name is lower-case letters, digits, "-" and "_"');

const teamsChannelSchema = z
  .object({
    serviceUrl: z.string().url(),
    conversationId: z.string().min(1),
    tenantId: z.string().min(1).optional(),
    channelId: z.literal('msteams').optional(),
  })
  .strict();

const webhookSchema = z
  .object({
    url: z
      .string()
      .url()
      .refine((url) => /^https?:/i.test(url), 'a webhook url is http or https'),
    // the name of the variable, never the secret: the file is committed
    secretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'secretEnv is the name of an environment variable'),
  })
  .strict();

const queueSchema = z
  .object({
    description: z.string().optional(),
    teams: teamsChannelSchema.optional(),
    webhook: webhookSchema.optional(),
  })
  .strict();

const ruleSchema = z
  .object({
    region: oneOrMany(regionSchema).optional(),
    severity: oneOrMany(severitySchema).optional(),
    cloud: oneOrMany(cloudSchema).optional(),
    category: oneOrMany(categorySchema).optional(),
    queue: z.string(),
  })
  .strict();

interface RouteInput {
  region: Region;
  severity: Severity;
  cloud: Cloud;
  category: Category;
}

type Rule = z.infer<typeof ruleSchema>;

function matches<T>(condition: T | readonly T[] | undefined, value: T): boolean {
  if (condition === undefined) return true;
  return Array.isArray(condition) ? condition.includes(value) : condition === value;
}

function ruleMatches(rule: Rule, input: RouteInput): boolean {
  return (
    matches(rule.region, input.region) &&
    matches(rule.severity, input.severity) &&
    matches(rule.cloud, input.cloud) &&
    matches(rule.category, input.category)
  );
}

// 4 × 4 × 3 × 5 tickets: few enough to try every one when the file is loaded
function* everyPossibleTicket(): Generator<RouteInput> {
  for (const region of REGIONS)
    for (const severity of SEVERITIES)
      for (const cloud of CLOUDS) for (const category of CATEGORIES) yield { region, severity, cloud, category };
}

const routingFileSchema = z
  .object({
    $comment: z.string().optional(),
    queues: z.record(queueNameSchema, queueSchema).refine((queues) => Object.keys(queues).length > 0, 'define at least one queue'),
    rules: z.array(ruleSchema),
    criticalSeverities: z.array(severitySchema).default([1]),
  })
  .strict()
  .superRefine((config, context) => {
    config.rules.forEach((rule, index) => {
      if (!Object.hasOwn(config.queues, rule.queue)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['rules', index, 'queue'],
          message: `queue "${rule.queue}" is not defined under "queues"`,
        });
      }
    });
    for (const ticket of everyPossibleTicket()) {
      if (!config.rules.some((rule) => ruleMatches(rule, ticket))) {
        const described = Object.entries(ticket).map(([field, value]) => `${field}=${value}`).join(' ');
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['rules'],
          message: `no rule matches a ticket with ${described}; end the rules with a catch-all (a rule with only "queue")`,
        });
        return;
      }
    }
  })
  .transform(({ $comment: _comment, ...config }) => config);

/** The validated routing file (without its `$comment`). */
export type RoutingConfig = z.output<typeof routingFileSchema>;

/** The routing file is unreadable or invalid; the message names the file and the offending place. */
export class RoutingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutingConfigError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('\n  ');
}

/**
 * Checks a routing document that was already read (as JSON) and returns it as a config.
 * @param source names the document in the error message, e.g. the file path
 * @throws RoutingConfigError
 */
export function parseRoutingConfig(document: unknown, source: string): RoutingConfig {
  const result = routingFileSchema.safeParse(document);
  if (result.success) return result.data;
  throw new RoutingConfigError(`routing file ${source} is invalid:\n  ${describeIssues(result.error)}`);
}

/**
 * Reads and checks a routing file (config/routing.json at the composition root).
 * @throws RoutingConfigError naming the file: unreadable, not JSON, or not a valid routing config
 */
export function loadRoutingFile(path: string): RoutingConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RoutingConfigError(`routing file ${path} cannot be read: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RoutingConfigError(`routing file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseRoutingConfig(document, path);
}

/** The committed config/routing.json: each region to its own queue, severity 1 critical. */
export const DEFAULT_ROUTING: RoutingConfig = parseRoutingConfig(
  {
    queues: {
      us: { description: 'United States support desk' },
      canada: { description: 'Canada support desk' },
      emea: { description: 'Europe, Middle East and Africa support desk' },
      apac: { description: 'Asia-Pacific support desk' },
    },
    rules: REGIONS.map((region) => ({ region, queue: region })),
    criticalSeverities: [1],
  },
  'DEFAULT_ROUTING',
);

/** The queue a ticket goes to (the first matching rule) and whether its severity makes it critical. */
export function routeTicket(config: RoutingConfig, ticket: RouteInput): { queue: string; critical: boolean } {
  const rule = config.rules.find((candidate) => ruleMatches(candidate, ticket));
  // a loaded config matches every ticket (checked at load); a hand-built one might not
  if (rule === undefined) throw new RoutingConfigError(`no routing rule matches region=${ticket.region} severity=${ticket.severity} cloud=${ticket.cloud} category=${ticket.category}`);
  return { queue: rule.queue, critical: config.criticalSeverities.includes(ticket.severity) };
}

/** Shorter secrets are guessable enough to forge a signature. */
const MIN_SECRET_LENGTH = 16;

/**
 * Each webhook queue's HMAC secret, read from the variable its `secretEnv` names. Called at the
 * composition root with `process.env`; everything below gets the resolved record.
 * @throws RoutingConfigError naming every variable that is missing or too short
 */
export function webhookSecrets(config: RoutingConfig, env: Record<string, string | undefined>): Record<string, string> {
  const secrets: Record<string, string> = {};
  const problems: string[] = [];
  for (const [queue, definition] of Object.entries(config.queues)) {
    if (definition.webhook === undefined) continue;
    const variable = definition.webhook.secretEnv;
    const secret = env[variable];
    if (secret === undefined || secret === '') problems.push(`queue "${queue}" has a webhook but the environment variable ${variable} (its secret) is not set`);
    else if (secret.length < MIN_SECRET_LENGTH) problems.push(`the environment variable ${variable} (webhook secret of queue "${queue}") is shorter than ${MIN_SECRET_LENGTH} characters`);
    else secrets[queue] = secret;
  }
  if (problems.length > 0) throw new RoutingConfigError(`webhook secrets missing:\n  ${problems.join('\n  ')}`);
  return secrets;
}
