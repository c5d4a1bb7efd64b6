// Configuration: defaults, parsing, and start-up errors that name the variable.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, loadEnvFile } from './config';

describe('loadConfig', () => {
  it('has working defaults for the embedded set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 5001, host: '127.0.0.1', databaseUrl: undefined, dataDir: './data', seedDemo: true });
  });

  it('turns demo accounts off by default on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).seedDemo).toBe(false);
  });

  it('takes PostgreSQL connection strings with a host or a local socket, and refuses others', () => {
    for (const url of [
      'postgres://calos:secret@db.internal:5432/calos',
      'postgresql://calos@localhost/calos?sslmode=require',
      'postgresql:///calos?host=/var/run/postgresql',
      'postgres://calos@/calos?host=/run/postgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl, url).toBe(url);
    }
    for (const url of ['mysql://x@localhost/db', 'localhost:5432', 'postgres://x@[::1/db']) {
      expect(() => loadConfig({ DATABASE_URL: url }), url).toThrow(/DATABASE_URL/);
    }
  });

  it('names every bad variable', () => {
    const load = () => loadConfig({ PORT: 'eighty', CALOS_JWT_SECRET: 'short' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT/);
    expect(load).toThrow(/CALOS_JWT_SECRET: must be at least 32 characters/);
  });

  it('reads CALOS_METRICS_ADDRESS as host:port, IPv6 in brackets, and closes /metrics in production', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, address: undefined, requireToken: false });
    expect(loadConfig({ CALOS_METRICS_ADDRESS: '10.0.0.5:9464' }).metrics.address).toEqual({ host: '10.0.0.5', port: 9464 });
    expect(loadConfig({ CALOS_METRICS_ADDRESS: '[::1]:9464' }).metrics.address).toEqual({ host: '::1', port: 9464 });
    expect(loadConfig({ CALOS_METRICS_ADDRESS: 'metrics.internal:0' }).metrics.address).toEqual({ host: 'metrics.internal', port: 0 });
    for (const bad of ['9464', 'localhost', ':9464', 'host:99999', '::1:9464', 'a b:1']) {
      expect(() => loadConfig({ CALOS_METRICS_ADDRESS: bad }), bad).toThrow(/CALOS_METRICS_ADDRESS/);
    }
    expect(loadConfig({ NODE_ENV: 'production', CALOS_COUPON_SECRET: 'x'.repeat(32) }).metrics.requireToken).toBe(true);
  });

  it('holds the admin account to the same rules as any account', () => {
    expect(() => loadConfig({ CALOS_ADMIN_USERNAME: 'root', CALOS_ADMIN_EMAIL: 'root@x.io', CALOS_ADMIN_PASSWORD: 'short' })).toThrow(
      /CALOS_ADMIN_PASSWORD: must be at least 10 characters/,
    );
  });

  it('wants all three admin variables or none', () => {
    expect(() => loadConfig({ CALOS_ADMIN_USERNAME: 'root' })).toThrow(/must be set together/);
    expect(loadConfig({ CALOS_ADMIN_USERNAME: 'root', CALOS_ADMIN_EMAIL: 'root@x.io', CALOS_ADMIN_PASSWORD: 'a long password' }).admin).toEqual({
      username: 'root',
      email: 'root@x.io',
      password: 'a long password',
    });
  });
});

