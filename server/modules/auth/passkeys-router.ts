// Passkey procedures (passkeys.ts): list, add (with the password again), rename, remove (with the
// password again), the second factor, and the sign-in with a passkey. Part of the auth router.
import * as s from '../../../shared/schemas/passkeys';
import { loginOutput } from '../../../shared/schemas/auth';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { publicProcedure, userProcedure } from '../../trpc';
import type { Context } from '../../trpc';
import * as ex from './passkeys-examples';
import * as passkeys from './passkeys';
import { loginWithPasskey } from './passkey-login';
import { relyingParty } from './relying-party';
import type { SignInGates } from './sign-in-gates';
import { clientOf, mailLinks, tags } from './email-router';

const rpOf = (ctx: Context) => relyingParty(ctx.platform.config.publicUrl, ctx.req.origin, ctx.req.allowedOrigins);

/** What a sign-in of this request may have to pass (sign-in-gates.ts). */
export const signInGates = (ctx: Context): SignInGates => ({
  relyingParty: () => rpOf(ctx),
  deviceConfirmation: { enabled: ctx.platform.auth.newDeviceConfirmation, mail: ctx.platform.mail, linkBase: mailLinks(ctx) },
});

const rpNote =
  ' The relying-party id is the host of `CALOS_PUBLIC_URL`, else of the calling page (its Origin): it cannot be an IP ' +
  'address (422 `RP_ID_IS_IP_ADDRESS`; use a name such as localhost).';

