// The portfolio's settings, read from the environment at start.
import { z } from 'zod';

export const domainsSettings = z
  .object({
    CALOS_RDAP_URL: z
      .url()
      .optional()
      .describe('Base URL of an RDAP service (RFC 9082), e.g. https://rdap.org: names are looked up at `{base}/domain/{name}`. Unset: nothing is looked up.'),
    CALOS_RDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000).describe('How long one RDAP look-up may take.'),
  })
  .transform((s) => ({ rdapUrl: s.CALOS_RDAP_URL?.replace(/\/+$/, '') ?? null, rdapTimeoutMs: s.CALOS_RDAP_TIMEOUT_MS }));
export type DomainsSettings = z.output<typeof domainsSettings>;
