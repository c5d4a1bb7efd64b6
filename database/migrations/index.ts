// The migrations, listed explicitly so they load the same under tsx, Vitest and a bundle
// (knex's directory loader cannot import .ts under Vitest: notes/STACK.md P3). Append only. These
// are the kernel's; each extension lists its own, which run after these (server/extensions/loader.ts).
import type { Knex } from 'knex';
import * as identity from './20261125000001_identity';
import * as developerPlatform from './20261125000002_developer_platform';
import * as idempotencyKeys from './20261125000003_idempotency_keys';
import * as schedules from './20261125000004_schedules';
import * as progression from './20261125000007_progression';
import * as actions from './20261125000008_actions';
import * as loginSlowdown from './20261206000001_login_slowdown';
import * as testModeSandboxes from './20261206000004_test_mode_sandboxes';
import * as webhookLanes from './20261206000005_webhook_lanes';
import * as benefits from './20261207000001_benefits';
import * as extensions from './20261207000002_extensions';
import * as demoData from './20261207000100_demo_data';
import * as sandboxEventsIndex from './20261207000200_sandbox_events_index';
import * as publishableKeys from './swiper_20261208001001_publishable_keys';
import * as oidc from './20261208004001_oidc';
import * as email from './20261208004002_email';
import * as passkeys from './20261209003001_passkeys';

export const kernelMigrations: Record<string, Knex.Migration> = {
  '20261125000001_identity': identity,
  '20261125000002_developer_platform': developerPlatform,
  '20261125000003_idempotency_keys': idempotencyKeys,
  '20261125000004_schedules': schedules,
  '20261125000007_progression': progression,
  '20261125000008_actions': actions,
  '20261206000001_login_slowdown': loginSlowdown,
  '20261206000004_test_mode_sandboxes': testModeSandboxes,
  '20261206000005_webhook_lanes': webhookLanes,
  '20261207000001_benefits': benefits,
  '20261207000002_extensions': extensions,
  '20261207000100_demo_data': demoData,
  '20261207000200_sandbox_events_index': sandboxEventsIndex,
  swiper_20261208001001_publishable_keys: publishableKeys,
  '20261208004001_oidc': oidc,
  '20261208004002_email': email,
  '20261209003001_passkeys': passkeys,
};