export const passkeyProcedures = {
  passkeys: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/passkeys',
        tags,
        summary: 'Your passkeys',
        description: 'The passkeys of your account, oldest first, and whether a password sign-in must be completed with one (`secondFactor`).',
        protect: true,
      },
      examples: ex.passkeys,
    })
    .input(emptyInput.optional())
    .output(s.passkeysOutput)
    .query(({ ctx }) => passkeys.listPasskeys(ctx.db, ctx.auth.user.id)),

  passkeyRegistrationOptions: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/passkeys/registration-options',
        tags,
        summary: 'Start adding a passkey',
        description:
          'Checks your password again (403 `WRONG_PASSWORD`; 10 checks an hour, 429 past it) and answers WebAuthn creation ' +
          'options for navigator.credentials.create() (@simplewebauthn/browser startRegistration): a discoverable credential, ' +
          'so it can sign in without a username. The challenge is kept by the server for 5 minutes and works once.' +
          rpNote,
        protect: true,
      },
      errors: ['FORBIDDEN', 'UNPROCESSABLE', 'RATE_LIMITED'],
      examples: ex.registrationOptions,
    })
    .input(s.registrationOptionsInput)
    .output(s.optionsOutput)
    .mutation(async ({ ctx, input }) => {
      const rp = rpOf(ctx);
      await passkeys.confirmPassword(ctx.db, ctx.platform.auth.passwords, ctx.auth.user.id, input.password);
      return passkeys.registrationOptions(ctx.db, ctx.auth.user, rp);
    }),

  registerPasskey: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/passkeys',
        tags,
        summary: 'Add a passkey',
        description:
          'Saves the passkey the browser created for the options of POST /auth/passkeys/registration-options, under a name ' +
          'of your choice. Its origin and relying-party id are checked; an answer to an expired, used or another ' +
          'account’s challenge, or one that does not verify, is refused with 401 (`details.reason`). A passkey already ' +
          'registered answers 409 `PASSKEY_EXISTS`.' +
          rpNote,
        protect: true,
      },
      successStatus: 201,
      errors: ['INVALID_CREDENTIALS', 'FORBIDDEN', 'CONFLICT', 'UNPROCESSABLE'],
      examples: ex.registerPasskey,
    })
    .input(s.registerPasskeyInput)
    .output(s.passkeyOutput)
    .mutation(({ ctx, input }) => passkeys.registerPasskey(ctx.db, ctx.auth.user.id, input, rpOf(ctx))),

  renamePasskey: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/auth/passkeys/{passkeyId}',
        tags,
        summary: 'Rename a passkey',
        description: 'Gives one of your passkeys another name.',
        protect: true,
      },
      errors: ['NOT_FOUND'],
      examples: ex.renamePasskey,
    })
    .input(s.renamePasskeyInput)
    .output(s.passkeyOutput)
    .mutation(({ ctx, input }) => passkeys.renamePasskey(ctx.db, ctx.auth.user.id, input.passkeyId, input.name)),

  removePasskey: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/passkeys/{passkeyId}/remove',
        tags,
        summary: 'Remove a passkey',
        description:
          'Checks your password again (403 `WRONG_PASSWORD`) and removes one of your passkeys: it signs in no more. With ' +
          'your last passkey goes the second factor. A POST, as a DELETE carries no body for the password.',
        protect: true,
      },
      successStatus: 204,
      errors: ['FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED'],
      examples: ex.removePasskey,
    })
    .input(s.removePasskeyInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await passkeys.confirmPassword(ctx.db, ctx.platform.auth.passwords, ctx.auth.user.id, input.password);
      await ctx.db.transaction((trx) => passkeys.removePasskey(trx, ctx.auth.user.id, input.passkeyId));
    }),

  setPasskeySecondFactor: userProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/auth/passkeys/second-factor',
        tags,
        summary: 'Require a passkey after the password',
        description:
          'Checks your password again (403 `WRONG_PASSWORD`), then turns the second factor on or off: when on, a ' +
          'password sign-in answers 403 `SECOND_FACTOR_REQUIRED` with WebAuthn options, and one of your passkeys ' +
          'finishes it (POST /auth/passkeys/login). Turning it on without a passkey answers 409 `NO_PASSKEY`.',
        protect: true,
      },
      errors: ['FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
      examples: ex.secondFactor,
    })
    .input(s.secondFactorInput)
    .output(s.secondFactorOutput)
    .mutation(async ({ ctx, input }) => {
      await passkeys.confirmPassword(ctx.db, ctx.platform.auth.passwords, ctx.auth.user.id, input.password);
      return ctx.db.transaction((trx) => passkeys.setSecondFactor(trx, ctx.auth.user.id, input.enabled));
    }),

  passkeyLoginOptions: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/passkeys/login-options',
        tags,
        summary: 'Start signing in with a passkey',
        description:
          'WebAuthn request options for navigator.credentials.get() (@simplewebauthn/browser startAuthentication), with no ' +
          'list of credentials: the browser offers the passkeys it holds for this site (usernameless). The challenge ' +
          'is kept by the server for 5 minutes and works once. 30 a minute per client address (429 past it).' +
          rpNote,
      },
      errors: ['FORBIDDEN', 'UNPROCESSABLE', 'RATE_LIMITED'],
      examples: ex.loginOptions,
    })
    .input(emptyInput.optional())
    .output(s.optionsOutput)
    .mutation(({ ctx }) => passkeys.loginOptions(ctx.db, rpOf(ctx), ctx.req.ip)),

  loginWithPasskey: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/passkeys/login',
        tags,
        summary: 'Sign in with a passkey',
        description:
          'Checks the passkey’s answer to the options of POST /auth/passkeys/login-options, or to those a password ' +
          'sign-in answered with (`SECOND_FACTOR_REQUIRED`), and issues the same session as POST /auth/login (also ' +
          'set as the cookie), under the same rules: send `device`. Refused with 401 `INVALID_CREDENTIALS` ' +
          '(`details.reason`): an expired or used challenge, an unknown or removed passkey, another account’s passkey ' +
          'for a second factor, a wrong origin or relying party, a signature counter that went back. A new device may ' +
          'need confirming first (403 `DEVICE_CONFIRMATION_REQUIRED`, as for POST /auth/login).' +
          rpNote,
      },
      errors: ['INVALID_CREDENTIALS', 'FORBIDDEN', 'UNPROCESSABLE'],
      examples: ex.loginWithPasskey,
    })
    .input(s.passkeyLoginInput)
    .output(loginOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await loginWithPasskey(ctx.platform.auth, ctx.platform.events, ctx.platform.db, input, clientOf(ctx), rpOf(ctx), signInGates(ctx));
      ctx.req.setSessionCookie(result.token, result.expiresAt);
      return result;
    }),
};
