// RDAP against a local stub server (found, not registered, malformed, not a domain, slow → timeout),
// the expiry reminders (once each, also when two instances check at once; a renewal reminds
// again), and the pair of names on a fresh database (none, then none left once judged).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp } from '../../../server/testing/factories';
import type { Kernel } from '../../../server/extensions/api';
import { refreshDomain, parseRdap } from '../server/rdap';
import { remindExpiring } from '../server/expiry';
import { seedActionsAndEffects } from '../../../database/seeds/actions';
import { domainsActions } from '../actions';

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (days: number) => new Date(NOW + days * DAY).toISOString();
const answer = (name: string, expiresInDays: number, registrar = 'Stub Registrar Inc.') => ({
  objectClassName: 'domain',
  ldhName: name,
  status: ['active', 'client transfer prohibited'],
  events: [
    { eventAction: 'registration', eventDate: '2001-04-12T00:00:00Z' },
    { eventAction: 'expiration', eventDate: iso(expiresInDays) },
    { eventAction: 'last changed', eventDate: 'not a date' },
  ],
  entities: [
    { objectClassName: 'entity', roles: ['registrant'], vcardArray: ['vcard', [['fn', {}, 'text', 'Someone']]] },
    { objectClassName: 'entity', roles: ['registrar'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', registrar]]] },
  ],
  nameservers: [{ objectClassName: 'nameserver', ldhName: 'NS1.EXAMPLE.NET' }, { ldhName: 'ns2.example.net' }, { unicodeName: 'x' }],
  notices: [{ title: 'Terms' }],
});

let expiresIn = 20;
const stub = http.createServer((req, res) => {
  const name = decodeURIComponent((req.url ?? '').replace(/^\/domain\//, ''));
  const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/rdap+json' }).end(JSON.stringify(body));
  if (name === 'found.com') return json(200, answer(name, expiresIn));
  if (name === 'soon.com') return json(200, answer(name, 5));
  if (name === 'missing.com') return json(404, { errorCode: 404, title: 'Not found' });
  if (name === 'broken.com') return res.writeHead(200, { 'content-type': 'application/rdap+json' }).end('{"objectClassName": "domain", ');
  if (name === 'weird.com') return json(200, { hello: 'world' });
  if (name === 'slow.com') return void setTimeout(() => json(200, answer(name, 100)), 1500);
  return json(500, { errorCode: 500 });
});

let t: TestApp;
let kernel: Kernel;
let user: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ CALOS_RDAP_URL: `http://127.0.0.1:${(stub.address() as AddressInfo).port}/`, CALOS_RDAP_TIMEOUT_MS: '300' });
  kernel = t.platform.kernels.get('domains')!;
  user = await signUp(t);
});
afterAll(async () => {
  await t.close();
  stub.closeAllConnections();
  await new Promise((resolve) => stub.close(resolve));
});

