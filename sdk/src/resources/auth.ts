// calos.auth: accounts, sessions, devices, passkeys, alerts and age checks (/api/auth/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Session = Result<'/auth/login', 'post'>;
export type Registration = Result<'/auth/register', 'post'>;
export type DeviceReport = NonNullable<Body<'/auth/login', 'post'>>['device'];
/** What navigator.credentials.get() answered, in its JSON form (e.g. @simplewebauthn/browser startAuthentication). */
export type PasskeyAssertion = NonNullable<Body<'/auth/passkeys/login', 'post'>>['response'];
/** What navigator.credentials.create() answered, in its JSON form (startRegistration). */
export type PasskeyAttestation = NonNullable<Body<'/auth/passkeys', 'post'>>['response'];

/**
 * A client made without an API key acts as the user who signs in through it: login, register and
 * refresh keep the returned token for the next calls, and logout forgets it. A client with an API
 * key only returns the session (your server may hand the token to the user's browser).
 */
export class AuthApi {
  constructor(private readonly http: Transport) {}

  private adopt<T extends { token: string }>(result: T): T {
    if (!this.http.apiKey) this.http.token = result.token;
    return result;
  }

  async register(input: Body<'/auth/register', 'post'>, options?: CallOptions): Promise<Registration> {
    return this.adopt(await this.http.request('post', '/auth/register', { body: input }, options));
  }

  /** `login` is a username or an email. */
  async login(login: string, password: string, extra: { device?: DeviceReport } = {}, options?: CallOptions): Promise<Session> {
    return this.adopt(await this.http.request('post', '/auth/login', { body: { login, password, ...extra } }, options));
  }

  async logout(options?: CallOptions): Promise<void> {
    await this.http.request('post', '/auth/logout', {}, options);
    if (!this.http.apiKey) this.http.token = undefined;
  }

  /** Spends the token of a verification link CalOS mailed. */
  verifyEmail(token: string, options?: CallOptions) {
    return this.http.request('post', '/auth/email/verify', { body: { token } }, options);
  }

  /** Mails the signed-in user a new verification link. */
  async resendVerification(options?: CallOptions): Promise<void> {
    await this.http.request('post', '/auth/email/verification', {}, options);
  }

  /** Mails a reset link when a verified address matches (the answer never says). */
  async forgotPassword(email: string, options?: CallOptions): Promise<void> {
    await this.http.request('post', '/auth/password/forgot', { body: { email } }, options);
  }

  /** Spends the token of a reset link: a new password, and every session ends. */
  async resetPassword(token: string, password: string, options?: CallOptions): Promise<void> {
    await this.http.request('post', '/auth/password/reset', { body: { token, password } }, options);
  }

  async refresh(options?: CallOptions): Promise<Result<'/auth/refresh', 'post'>> {
    return this.adopt(await this.http.request('post', '/auth/refresh', {}, options));
  }

  /** Changes the signed-in user's time zone. */
  updateProfile(input: Body<'/auth/me', 'patch'>, options?: CallOptions) {
    return this.http.request('patch', '/auth/me', { body: input }, options);
  }

  session(options?: CallOptions) {
    return this.http.request('get', '/auth/session', {}, options);
  }

  devices(options?: CallOptions) {
    return this.http.request('get', '/auth/devices', {}, options);
  }

  trustDevice(deviceId: string, options?: CallOptions) {
    return this.http.request('post', '/auth/devices/{deviceId}/trust', { path: { deviceId } }, options);
  }

  untrustDevice(deviceId: string, options?: CallOptions) {
    return this.http.request('post', '/auth/devices/{deviceId}/untrust', { path: { deviceId } }, options);
  }

  renameDevice(deviceId: string, label: string, options?: CallOptions) {
    return this.http.request('patch', '/auth/devices/{deviceId}', { path: { deviceId }, body: { label } }, options);
  }

  /** Forgets the device and ends its sessions. */
  forgetDevice(deviceId: string, options?: CallOptions) {
    return this.http.request('delete', '/auth/devices/{deviceId}', { path: { deviceId } }, options);
  }

  sessions(query: Query<'/auth/sessions', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/auth/sessions', { query }, options);
  }

  revokeSession(sessionId: string, options?: CallOptions) {
    return this.http.request('delete', '/auth/sessions/{sessionId}', { path: { sessionId } }, options);
  }

  revokeOtherSessions(options?: CallOptions) {
    return this.http.request('post', '/auth/sessions/revoke-others', {}, options);
  }

  alerts(query: Query<'/auth/alerts', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/auth/alerts', { query }, options);
  }

  acknowledgeAlert(alertId: string, options?: CallOptions) {
    return this.http.request('post', '/auth/alerts/{alertId}/acknowledge', { path: { alertId } }, options);
  }

  verifyAge(input: Body<'/auth/age-verification', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/auth/age-verification', { body: input }, options);
  }

  ageVerifications(options?: CallOptions) {
    return this.http.request('get', '/auth/age-verification', {}, options);
  }

  /** Spends the token of a new-device confirmation link; the device's next sign-in works. */
  confirmDevice(token: string, options?: CallOptions) {
    return this.http.request('post', '/auth/devices/confirm', { body: { token } }, options);
  }

  /** The signed-in user's passkeys and whether sign-in requires one after the password. */
  passkeys(options?: CallOptions) {
    return this.http.request('get', '/auth/passkeys', {}, options);
  }

  /** Creation options for a new passkey (the password is asked again); pass them to navigator.credentials.create(). */
  passkeyRegistrationOptions(password: string, options?: CallOptions) {
    return this.http.request('post', '/auth/passkeys/registration-options', { body: { password } }, options);
  }

  /** Saves the passkey the browser created, under a name. */
  registerPasskey(name: string, response: PasskeyAttestation, options?: CallOptions) {
    return this.http.request('post', '/auth/passkeys', { body: { name, response } }, options);
  }

  renamePasskey(passkeyId: string, name: string, options?: CallOptions) {
    return this.http.request('patch', '/auth/passkeys/{passkeyId}', { path: { passkeyId }, body: { name } }, options);
  }

  /** Removes a passkey (the password is asked again). */
  async removePasskey(passkeyId: string, password: string, options?: CallOptions): Promise<void> {
    await this.http.request('post', '/auth/passkeys/{passkeyId}/remove', { path: { passkeyId }, body: { password } }, options);
  }

  /** Requires (or stops requiring) a passkey after the password at sign-in. */
  setPasskeySecondFactor(enabled: boolean, password: string, options?: CallOptions) {
    return this.http.request('put', '/auth/passkeys/second-factor', { body: { enabled, password } }, options);
  }

  /** Request options for a usernameless passkey sign-in; pass them to navigator.credentials.get(). */
  passkeyLoginOptions(options?: CallOptions) {
    return this.http.request('post', '/auth/passkeys/login-options', {}, options);
  }

  /**
   * Signs in with a passkey's answer, to passkeyLoginOptions() or to the options a password login
   * was refused with (403, `details.reason` SECOND_FACTOR_REQUIRED). Keeps the token like login().
   */
  async loginWithPasskey(response: PasskeyAssertion, extra: { device?: DeviceReport } = {}, options?: CallOptions): Promise<Session> {
    return this.adopt(await this.http.request('post', '/auth/passkeys/login', { body: { response, ...extra } }, options));
  }
}
