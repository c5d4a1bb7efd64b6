// The context of one procedure call, built from what an HTTP request carries (headers, cookies,
// client address). The server builds it from Fastify's request and reply; the test harness builds
// it from the same kind of request description, through this same function, so a test's caller
// sees exactly what a request would (who is calling, Origin checks, cookie or bearer, key use).
import type { FastifyBaseLogger } from 'fastify';
import type { ProcedureMeta } from './openapi';
import type { Context, Platform, RequestInfo } from './trpc';

export const SESSION_COOKIE = 'calos_session';

/** What the context needs of an incoming request (a FastifyRequest is one). */
export interface IncomingRequest {
  id: string;
  method: string;
  ip: string;
  protocol: 'http' | 'https';
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
  log: FastifyBaseLogger;
}

/** What the context may do to the response: set or clear the session cookie, add headers. */
export interface ResponseControl {
  setSessionCookie(token: string, options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; expires: Date }): void;
  clearSessionCookie(): void;
  setHeaders(headers: Record<string, string>): void;
}

export function createRequestContext(
  platform: Platform,
  door: RequestInfo['door'],
  req: IncomingRequest,
  res: ResponseControl,
  metas: Map<string, ProcedureMeta>,
  noteApiKeyUse: RequestInfo['noteApiKeyUse'],
  noteUser?: RequestInfo['noteUser'],
): Context {
  const { config } = platform;
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const bearer = header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const host = header('host');
  const allowedOrigins = new Set(config.allowedOrigins);
  if (config.publicUrl) allowedOrigins.add(new URL(config.publicUrl).origin);
  if (host) {
    allowedOrigins.add(`http://${host}`);
    allowedOrigins.add(`https://${host}`);
  }
  const secure = req.protocol === 'https' || Boolean(config.publicUrl?.startsWith('https:'));
  return {
    platform,
    db: platform.db.knex,
    log: req.log,
    req: {
      door,
      requestId: req.id,
      method: req.method,
      ip: req.ip,
      userAgent: header('user-agent'),
      origin: header('origin'),
      allowedOrigins,
      bearer,
      cookieToken: req.cookies[SESSION_COOKIE] || undefined,
      setSessionCookie: (token, expiresAt) =>
        res.setSessionCookie(token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt }),
      clearSessionCookie: () => res.clearSessionCookie(),
      setHeaders: (headers) => res.setHeaders(headers),
      idempotencyKey: header('idempotency-key'),
      noteApiKeyUse,
      noteUser,
      locateField: (procedurePath, field) => {
        // A header's issue (Idempotency-Key) is already where it is, on either door.
        if (door === 'trpc' || field.startsWith('header.')) return field;
        const [first] = field.split('.');
        if (procedurePath && first && metas.get(procedurePath)?.pathParams.has(first)) return `path.${field}`;
        const where = req.method === 'GET' || req.method === 'DELETE' ? 'query' : 'body';
        return field ? `${where}.${field}` : where;
      },
    },
  };
}
