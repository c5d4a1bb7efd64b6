// The markets tables: symbols, sources (polled adapters and pushed feeds) with their health, trades
// (prices and sizes as exact numerics, unique per source, symbol and trade id), each source's latest
// quote per symbol (the consensus reads these), paper trades, and the candles whose close was announced.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('markets_symbols', (t) => {
    t.increments('id').primary();
    t.text('code').notNullable().unique();
    t.text('name').notNullable().defaultTo('');
    // 'crypto' trades around the clock (UTC days); 'stock' trades on its exchange's days.
    t.text('asset_class').notNullable().defaultTo('crypto');
    t.text('exchange');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('markets_sources', (t) => {
    t.text('code').primary();
    // 'push' for sources that post trades; else the adapter's id.
    t.text('kind').notNullable();
    t.timestamp('last_success_at', { useTz: true });
    t.timestamp('last_attempt_at', { useTz: true });
    t.text('last_error');
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('next_poll_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('markets_trades', (t) => {
    t.bigIncrements('seq').primary();
    t.integer('symbol_id').notNullable().references('markets_symbols.id');
    t.text('source').notNullable().references('markets_sources.code');
    t.text('trade_id').notNullable();
    // How trade ids sort within a millisecond: integers by value, other ids by their bytes.
    t.text('ord').notNullable();
    t.bigInteger('ts').notNullable();
    t.decimal('price', null).notNullable();
    t.decimal('size', null).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['source', 'symbol_id', 'trade_id']);
    t.index(['symbol_id', 'ts']);
  });
  await knex.schema.createTable('markets_quotes', (t) => {
    t.integer('symbol_id').notNullable().references('markets_symbols.id');
    t.text('source').notNullable().references('markets_sources.code');
    t.decimal('price', null).notNullable();
    t.bigInteger('ts').notNullable();
    t.primary(['symbol_id', 'source']);
  });
  await knex.schema.createTable('markets_price_events', (t) => {
    t.integer('symbol_id').primary().references('markets_symbols.id');
    t.timestamp('emitted_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('markets_closed_candles', (t) => {
    t.integer('symbol_id').notNullable().references('markets_symbols.id');
    t.text('interval').notNullable();
    t.bigInteger('t').notNullable();
    t.primary(['symbol_id', 'interval', 't']);
  });
  await knex.schema.createTable('markets_paper_trades', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('symbol').notNullable();
    t.text('side').notNullable();
    t.decimal('size', null).notNullable();
    t.decimal('price', null).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['markets_paper_trades', 'markets_closed_candles', 'markets_price_events', 'markets_quotes', 'markets_trades', 'markets_sources', 'markets_symbols']) {
    await knex.schema.dropTableIfExists(table);
  }
}
