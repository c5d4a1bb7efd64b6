// RDAP look-ups (RFC 9082 query `GET {base}/domain/{name}`, RFC 9083 answer) in the background
// (job `rdap`, queue ext-domains-rdap), only when CALOS_RDAP_URL is set. The answer is parsed
// defensively: every field optional, unknown ones ignored, dates that do not parse dropped; 404 is
// "not registered"; a timeout, another status, a body over 512 KiB or one that is not an RDAP domain
// is "failed" with the reason. A change of state, registrar or expiry emits domain.registrar_updated.
import { z } from 'zod';
import type { JobDefinition, Kernel } from '../../../server/extensions/api';
import { domainsSettings } from '../settings';
import { registrarUpdated } from './events';
import { toUnicodeName } from './names';
import type { DomainRow } from './portfolio';

const MAX_BYTES = 512 * 1024;

const rdapDomain = z.looseObject({
  objectClassName: z.literal('domain').optional(),
  ldhName: z.string().optional(),
  status: z.array(z.string().max(200)).max(50).catch([]).optional(),
  events: z.array(z.looseObject({ eventAction: z.string(), eventDate: z.string().optional() })).max(200).catch([]).optional(),
  entities: z.array(z.looseObject({ roles: z.array(z.string()).catch([]).optional(), vcardArray: z.unknown().optional() })).max(200).catch([]).optional(),
  nameservers: z.array(z.looseObject({ ldhName: z.string().max(300).optional() })).max(50).catch([]).optional(),
});

export interface RdapFacts {
  registrar: string | null;
  registeredAt: Date | null;
  expiresAt: Date | null;
  lastChangedAt: Date | null;
  statuses: string[];
  nameservers: string[];
}

export type RdapResult = { state: 'registered'; facts: RdapFacts } | { state: 'not_registered' } | { state: 'failed'; error: string };

const dateOf = (value: string | undefined) => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** The `fn` (full name) of a jCard (RFC 7095): ["vcard", [["fn", {}, "text", "Name"], …]]. */
function vcardName(vcard: unknown): string | null {
  if (!Array.isArray(vcard) || !Array.isArray(vcard[1])) return null;
  for (const property of vcard[1] as unknown[]) {
    if (Array.isArray(property) && property[0] === 'fn' && typeof property[3] === 'string' && property[3].trim()) return property[3].trim().slice(0, 200);
  }
  return null;
}

/** What an RDAP domain answer says (null when it is not one). */
export function parseRdap(body: unknown): RdapFacts | null {
  const parsed = rdapDomain.safeParse(body);
  if (!parsed.success || (parsed.data.objectClassName === undefined && parsed.data.ldhName === undefined)) return null;
  const d = parsed.data;
  const event = (action: string) => dateOf(d.events?.find((e) => e.eventAction === action)?.eventDate);
  const registrar = d.entities?.find((e) => e.roles?.includes('registrar'));
  return {
    registrar: registrar ? vcardName(registrar.vcardArray) : null,
    registeredAt: event('registration'),
    expiresAt: event('expiration'),
    lastChangedAt: event('last changed'),
    statuses: d.status ?? [],
    nameservers: (d.nameservers ?? []).flatMap((n) => (n.ldhName ? [n.ldhName.toLowerCase()] : [])),
  };
}

async function readCapped(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${MAX_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function lookUp(base: string, asciiName: string, timeoutMs: number): Promise<RdapResult> {
  try {
    const res = await fetch(`${base}/domain/${encodeURIComponent(asciiName)}`, {
      headers: { accept: 'application/rdap+json, application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return { state: 'not_registered' };
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return { state: 'failed', error: `the RDAP server answered ${res.status}` };
    }
    let body: unknown;
    try {
      body = JSON.parse(await readCapped(res));
    } catch (err) {
      return { state: 'failed', error: err instanceof SyntaxError ? 'the RDAP answer is not JSON' : (err as Error).message };
    }
    const facts = parseRdap(body);
    return facts ? { state: 'registered', facts } : { state: 'failed', error: 'the RDAP answer is not a domain object' };
  } catch (err) {
    const name = (err as Error).name;
    return { state: 'failed', error: name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `the RDAP server could not be reached (${(err as Error).message})` };
  }
}

/** Looks a name up and stores the answer (the job's work; tests call it directly too). */
export async function refreshDomain(kernel: Kernel, domainId: string): Promise<RdapResult | null> {
  const { rdapUrl, rdapTimeoutMs } = kernel.settings(domainsSettings);
  if (!rdapUrl) return null;
  const before = (await kernel.db('domains_domains').where({ id: domainId }).first()) as DomainRow | undefined;
  if (!before) return null;
  const result = await lookUp(rdapUrl, before.name, rdapTimeoutMs);
  await kernel.transaction(async (tx) => {
    const row = (await tx('domains_domains').where({ id: domainId }).forUpdate().first()) as DomainRow | undefined;
    if (!row) return;
    const now = new Date();
    if (result.state === 'failed') {
      await tx('domains_domains').where({ id: domainId }).update({ rdap_state: 'failed', rdap_error: result.error, rdap_checked_at: now });
      return;
    }
    const f: RdapFacts = result.state === 'registered' ? result.facts : { registrar: null, registeredAt: null, expiresAt: null, lastChangedAt: null, statuses: [], nameservers: [] };
    await tx('domains_domains').where({ id: domainId }).update({
      rdap_state: result.state,
      rdap_error: null,
      rdap_checked_at: now,
      registrar: f.registrar,
      registered_at: f.registeredAt,
      expires_at: f.expiresAt,
      last_changed_at: f.lastChangedAt,
      rdap_statuses: f.statuses,
      nameservers: f.nameservers,
    });
    const changed = row.rdap_state !== result.state || row.registrar !== f.registrar || (row.expires_at?.getTime() ?? null) !== (f.expiresAt?.getTime() ?? null);
    if (changed) {
      await kernel.events.emit(tx, {
        event: registrarUpdated,
        data: { domainId, name: toUnicodeName(row.name), ownerId: row.owner_id, state: result.state, registrar: f.registrar, expiresAt: f.expiresAt?.toISOString() ?? null },
        mode: 'live',
        userId: row.owner_id,
      });
    }
  });
  return result;
}

export const rdapJob: JobDefinition = {
  name: 'rdap',
  async run(kernel, data) {
    const { domainId } = data as { domainId: string };
    try {
      const result = await refreshDomain(kernel, domainId);
      kernel.log.info({ domainId, state: result?.state ?? 'off' }, 'RDAP look-up');
    } catch (err) {
      kernel.log.error({ err, domainId }, 'RDAP look-up failed');
    }
  },
};
