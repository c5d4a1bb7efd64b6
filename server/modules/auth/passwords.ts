// Password hashing with argon2id (@node-rs/argon2 defaults: m=19456 KiB, t=2, p=1, the OWASP
// parameters). Hashing is the most expensive thing a request does, so at most `concurrency` run
// at once: a login burst queues here instead of starving every other request of CPU.
import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Verifies against a hash; with `null` it spends the same time on a dummy hash and fails. */
  verify(storedHash: string | null, password: string): Promise<boolean>;
}

export async function createPasswordHasher(concurrency: number): Promise<PasswordHasher> {
  const gate = createGate(concurrency);
  // An unknown login must cost what a wrong password costs, so that timing tells nothing.
  const dummyHash = await hash('calos-dummy-password-for-timing');
  return {
    hash: (password) => gate(() => hash(password)),
    verify: (storedHash, password) =>
      gate(async () => {
        const ok = await verify(storedHash ?? dummyHash, password).catch(() => false);
        return ok && storedHash !== null;
      }),
  };
}

/** A counting semaphore: runs at most `limit` tasks at once, the rest in arrival order. */
export function createGate(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
