// Which database the test suite runs on, and where PostgreSQL is: CALOS_TEST_DB=pglite|postgres,
// TEST_DATABASE_URL (default: the local server with trust auth).
export const testDatabaseKind = (): 'pglite' | 'postgres' =>
  process.env.CALOS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export const testPostgresUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
