// A campaign's redemption counter, spread over slot rows so that redemptions of distinct codes of
// one campaign do not queue on one row. Each campaign has SLOTS rows (fewer when its budget is
// smaller); with a budget, the budget is split over them as caps (cap = NULL: no budget), and a
// redemption raises the `used` of one slot that still has room, under that slot's row lock only.
//
// Exactness, on PostgreSQL in READ COMMITTED (every kernel transaction):
// - Never past the budget: a slot is raised only while `used < cap` on its newest committed version
//   (FOR UPDATE re-reads a row changed since the statement's snapshot and re-checks the condition),
//   the CHECK (used <= cap) is the last guard, and the caps add up to the budget.
// - Never refused while budget remains: the first try skips slots that other redemptions hold
//   (SKIP LOCKED), so parallel redeemers spread over the slots without waiting. Finding none is not
//   an answer (a held slot may yet be released by a rollback), so a second try waits for the locks:
//   it visits every slot that had room in its snapshot, waits for each one held, and re-checks it
//   once released; a slot that was full in the snapshot stays full (`used` never goes down). Only
//   when every slot is full is the redemption refused. A transaction holds at most one slot and
//   takes it after the code row, so the waits cannot form a cycle.
import type { Tx } from '../../../server/extensions/api';

export const SLOTS = 32;

/** The slot rows of a new campaign: its budget split as evenly as it goes (the first slots get the remainder). */
export async function createBudgetSlots(tx: Tx, campaignId: string, maxRedemptions: number | null) {
  const count = maxRedemptions === null ? SLOTS : Math.min(SLOTS, maxRedemptions);
  const rows = Array.from({ length: count }, (_, slot) => ({
    campaign_id: campaignId,
    slot,
    cap: maxRedemptions === null ? null : Math.floor(maxRedemptions / count) + (slot < maxRedemptions % count ? 1 : 0),
  }));
  await tx('mailer_budget_slots').insert(rows);
}

const claim = (wait: boolean) => `
  UPDATE mailer_budget_slots SET used = used + 1
   WHERE campaign_id = ? AND (cap IS NULL OR used < cap) AND slot = (
     SELECT slot FROM mailer_budget_slots WHERE campaign_id = ? AND (cap IS NULL OR used < cap)
      ORDER BY random() LIMIT 1 FOR UPDATE${wait ? '' : ' SKIP LOCKED'})
  RETURNING slot`;

/** One redemption counted against the campaign: true, or false when its budget is spent. */
export async function claimBudgetSlot(tx: Tx, campaignId: string): Promise<boolean> {
  for (const wait of [false, true]) {
    const claimed = await tx.raw(claim(wait), [campaignId, campaignId]);
    if ((claimed.rows as unknown[]).length) return true;
  }
  return false;
}

/** The campaign's redemptions so far, as a column expression for a query on mailer_campaigns. */
export const redemptionsCountColumn = (table: string) =>
  `(SELECT coalesce(sum(used), 0)::int FROM mailer_budget_slots WHERE campaign_id = ${table}.id) AS redemptions_count`;
