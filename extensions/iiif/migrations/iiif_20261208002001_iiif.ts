// The IIIF extension's tables: images (originals kept in the database, so every instance sees
// them), their pyramid tiles, manifests and collections with their canvases, and annotations.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('iiif_images', (t) => {
    t.text('id').primary(); // the IIIF identifier, URL-safe (checked before it gets here)
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.text('format').notNullable(); // png, jpeg, webp, tiff: read from the bytes
    t.bigInteger('byte_size').notNullable();
    t.text('sha256').notNullable();
    t.binary('original').notNullable();
    t.text('pyramid_state').notNullable().defaultTo('pending'); // pending, ready, failed
    t.integer('pyramid_tiles').notNullable().defaultTo(0);
    t.uuid('created_by').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('iiif_tiles', (t) => {
    t.text('image_id').notNullable().references('id').inTable('iiif_images').onDelete('CASCADE');
    t.text('canonical').notNullable(); // region/size/rotation/quality.format
    t.binary('bytes').notNullable();
    t.primary(['image_id', 'canonical']);
  });
  await knex.schema.createTable('iiif_manifests', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable(); // manifest or collection
    t.text('label').notNullable();
    t.text('summary').nullable();
    t.uuid('created_by').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at', 'id']);
  });
  await knex.schema.createTable('iiif_canvases', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('manifest_id').notNullable().references('id').inTable('iiif_manifests').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('image_id').notNullable().references('id').inTable('iiif_images');
    t.text('label').notNullable();
    t.unique(['manifest_id', 'position']);
  });
  await knex.schema.createTable('iiif_collection_items', (t) => {
    t.uuid('collection_id').notNullable().references('id').inTable('iiif_manifests').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.uuid('item_id').notNullable().references('id').inTable('iiif_manifests').onDelete('CASCADE');
    t.primary(['collection_id', 'position']);
  });
  await knex.schema.createTable('iiif_annotations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('canvas_id').notNullable().references('id').inTable('iiif_canvases').onDelete('CASCADE');
    t.uuid('author_id').notNullable();
    t.text('motivation').notNullable();
    t.text('body').notNullable();
    t.integer('x').notNullable();
    t.integer('y').notNullable();
    t.integer('w').notNullable();
    t.integer('h').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['canvas_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['iiif_annotations', 'iiif_collection_items', 'iiif_canvases', 'iiif_manifests', 'iiif_tiles', 'iiif_images']) {
    await knex.schema.dropTableIfExists(table);
  }
}
