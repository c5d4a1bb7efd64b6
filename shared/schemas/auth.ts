// Identity: inputs, outputs and inferred types of every auth operation, shared by server and client.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { listInput, page, pageOnlyInput, text, timestamp, uuid } from './primitives';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-z0-9_]+$/, 'may contain only letters a–z, digits and underscores')
  .describe('3–32 characters: a–z, 0–9 and _ (stored in lower case).');
export const email = z.email('must be an email address').max(254).toLowerCase();
export const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters')
  .describe('10–256 characters.');

const screen = z.union([
  text(32),
  z.strictObject({
    width: z.number().int().min(0).max(100_000),
    height: z.number().int().min(0).max(100_000),
    colorDepth: z.number().int().min(0).max(128).optional(),
    pixelRatio: z.number().min(0).max(64).optional(),
  }),
]);

/** Bare-metal clients (native apps, kiosks) report their hardware; browsers cannot. */
export const hardwareSignals = z.strictObject({
  cpuModel: text(200).optional(),
  cores: z.number().int().min(1).max(4096).optional(),
  memoryGb: z.number().min(0).max(1_000_000).optional(),
  gpu: text(200).optional(),
  arch: text(32).optional(),
  os: text(100).optional(),
});

export const deviceSignals = z
  .strictObject({
    timezone: text(64).optional().describe('IANA time zone, e.g. Europe/Berlin.'),
    locale: text(35).optional(),
    languages: z.array(text(35)).max(20).optional(),
    platform: text(64).optional(),
    userAgent: text(512).optional(),
    vendor: text(100).optional(),
    screen: screen.optional(),
    hardwareConcurrency: z.number().int().min(1).max(4096).optional(),
    deviceMemory: z.number().min(0).max(1_000_000).optional(),
    maxTouchPoints: z.number().int().min(0).max(256).optional(),
    hardware: hardwareSignals.optional(),
  })
  .describe('What the client can read about itself. Used to recognise the device and spot spoofing.');
export type DeviceSignals = z.infer<typeof deviceSignals>;

export const deviceInput = z.strictObject({
  fingerprint: text(256, 8).describe('A stable identifier the client derives from the device (8–256 characters).'),
  signals: deviceSignals.default({}),
  label: text(100, 1).optional().describe('A name for the device; derived from the user agent when omitted.'),
});

export const userOutput = z.object({
  id: uuid(),
  username: z.string(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
  timezone: z.string().nullable().describe('IANA zone of the user’s calendar days (daily limits, streaks); null means UTC.'),
  createdAt: timestamp(),
});
export type User = z.infer<typeof userOutput>;

export const updateProfileInput = z.strictObject({
  timezone: text(64, 1)
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Europe/Berlin')
    .nullable()
    .describe('IANA time zone; null for UTC.'),
});

export const sessionOutput = z.object({
  id: uuid(),
  createdAt: timestamp(),
  expiresAt: timestamp(),
  deviceId: uuid().nullable(),
});

export const alertKind = z.enum(['TIMEZONE_CHANGED', 'HARDWARE_CHANGED', 'SIGNALS_INCONSISTENT']);
export const alertOutput = z.object({
  id: uuid(),
  deviceId: uuid().nullable(),
  kind: alertKind,
  severity: z.enum(['low', 'medium', 'high']),
  details: z.object({
    reasons: z.array(z.object({ field: z.string(), previous: z.unknown().optional(), current: z.unknown().optional(), message: z.string() })),
  }),
  createdAt: timestamp(),
  acknowledgedAt: timestamp().nullable(),
});
export type Alert = z.infer<typeof alertOutput>;

// register ---------------------------------------------------------------------------------------
export const registerInput = z.strictObject({ username, email, password, device: deviceInput.optional() });
export const registerOutput = z.object({ user: userOutput, token: z.string(), expiresAt: timestamp() });

// login ------------------------------------------------------------------------------------------
export const loginInput = z.strictObject({
  login: text(254, 1).describe('Username or email.'),
  password: z.string().min(1).max(256),
  device: deviceInput.optional(),
});
export const loginOutput = z.object({
  user: userOutput,
  token: z.string(),
  expiresAt: timestamp(),
  session: sessionOutput,
  device: z.object({ id: uuid(), trusted: z.boolean(), isNew: z.boolean() }).nullable(),
  alerts: z.array(alertOutput),
});

export const refreshOutput = z.object({ token: z.string(), expiresAt: timestamp() });

// session ----------------------------------------------------------------------------------------
export const sessionInfoOutput = z.object({ user: userOutput, session: sessionOutput });

// devices ----------------------------------------------------------------------------------------
export const deviceOutput = z.object({
  id: uuid(),
  label: z.string(),
  trusted: z.boolean(),
  firstSeenAt: timestamp(),
  lastSeenAt: timestamp(),
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceOutput>;
export const devicesOutput = z.object({ items: z.array(deviceOutput) });
export const deviceIdInput = z.strictObject({ deviceId: uuid() });
export const updateDeviceInput = z.strictObject({ deviceId: uuid(), label: text(100, 1) });

// sessions ---------------------------------------------------------------------------------------
export const sessionListItem = z.object({
  id: uuid(),
  deviceId: uuid().nullable(),
  deviceLabel: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: timestamp(),
  lastSeenAt: timestamp(),
  expiresAt: timestamp(),
  current: z.boolean(),
});
export type SessionListItem = z.infer<typeof sessionListItem>;
export const sessionsInput = pageOnlyInput;
export const sessionsOutput = page(sessionListItem);
export const sessionIdInput = z.strictObject({ sessionId: uuid() });
export const revokedOutput = z.object({ revoked: z.number().int() });

// alerts -----------------------------------------------------------------------------------------
export const alertsInput = z.strictObject({ ...listInput, unacknowledged: z.boolean().optional() });
export const alertsOutput = page(alertOutput);
export const alertIdInput = z.strictObject({ alertId: uuid() });

// age verification -------------------------------------------------------------------------------
export const ageMethod = z.enum(['date_of_birth', 'self_declaration']);
export const ageVerificationInput = z
  .strictObject({
    minimumAge: z.number().int().min(1).max(130).describe('The age to check against, e.g. 13, 16, 18 or 21.'),
    method: ageMethod.describe(
      '`date_of_birth`: the server computes the answer and discards the date at once; ' +
        '`self_declaration`: the user states whether they are over the age.',
    ),
    dateOfBirth: z.iso.date().optional().describe('YYYY-MM-DD; used for the check and never stored.'),
    declaredOver: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'date_of_birth' && !v.dateOfBirth)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'is required for method date_of_birth' });
    if (v.method === 'self_declaration' && v.declaredOver === undefined)
      ctx.addIssue({ code: 'custom', path: ['declaredOver'], message: 'is required for method self_declaration' });
  });
export const ageVerificationOutput = z.object({
  minimumAge: z.number().int(),
  over: z.boolean(),
  method: ageMethod,
  verifiedAt: timestamp(),
});
export const ageVerificationsOutput = z.object({ items: z.array(ageVerificationOutput) });

/** Operations that answer 204 No Content. */
export const noContent = z.void();

/** A token from a link CalOS mailed (verification, password reset). */
export const mailedToken = z.string().min(20).max(200).regex(/^[\w-]+$/, 'must be the token from the link').describe('The `token` of the link in the mail.');
export const verifyEmailInput = z.strictObject({ token: mailedToken });
export const forgotPasswordInput = z.strictObject({ email });
export const resetPasswordInput = z.strictObject({ token: mailedToken, password });
