// Publishable keys (`calos_pk_…`): a second kind of application key, meant to sit in a web page.
// It is public by design, so it is stored as it is (the owner can read it again) and carries no
// scopes: it works only on routes that opt in (`publishableKeyProcedure`), and only from the exact
// origins (scheme, host, port) listed on it. Named with the swiper's prefix because the swiper's
// embeddable widget brought it; it is the kernel's, for every extension.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('publishable_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('mode').notNullable();
    t.text('key').notNullable().unique();
    t.specificType('allowed_origins', 'text[]').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', ts);
    t.timestamp('revoked_at', ts);
    t.index(['application_id', 'created_at'], 'publishable_keys_application_idx');
  });
  await knex.raw(`ALTER TABLE publishable_keys ADD CONSTRAINT publishable_keys_mode_check CHECK (mode IN ('live', 'test'))`);
  await knex.raw(`ALTER TABLE publishable_keys ADD CONSTRAINT publishable_keys_origins_check CHECK (cardinality(allowed_origins) BETWEEN 1 AND 20)`);
  // The preflight asks "does any active key allow this origin?" without a key to look up.
  await knex.raw(`CREATE INDEX publishable_keys_origins_idx ON publishable_keys USING gin (allowed_origins) WHERE revoked_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('publishable_keys');
}
