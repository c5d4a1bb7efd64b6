// The WebAuthn relying party a request speaks to: its id (a domain name, never an IP address) and
// the origin a browser must report. From CALOS_PUBLIC_URL when set; otherwise from the page the
// request comes from (its Origin, which must be one CalOS accepts writes from: the request's own
// host or CALOS_ALLOWED_ORIGINS).
import { isIP } from 'node:net';
import { DomainError } from '../../errors';

export interface RelyingParty {
  rpID: string;
  origin: string;
}

export function relyingParty(publicUrl: string | undefined, origin: string | undefined, allowedOrigins: Set<string>): RelyingParty {
  let page: URL;
  if (publicUrl) {
    page = new URL(publicUrl);
  } else {
    if (!origin || !allowedOrigins.has(origin)) {
      throw new DomainError('FORBIDDEN', 'Passkeys are used from a CalOS page: the request’s Origin is missing or not allowed.', {
        reason: origin ? 'ORIGIN_NOT_ALLOWED' : 'ORIGIN_MISSING',
      });
    }
    page = new URL(origin);
  }
  const host = page.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    throw new DomainError(
      'UNPROCESSABLE',
      `Passkeys need a domain name: a WebAuthn relying-party id cannot be an IP address (${host}). ` +
        'Open CalOS by a name (e.g. http://localhost:PORT rather than http://127.0.0.1:PORT), or set CALOS_PUBLIC_URL to a URL with a domain name.',
      { reason: 'RP_ID_IS_IP_ADDRESS', host },
    );
  }
  return { rpID: host, origin: page.origin };
}
