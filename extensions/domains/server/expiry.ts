// Expiry reminders: a daily job (queue ext-domains-expiry, 06:15 UTC) emits domain.expiring for each
// name whose registry expiry (from RDAP) lies within 30 or 7 days. Each reminder is a row keyed by
// name, threshold and expiry date, inserted in the transaction that emits the event: two instances
// running the check at once, or the same day twice, send it once; a renewal (a new expiry date)
// reminds again. A name first seen inside 7 days gets the 7-day reminder only (the 30-day one is
// marked as passed).
import type { JobDefinition, Kernel } from '../../../server/extensions/api';
import { domainExpiring } from './events';
import { toUnicodeName } from './names';

export const THRESHOLDS = [30, 7] as const;
const DAY = 86_400_000;

export async function remindExpiring(kernel: Kernel, now = new Date()): Promise<number> {
  const due = (await kernel.db('domains_domains')
    .where('expires_at', '>', now)
    .where('expires_at', '<=', new Date(now.getTime() + Math.max(...THRESHOLDS) * DAY))
    .select('id', 'owner_id', 'name', 'expires_at')) as Array<{ id: string; owner_id: string; name: string; expires_at: Date }>;
  let sent = 0;
  for (const domain of due) {
    const left = domain.expires_at.getTime() - now.getTime();
    const reached = THRESHOLDS.filter((days) => left <= days * DAY);
    const nearest = Math.min(...reached);
    sent += await kernel.transaction(async (tx) => {
      const inserted = (await tx('domains_reminders')
        .insert(reached.map((days) => ({ domain_id: domain.id, days, expires_at: domain.expires_at })))
        .onConflict(['domain_id', 'days', 'expires_at'])
        .ignore()
        .returning('days')) as Array<{ days: number }>;
      if (!inserted.some((r) => r.days === nearest)) return 0;
      await kernel.events.emit(tx, {
        event: domainExpiring,
        data: { domainId: domain.id, name: toUnicodeName(domain.name), asciiName: domain.name, ownerId: domain.owner_id, expiresAt: domain.expires_at.toISOString(), daysBefore: nearest },
        mode: 'live',
        userId: domain.owner_id,
      });
      return 1;
    });
  }
  return sent;
}

export const expiryJob: JobDefinition = {
  name: 'expiry',
  schedule: '15 6 * * *',
  async run(kernel) {
    const sent = await remindExpiring(kernel);
    kernel.log.info({ sent }, 'domain expiry reminders');
  },
};
