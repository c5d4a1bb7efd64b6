// Checks the deployment files with what runs on these machines (no container engine): the
// Dockerfile's stages and rules, .dockerignore, compose.yaml (parsed) and the nginx config, and
// `docker compose config` where the compose plugin is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../server/config';
import { mailerSettings } from '../extensions/mailer/settings';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Dockerfile instructions with continuation lines joined, comments dropped. */
function instructions(text: string): Array<{ op: string; args: string }> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile', () => {
  const steps = instructions(read('Dockerfile'));
  const stages = steps.filter((s) => s.op === 'FROM');
  const runtimeStart = steps.lastIndexOf(stages.at(-1)!);
  const runtime = steps.slice(runtimeStart);

  it('is multi-stage on Node 24 (LTS), and the runtime stage installs production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.args).toMatch(/^node:24[-.\w]*( AS \w+)?$/i);
    const installs = steps.filter((s) => s.op === 'RUN' && s.args.includes('npm ci'));
    expect(installs.some((s) => s.args.includes('--omit=dev'))).toBe(true);
    // node_modules in the final image come from the production-only install.
    const copiedModules = runtime.filter((s) => s.op === 'COPY' && s.args.includes('node_modules'));
    expect(copiedModules).toHaveLength(1);
    const from = /--from=(\w+)/.exec(copiedModules[0]!.args)![1]!;
    const source = steps.slice(steps.findIndex((s) => s.op === 'FROM' && s.args.endsWith(` AS ${from}`)));
    const sourceInstall = source.slice(0, source.slice(1).findIndex((s) => s.op === 'FROM') + 1).find((s) => s.args.includes('npm ci'));
    expect(sourceInstall?.args).toContain('--omit=dev');
    expect(runtime.some((s) => s.op === 'COPY' && /^\.\s|\s\.\s*\.$/.test(s.args))).toBe(false); // no "COPY . ." in the runtime
  });

  it('runs as a non-root user, with a health check on /healthz, listening on all interfaces', () => {
    const user = runtime.filter((s) => s.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.findIndex((s) => s.op === 'USER')).toBeLessThan(runtime.findIndex((s) => s.op === 'CMD'));
    const health = runtime.find((s) => s.op === 'HEALTHCHECK');
    expect(health?.args).toContain('/healthz');
    expect(runtime.find((s) => s.op === 'ENV')?.args).toContain('HOST=0.0.0.0');
    expect(runtime.find((s) => s.op === 'EXPOSE')?.args).toBe('5001');
    expect(runtime.find((s) => s.op === 'CMD')?.args).toContain('server/main.ts');
  });

  it('copies every folder the server imports at run time', () => {
    const copied = runtime.filter((s) => s.op === 'COPY').map((s) => s.args);
    for (const folder of ['server', 'shared', 'database', 'extensions']) expect(copied.some((a) => a.includes(` ./${folder}`))).toBe(true);
    expect(copied.some((a) => a.includes('dist/client'))).toBe(true);
  });

  it('has a .dockerignore keeping local state, dependencies and secrets out of the context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.git', 'node_modules', 'data', '.env']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; volumes?: string[]; ports?: string[] }>;
    volumes: Record<string, unknown>;
  };
  const calos = Object.entries(compose.services).filter(([, s]) => s.build === '.');

  it('runs PostgreSQL 16 with a health check and a named volume', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:16/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.volumes?.[0]).toMatch(/^pgdata:/);
    expect(compose.volumes).toHaveProperty('pgdata');
  });

  it('runs two CalOS instances from the Dockerfile on that database, started once it is healthy', () => {
    expect(calos.map(([name]) => name)).toEqual(['calos-1', 'calos-2']);
    for (const [, service] of calos) {
      expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/calos:.*@postgres:5432\/calos$/);
      expect(service.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '5001', NODE_ENV: 'production', CALOS_TRUST_PROXY: 'true' });
      expect(service.environment?.CALOS_COUPON_SECRET).toMatch(/^\$\{CALOS_COUPON_SECRET:\?/);
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(service.healthcheck?.test.join(' ')).toContain('/readyz');
    }
  });

  it('puts nginx in front of both, with a config naming each instance', () => {
    const proxy = compose.services.proxy!;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.ports).toContain('8080:80');
    expect(Object.keys(proxy.depends_on ?? {})).toEqual(['calos-1', 'calos-2']);
    const mount = proxy.volumes?.[0]?.split(':')[0];
    const config = read(mount!);
    expect(config).toMatch(/upstream calos \{[^}]*server calos-1:5001[^}]*server calos-2:5001/);
    expect(config).toContain('proxy_pass http://calos;');
    expect(config).toContain('X-Forwarded-For');
    expect(config).not.toMatch(/proxy_next_upstream[^;#]*non_idempotent/);
  });

  const composePlugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!composePlugin)('is valid for `docker compose config`', () => {
    const check = spawnSync('docker', ['compose', '-f', path.join(root, 'compose.yaml'), 'config', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, POSTGRES_PASSWORD: 'x', CALOS_COUPON_SECRET: 'y'.repeat(32) },
    });
    expect(check.status, check.stderr).toBe(0);
  });
});

