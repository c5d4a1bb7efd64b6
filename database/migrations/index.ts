// The migrations, listed explicitly so they load the same under tsx, Vitest and a bundle
// (knex's directory loader cannot import .ts under Vitest: notes/STACK.md P3). Append only.
import type { Knex } from 'knex';
import * as identity from './20261125000001_identity';
import * as developerPlatform from './20261125000002_developer_platform';
import * as mailer from './20261125000005_mailer';

export const migrations: Record<string, Knex.Migration> = {
  '20261125000001_identity': identity,
  '20261125000002_developer_platform': developerPlatform,
  '20261125000005_mailer': mailer,
};
