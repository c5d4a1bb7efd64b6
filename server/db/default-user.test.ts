import { describe, expect, it } from 'vitest';
import { defaultDatabaseUser } from './index';

describe('defaultDatabaseUser (a connection string without a user, as libpq reads it)', () => {
  const os = () => 'calos-os-user';

  it('is the operating-system user when neither PGUSER nor USER is set', () => {
    expect(defaultDatabaseUser({}, os)).toBe('calos-os-user');
  });

  it("leaves node-postgres's default when PGUSER or USER names one", () => {
    expect(defaultDatabaseUser({ PGUSER: 'calos' }, os)).toBeUndefined();
    expect(defaultDatabaseUser({ USER: 'deploy' }, os)).toBeUndefined();
  });

  it('leaves it unset when the uid has no user name', () => {
    expect(
      defaultDatabaseUser({}, () => {
        throw new Error('ENOENT: no passwd entry');
      }),
    ).toBeUndefined();
    expect(defaultDatabaseUser({}, () => '')).toBeUndefined();
  });
});