describe('the seed deployment variables', () => {
  it('builds DATABASE_URL from DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD (the seed Compose file)', () => {
    expect(loadConfig({ DB_HOST: 'postgres', DB_NAME: 'calos', DB_USER: 'calos', DB_PASSWORD: 'secret' }).databaseUrl).toBe('postgresql://calos:secret@postgres:5432/calos');
    expect(loadConfig({ DB_HOST: 'db.internal', DB_PORT: '6432', DB_NAME: 'game', DB_USER: 'app', DB_PASSWORD: 'p@ss:w/rd#1' }).databaseUrl).toBe(
      'postgresql://app:p%40ss%3Aw%2Frd%231@db.internal:6432/game',
    );
  });

  it('sends no password when DB_PASSWORD is empty or absent (trust or peer authentication)', () => {
    expect(loadConfig({ DB_HOST: '127.0.0.1', DB_NAME: 'calos', DB_USER: 'root', DB_PASSWORD: '' }).databaseUrl).toBe('postgresql://root@127.0.0.1:5432/calos');
    expect(loadConfig({ DB_NAME: 'calos' }).databaseUrl).toBe('postgresql:///calos?host=%2Fvar%2Frun%2Fpostgresql');
    expect(loadConfig({ DB_HOST: '/tmp/pg', DB_PORT: '5433', DB_USER: 'me' }).databaseUrl).toBe('postgresql://me@/calos?host=%2Ftmp%2Fpg&port=5433');
    expect(loadConfig({ DB_HOST: '::1', DB_NAME: 'calos' }).databaseUrl).toBe('postgresql://[::1]:5432/calos');
  });

  it('lets DATABASE_URL win, and uses the embedded database when neither is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c', DB_HOST: 'postgres', DB_NAME: 'calos' }).databaseUrl).toBe('postgres://a@b/c');
    const embedded = loadConfig({});
    expect(embedded.databaseUrl).toBeUndefined();
    expect(embedded.seedDemo).toBe(true);
    expect(loadConfig({ DB_HOST: 'postgres', DB_NAME: 'calos' }).seedDemo).toBe(false);
  });

  it('refuses a part that would be dropped or misread, naming it', () => {
    expect(() => loadConfig({ DB_PASSWORD: 'only a password' })).toThrow(/DB_PASSWORD: is set without DB_HOST/);
    expect(() => loadConfig({ DB_PORT: '5433' })).toThrow(/DB_PORT: is set without DB_HOST/);
    expect(() => loadConfig({ DB_HOST: 'db', DB_PASSWORD: 'secret' })).toThrow(/DB_PASSWORD: needs DB_USER/);
    for (const host of ['db:5433', 'my db', 'evil.com/other', 'db#frag', 'db?sslmode=disable&host=/tmp']) {
      expect(() => loadConfig({ DB_HOST: host, DB_NAME: 'calos' }), host).toThrow(/DB_HOST: must be a host name/);
    }
    expect(() => loadConfig({ DB_HOST: 'db', DB_NAME: 'a/b' })).toThrow(/DB_NAME: must not contain/);
    expect(loadConfig({ DB_HOST: '2001:db8::1', DB_NAME: 'calos' }).databaseUrl).toBe('postgresql://[2001:db8::1]:5432/calos');
  });

  it('names DB_PORT when it is not a port', () => {
    expect(() => loadConfig({ DB_HOST: 'postgres', DB_PORT: 'five' })).toThrow(/DB_PORT/);
    expect(() => loadConfig({ DB_HOST: 'postgres', DB_PORT: '70000' })).toThrow(ConfigError);
  });
});

describe('loadEnvFile', () => {
  const write = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-env-'));
    fs.writeFileSync(path.join(dir, '.env'), text);
    return path.join(dir, '.env');
  };

  it('reads KEY=value lines, quotes and comments, and the process environment wins', () => {
    const file = write('# the seed: cp .env.example .env\nPORT=6001\nDB_HOST=postgres\nDB_USER=calos\nDB_PASSWORD="s3cret # not a comment"\nLOG_LEVEL=debug\nEMPTY=\n');
    const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn' };
    expect(loadEnvFile(file, env).sort()).toEqual(['DB_HOST', 'DB_PASSWORD', 'DB_USER', 'EMPTY', 'PORT']);
    expect(env).toMatchObject({ PORT: '6001', DB_HOST: 'postgres', DB_PASSWORD: 's3cret # not a comment', LOG_LEVEL: 'warn', EMPTY: '' });
    const config = loadConfig(env);
    expect([config.port, config.logLevel, config.databaseUrl]).toEqual([6001, 'warn', 'postgresql://calos:s3cret%20%23%20not%20a%20comment@postgres:5432/calos']);
  });

  it('reads a file saved with a byte-order mark', () => {
    const env: Record<string, string | undefined> = {};
    loadEnvFile(write('\uFEFFPORT=6002\n'), env);
    expect(env).toEqual({ PORT: '6002' });
  });

  it('sets nothing when there is no .env', () => {
    const env: Record<string, string | undefined> = {};
    expect(loadEnvFile(path.join(os.tmpdir(), 'no-such-dir-calos', '.env'), env)).toEqual([]);
    expect(env).toEqual({});
  });
});
