// Example requests and responses of the identity routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/auth';
import { at, exampleIds, examples } from '../../openapi-examples';

const { ada } = exampleIds;
const sessionId = '1ce6200a-fe76-4f0d-a7c5-9d04ec26abab';
const otherSessionId = 'eb85250a-55cb-4e4f-8aa5-581fce618121';
const deviceId = 'cf94c502-c9a3-4a11-ad26-523c1451d264';
const phoneId = 'f189e798-ab11-4bb0-a078-a392102accda';
const alertId = '112da326-0f8f-4a0e-886a-b749d314ab5e';
const token =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzaWQiOiIxY2U2MjAwYS1mZTc2LTRmMGQtYTdjNS05ZDA0ZWMyNmFiYWIiLCJzdWIiOiI5ZTJkZmExYi0wMjFjLTQzMDMtOTI0Ni1kOTAxYTUzZWViZjAiLCJpc3MiOiJjYWxvcyIsImF1ZCI6ImNhbG9zIiwiaWF0IjoxNzk2NjQ0MDAwLCJleHAiOjE3OTY2NDc2MDB9.5rQ2cU1xH0m8y2kq7QyvG8mZr1b0pXo4s9JtVwA3eLc';

const user = {
  id: ada,
  username: 'ada',
  email: 'ada@example.com',
  role: 'user' as const,
  timezone: 'Europe/London',
  createdAt: at('2026-11-02T10:14:07.512Z'),
};
const device = {
  fingerprint: '3f6c1a9e-5b2d-4e8f-9a71-c04d2be81f35',
  signals: {
    timezone: 'Europe/London',
    locale: 'en-GB',
    languages: ['en-GB', 'en'],
    platform: 'MacIntel',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    screen: { width: 1512, height: 982, colorDepth: 30, pixelRatio: 2 },
    hardwareConcurrency: 10,
    maxTouchPoints: 0,
  },
  label: 'MacBook Pro',
};
const session = {
  id: sessionId,
  createdAt: at('2026-12-07T09:00:00.118Z'),
  expiresAt: at('2027-01-06T09:00:00.118Z'),
  deviceId,
};
const alert = {
  id: alertId,
  deviceId: phoneId,
  kind: 'TIMEZONE_CHANGED' as const,
  severity: 'medium' as const,
  details: {
    reasons: [
      { field: 'timezone', previous: 'Europe/London', current: 'Asia/Singapore', message: 'The device reports a different time zone than before.' },
    ],
  },
  createdAt: at('2026-12-05T02:41:19.305Z'),
  acknowledgedAt: null,
};
const macBook = {
  id: deviceId,
  label: 'MacBook Pro',
  trusted: true,
  firstSeenAt: at('2026-11-02T10:14:07.512Z'),
  lastSeenAt: at('2026-12-07T09:00:00.118Z'),
  current: true,
};
const phone = {
  id: phoneId,
  label: 'Pixel 9',
  trusted: false,
  firstSeenAt: at('2026-11-20T18:22:45.001Z'),
  lastSeenAt: at('2026-12-05T02:41:19.305Z'),
  current: false,
};

