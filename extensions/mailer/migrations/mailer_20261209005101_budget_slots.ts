// The campaign redemption counter moves from one column of the campaign row (which every
// redemption locked, so redemptions of one campaign ran one at a time) to slot rows, each a share of
// the budget (server/budget-slots.ts). Existing campaigns keep their counts: slot 0 carries the
// redemptions so far, and what is left of the budget is split over the slots.
import type { Knex } from 'knex';

const SLOTS = 32;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mailer_budget_slots', (t) => {
    t.uuid('campaign_id').notNullable().references('mailer_campaigns.id').onDelete('CASCADE');
    t.smallint('slot').notNullable();
    // NULL: the campaign has no budget (the slot only counts).
    t.integer('cap');
    t.integer('used').notNullable().defaultTo(0);
    t.primary(['campaign_id', 'slot']);
  });
  await knex.raw(
    `ALTER TABLE mailer_budget_slots ADD CONSTRAINT mailer_budget_slots_used_check CHECK (used >= 0 AND (cap IS NULL OR used <= cap))`,
  );
  await knex.raw(
    `INSERT INTO mailer_budget_slots (campaign_id, slot, cap, used)
     SELECT m.id, s,
            CASE WHEN m.max_redemptions IS NULL THEN NULL
                 ELSE (CASE WHEN s = 0 THEN m.redemptions_count ELSE 0 END) + x.left_over / x.n + (CASE WHEN s < x.left_over % x.n THEN 1 ELSE 0 END) END,
            CASE WHEN s = 0 THEN m.redemptions_count ELSE 0 END
       FROM mailer_campaigns m,
            LATERAL (SELECT coalesce(m.max_redemptions - m.redemptions_count, 0) AS left_over,
                            CASE WHEN m.max_redemptions IS NULL THEN ${SLOTS}
                                 ELSE least(${SLOTS}, greatest(1, m.max_redemptions - m.redemptions_count)) END AS n) x,
            generate_series(0, x.n - 1) s`,
  );
  await knex.raw('ALTER TABLE mailer_campaigns DROP CONSTRAINT mailer_campaigns_budget_check');
  await knex.schema.alterTable('mailer_campaigns', (t) => t.dropColumn('redemptions_count'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('mailer_campaigns', (t) => t.integer('redemptions_count').notNullable().defaultTo(0));
  await knex.raw(
    `UPDATE mailer_campaigns m SET redemptions_count = (SELECT coalesce(sum(used), 0) FROM mailer_budget_slots WHERE campaign_id = m.id)`,
  );
  await knex.raw(
    `ALTER TABLE mailer_campaigns ADD CONSTRAINT mailer_campaigns_budget_check
       CHECK (max_redemptions IS NULL OR redemptions_count <= max_redemptions)`,
  );
  await knex.schema.dropTable('mailer_budget_slots');
}
