// Identity procedures: account, session, devices, sessions, spoofing alerts and age verification;
// the email links' procedures are in email-router.ts, the passkeys' in passkeys-router.ts.
import * as s from '../../../shared/schemas/auth';
import { emptyInput } from '../../../shared/schemas/primitives';
import { publicProcedure, router, userProcedure } from '../../trpc';
import * as accounts from './service';
import * as devices from './devices';
import * as age from './age';
import * as ex from './examples';
import * as email from './email';
import { clientOf, emailProcedures, mailLinks, tags } from './email-router';
import { passkeyProcedures, signInGates } from './passkeys-router';

export const authRouter = router({
  register: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/register',
        tags,
        summary: 'Create an account',
        description:
          'Creates an account and signs it in: the answer holds a session token, also set as the web client’s ' +
          'cookie. The password is screened: 10–256 characters, and not a common or breached password, a ' +
          'sequence, a repetition or the username (docs/authentication.md). Sign-ups are limited per address ' +
          '(429). Send `device` so that later sign-ins from it are recognised.',
      },
      successStatus: 201,
      errors: ['CONFLICT', 'RATE_LIMITED'],
      examples: ex.register,
    })
    .input(s.registerInput)
    .output(s.registerOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await accounts.registerUser(ctx.platform.auth, ctx.platform.events, ctx.db, input, clientOf(ctx));
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      // The answer is the same whether or not a verified account holds the address (docs/authentication.md).
      await email.mailAfterRegistration(ctx.db, ctx.platform.mail, mailLinks(ctx), result.user).catch((err: unknown) =>
        ctx.log.error({ err }, 'could not queue the sign-up mail'),
      );
      return result;
    }),

  ...emailProcedures,

  login: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/login',
        tags,
        summary: 'Sign in with a device fingerprint',
        description:
          'Signs in with a username or email. The token is valid for an hour (`CALOS_TOKEN_TTL_SECONDS`; POST ' +
          '/auth/refresh gives a fresh one) and its session for 30 days. Send `device` with a stable ' +
          'fingerprint: a device the account has signed in from has a failure budget of its own, so nobody ' +
          'else’s guesses keep it out, and a change in its signals raises a spoofing alert (`alerts`). Repeated ' +
          'failures slow down rather than lock (429 with Retry-After); a wrong password and an unknown login ' +
          'get the same 401. An account that requires a passkey answers 403 with `details.reason` ' +
          '`SECOND_FACTOR_REQUIRED` and WebAuthn options in `details.options`: the passkey’s answer goes to POST ' +
          '/auth/passkeys/login, which issues the session. When the server confirms new devices ' +
          '(`CALOS_NEW_DEVICE_CONFIRMATION`), a device the account has not confirmed answers 403 ' +
          '`DEVICE_CONFIRMATION_REQUIRED` (a link is mailed; no session is issued) or, without `device`, `DEVICE_REQUIRED`.',
      },
      errors: ['INVALID_CREDENTIALS', 'FORBIDDEN', 'UNPROCESSABLE', 'RATE_LIMITED'],
      examples: ex.login,
    })
    .input(s.loginInput)
    .output(s.loginOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await accounts.loginUser(ctx.platform.auth, ctx.platform.events, ctx.platform.db, input, clientOf(ctx), signInGates(ctx));
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),

  logout: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/logout',
        tags,
        summary: 'End this session',
        description:
          'Ends this session at once, on every instance, and clears the session cookie. Your other sessions ' +
          'stay signed in.',
        protect: true,
      },
      successStatus: 204,
    })
    .input(emptyInput.optional())
    .output(s.noContent)
    .mutation(async ({ ctx }) => {
      await accounts.revokeSession(ctx.db, ctx.auth.user.id, ctx.auth.session.id, 'logout');
      ctx.req.clearSessionCookie();
    }),

  refresh: userProcedure
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/auth/refresh',
        tags,
        summary: 'Get a fresh token for this session',
        description:
          'A new token for the same session, valid for another hour; the old one stays valid until it expires. ' +
          'Call it before `expiresAt` to stay signed in.',
        protect: true,
      },
      examples: ex.refresh,
    })
    .input(emptyInput.optional())
    .output(s.refreshOutput)
    .mutation(async ({ ctx }) => {
      const result = await accounts.refreshToken(ctx.platform.auth, ctx.auth);
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),

  updateProfile: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/auth/me',
        tags,
        summary: 'Change your time zone',
        description:
          'Sets the time zone your calendar days are counted in: daily limits, streaks and statistics per day. ' +
          '`null` counts in UTC.',
        protect: true,
      },
      examples: ex.updateProfile,
    })
    .input(s.updateProfileInput)
    .output(s.userOutput)
    .mutation(({ ctx, input }) => accounts.updateProfile(ctx.db, ctx.auth.user.id, input)),

  session: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/session',
        tags,
        summary: 'The signed-in user and session',
        description:
          'The account the token belongs to, and the session it was issued for.',
        protect: true,
      },
      examples: ex.sessionInfo,
    })
    .input(emptyInput.optional())
    .output(s.sessionInfoOutput)
    .query(({ ctx }) => ({ user: ctx.auth.user, session: ctx.auth.session })),

  devices: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/devices',
        tags,
        summary: 'Devices seen for this account',
        description:
          'Every device that has signed in to this account; the one making this request is `current`.',
        protect: true,
      },
      examples: ex.devices,
    })
    .input(emptyInput.optional())
    .output(s.devicesOutput)
    .query(({ ctx }) => devices.listDevices(ctx.db, ctx.auth.user.id, ctx.auth.session.deviceId)),

  trustDevice: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/devices/{deviceId}/trust',
        tags,
        summary: 'Trust a device',
        description:
          'Labels a device as trusted. The label is yours: it changes no limit or check.',
        protect: true,
      },
      examples: ex.trustDevice,
    })
    .input(s.deviceIdInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { trusted: true }, ctx.auth.session.deviceId),
    ),

  untrustDevice: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/devices/{deviceId}/untrust',
        tags,
        summary: 'Stop trusting a device',
        description:
          'Removes the trusted label from a device.',
        protect: true,
      },
      examples: ex.untrustDevice,
    })
    .input(s.deviceIdInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { trusted: false }, ctx.auth.session.deviceId),
    ),

  renameDevice: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/auth/devices/{deviceId}',
        tags,
        summary: 'Rename a device',
        description:
          'Gives a device a name of your choice, shown in the device and session lists.',
        protect: true,
      },
      examples: ex.renameDevice,
    })
    .input(s.updateDeviceInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { label: input.label }, ctx.auth.session.deviceId),
    ),

  forgetDevice: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/auth/devices/{deviceId}',
        tags,
        summary: 'Forget a device and end its sessions',
        description:
          'Forgets a device: its sessions end now, and its next sign-in counts as a new device, without a ' +
          'failure budget of its own.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.forgetDevice,
    })
    .input(s.deviceIdInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => devices.forgetDevice(trx, ctx.auth.user.id, input.deviceId)),
    ),

  sessions: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/sessions',
        tags,
        summary: 'Active sessions of this account',
        description:
          'Your sessions that have neither expired nor been revoked, newest first; the one making this request ' +
          'is `current`.',
        protect: true,
      },
      examples: ex.sessions,
    })
    .input(s.sessionsInput)
    .output(s.sessionsOutput)
    .query(({ ctx, input }) => accounts.listSessions(ctx.db, ctx.auth.user.id, ctx.auth.session.id, input)),

  revokeSession: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/auth/sessions/{sessionId}',
        tags,
        summary: 'Revoke a session',
        description:
          'Ends one of your sessions at once (a lost phone, a shared computer): its token is refused from the ' +
          'next request on.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.revokeSession,
    })
    .input(s.sessionIdInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) => accounts.revokeSession(ctx.db, ctx.auth.user.id, input.sessionId)),

  revokeOtherSessions: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/sessions/revoke-others',
        tags,
        summary: 'Revoke every other session',
        description:
          'Ends every session of this account except this one, and answers how many were ended.',
        protect: true,
      },
      examples: ex.revokeOtherSessions,
    })
    .input(emptyInput.optional())
    .output(s.revokedOutput)
    .mutation(({ ctx }) => accounts.revokeOtherSessions(ctx.db, ctx.auth.user.id, ctx.auth.session.id)),

  alerts: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/alerts',
        tags,
        summary: 'Spoofing alerts, newest first',
        description:
          'Alerts raised at sign-in when a known device reports another time zone or other hardware, or signals ' +
          'that contradict each other. `unacknowledged=true` lists only those not yet seen.',
        protect: true,
      },
      examples: ex.alerts,
    })
    .input(s.alertsInput)
    .output(s.alertsOutput)
    .query(({ ctx, input }) => devices.listAlerts(ctx.db, ctx.auth.user.id, input)),

  acknowledgeAlert: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/alerts/{alertId}/acknowledge',
        tags,
        summary: 'Mark an alert as seen',
        description:
          'Marks an alert as seen; it stays listed, with `acknowledgedAt`.',
        protect: true,
      },
      examples: ex.acknowledgeAlert,
    })
    .input(s.alertIdInput)
    .output(s.alertOutput)
    .mutation(({ ctx, input }) => devices.acknowledgeAlert(ctx.db, ctx.auth.user.id, input.alertId)),

  verifyAge: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/age-verification',
        tags,
        summary: 'Verify that the user is over an age',
        description:
          'Checks that you are at least `minimumAge` years old and keeps the answer, one per age (a new check ' +
          'replaces it). With `date_of_birth` the server computes the age on today’s date in UTC and discards ' +
          'the date at once; with `self_declaration` your statement is recorded as given.',
        protect: true,
      },
      examples: ex.verifyAge,
    })
    .input(s.ageVerificationInput)
    .output(s.ageVerificationOutput)
    .mutation(({ ctx, input }) => age.verifyAge(ctx.db, ctx.auth.user.id, input)),

  ageVerifications: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/age-verification',
        tags,
        summary: 'Age checks on record',
        description:
          'The age checks on record for your account, youngest age first: whether you are over it, how and when ' +
          'it was checked.',
        protect: true,
      },
      examples: ex.ageVerifications,
    })
    .input(emptyInput.optional())
    .output(s.ageVerificationsOutput)
    .query(({ ctx }) => age.listAgeVerifications(ctx.db, ctx.auth.user.id)),
  ...passkeyProcedures,
});
