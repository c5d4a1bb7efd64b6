// A mail queued while the SMTP server is down is not lost: the job queue retries it (here after 1 s,
// CALOS_MAIL_RETRY_DELAY_SECONDS) and it is delivered, once, when the server is back.
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import { startSmtpServer } from '../../testing/smtp';

let t: TestApp;
let port: number;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

beforeAll(async () => {
  // A port nothing listens on: the mail server is down.
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  t = await createTestApp({ CALOS_SMTP_URL: `smtp://127.0.0.1:${port}`, CALOS_MAIL_RETRY_DELAY_SECONDS: '1', CALOS_MAIL_RETRY_LIMIT: '8' });
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp?.close();
});

const jobOf = async (email: string) =>
  (await t.db.knex.raw(`SELECT state, retry_count FROM pgboss.job WHERE name = 'calos-mail' AND data->>'to' = ?`, [email])).rows as Array<{
    state: string;
    retry_count: number;
  }>;

it('retries a mail while the SMTP server is down and delivers it once it is up', async () => {
  const { account } = await signUp(t);
  // The first attempt fails (connection refused) and the job waits for its retry.
  await expect.poll(async () => (await jobOf(account.email))[0]?.retry_count ?? 0, { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(1);
  expect((await jobOf(account.email))[0]!.state).not.toBe('completed');
  expect(smtp).toBeUndefined();
  smtp = await startSmtpServer(port);
  const mail = await smtp.waitFor(account.email, /verify-email/, 30_000);
  expect(mail.text).toContain('Confirm that this address is yours');
  await expect.poll(async () => (await jobOf(account.email))[0]?.state, { timeout: 10_000, interval: 200 }).toBe('completed');
  expect(smtp.mails.filter((m) => m.to.includes(account.email))).toHaveLength(1);
}, 60_000);
