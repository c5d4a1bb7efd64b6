// Identity procedures: account, session, devices, sessions, spoofing alerts and age verification.
import * as s from '../../../shared/schemas/auth';
import { emptyInput } from '../../../shared/schemas/primitives';
import { publicProcedure, router, userProcedure } from '../../trpc';
import * as accounts from './service';
import * as devices from './devices';
import * as age from './age';

const tags = ['auth'];
const clientOf = (ctx: { req: { ip: string; userAgent: string | undefined } }) => ({
  ip: ctx.req.ip,
  userAgent: ctx.req.userAgent,
});

export const authRouter = router({
  register: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/register', tags, summary: 'Create an account' }, successStatus: 201, errors: ['CONFLICT', 'RATE_LIMITED'] })
    .input(s.registerInput)
    .output(s.registerOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await accounts.registerUser(ctx.platform.auth, ctx.platform.events, ctx.db, input, clientOf(ctx));
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),

  login: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/login', tags, summary: 'Sign in with a device fingerprint' }, errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'] })
    .input(s.loginInput)
    .output(s.loginOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await accounts.loginUser(ctx.platform.auth, ctx.platform.events, ctx.platform.db, input, clientOf(ctx));
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),

  logout: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/logout', tags, summary: 'End this session', protect: true }, successStatus: 204 })
    .input(emptyInput.optional())
    .output(s.noContent)
    .mutation(async ({ ctx }) => {
      await accounts.revokeSession(ctx.db, ctx.auth.user.id, ctx.auth.session.id, 'logout');
      ctx.req.clearSessionCookie();
    }),

  refresh: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/refresh', tags, summary: 'Get a fresh token for this session', protect: true } })
    .input(emptyInput.optional())
    .output(s.refreshOutput)
    .mutation(async ({ ctx }) => {
      const result = await accounts.refreshToken(ctx.platform.auth, ctx.auth);
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),

  updateProfile: userProcedure
    .meta({ openapi: { method: 'PATCH', path: '/auth/me', tags, summary: 'Change your time zone', protect: true } })
    .input(s.updateProfileInput)
    .output(s.userOutput)
    .mutation(({ ctx, input }) => accounts.updateProfile(ctx.db, ctx.auth.user.id, input)),

  session: userProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/session', tags, summary: 'The signed-in user and session', protect: true } })
    .input(emptyInput.optional())
    .output(s.sessionInfoOutput)
    .query(({ ctx }) => ({ user: ctx.auth.user, session: ctx.auth.session })),

  devices: userProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/devices', tags, summary: 'Devices seen for this account', protect: true } })
    .input(emptyInput.optional())
    .output(s.devicesOutput)
    .query(({ ctx }) => devices.listDevices(ctx.db, ctx.auth.user.id, ctx.auth.session.deviceId)),

  trustDevice: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/devices/{deviceId}/trust', tags, summary: 'Trust a device', protect: true } })
    .input(s.deviceIdInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { trusted: true }, ctx.auth.session.deviceId),
    ),

  untrustDevice: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/devices/{deviceId}/untrust', tags, summary: 'Stop trusting a device', protect: true } })
    .input(s.deviceIdInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { trusted: false }, ctx.auth.session.deviceId),
    ),

  renameDevice: userProcedure
    .meta({ openapi: { method: 'PATCH', path: '/auth/devices/{deviceId}', tags, summary: 'Rename a device', protect: true } })
    .input(s.updateDeviceInput)
    .output(s.deviceOutput)
    .mutation(({ ctx, input }) =>
      devices.updateDevice(ctx.db, ctx.auth.user.id, input.deviceId, { label: input.label }, ctx.auth.session.deviceId),
    ),

  forgetDevice: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/auth/devices/{deviceId}', tags, summary: 'Forget a device and end its sessions', protect: true }, successStatus: 204 })
    .input(s.deviceIdInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => devices.forgetDevice(trx, ctx.auth.user.id, input.deviceId)),
    ),

  sessions: userProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/sessions', tags, summary: 'Active sessions of this account', protect: true } })
    .input(s.sessionsInput)
    .output(s.sessionsOutput)
    .query(({ ctx, input }) => accounts.listSessions(ctx.db, ctx.auth.user.id, ctx.auth.session.id, input)),

  revokeSession: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/auth/sessions/{sessionId}', tags, summary: 'Revoke a session', protect: true }, successStatus: 204 })
    .input(s.sessionIdInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) => accounts.revokeSession(ctx.db, ctx.auth.user.id, input.sessionId)),

  revokeOtherSessions: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/sessions/revoke-others', tags, summary: 'Revoke every other session', protect: true } })
    .input(emptyInput.optional())
    .output(s.revokedOutput)
    .mutation(({ ctx }) => accounts.revokeOtherSessions(ctx.db, ctx.auth.user.id, ctx.auth.session.id)),

  alerts: userProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/alerts', tags, summary: 'Spoofing alerts, newest first', protect: true } })
    .input(s.alertsInput)
    .output(s.alertsOutput)
    .query(({ ctx, input }) => devices.listAlerts(ctx.db, ctx.auth.user.id, input)),

  acknowledgeAlert: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/alerts/{alertId}/acknowledge', tags, summary: 'Mark an alert as seen', protect: true } })
    .input(s.alertIdInput)
    .output(s.alertOutput)
    .mutation(({ ctx, input }) => devices.acknowledgeAlert(ctx.db, ctx.auth.user.id, input.alertId)),

  verifyAge: userProcedure
    .meta({ openapi: { method: 'POST', path: '/auth/age-verification', tags, summary: 'Verify that the user is over an age', protect: true } })
    .input(s.ageVerificationInput)
    .output(s.ageVerificationOutput)
    .mutation(({ ctx, input }) => age.verifyAge(ctx.db, ctx.auth.user.id, input)),

  ageVerifications: userProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/age-verification', tags, summary: 'Age checks on record', protect: true } })
    .input(emptyInput.optional())
    .output(s.ageVerificationsOutput)
    .query(({ ctx }) => age.listAgeVerifications(ctx.db, ctx.auth.user.id)),
});
