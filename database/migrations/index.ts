// The migrations, listed explicitly so they load the same under tsx, Vitest and a bundle
// (knex's directory loader cannot import .ts under Vitest: notes/STACK.md P3). Append only.
import type { Knex } from 'knex';
import * as identity from './20261125000001_identity';
import * as developerPlatform from './20261125000002_developer_platform';
import * as idempotencyKeys from './20261125000003_idempotency_keys';
import * as schedules from './20261125000004_schedules';
import * as mailer from './20261125000005_mailer';
import * as leagues from './20261125000006_leagues';
import * as progression from './20261125000007_progression';
import * as actions from './20261125000008_actions';
import * as loginSlowdown from './20261206000001_login_slowdown';
import * as couponCodeOwners from './20261206000002_coupon_code_owners';
import * as leagueFarmingLimits from './20261206000003_league_farming_limits';
import * as testModeSandboxes from './20261206000004_test_mode_sandboxes';
import * as webhookLanes from './20261206000005_webhook_lanes';
import * as sandboxEventsIndex from './20261207000200_sandbox_events_index';

export const migrations: Record<string, Knex.Migration> = {
  '20261125000001_identity': identity,
  '20261125000002_developer_platform': developerPlatform,
  '20261125000003_idempotency_keys': idempotencyKeys,
  '20261125000004_schedules': schedules,
  '20261125000005_mailer': mailer,
  '20261125000006_leagues': leagues,
  '20261125000007_progression': progression,
  '20261125000008_actions': actions,
  '20261206000001_login_slowdown': loginSlowdown,
  '20261206000002_coupon_code_owners': couponCodeOwners,
  '20261206000003_league_farming_limits': leagueFarmingLimits,
  '20261206000004_test_mode_sandboxes': testModeSandboxes,
  '20261206000005_webhook_lanes': webhookLanes,
  '20261207000200_sandbox_events_index': sandboxEventsIndex,
};