export const register = examples(
  { input: s.registerInput, output: s.registerOutput },
  {
    request: { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple', device },
    response: { user, token, expiresAt: at('2026-11-02T11:14:07.000Z') },
  },
);

export const login = examples(
  { input: s.loginInput, output: s.loginOutput },
  {
    request: { login: 'ada', password: 'correct horse battery staple', device },
    response: {
      user,
      token,
      expiresAt: at('2026-12-07T10:00:00.000Z'),
      session,
      device: { id: deviceId, trusted: true, isNew: false },
      alerts: [],
    },
  },
);

export const refresh = examples({ output: s.refreshOutput }, { response: { token, expiresAt: at('2026-12-07T10:45:00.000Z') } });

export const updateProfile = examples(
  { input: s.updateProfileInput, output: s.userOutput },
  { request: { timezone: 'America/New_York' }, response: { ...user, timezone: 'America/New_York' } },
);

export const sessionInfo = examples({ output: s.sessionInfoOutput }, { response: { user, session } });

export const devices = examples({ output: s.devicesOutput }, { response: { items: [macBook, phone] } });

export const trustDevice = examples(
  { input: s.deviceIdInput, output: s.deviceOutput },
  { request: { deviceId: phoneId }, response: { ...phone, trusted: true } },
);

export const untrustDevice = examples(
  { input: s.deviceIdInput, output: s.deviceOutput },
  { request: { deviceId: phoneId }, response: phone },
);

export const renameDevice = examples(
  { input: s.updateDeviceInput, output: s.deviceOutput },
  { request: { deviceId: phoneId, label: 'Ada’s phone' }, response: { ...phone, label: 'Ada’s phone' } },
);

export const forgetDevice = examples({ input: s.deviceIdInput }, { request: { deviceId: phoneId } });

export const sessions = examples(
  { input: s.sessionsInput, output: s.sessionsOutput },
  {
    request: { limit: 20 },
    response: {
      items: [
        {
          id: sessionId,
          deviceId,
          deviceLabel: 'MacBook Pro',
          ip: '203.0.113.24',
          userAgent: device.signals.userAgent,
          createdAt: at('2026-12-07T09:00:00.118Z'),
          lastSeenAt: at('2026-12-07T09:42:10.730Z'),
          expiresAt: at('2027-01-06T09:00:00.118Z'),
          current: true,
        },
        {
          id: otherSessionId,
          deviceId: phoneId,
          deviceLabel: 'Pixel 9',
          ip: '198.51.100.7',
          userAgent: 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
          createdAt: at('2026-12-05T02:41:19.305Z'),
          lastSeenAt: at('2026-12-06T21:03:55.412Z'),
          expiresAt: at('2027-01-04T02:41:19.305Z'),
          current: false,
        },
      ],
      nextCursor: null,
    },
  },
);

export const revokeSession = examples({ input: s.sessionIdInput }, { request: { sessionId: otherSessionId } });

export const revokeOtherSessions = examples({ output: s.revokedOutput }, { response: { revoked: 1 } });

export const alerts = examples(
  { input: s.alertsInput, output: s.alertsOutput },
  { request: { unacknowledged: true, limit: 20 }, response: { items: [alert], nextCursor: null } },
);

export const acknowledgeAlert = examples(
  { input: s.alertIdInput, output: s.alertOutput },
  { request: { alertId }, response: { ...alert, acknowledgedAt: at('2026-12-07T09:05:31.880Z') } },
);

export const verifyAge = examples(
  { input: s.ageVerificationInput, output: s.ageVerificationOutput },
  {
    request: { minimumAge: 18, method: 'date_of_birth', dateOfBirth: '1990-07-14' },
    response: { minimumAge: 18, over: true, method: 'date_of_birth', verifiedAt: at('2026-12-07T09:06:02.447Z') },
  },
);

export const ageVerifications = examples(
  { output: s.ageVerificationsOutput },
  {
    response: {
      items: [
        { minimumAge: 13, over: true, method: 'self_declaration', verifiedAt: at('2026-11-02T10:15:40.093Z') },
        { minimumAge: 18, over: true, method: 'date_of_birth', verifiedAt: at('2026-12-07T09:06:02.447Z') },
      ],
    },
  },
);

const mailToken = 'q5W1mZ8rT0vK3pX9bL2nC7yH4jF6dS0aG1eU8iO3wRk';
export const verifyEmail = examples({ input: s.verifyEmailInput, output: s.userOutput }, { request: { token: mailToken }, response: user });
export const resendVerification = examples({}, {});
export const forgotPassword = examples({ input: s.forgotPasswordInput }, { request: { email: 'ada@example.com' } });
export const resetPassword = examples({ input: s.resetPasswordInput }, { request: { token: mailToken, password: 'a new and unusual passphrase' } });
