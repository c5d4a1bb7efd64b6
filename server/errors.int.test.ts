// An unexpected failure answers a bare INTERNAL error and logs what an operator needs, without a
// stack trace, SQL text or a secret, in the response or in the log.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newAccount, type TestApp } from './testing/harness';
import type { Database } from './db/index';
import type { FastifyInstance } from 'fastify';

let t: TestApp;
let db: Database;
let app: FastifyInstance;
const logLines: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream });
  ({ db, app } = t);
});
afterAll(async () => {
  await t.close();
});

describe('internal errors', () => {
  it('answer 500 INTERNAL with no details, and log the SQLSTATE but no SQL, stack or secret', async () => {
    const account = newAccount({ password: 'my secret password 123' });
    const registered = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(account),
    });
    const token = registered.json().token as string;
    await db.knex.raw('ALTER TABLE user_sessions RENAME TO user_sessions_gone');
    try {
      const res = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: 'Something went wrong on our side.', details: {}, requestId: expect.any(String) },
      });
      const trpc = await app.inject({ method: 'GET', url: '/trpc/auth.session', headers: { authorization: `Bearer ${token}` } });
      expect(trpc.statusCode).toBe(500);
      expect(trpc.body).not.toMatch(/user_sessions|select|stack|\.ts:/i);
    } finally {
      await db.knex.raw('ALTER TABLE user_sessions_gone RENAME TO user_sessions');
    }
    const errorLines = logLines.filter((l) => l.includes('procedure failed'));
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines[0]).toContain('"sqlState":"42P01"');
    const everything = logLines.join('\n');
    expect(everything).not.toMatch(/select |from "?user_sessions|\n\s+at |\.ts:\d+/i);
    expect(everything).not.toContain(account.password);
    expect(everything).not.toContain(token);
  });
});
