// Assembles the long-lived services from a config and a migrated database; shared by main.ts and
// the tests, so both run the same wiring.
import type { Config } from './config';
import type { Database } from './db/index';
import { createPasswordHasher } from './modules/auth/passwords';
import { createTokenSigner, loadSigningSecret } from './modules/auth/tokens';
import type { AuthKit } from './modules/auth/service';

export async function createAuthKit(config: Config, db: Database): Promise<AuthKit> {
  const secret = await loadSigningSecret(db.knex, config.jwtSecret);
  return {
    passwords: await createPasswordHasher(config.argon2Concurrency),
    tokens: createTokenSigner(secret, config.tokenTtlSeconds),
    sessionTtlDays: config.sessionTtlDays,
    loginThrottle: config.loginThrottle,
  };
}
