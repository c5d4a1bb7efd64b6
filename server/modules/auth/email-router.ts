// The procedures of the links CalOS mails: email verification and password reset (email.ts), and
// the new-device confirmation (device-confirmation.ts). Part of the auth router (router.ts).
import * as s from '../../../shared/schemas/auth';
import { confirmDeviceInput, confirmDeviceOutput } from '../../../shared/schemas/passkeys';
import { emptyInput } from '../../../shared/schemas/primitives';
import { publicProcedure, userProcedure } from '../../trpc';
import * as ex from './examples';
import * as email from './email';
import { confirmDevice } from './device-confirmation';
import { confirmDevice as confirmDeviceExample } from './passkeys-examples';

export const tags = ['auth'];

/** Links in mails point at CALOS_PUBLIC_URL (or localhost), never at the request's Host. */
export const mailLinks = (ctx: { platform: { config: { publicUrl: string | undefined; port: number } } }) =>
  email.linkBase(ctx.platform.config.publicUrl, ctx.platform.config.port);

export const clientOf = (ctx: { req: { ip: string; userAgent: string | undefined } }) => ({
  ip: ctx.req.ip,
  userAgent: ctx.req.userAgent,
});

export const emailProcedures = {
  verifyEmail: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/email/verify',
        tags,
        summary: 'Verify an email address',
        description:
          'Spends the token of a verification link (single use, 48 hours): the address it was sent to becomes the ' +
          'account’s verified address, which it may sign in with. An expired or used link answers 410; an address ' +
          'another account verified first, 409 `EMAIL_TAKEN`.',
      },
      errors: ['GONE', 'CONFLICT'],
      examples: ex.verifyEmail,
    })
    .input(s.verifyEmailInput)
    .output(s.userOutput)
    .mutation(({ ctx, input }) => email.verifyEmail(ctx.db, input.token)),

  resendVerification: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/email/verification',
        tags,
        summary: 'Send the verification link again',
        description:
          'Mails a new verification link to your address; 409 `ALREADY_VERIFIED` when it is verified. At most 5 mails ' +
          'an hour go to one address (429 past it).',
        protect: true,
      },
      successStatus: 204,
      errors: ['CONFLICT', 'RATE_LIMITED'],
      examples: ex.resendVerification,
    })
    .input(emptyInput.optional())
    .output(s.noContent)
    .mutation(({ ctx }) => email.resendVerification(ctx.db, ctx.platform.mail, mailLinks(ctx), ctx.auth.user.id)),

  forgotPassword: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password/forgot',
        tags,
        summary: 'Ask for a password reset link',
        description:
          'Mails a reset link (single use, 30 minutes) when a verified address matches. The answer is the same 204 ' +
          'either way, so it tells nobody whether an address has an account. At most 5 mails an hour go to one ' +
          'address (past it, nothing is sent, with the same 204); 30 requests an hour per client address (429).',
      },
      successStatus: 204,
      errors: ['RATE_LIMITED'],
      examples: ex.forgotPassword,
    })
    .input(s.forgotPasswordInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) => email.forgotPassword(ctx.db, ctx.platform.mail, mailLinks(ctx), input.email, ctx.req.ip)),

  resetPassword: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password/reset',
        tags,
        summary: 'Choose a new password with a reset link',
        description:
          'Spends the token of a reset link: the new password is screened as at sign-up, every session of the account ' +
          'ends, and the account’s other reset links stop working. An expired or used link answers 410.',
      },
      successStatus: 204,
      errors: ['GONE'],
      examples: ex.resetPassword,
    })
    .input(s.resetPasswordInput)
    .output(s.noContent)
    .mutation(({ ctx, input }) => email.resetPassword(ctx.platform.auth, ctx.db, input.token, input.password)),

  confirmDevice: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/devices/confirm',
        tags,
        summary: 'Confirm a new device',
        description:
          'Spends the token of a device-confirmation link (single use, 30 minutes), mailed when a sign-in came from a device ' +
          'the account had not used and the server asks for confirmation (`CALOS_NEW_DEVICE_CONFIRMATION`). The device is ' +
          'then confirmed and the same sign-in works. An expired or used link answers 410.',
      },
      errors: ['GONE'],
      examples: confirmDeviceExample,
    })
    .input(confirmDeviceInput)
    .output(confirmDeviceOutput)
    .mutation(({ ctx, input }) => confirmDevice(ctx.db, input.token)),
};
