// Loads the extensions CALOS_EXTENSIONS names (default: every bundled one), checks them against the
// kernel and each other, and installs what they contribute. A conflict (a duplicate id, action
// code, event type, scope, effect, migration or route) stops start-up with a message naming both
// sides; a bad setting stops it naming the variable.
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { AnyRouter } from '@trpc/server';
import { z } from 'zod';
import type { Config } from '../config';
import { kernelMigrations } from '../../database/migrations/index';
import { seedActions } from '../../database/seeds/actions';
import { effects } from '../modules/actions/effects/index';
import { scheduleKinds } from '../modules/schedules/kinds/index';
import { achievementConditions } from '../modules/skills/conditions/index';
import { installExtensionEvents } from '../events/catalogue';
import { scopeRegistry } from '../modules/developer/scopes';
import { installSandboxContributions } from '../modules/developer/sandbox';
import { installActionOwners } from '../modules/actions/catalogue';
import { bundledExtensions } from './bundled';
import * as api from './api';
import { settingsVariables, type ExtensionDefinition } from './definition';

export class ExtensionError extends Error {
  override name = 'ExtensionError';
}

/** An extension that loaded: its definition and where it came from. */
export interface LoadedExtension {
  definition: ExtensionDefinition;
  /** 'bundled' or the npm package name it was resolved from. */
  source: string;
  settings: Record<string, unknown>;
}

export interface LoadedExtensions {
  list: readonly LoadedExtension[];
  /** Every migration to run, the kernel's first, then each extension's in order. */
  migrations: ReadonlyArray<[string, Knex.Migration]>;
  get(id: string): LoadedExtension | undefined;
}

const ID = /^[a-z][a-z0-9-]{1,31}$/;
const PACKAGE = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** The names CALOS_EXTENSIONS lists, in order; unset means every bundled extension. */
export function requestedExtensions(config: Pick<Config, 'extensions'>): string[] {
  return config.extensions ?? bundledIds();
}

/**
 * Where npm extensions are looked up: the folder CalOS runs in (where `npm install` put them), then
 * CalOS's own dependencies.
 */
function importPackage(name: string, from: readonly string[]): Promise<Record<string, unknown>> {
  for (const dir of from) {
    try {
      const file = createRequire(path.join(dir, 'package.json')).resolve(name);
      return import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;
    } catch {
      // not installed there
    }
  }
  return import(name) as Promise<Record<string, unknown>>;
}

const bundledIds = () => bundledExtensions.map((factory) => factory().id);

async function resolve(name: string, from: readonly string[]): Promise<{ definition: ExtensionDefinition; source: string }> {
  const factory = bundledExtensions.find((f) => f().id === name);
  const bundled = factory?.();
  if (bundled) return { definition: bundled, source: 'bundled' };
  if (!PACKAGE.test(name)) {
    throw new ExtensionError(`CALOS_EXTENSIONS: "${name}" is neither a bundled extension (${bundledIds().join(', ')}) nor an npm package name`);
  }
  let module: Record<string, unknown>;
  try {
    module = await importPackage(name, from);
  } catch (err) {
    throw new ExtensionError(`CALOS_EXTENSIONS: the package "${name}" could not be loaded (${(err as Error).message.split('\n')[0]}); install it with npm install ${name}`);
  }
  const exported = (module.default ?? module.extension) as unknown;
  // A package cannot import CalOS's files: its factory receives the extension API instead.
  const candidate = typeof exported === 'function' ? (exported as (calos: typeof api) => unknown)(api) : exported;
  const definition = (candidate && typeof (candidate as { then?: unknown }).then === 'function' ? await candidate : candidate) as ExtensionDefinition | undefined;
  if (!definition || typeof definition !== 'object' || typeof definition.id !== 'string') {
    throw new ExtensionError(`CALOS_EXTENSIONS: the package "${name}" does not export an extension (a default export made with defineExtension)`);
  }
  return { definition, source: name };
}

