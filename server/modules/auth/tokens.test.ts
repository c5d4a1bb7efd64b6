// Session tokens: what the synchronous signer produces is a standard HS256 JWT that jose (and so
// any JWT library) accepts with the same key, and nothing else passes verification.
import { describe, expect, it } from 'vitest';
import { SignJWT, jwtVerify } from 'jose';
import { createTokenSigner } from './tokens';

const secret = new TextEncoder().encode('a test secret of enough length for HS256');
const userId = '2b1e4c1e-0d8e-4c36-9a53-0c1c5f1f8f11';
const sessionId = '7f7f0a6e-3a4f-4b8e-9a0c-6f0e2f1d2c3b';

describe('tokens', () => {
  it('signs an HS256 JWT with the claims jose expects, and verifies it back', async () => {
    const signer = createTokenSigner(secret, 600);
    const { token, expiresAt } = await signer.sign(userId, sessionId);
    const { payload, protectedHeader } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: 'calos', audience: 'calos' });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: userId, sid: sessionId, iss: 'calos', aud: 'calos' });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);
    expect(await signer.verify(token)).toEqual({ userId, sessionId, issuedAt: payload.iat, expiresAt });
  });

  it('accepts a token jose signed with the same key (tokens from before this signer stay valid)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer('calos')
      .setAudience('calos')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(secret);
    expect(await createTokenSigner(secret, 600).verify(token)).toMatchObject({ userId, sessionId });
  });

  it('refuses another key, a changed payload and an expired token', async () => {
    const signer = createTokenSigner(secret, 600);
    const { token } = await signer.sign(userId, sessionId);
    const other = createTokenSigner(new TextEncoder().encode('another secret of enough length too'), 600);
    expect(await other.verify(token)).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sid: sessionId, sub: 'someone-else', iss: 'calos', aud: 'calos', iat: 1, exp: 4102444800 })).toString('base64url');
    expect(await signer.verify(`${header}.${forged}.${signature}`)).toBeNull();
    const expired = await createTokenSigner(secret, -10).sign(userId, sessionId);
    expect(await signer.verify(expired.token)).toBeNull();
  });
});
