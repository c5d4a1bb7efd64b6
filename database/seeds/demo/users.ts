// The demo's synthetic population: a few dozen players and one organiser, marked `synthetic`, with
// addresses in the reserved .invalid domain and no usable password (no one can sign in as them).
import type { Knex } from 'knex';
import type { DemoUser } from './context';
import { daysBefore } from './context';
import type { Random } from './random';

/** Where synthetic accounts' addresses live: a reserved domain that never resolves or receives mail. */
export const SYNTHETIC_EMAIL_DOMAIN = 'synthetic.calos.invalid';
export const SYNTHETIC_PLAYERS = 36;
/** The synthetic account that runs the demo's leagues and campaigns. */
export const ORGANISER = 'calos_organiser';

// No argon2 hash parses this, so every password is refused for these accounts.
const NO_PASSWORD = '!synthetic: no password';

const ADJECTIVES = [
  'amber', 'brisk', 'calm', 'daring', 'eager', 'fuzzy', 'gentle', 'happy', 'icy', 'jolly', 'keen', 'lucky',
  'mellow', 'nimble', 'odd', 'proud', 'quiet', 'rapid', 'sunny', 'tidy', 'upbeat', 'vivid', 'witty', 'zesty',
];
const ANIMALS = [
  'otter', 'heron', 'fox', 'lynx', 'panda', 'gecko', 'bison', 'koala', 'raven', 'tapir', 'walrus', 'yak',
  'badger', 'ibis', 'marten', 'newt', 'orca', 'puffin', 'quokka', 'stoat', 'toucan', 'vole', 'wombat', 'zebu',
];
const ZONES = [
  null, 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'America/Sao_Paulo',
  'Asia/Kolkata', 'Australia/Sydney', 'Africa/Lagos', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Singapore',
];

/** The players' usernames: distinct adjective_animal pairs, the same on every machine. */
export function playerNames(random: Random): string[] {
  const names = new Set<string>();
  while (names.size < SYNTHETIC_PLAYERS) names.add(`${random.pick(ADJECTIVES)}_${random.pick(ANIMALS)}`);
  return [...names];
}

/** Creates the synthetic accounts (signed up between 40 and 90 days ago); returns players and organiser. */
export async function createSyntheticUsers(trx: Knex.Transaction, now: Date, random: Random): Promise<{ players: DemoUser[]; organiser: DemoUser }> {
  const rows = [ORGANISER, ...playerNames(random)].map((username) => ({
    id: random.uuid(),
    username,
    email: `${username}@${SYNTHETIC_EMAIL_DOMAIN}`,
    password_hash: NO_PASSWORD,
    role: 'user',
    synthetic: true,
    timezone: random.pick(ZONES),
    created_at: daysBefore(now, random.int(40, 90) + random.next()),
  }));
  // A name already taken (someone signed up as it) keeps its owner: that player is left out.
  const inserted = (await trx('users').insert(rows).onConflict().ignore().returning(['id', 'username'])) as DemoUser[];
  const byName = new Map(inserted.map((u) => [u.username, u]));
  const players = rows.slice(1).flatMap((r) => byName.get(r.username) ?? []);
  return { players, organiser: byName.get(ORGANISER) ?? players[0]! };
}