/** Settings from the environment through the extension's schema; the error names each variable. */
function parseSettings(definition: ExtensionDefinition, environment: Readonly<Record<string, string>>): Record<string, unknown> {
  if (!definition.settings) return {};
  const keys = settingsVariables(definition.settings);
  const given = Object.fromEntries(keys.filter((k) => environment[k] !== undefined).map((k) => [k, environment[k]]));
  const parsed = definition.settings.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || keys.join(', ')}: ${i.message}`);
    throw new ExtensionError(`Invalid configuration of extension "${definition.id}":\n${lines.join('\n')}`);
  }
  return parsed.data as Record<string, unknown>;
}

interface RouteInfo {
  method: string;
  path: string;
}

/** REST routes of a router, from its procedures' OpenAPI meta. */
export function routesOf(router: AnyRouter | undefined): Array<RouteInfo & { procedure: string }> {
  if (!router) return [];
  const procedures = router._def.procedures as Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>;
  return Object.entries(procedures)
    .map(([procedure, p]) => ({ procedure, openapi: p._def.meta?.openapi }))
    .filter((r): r is { procedure: string; openapi: { method: string; path: string } } => Boolean(r.openapi))
    .map(({ procedure, openapi }) => ({ procedure, method: openapi.method.toUpperCase(), path: openapi.path }));
}

/** The shape of a path for conflicts: `/leagues/{id}` and `/leagues/{leagueId}` are one route. */
const routeKey = (r: RouteInfo) => `${r.method} ${r.path.replace(/\{[^}]+\}/g, '{}').replace(/\/$/, '')}`;

/**
 * Loads and checks the extensions, and installs their registry contributions into this process
 * (one process runs one platform). Throws ExtensionError naming what is wrong.
 */
export async function loadExtensions(
  config: Pick<Config, 'extensions' | 'environment'>,
  kernelRouter: AnyRouter,
  options: { resolveFrom?: readonly string[] } = {},
): Promise<LoadedExtensions> {
  const from = options.resolveFrom ?? [process.cwd()];
  const names = requestedExtensions(config);
  const seen = new Map<string, string>();
  const list: LoadedExtension[] = [];
  for (const name of names) {
    const { definition, source } = await resolve(name, from);
    if (!ID.test(definition.id)) throw new ExtensionError(`Extension id "${definition.id}" (from ${source}) must be 2–32 lower-case letters, digits or dashes`);
    const other = seen.get(definition.id);
    if (other) throw new ExtensionError(`Duplicate extension id "${definition.id}": given by ${other} and by ${source}`);
    seen.set(definition.id, source);
    list.push({ definition, source, settings: parseSettings(definition, config.environment) });
  }
  checkRouters(list, kernelRouter);
  const migrations = collectMigrations(list);
  checkActions(list);
  try {
    effects.install(list.map(({ definition: d }) => ({ owner: d.id, definitions: d.effects ?? [] })));
    scheduleKinds.install(list.map(({ definition: d }) => ({ owner: d.id, definitions: d.scheduleKinds ?? [] })));
    achievementConditions.install(list.map(({ definition: d }) => ({ owner: d.id, definitions: d.conditions ?? [] })));
    scopeRegistry.install(list.map(({ definition: d }) => ({ owner: d.id, definitions: d.scopes ?? [] })));
    installExtensionEvents(list.map(({ definition: d }) => ({ owner: d.id, definitions: d.events ?? [] })));
  } catch (err) {
    // A duplicate names both owners; start-up stops on it like any other conflict.
    throw new ExtensionError((err as Error).message);
  }
  installActionOwners(list.map((e) => e.definition.id));
  installSandboxContributions(list.flatMap(({ definition: d }) => (d.testData ? [{ owner: d.id, ...d.testData }] : [])));
  const byId = new Map(list.map((e) => [e.definition.id, e]));
  return { list, migrations, get: (id) => byId.get(id) };
}

function checkRouters(list: readonly LoadedExtension[], kernelRouter: AnyRouter) {
  const kernelNamespaces = new Set(Object.keys(kernelRouter._def.record));
  const routes = new Map<string, string>();
  for (const route of routesOf(kernelRouter)) routes.set(routeKey(route), `the kernel (${route.procedure})`);
  for (const { definition: d } of list) {
    if (kernelNamespaces.has(d.id)) throw new ExtensionError(`Extension "${d.id}" would mount its router on the kernel's tRPC namespace "${d.id}"`);
    const prefixes = d.restPrefixes ?? [`/ext/${d.id}`];
    for (const route of routesOf(d.router)) {
      if (!prefixes.some((prefix) => route.path === prefix || route.path.startsWith(`${prefix}/`))) {
        throw new ExtensionError(`Extension "${d.id}": the route ${route.method} /api${route.path} (${d.id}.${route.procedure}) is not under /api${prefixes[0]}/`);
      }
      const key = routeKey(route);
      const other = routes.get(key);
      if (other) throw new ExtensionError(`Duplicate route ${route.method} /api${route.path}: defined by ${other} and by extension "${d.id}" (${d.id}.${route.procedure})`);
      routes.set(key, `extension "${d.id}" (${d.id}.${route.procedure})`);
    }
    for (const http of d.http ?? []) {
      const path = http.url.replace(/^\/api/, '').replace(/:(\w+)/g, '{$1}');
      if (!prefixes.some((prefix) => path.startsWith(`${prefix}/`))) throw new ExtensionError(`Extension "${d.id}": the route ${http.method} ${http.url} is not under /api${prefixes[0]}/`);
      const key = routeKey({ method: http.method, path });
      const other = routes.get(key);
      if (other) throw new ExtensionError(`Duplicate route ${http.method} /api${http.url}: defined by ${other} and by extension "${d.id}"`);
      routes.set(key, `extension "${d.id}"`);
    }
  }
}

