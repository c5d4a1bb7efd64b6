// Configuration: defaults, parsing, and start-up errors that name the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

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
