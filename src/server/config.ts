import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed and validated once; every problem is listed.
 * The result is frozen and passed down (buildApp(config)).
 */
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .optional()
    .transform((v) => v ?? fallback);

/** A cron pattern (croner syntax, Asia/Shanghai): `0 9 * * *` is 09:00 every day. */
const cron = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => v ?? fallback)
    .refine((pattern) => {
      try {
        new Cron(pattern, { paused: true });
        return true;
      } catch {
        return false;
      }
    }, 'must be a cron pattern such as "0 9 * * *"');

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).optional(),
  JULI_DATA_DIR: z.string().min(1).optional(),
  /** Secret for HMAC/SM4 of sensitive fields (TOTP secrets). Required with DATABASE_URL; generated in the data dir otherwise. */
  JULI_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JULI_DEMO: bool(true),
  JULI_CITY_CODE: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  JULI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  JULI_SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  JULI_SESSION_ABSOLUTE_HOURS: int(12, 1, 24 * 7),
  JULI_PASSWORD_MIN_LENGTH: int(8, 8, 64),
  JULI_PASSWORD_MIN_CLASSES: int(3, 3, 4),
  JULI_PASSWORD_MAX_AGE_DAYS: int(0, 0, 3650),
  JULI_LOCKOUT_THRESHOLD: int(5, 1, 100),
  JULI_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  JULI_LOGIN_RATE_LIMIT_PER_MINUTE: int(20, 1, 10_000),
  JULI_TOTP_REQUIRED_FOR_ALL: bool(false),
  JULI_TRUST_PROXY: bool(false),
  JULI_COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .optional()
    .transform((v) => v ?? 'auto'),
  JULI_EMBEDDED_PG_PORT: int(0, 0, 65535),
  /** Where users open Juli (links in e-mails and group messages). */
  JULI_PUBLIC_URL: httpUrl.optional(),
  /** DingTalk group robot (钉钉群机器人): its webhook URL with access_token, and its signing secret (SEC…) when 加签 is on. */
  JULI_DINGTALK_WEBHOOK: httpUrl.optional(),
  JULI_DINGTALK_SECRET: z.string().min(1).optional(),
  /** WeCom group robot (企业微信群机器人): its webhook URL with key. */
  JULI_WECOM_WEBHOOK: httpUrl.optional(),
  /** SMTP server for e-mail (smtp:// or smtps://user:password@host:port) and the sender address. */
  JULI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must start with smtp:// or smtps://')
    .optional(),
  JULI_SMTP_FROM: z.string().min(3).optional(),
  /** In-process scheduled jobs (reminders, escalation, digest, delivery of outbound messages). */
  JULI_SCHEDULER: bool(true),
  JULI_CRON_ESCALATION: cron('0 8 * * *'),
  JULI_CRON_DIGEST: cron('30 8 * * *'),
  JULI_CRON_REMINDERS: cron('0 9 * * *'),
  JULI_CRON_DELIVERY: cron('* * * * *'),
});

export type DatabaseMode = 'embedded' | 'external';

