import { z } from 'zod';

/**
 * Every setting the bot reads, parsed once at start-up. A bad value stops start-up with a
 * message naming the variable; nothing below the composition root reads `process.env`.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  KB_DIR: z.string().min(1).default('knowledge/articles'),
  KB_BASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  /** the support agents' Entra tenant: only its Teams channels may register queues or press triage-card buttons */
  AGENT_TENANT_ID: z.string().trim().min(1).optional(),
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL (leave it unset for SQLite in DATA_DIR)')
    .optional(),
  AGENT_API_TOKENS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((token) => token.trim()).filter(Boolean))
    .refine((tokens) => tokens.every((token) => token.length >= 16), 'every token must be at least 16 characters long'),
  ROUTING_FILE: z.string().min(1).default('config/routing.json'),
  MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  ATTACHMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  ATTACHMENT_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** the bot's Direct Line channel secret: set, POST /api/directline/token exchanges it for tokens; unset, the bot serves a local Direct Line */
  DIRECT_LINE_SECRET: z.string().trim().min(1).optional(),
  /** the Direct Line service the secret is exchanged with (a regional one, or a local fake in tests); https except on loopback */
  DIRECT_LINE_ENDPOINT: z
    .string()
    .url()
    .refine((value) => {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
    }, 'must be an https:// URL (http:// only for localhost)')
    .default('https://directline.botframework.com'),
  /** web chat tokens handed out per client IP per minute (POST /api/directline/token); 0: no limit */
  DIRECT_LINE_TOKENS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(30),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // an empty variable means "not set", as shells and .env files write it
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** Local mode: no app id, so no Bot Framework authentication (as the Emulator expects). */
export function isLocalMode(config: Config): boolean {
  return config.MicrosoftAppId === '';
}
