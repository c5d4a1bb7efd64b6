// Every write route, on both doors, signed out, as a user, as an administrator and with an API key
// holding every scope, gets deep, wide, awkward and invalid-Unicode JSON in each of its fields:
// nothing answers 5xx, and a NUL or a lone surrogate anywhere (a value or a key, in a body, a query
// string, a path or a tRPC input, batched or not) is refused with 400 naming the field. The routes
// come from the OpenAPI document and the router, so a route added later is fuzzed without being
// listed here. Afterwards every read route answers each caller without a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { scopeRegistry } from '../server/modules/developer/scopes';
import { appRouter } from './router';
import { createTestApp, type TestApp } from './testing/harness';
import { operatorKey, signUp } from './testing/factories';

let t: TestApp;
const actors: { name: string; headers: Record<string, string> }[] = [{ name: 'signed out', headers: {} }];

beforeAll(async () => {
  t = await createTestApp({ CALOS_LOGIN_MAX_PER_IP: '100000', CALOS_REGISTER_MAX_PER_IP: '100000' });
  const user = await signUp(t);
  const operator = await operatorKey(t, scopeRegistry.ids());
  actors.push(
    { name: 'a user', headers: { authorization: `Bearer ${user.token}` } },
    { name: 'an administrator', headers: { authorization: `Bearer ${operator.token}` } },
    { name: 'an API key with every scope', headers: { authorization: `Bearer ${operator.secret}` } },
  );
});
afterAll(async () => {
  await t?.close();
});

// ---- what is sent --------------------------------------------------------------------------------

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Valid Unicode that is deep, wide, large or merely awkward: never a 5xx. */
const awkward: Record<string, unknown> = {
  'deep (40 levels)': nested(40),
  'deeper than any input may go (300 levels)': nested(300),
  'wide (1,200 keys)': Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`k${i}`, i])),
  'long (5,000 items)': Array.from({ length: 5000 }, () => 0),
  'a long string (20,000 characters)': 'x'.repeat(20_000),
  '1e308': 1e308,
  '-0': -0,
  'a big integer': 123456789012345678901234567890,
  'keys superjson refuses to write': { constructor: 1, prototype: 2 },
  'keys that could change a prototype': JSON.parse('{"__proto__":{"a":1},"constructor":{"prototype":{}}}'),
  'a surrogate pair (valid)': 'chess ♞ 😀',
  null: null,
  'an empty object': {},
  true: true,
};

/** A NUL or a lone surrogate at some place inside a field, and the path of the issue it must raise. */
const unstorable: { name: string; value: unknown; at: string }[] = [
  { name: 'a NUL', value: 'a\u0000b', at: '' },
  { name: 'a lone high surrogate', value: 'x\ud800', at: '' },
  { name: 'a lone low surrogate in an array', value: ['fine', '\udfff'], at: '.1' },
  { name: 'a NUL in a key', value: { 'k\u0000': 1 }, at: '.k\\u0000' },
  { name: 'a surrogate deep inside', value: { x: [{ y: '\udc00z' }] }, at: '.x.0.y' },
];

// ---- the routes ----------------------------------------------------------------------------------

type ZodDef = { type: string; innerType?: ZodNode; in?: ZodNode; shape?: Record<string, ZodNode> };
type ZodNode = { _zod: { def: ZodDef } };

/** The fields of a procedure's input object (under optional, default and pipe wrappers). */
function inputFields(path: string): string[] {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: ZodNode[] } }>)[path]!;
  const fields = new Set<string>();
  for (let node of procedure._def.inputs) {
    for (let i = 0; i < 10 && node && !node._zod.def.shape; i++) node = node._zod.def.innerType ?? node._zod.def.in!;
    for (const key of Object.keys(node?._zod.def.shape ?? {})) fields.add(key);
  }
  return [...fields];
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
const mutations = procedures.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path);
const queries = procedures.filter(([, p]) => p._def.type === 'query').map(([path]) => path);

interface RestRoute {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
  /** The body is bytes of another media type (an image upload), never read as JSON. */
  rawBody: boolean;
}

async function restRoutes(): Promise<RestRoute[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      bodyFields: Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {}),
      rawBody: Boolean(op.requestBody && !op.requestBody.content['application/json']),
    })),
  );
}

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const urlOf = (route: RestRoute, override: Record<string, string> = {}) =>
  `/api${route.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? SOME_ID)}`;

// ---- sending -------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: string;
}

async function send(options: InjectOptions): Promise<Answer> {
  const res = await t.app.inject(options);
  return { status: res.statusCode, body: res.body };
}