function collectMigrations(list: readonly LoadedExtension[]): Array<[string, Knex.Migration]> {
  const all: Array<[string, Knex.Migration]> = Object.entries(kernelMigrations);
  const owners = new Map(all.map(([name]) => [name, 'the kernel']));
  for (const { definition: d } of list) {
    for (const [name, migration] of Object.entries(d.migrations ?? {})) {
      const other = owners.get(name);
      if (other) throw new ExtensionError(`Duplicate migration "${name}": defined by ${other} and by extension "${d.id}"`);
      owners.set(name, `extension "${d.id}"`);
      all.push([name, migration]);
    }
  }
  return all;
}

function checkActions(list: readonly LoadedExtension[]) {
  const owners = new Map(seedActions.map((a) => [a.code, 'the kernel']));
  for (const { definition: d } of list) {
    for (const action of d.actions ?? []) {
      const other = owners.get(action.code);
      if (other) throw new ExtensionError(`Duplicate action code "${action.code}": defined by ${other} and by extension "${d.id}"`);
      owners.set(action.code, `extension "${d.id}"`);
    }
  }
}

/** What the administrators' Extensions page shows of one extension. */
export const extensionSummary = z.object({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  source: z.string().describe('`bundled` or the npm package it was loaded from.'),
  state: z.enum(['enabled', 'disabled']).describe('`disabled`: it ran on this database before and CALOS_EXTENSIONS leaves it out now (its tables and data are kept).'),
  routes: z.array(z.object({ method: z.string(), path: z.string(), procedure: z.string() })),
  actions: z.array(z.string()),
  events: z.array(z.string()),
  scopes: z.array(z.string()),
  jobs: z.array(z.object({ name: z.string(), schedule: z.string().nullable() })),
  effects: z.array(z.string()),
  migrations: z.array(z.string()),
});

export function describeExtension({ definition: d, source }: LoadedExtension): z.infer<typeof extensionSummary> {
  return {
    id: d.id,
    version: d.version,
    description: d.description,
    source,
    state: 'enabled',
    routes: [
      ...routesOf(d.router).map((r) => ({ method: r.method, path: `/api${r.path}`, procedure: `${d.id}.${r.procedure}` })),
      ...(d.http ?? []).map((h) => ({ method: h.method, path: h.url.replace(/:(\w+)/g, '{$1}'), procedure: '(raw HTTP route)' })),
    ],
    actions: (d.actions ?? []).map((a) => a.code),
    events: (d.events ?? []).map((e) => e.type),
    scopes: (d.scopes ?? []).map((s) => s.scope),
    jobs: (d.jobs ?? []).map((j) => ({ name: j.name, schedule: j.schedule ?? null })),
    effects: (d.effects ?? []).map((e) => e.code),
    migrations: Object.keys(d.migrations ?? {}),
  };
}
