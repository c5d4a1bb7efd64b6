// Every setting CalOS reads from the environment, parsed by one Zod schema. A bad value stops
// start-up with a message naming the variable; README.md and .env.example list the same names.
import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { email, password, username } from '../shared/schemas/auth';

const adminAccountSchema = z.object({ username, email, password });

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * libpq's URI form, which a WHATWG URL parser refuses when the host is empty, as it is for a local
 * socket: `postgresql:///calos?host=/var/run/postgresql` or `postgres://calos@/calos?host=/run/pg`.
 */
function isConnectionString(value: string): boolean {
  try {
    new URL(value.replace(/^(postgres(?:ql)?:\/\/)([^/?#]*@)?(?=[/?#]|$)/, '$1$2localhost'));
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: int(0, 65535).default(5001),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S*$/, 'must be a postgres:// or postgresql:// connection string')
    .refine(isConnectionString, 'is not a readable connection string')
    .optional(),
  CALOS_DATA_DIR: z.string().min(1).default('./data'),
  CALOS_DB_POOL_MAX: int(1, 200).default(10),
  CALOS_DB_CONNECT_TIMEOUT_SECONDS: int(0, 3600).default(60),
  CALOS_OTEL_ENDPOINT: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('calos'),
  CALOS_PUBLIC_URL: z.string().url().optional(),
  CALOS_ALLOWED_ORIGINS: z.string().default(''),
  CALOS_TRUST_PROXY: bool.default(false),
  CALOS_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CALOS_TOKEN_TTL_SECONDS: int(60, 86_400).default(3600),
  CALOS_SESSION_TTL_DAYS: int(1, 365).default(30),
  CALOS_ADMIN_USERNAME: z.string().optional(),
  CALOS_ADMIN_EMAIL: z.string().optional(),
  CALOS_ADMIN_PASSWORD: z.string().optional(),
  CALOS_SEED_DEMO: bool.optional(),
  CALOS_LOGIN_MAX_PER_ACCOUNT: int(1, 10_000).default(10),
  CALOS_LOGIN_MAX_PER_IP: int(1, 100_000).default(100),
  CALOS_LOGIN_ACCOUNT_CEILING: int(1, 100_000).default(25),
  CALOS_LOGIN_MAX_DELAY_SECONDS: int(0, 3600).default(60),
  CALOS_REGISTER_MAX_PER_IP: int(1, 1_000_000).default(200),
  CALOS_ACTIONS_PER_USER_PER_MINUTE: int(0, 1_000_000).default(120),
  CALOS_LOGIN_WINDOW_SECONDS: int(1, 86_400).default(900),
  CALOS_ARGON2_CONCURRENCY: int(1, 64).default(2),
  CALOS_BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(256 * 1024),
  CALOS_SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
  CALOS_WORKERS: bool.default(true),
  CALOS_EXTENSIONS: z
    .string()
    .regex(/^\s*([@\w./~-]+\s*(,\s*[@\w./~-]+\s*)*)?,?\s*$/, 'must be a comma-separated list of extension ids or npm package names')
    .optional(),
  CALOS_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  CALOS_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(86_400).default(30),
  CALOS_WEBHOOK_MAX_ATTEMPTS: int(1, 50).default(9),
  CALOS_WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
  CALOS_JOB_EXPIRE_SECONDS: int(1, 86_400).default(300),
  CALOS_JOB_MAINTENANCE_SECONDS: int(1, 3600).default(60),
  CALOS_USAGE_FLUSH_MS: int(100, 3_600_000).default(10_000),
  CALOS_EVENT_RETENTION_DAYS: int(1, 3650).default(30),
  CALOS_OIDC_KEY_ROTATION_DAYS: int(1, 3650).default(90),
  CALOS_SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL').optional(),
  CALOS_MAIL_FROM: z.string().min(3).default('CalOS <no-reply@localhost>'),
  CALOS_MAIL_RETRY_LIMIT: int(0, 100).default(6),
  CALOS_MAIL_RETRY_DELAY_SECONDS: int(1, 86_400).default(10),
  CALOS_NEW_DEVICE_CONFIRMATION: bool.default(false),
  NODE_ENV: z.string().optional(),
  CALOS_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CALOS_METRICS_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464 or [::1]:9464')
    .transform((value, ctx) => {
      const at = value.lastIndexOf(':');
      const port = Number(value.slice(at + 1));
      if (port > 65535) ctx.addIssue({ code: 'custom', message: 'the port must be at most 65535' });
      return { host: value.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
    })
    .optional(),
  CALOS_CLIENT_DIR: z.string().default('dist/client'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CALOS_LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolMax: number;
  /** How long start-up waits for an unreachable database (CALOS_DB_CONNECT_TIMEOUT_SECONDS). */
  dbConnectTimeoutSeconds: number;
  /** OpenTelemetry traces (server/tracing.ts): off unless CALOS_OTEL_ENDPOINT is set. */
  tracing: { endpoint: string | undefined; serviceName: string };
  publicUrl: string | undefined;
  /** Origins allowed to make cookie-authenticated writes, besides the server's own. */
  allowedOrigins: string[];
  trustProxy: boolean;
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
  sessionTtlDays: number;
  admin: { username: string; email: string; password: string } | undefined;
  seedDemo: boolean;
  /**
   * Failed sign-ins: per device of the account and per account and address (maxPerAccount), per
   * address (maxPerIp); per account from anywhere, past maxPerAccount each attempt waits 1 s
   * doubling up to maxDelaySeconds, and past accountCeiling only the account's own devices get in.
   */
  loginThrottle: { maxPerAccount: number; maxPerIp: number; windowSeconds: number; accountCeiling: number; maxDelaySeconds: number };
  /** Sign-ups per client address per window (an hour). */
  registerThrottle: { maxPerIp: number; windowSeconds: number };
  argon2Concurrency: number;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Whether this instance runs background workers (webhook delivery, league starts, leaderboard folding). */
  workers: boolean;
  webhooks: { allowPrivate: boolean; retryBaseSeconds: number; maxAttempts: number; timeoutMs: number };
  /** A job running longer than expireSeconds is taken as lost (its process died) and runs again. */
  jobs: { expireSeconds: number; maintenanceSeconds: number };
  usageFlushMs: number;
  /** Events (and their delivery history) older than this many days are pruned. */
  eventRetentionDays: number;
  /** Executions of any action one user may make per minute; 0 turns the limit off. */
  actionsPerUserPerMinute: number;
  /**
   * /metrics: with a token it needs `Authorization: Bearer <token>`; with an address it is served
   * there only, not on the main port; requireToken (NODE_ENV=production) keeps the main port's
   * /metrics closed when no token is set.
   */
  metrics: { token: string | undefined; address: { host: string; port: number } | undefined; requireToken: boolean };
  clientDir: string;
  logLevel: string;
  /** CALOS_EXTENSIONS: the extensions to load, in order; undefined means every bundled one. */
  extensions: string[] | undefined;
  /** The environment it was read from (extensions read their own settings from it). */
  environment: Readonly<Record<string, string>>;
  /** `auto`: human-readable at a terminal, JSON otherwise (server/logging.ts, chooseLogFormat). */
  logFormat: 'auto' | 'pretty' | 'json';
  /** The OpenID Connect provider: a new signing key every keyRotationDays (server/modules/oidc/keys.ts). */
  oidc: { keyRotationDays: number };
  /** Outgoing mail: SMTP (nodemailer) from the job queue; without smtpUrl, mails are only logged. */
  mail: { smtpUrl: string | undefined; from: string; retryLimit: number; retryDelaySeconds: number };
  /** A sign-in from a device the account has not confirmed waits for the link mailed to it (off by default). */
  newDeviceConfirmation: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads a `.env` file (Node's own parser, `util.parseEnv`: `KEY=value`, quotes, `#` comments) into
 * `env`, for the variables `env` does not already have: the process environment wins. Returns the
 * names it set; a missing file sets nothing.
 */
export function loadEnvFile(file: string, env: Record<string, string | undefined> = process.env): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const set: string[] = [];
  // An editor's UTF-8 byte-order mark would otherwise become part of the first name.
  for (const [key, value] of Object.entries(parseEnv(text.replace(/^\uFEFF/, '')))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    set.push(key);
  }
  return set;
}

const databaseParts = z
  .object({
    DB_HOST: z
      .string()
      .regex(
        /^(\/[^?#\s]*|[A-Za-z0-9._-]+|\[?[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*\]?)$/,
        'must be a host name, an IP address or a Unix-socket folder (the port goes in DB_PORT)',
      )
      .optional(),
    DB_PORT: int(1, 65535).optional(),
    DB_NAME: z.string().regex(/^[^/?#]+$/, 'must not contain /, ? or #').optional(),
    DB_USER: z.string().optional(),
    DB_PASSWORD: z.string().optional(),
  })
  .superRefine((parts, ctx) => {
    // A part on its own would silently mean the embedded database: say what is missing instead.
    const named = parts.DB_HOST || parts.DB_NAME || parts.DB_USER;
    for (const key of ['DB_PORT', 'DB_PASSWORD'] as const) {
      if (parts[key] !== undefined && !named) ctx.addIssue({ code: 'custom', path: [key], message: 'is set without DB_HOST, DB_NAME or DB_USER (or use DATABASE_URL)' });
    }
    if (parts.DB_PASSWORD !== undefined && named && !parts.DB_USER) ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'needs DB_USER' });
  });

/**
 * The seed's DB_HOST, DB_PORT (5432), DB_NAME (calos), DB_USER and DB_PASSWORD as one connection
 * string, when DATABASE_URL is not set (it wins). An empty or absent DB_PASSWORD sends none (trust
 * or peer authentication); a DB_HOST starting with `/` is a Unix-socket folder.
 */
export function databaseUrlFromParts(env: Record<string, string | undefined>): string | undefined {
  const parsed = databaseParts.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('DB_') && v !== '')));
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const { DB_HOST: host, DB_PORT: port, DB_NAME: name, DB_USER: user, DB_PASSWORD: password } = parsed.data;
  if (!host && !name && !user) return undefined;
  const credentials = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const database = encodeURIComponent(name ?? 'calos');
  if (!host || host.startsWith('/')) {
    const query = new URLSearchParams({ host: host ?? '/var/run/postgresql', ...(port ? { port: String(port) } : {}) });
    return `postgresql://${credentials}/${database}?${query}`;
  }
  const hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `postgresql://${credentials}${hostname}:${port ?? 5432}/${database}`;
}

/** Parses the environment into a Config; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env files.
  const cleaned: Record<string, string> = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  cleaned.DATABASE_URL ??= databaseUrlFromParts(env)!;
  if (cleaned.DATABASE_URL === undefined) delete cleaned.DATABASE_URL;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const adminParts = [e.CALOS_ADMIN_USERNAME, e.CALOS_ADMIN_EMAIL, e.CALOS_ADMIN_PASSWORD];
  if (adminParts.some(Boolean) && !adminParts.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  CALOS_ADMIN_USERNAME, CALOS_ADMIN_EMAIL and CALOS_ADMIN_PASSWORD must be set together',
    );
  }
  if (e.CALOS_ADMIN_USERNAME) {
    const problems = adminAccountSchema.safeParse({
      username: e.CALOS_ADMIN_USERNAME,
      email: e.CALOS_ADMIN_EMAIL,
      password: e.CALOS_ADMIN_PASSWORD,
    });
    if (!problems.success) {
      const lines = problems.error.issues.map((i) => `  CALOS_ADMIN_${String(i.path[0]).toUpperCase()}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.CALOS_DATA_DIR,
    dbPoolMax: e.CALOS_DB_POOL_MAX,
    dbConnectTimeoutSeconds: e.CALOS_DB_CONNECT_TIMEOUT_SECONDS,
    tracing: { endpoint: e.CALOS_OTEL_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    publicUrl: e.CALOS_PUBLIC_URL,
    allowedOrigins: e.CALOS_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: e.CALOS_TRUST_PROXY,
    jwtSecret: e.CALOS_JWT_SECRET,
    tokenTtlSeconds: e.CALOS_TOKEN_TTL_SECONDS,
    sessionTtlDays: e.CALOS_SESSION_TTL_DAYS,
    admin: e.CALOS_ADMIN_USERNAME
      ? { username: e.CALOS_ADMIN_USERNAME, email: e.CALOS_ADMIN_EMAIL!, password: e.CALOS_ADMIN_PASSWORD! }
      : undefined,
    // Demo accounts are for the embedded development database only, unless asked for explicitly.
    seedDemo: e.CALOS_SEED_DEMO ?? !e.DATABASE_URL,
    loginThrottle: {
      maxPerAccount: e.CALOS_LOGIN_MAX_PER_ACCOUNT,
      maxPerIp: e.CALOS_LOGIN_MAX_PER_IP,
      windowSeconds: e.CALOS_LOGIN_WINDOW_SECONDS,
      accountCeiling: e.CALOS_LOGIN_ACCOUNT_CEILING,
      maxDelaySeconds: e.CALOS_LOGIN_MAX_DELAY_SECONDS,
    },
    registerThrottle: { maxPerIp: e.CALOS_REGISTER_MAX_PER_IP, windowSeconds: 3600 },
    argon2Concurrency: e.CALOS_ARGON2_CONCURRENCY,
    bodyLimitBytes: e.CALOS_BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.CALOS_SHUTDOWN_TIMEOUT_MS,
    workers: e.CALOS_WORKERS,
    webhooks: {
      allowPrivate: e.CALOS_WEBHOOK_ALLOW_PRIVATE,
      retryBaseSeconds: e.CALOS_WEBHOOK_RETRY_BASE_SECONDS,
      maxAttempts: e.CALOS_WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: e.CALOS_WEBHOOK_TIMEOUT_MS,
    },
    usageFlushMs: e.CALOS_USAGE_FLUSH_MS,
    eventRetentionDays: e.CALOS_EVENT_RETENTION_DAYS,
    metrics: { token: e.CALOS_METRICS_TOKEN, address: e.CALOS_METRICS_ADDRESS, requireToken: e.NODE_ENV === 'production' },
    actionsPerUserPerMinute: e.CALOS_ACTIONS_PER_USER_PER_MINUTE,
    jobs: { expireSeconds: e.CALOS_JOB_EXPIRE_SECONDS, maintenanceSeconds: e.CALOS_JOB_MAINTENANCE_SECONDS },
    clientDir: e.CALOS_CLIENT_DIR,
    logLevel: e.LOG_LEVEL,
    extensions: e.CALOS_EXTENSIONS === undefined ? undefined : e.CALOS_EXTENSIONS.trim() === 'none' ? [] : e.CALOS_EXTENSIONS.split(',').map((s) => s.trim()).filter(Boolean),
    environment: cleaned as Record<string, string>,
    logFormat: e.CALOS_LOG_FORMAT,
    oidc: { keyRotationDays: e.CALOS_OIDC_KEY_ROTATION_DAYS },
    mail: { smtpUrl: e.CALOS_SMTP_URL, from: e.CALOS_MAIL_FROM, retryLimit: e.CALOS_MAIL_RETRY_LIMIT, retryDelaySeconds: e.CALOS_MAIL_RETRY_DELAY_SECONDS },
    newDeviceConfirmation: e.CALOS_NEW_DEVICE_CONFIRMATION,
  };
}