const rest = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
  send({
    method: method as 'POST',
    url,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

const trpcBody = (input: unknown) => JSON.stringify({ json: input });
const trpcMutation = (path: string, headers: Record<string, string>, payload: string) =>
  send({ method: 'POST', url: `/trpc/${path}`, headers: { ...headers, 'content-type': 'application/json' }, payload });
const trpcQuery = (path: string, headers: Record<string, string>, input: unknown) =>
  send({ method: 'GET', url: `/trpc/${path}?input=${encodeURIComponent(trpcBody(input))}`, headers });

/** The issue paths of a REST or tRPC error answer. */
function issuePaths(answer: Answer): string[] {
  const body = JSON.parse(answer.body);
  const details = body.error?.details ?? body.error?.json?.data?.calos?.details;
  return (details?.issues ?? []).map((i: { path: string }) => i.path);
}

function expectNo5xx(answer: Answer, what: string) {
  expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
}

function expectRefusedAt(answer: Answer, path: string, what: string) {
  expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBe(400);
  expect(issuePaths(answer), what).toContain(path);
}

// ---- the fuzz ------------------------------------------------------------------------------------

describe('every write route', () => {
  it('finds the routes it fuzzes', async () => {
    const routes = await restRoutes();
    const writes = routes.filter((r) => r.method !== 'GET');
    // Not a count to keep in step: enough that the enumeration clearly works.
    expect(writes.length).toBeGreaterThan(30);
    expect(mutations.length).toBeGreaterThanOrEqual(writes.length);
    expect(writes.some((r) => r.path === '/actions/execute' && r.bodyFields.includes('params'))).toBe(true);
  });

  it('REST: refuses a NUL or lone surrogate in any body field, path or query parameter with 400 naming it', async () => {
    for (const route of (await restRoutes()).filter((r) => r.method !== 'GET')) {
      for (const actor of actors) {
        const what = `${actor.name} ${route.method} ${route.path}`;
        if (route.method !== 'DELETE' && !route.rawBody) {
          const fields = route.bodyFields.length ? route.bodyFields : ['fuzz'];
          for (const field of fields) {
            for (const bad of unstorable) {
              const answer = await rest(route.method, urlOf(route), actor.headers, { [field]: bad.value });
              expectRefusedAt(answer, `body.${field}${bad.at}`, `${what} body.${field} (${bad.name})`);
            }
          }
          // A key at the top of the body.
          expectRefusedAt(await rest(route.method, urlOf(route), actor.headers, { 'x\ud800': 1 }), 'body.x\\ud800', `${what} a top-level key`);
        }
        for (const param of route.pathParams) {
          expectRefusedAt(await rest(route.method, urlOf(route, { [param]: 'a%00b' }), actor.headers), `path.${param}`, `${what} path.${param}`);
        }
        for (const param of route.queryParams) {
          expectRefusedAt(await rest(route.method, `${urlOf(route)}?${param}=a%00b`, actor.headers), `query.${param}`, `${what} query.${param}`);
        }
      }
    }
  });

  // Each awkward value goes into every field of the input at once: the schema checks each field on
  // its own, so this reaches what one field at a time would, in a fraction of the requests. An
  // administrator passes every check a user does, so the user is left out here.
  const callers = () => actors.filter((a) => a.name !== 'a user');
  const everyField = (fields: string[], value: unknown) => Object.fromEntries((fields.length ? fields : ['fuzz']).map((f) => [f, value]));

  it('REST: answers deep, wide, large and awkward values in its body fields without a 5xx', { timeout: 180_000 }, async () => {
    for (const route of (await restRoutes()).filter((r) => r.method !== 'GET' && r.method !== 'DELETE')) {
      for (const actor of callers()) {
        for (const [name, value] of Object.entries(awkward)) {
          expectNo5xx(await rest(route.method, urlOf(route), actor.headers, everyField(route.bodyFields, value)), `${actor.name} ${route.method} ${route.path} = ${name}`);
        }
        expectNo5xx(await rest(route.method, urlOf(route), actor.headers, awkward['deeper than any input may go (300 levels)']), `${route.path}: a deep body`);
      }
    }
  });

  it('tRPC: refuses a NUL or lone surrogate in any mutation input field with 400 naming it', async () => {
    for (const path of mutations) {
      const fields = inputFields(path);
      for (const actor of actors) {
        for (const field of fields.length ? fields : ['fuzz']) {
          for (const bad of unstorable) {
            expectRefusedAt(await trpcMutation(path, actor.headers, trpcBody({ [field]: bad.value })), `${field}${bad.at}`, `${actor.name} ${path} ${field} (${bad.name})`);
          }
        }
      }
    }
  });

  it('tRPC: answers deep, wide, large, awkward and superjson-only values without a 5xx', { timeout: 180_000 }, async () => {
    // superjson can send what JSON cannot: bigints, NaN, dates, objects shared or inside themselves.
    const superjsonOnly = (fields: string[]): Record<string, string> => {
      type Meta = { values?: Record<string, unknown>; referentialEqualities?: Record<string, string[]> };
      const payload = (value: unknown, meta: (field: string) => Meta) => {
        const metas = fields.map(meta);
        const merged = {
          values: Object.assign({}, ...metas.map((m) => m.values ?? {})),
          referentialEqualities: Object.assign({}, ...metas.map((m) => m.referentialEqualities ?? {})),
        };
        return JSON.stringify({ json: Object.fromEntries(fields.map((f) => [f, value])), meta: merged });
      };
      // Thirty objects, each holding the next as both `l` and `r`: 2^30 paths to the last.
      const chain: Record<string, unknown> = { l: null, r: null };
      for (let i = 0, node = chain; i < 30; i++) node = node.l = { l: null, r: null };
      const shared = (field: string) => ({
        referentialEqualities: Object.fromEntries(
          Array.from({ length: 30 }, (_, i) => [[field, ...Array(i).fill('l'), 'l'].join('.'), [[field, ...Array(i).fill('l'), 'r'].join('.')]]),
        ),
      });
      return {
        bigint: payload('1', (f) => ({ values: { [f]: ['bigint'] } })),
        NaN: payload('NaN', (f) => ({ values: { [f]: ['number'] } })),
        'a date': payload('2026-01-01T00:00:00.000Z', (f) => ({ values: { [f]: ['Date'] } })),
        'a cycle': payload({ self: null }, (f) => ({ referentialEqualities: { [f]: [`${f}.self`] } })),
        'a shared object 2^30 times': payload(chain, shared),
        'a map with a NUL key': payload([['a\u0000', 1]], (f) => ({ values: { [f]: ['map'] } })),
      };
    };
    for (const path of mutations) {
      const fields = inputFields(path).length ? inputFields(path) : ['fuzz'];
      for (const actor of callers()) {
        for (const [name, value] of Object.entries(awkward)) {
          expectNo5xx(await trpcMutation(path, actor.headers, trpcBody(everyField(fields, value))), `${actor.name} ${path} = ${name}`);
        }
        for (const [name, payload] of Object.entries(superjsonOnly(fields))) {
          const answer = await trpcMutation(path, actor.headers, payload);
          expectNo5xx(answer, `${actor.name} ${path} = ${name}`);
          if (name === 'a map with a NUL key') expectRefusedAt(answer, `${fields[0]}.a\\u0000`, `${path}: a map key`);
        }
      }
    }
  });

  it('tRPC: refuses invalid Unicode in a batch, per call, and in a query’s ?input=', async () => {
    // Batches of up to eight: a URL path segment holds at most 500 characters.
    const batches = Array.from({ length: Math.ceil(mutations.length / 8) }, (_, i) => mutations.slice(i * 8, i * 8 + 8));
    for (const actor of actors) {
      for (const paths of batches) {
        const payload = JSON.stringify(Object.fromEntries(paths.map((_, i) => [i, { json: { fuzz: `\u0000${i}` } }])));
        const batch = await send({ method: 'POST', url: `/trpc/${paths.join(',')}?batch=1`, headers: { ...actor.headers, 'content-type': 'application/json' }, payload });
        expect(batch.status, batch.body.slice(0, 500)).toBe(400);
        const answers = JSON.parse(batch.body) as { error: { json: { data: { calos: { details: { issues: { path: string }[] } } } } } }[];
        expect(answers.map((a) => a.error.json.data.calos.details.issues[0]!.path)).toEqual(paths.map(() => 'fuzz'));
      }
      for (const path of queries) {
        for (const field of inputFields(path).length ? inputFields(path) : ['fuzz']) {
          expectRefusedAt(await trpcQuery(path, actor.headers, { [field]: '\ud800' }), field, `${actor.name} ${path}?input=${field}`);
        }
      }
      const get = await send({ method: 'GET', url: `/trpc/${queries.slice(0, 5).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { 'k\u0000': 1 } } }))}`, headers: actor.headers });
      expect(issuePaths({ status: get.status, body: JSON.stringify(JSON.parse(get.body)[0]) })).toEqual(['k\\u0000']);
    }
  });

  it('leaves every read route answering every caller, on both doors', async () => {
    const me = JSON.parse((await rest('GET', '/api/auth/session', actors[1]!.headers)).body).user.id as string;
    for (const route of (await restRoutes()).filter((r) => r.method === 'GET')) {
      const url = urlOf(route, { userId: me });
      for (const actor of actors) expectNo5xx(await rest('GET', url, actor.headers), `${actor.name} GET ${url}`);
    }
    for (const path of queries) {
      for (const actor of actors) expectNo5xx(await trpcQuery(path, actor.headers, undefined), `${actor.name} ${path}`);
    }
  });
});
