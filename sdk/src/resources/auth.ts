// calos.auth: accounts, sessions, devices, alerts and age checks (/api/auth/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Session = Result<'/auth/login', 'post'>;
export type Registration = Result<'/auth/register', 'post'>;
export type DeviceReport = NonNullable<Body<'/auth/login', 'post'>>['device'];

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
}