async function added(name: string) {
  const res = await t.rest('POST', '/api/ext/domains/names', { token: user.token, body: { name } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.rdap.state).toBe('pending');
  return res.body.id as string;
}
const get = async (id: string) => (await t.rest('GET', `/api/ext/domains/names/${id}`, { token: user.token })).body;
const events = async (type: string, domainId: string) => (await t.db.knex('events').where({ type }).whereRaw("data->>'domainId' = ?", [domainId]).orderBy('sequence').pluck('data')) as Array<Record<string, unknown>>;

describe('RDAP look-ups', () => {
  it('answers no pair on an empty portfolio', async () => {
    expect((await t.rest('GET', '/api/ext/domains/pair', { token: user.token })).body).toEqual({ pair: null });
  });

  it('stores registrar, dates, status and name servers of a registered name, and emits registrar_updated once', async () => {
    const id = await added('found.com');
    await refreshDomain(kernel, id);
    await refreshDomain(kernel, id);
    const domain = await get(id);
    expect(domain.rdap).toMatchObject({
      state: 'registered',
      registrar: 'Stub Registrar Inc.',
      registeredAt: '2001-04-12T00:00:00.000Z',
      lastChangedAt: null,
      statuses: ['active', 'client transfer prohibited'],
      nameservers: ['ns1.example.net', 'ns2.example.net'],
      error: null,
    });
    expect(new Date(domain.rdap.expiresAt).getTime()).toBe(new Date(iso(20)).getTime());
    expect(await events('domain.registrar_updated', id)).toEqual([expect.objectContaining({ state: 'registered', registrar: 'Stub Registrar Inc.' })]);
  });

  it('says "not registered" on 404, and "failed" on malformed, foreign or slow answers', async () => {
    const missing = await added('missing.com');
    expect(await refreshDomain(kernel, missing)).toEqual({ state: 'not_registered' });
    expect((await get(missing)).rdap).toMatchObject({ state: 'not_registered', registrar: null });
    const broken = await added('broken.com');
    expect(await refreshDomain(kernel, broken)).toEqual({ state: 'failed', error: 'the RDAP answer is not JSON' });
    const weird = await added('weird.com');
    expect(await refreshDomain(kernel, weird)).toEqual({ state: 'failed', error: 'the RDAP answer is not a domain object' });
    const slow = await added('slow.com');
    const started = Date.now();
    expect(await refreshDomain(kernel, slow)).toEqual({ state: 'failed', error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(1400);
    expect((await get(slow)).rdap).toMatchObject({ state: 'failed', error: 'no answer within 300 ms' });
    const other = await added('other-error.com');
    expect(await refreshDomain(kernel, other)).toEqual({ state: 'failed', error: 'the RDAP server answered 500' });
  });

  it('queues a new look-up for the owner only', async () => {
    const id = (await t.db.knex('domains_domains').where({ name: 'found.com' }).first('id')).id as string;
    const other = await signUp(t);
    expect((await t.rest('POST', `/api/ext/domains/names/${id}/rdap`, { token: other.token })).status).toBe(403);
    const queued = await t.caller({ token: user.token }).domains.refreshRdap({ domainId: id });
    expect(queued.rdap.state).toBe('pending');
    await refreshDomain(kernel, id);
  });

  it('parses defensively: fields of the wrong type are dropped, not fatal', () => {
    expect(parseRdap({ objectClassName: 'domain', status: 'active', events: 'x', entities: [{ roles: ['registrar'], vcardArray: 'nope' }] })).toEqual({
      registrar: null, registeredAt: null, expiresAt: null, lastChangedAt: null, statuses: [], nameservers: [],
    });
    expect(parseRdap(null)).toBeNull();
    expect(parseRdap([1, 2])).toBeNull();
  });
});

describe('expiry reminders', () => {
  it('emits domain.expiring once per threshold, also from two checks at once, and again after a renewal', async () => {
    const found = (await t.db.knex('domains_domains').where({ name: 'found.com' }).first('id')).id as string;
    const soon = await added('soon.com');
    await refreshDomain(kernel, soon);
    const now = new Date(NOW);
    await Promise.all([remindExpiring(kernel, now), remindExpiring(kernel, now)]);
    await remindExpiring(kernel, now);
    expect((await events('domain.expiring', found)).map((e) => e.daysBefore)).toEqual([30]);
    // First seen 5 days before: the 7-day reminder only.
    expect((await events('domain.expiring', soon)).map((e) => e.daysBefore)).toEqual([7]);
    const later = new Date(NOW + 14 * DAY);
    await Promise.all([remindExpiring(kernel, later), remindExpiring(kernel, later)]);
    expect(await events('domain.expiring', found)).toEqual([expect.objectContaining({ daysBefore: 30, name: 'found.com' }), expect.objectContaining({ daysBefore: 7, ownerId: user.userId })]);
    // Renewed: a new expiry date, reminded again.
    expiresIn = 25;
    await refreshDomain(kernel, found);
    await remindExpiring(kernel, now);
    expect((await events('domain.expiring', found)).map((e) => e.daysBefore)).toEqual([30, 7, 30]);
    expect(await events('domain.expiring', (await t.db.knex('domains_domains').where({ name: 'missing.com' }).first('id')).id)).toEqual([]);
  });

  it('offers a pair until it is judged', async () => {
    const judge = await signUp(t);
    const pair = await t.rest('GET', '/api/ext/domains/pair', { token: judge.token });
    expect(pair.body.pair).toHaveLength(2);
    const ids = (await t.db.knex('domains_domains').pluck('id')) as string[];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
      const res = await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: ids[i], domainB: ids[j], winner: 'skip' } });
      expect(res.status).toBe(201);
    }
    expect((await t.rest('GET', '/api/ext/domains/pair', { token: judge.token })).body).toEqual({ pair: null });
  });
});

describe('vote_domain on a database seeded before the extension', () => {
  it('is taken over and made system-only once; an operator’s later change is kept', async () => {
    const row = () => t.db.knex('action_definitions').where({ code: 'vote_domain' }).whereNull('mode').first('extension_id', 'system_only');
    await t.db.knex('action_definitions').where({ code: 'vote_domain' }).update({ extension_id: null, system_only: false });
    const ours = domainsActions.map((a) => ({ ...a, extensionId: 'domains' }));
    await seedActionsAndEffects(t.db.knex, ours);
    expect(await row()).toEqual({ extension_id: 'domains', system_only: true });
    await t.db.knex('action_definitions').where({ code: 'vote_domain' }).update({ system_only: false });
    await seedActionsAndEffects(t.db.knex, ours);
    expect(await row()).toEqual({ extension_id: 'domains', system_only: false });
    await t.db.knex('action_definitions').where({ code: 'vote_domain' }).update({ system_only: true });
  });
});