export interface Config {
  readonly version: string;
  readonly http: { readonly port: number; readonly host: string; readonly trustProxy: boolean; readonly cookieSecure: 'auto' | boolean };
  readonly db: {
    readonly mode: DatabaseMode;
    /** Set for external mode; embedded mode fills it in after the server starts. */
    readonly url: string | undefined;
    readonly embeddedPort: number;
  };
  readonly dataDir: string;
  readonly secret: string | undefined;
  /** Demo data and demo accounts: only ever on the embedded database. */
  readonly isDemo: boolean;
  readonly cityCode: string;
  readonly logLevel: string;
  readonly auth: {
    readonly idleMinutes: number;
    readonly absoluteHours: number;
    readonly passwordPolicy: { readonly minLength: number; readonly minClasses: number; readonly maxAgeDays: number };
    readonly lockoutThreshold: number;
    readonly lockoutMinutes: number;
    readonly loginRatePerMinute: number;
    readonly totpRequiredForAll: boolean;
  };
  /** Outbound channels: each optional, configured per deployment. */
  readonly notifications: {
    readonly publicUrl: string | null;
    readonly dingtalk: { readonly webhook: string; readonly secret: string | null } | null;
    readonly wecom: { readonly webhook: string } | null;
    readonly smtp: { readonly url: string; readonly from: string } | null;
  };
  /** Cron patterns (Asia/Shanghai) of the scheduled jobs; `enabled: false` leaves them to another process. */
  readonly scheduler: {
    readonly enabled: boolean;
    readonly escalation: string;
    readonly digest: string;
    readonly reminders: string;
    readonly delivery: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.1.0'): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const mode: DatabaseMode = e.DATABASE_URL ? 'external' : 'embedded';
  const problems: string[] = [];
  if (mode === 'external' && !e.JULI_SECRET) {
    problems.push('JULI_SECRET: required when DATABASE_URL is set (at least 32 characters)');
  }
  if (e.JULI_SMTP_URL && !e.JULI_SMTP_FROM) problems.push('JULI_SMTP_FROM: required with JULI_SMTP_URL (the sender address)');
  if (e.JULI_DINGTALK_SECRET && !e.JULI_DINGTALK_WEBHOOK) problems.push('JULI_DINGTALK_SECRET: set JULI_DINGTALK_WEBHOOK too');
  if (problems.length) throw new ConfigError(problems);
  const isDemo = mode === 'embedded' && e.JULI_DEMO;
  return Object.freeze({
    version,
    http: Object.freeze({
      port: e.PORT,
      // Demo mode is for one person's machine: loopback unless HOST says otherwise.
      host: e.HOST ?? (isDemo ? '127.0.0.1' : '0.0.0.0'),
      trustProxy: e.JULI_TRUST_PROXY,
      cookieSecure: e.JULI_COOKIE_SECURE === 'auto' ? 'auto' : e.JULI_COOKIE_SECURE === 'true',
    }),
    db: Object.freeze({ mode, url: e.DATABASE_URL, embeddedPort: e.JULI_EMBEDDED_PG_PORT }),
    dataDir: path.resolve(e.JULI_DATA_DIR ?? 'data'),
    secret: e.JULI_SECRET,
    isDemo,
    cityCode: e.JULI_CITY_CODE ?? '430400',
    logLevel: e.JULI_LOG_LEVEL ?? 'info',
    auth: Object.freeze({
      idleMinutes: e.JULI_SESSION_IDLE_MINUTES,
      absoluteHours: e.JULI_SESSION_ABSOLUTE_HOURS,
      passwordPolicy: Object.freeze({
        minLength: e.JULI_PASSWORD_MIN_LENGTH,
        minClasses: e.JULI_PASSWORD_MIN_CLASSES,
        maxAgeDays: e.JULI_PASSWORD_MAX_AGE_DAYS,
      }),
      lockoutThreshold: e.JULI_LOCKOUT_THRESHOLD,
      lockoutMinutes: e.JULI_LOCKOUT_MINUTES,
      loginRatePerMinute: e.JULI_LOGIN_RATE_LIMIT_PER_MINUTE,
      totpRequiredForAll: e.JULI_TOTP_REQUIRED_FOR_ALL,
    }),
    notifications: Object.freeze({
      publicUrl: e.JULI_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
      dingtalk: e.JULI_DINGTALK_WEBHOOK
        ? Object.freeze({ webhook: e.JULI_DINGTALK_WEBHOOK, secret: e.JULI_DINGTALK_SECRET ?? null })
        : null,
      wecom: e.JULI_WECOM_WEBHOOK ? Object.freeze({ webhook: e.JULI_WECOM_WEBHOOK }) : null,
      smtp: e.JULI_SMTP_URL && e.JULI_SMTP_FROM ? Object.freeze({ url: e.JULI_SMTP_URL, from: e.JULI_SMTP_FROM }) : null,
    }),
    scheduler: Object.freeze({
      enabled: e.JULI_SCHEDULER,
      escalation: e.JULI_CRON_ESCALATION,
      digest: e.JULI_CRON_DIGEST,
      reminders: e.JULI_CRON_REMINDERS,
      delivery: e.JULI_CRON_DELIVERY,
    }),
  });
}