describe('compose.seed.yaml: the seed document’s Compose file', () => {
  // The "Docker Compose" block of the seed document (CalOS-architecture.md, "Deployment"), verbatim.
  const seed = `version: '3.8'
services:
  postgres:
    image: pgvector/pgvector:pg14
    environment:
      POSTGRES_DB: calos
      POSTGRES_USER: calos
      POSTGRES_PASSWORD: secret
    volumes:
      - pgdata:/var/lib/postgresql/data

  calos:
    build: .
    ports:
      - "5001:5001"
    environment:
      DB_HOST: postgres
      DB_NAME: calos
      DB_USER: calos
      DB_PASSWORD: secret
    depends_on:
      - postgres

volumes:
  pgdata:
`;
  const file = read('compose.seed.yaml');
  const withoutComments = file
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');

  it('is the seed’s file as written, plus CALOS_COUPON_SECRET', () => {
    expect(withoutComments.replace(/^ {6}CALOS_COUPON_SECRET: .*\n/m, '')).toBe(seed);
    expect(withoutComments).toMatch(/^ {6}CALOS_COUPON_SECRET: \S{32,}$/m);
  });

  it('gives the container what it needs: the database from DB_*, the port the image listens on, the production secret', () => {
    const compose = parse(file) as { services: Record<string, { environment?: Record<string, string>; ports?: string[]; build?: string }> };
    const env = compose.services.calos!.environment!;
    const steps = instructions(read('Dockerfile'));
    const imageEnv = Object.fromEntries(
      steps
        .filter((s) => s.op === 'ENV')
        .flatMap((s) => s.args.split(/\s+/))
        .map((pair) => pair.split('=') as [string, string]),
    );
    const config = loadConfig({ ...imageEnv, ...env });
    expect(config.databaseUrl).toBe('postgresql://calos:secret@postgres:5432/calos');
    expect([config.host, config.port]).toEqual(['0.0.0.0', 5001]);
    expect(compose.services.calos!.ports).toEqual([`${config.port}:5001`]);
    expect(compose.services.calos!.build).toBe('.');
    expect(imageEnv.NODE_ENV).toBe('production');
    // The mailer's settings accept the file's secret; without it, production refuses to start.
    expect(mailerSettings.safeParse({ ...imageEnv, ...env }).success).toBe(true);
    const { CALOS_COUPON_SECRET: _secret, ...withoutSecret } = env;
    const refused = mailerSettings.safeParse({ ...imageEnv, ...withoutSecret });
    expect(refused.success ? [] : refused.error.issues.map((i) => i.path.join('.'))).toEqual(['CALOS_COUPON_SECRET']);
  });
});
