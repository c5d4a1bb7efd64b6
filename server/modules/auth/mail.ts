// Outgoing mail: queued on the job queue (pg-boss) and sent over SMTP by nodemailer from a worker,
// with retries (a mail server that is down delays a mail, it does not lose it or fail the request
// that caused it). Without CALOS_SMTP_URL a mail is written to the log instead (development).
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { JobQueue } from '../../jobs';

export const MAIL_QUEUE = 'calos-mail';
/** Retries of a mail that could not be sent (CALOS_MAIL_RETRY_LIMIT, CALOS_MAIL_RETRY_DELAY_SECONDS), with backoff. */
export interface MailRetry {
  retryLimit: number;
  retryDelaySeconds: number;
}
export const mailQueueOptions = (retry: MailRetry) => ({ name: MAIL_QUEUE, retryLimit: retry.retryLimit, retryDelay: retry.retryDelaySeconds, retryBackoff: true });

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Queues a mail; it is sent by a worker, retried on failure. */
  send(message: MailMessage): Promise<void>;
}

export function createMailer(queue: JobQueue, retry: MailRetry): Mailer {
  return {
    async send(message) {
      await queue.send(MAIL_QUEUE, message, { retryLimit: retry.retryLimit, retryDelay: retry.retryDelaySeconds, retryBackoff: true });
    },
  };
}

/** The worker: one SMTP transport (pooled connections) for every mail of this instance. */
export async function startMailWorker(queue: JobQueue, config: { smtpUrl: string | undefined; from: string }, log: Logger): Promise<string> {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return queue.work<MailMessage>(MAIL_QUEUE, async (jobs) => {
    for (const job of jobs) {
      const { to, subject, text } = job.data;
      if (!transport) {
        log.info({ to, subject, text }, 'mail (CALOS_SMTP_URL is not set: logged, not sent)');
        continue;
      }
      // A failure throws: pg-boss retries the job with backoff.
      await transport.sendMail({ from: config.from, to, subject, text });
    }
  });
}
