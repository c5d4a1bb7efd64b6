// Domain names: what a person types (Unicode or punycode, any case, a trailing dot) becomes its
// ASCII form (IDNA: UTS #46 through `tr46`, the implementation WHATWG URL parsers use, so the answer
// does not depend on the Node version's URL parser), which is stored, compared and looked up; people
// are shown its Unicode form. Refused: IP addresses, single labels, labels that are empty, longer
// than 63 octets, start or end with a dash, or hold anything but letters, digits and dashes (LDH),
// punycode that does not decode, numeric top-level labels, names longer than 253 octets, and
// whatever else UTS #46 refuses (bidi and joiner rules, STD3).
import { toASCII, toUnicode, type ToASCIIOptions } from 'tr46';
import { z } from 'zod';

/** Mapping only (case, width, punycode), so the checks below can say which rule a name breaks. */
const MAPPING: ToASCIIOptions = { transitionalProcessing: false };
/** Everything UTS #46 checks for a host name, as the last word. */
const STRICT: ToASCIIOptions = {
  checkBidi: true,
  checkHyphens: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  verifyDNSLength: true,
  transitionalProcessing: false,
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type NameCheck = { ok: true; ascii: string } | { ok: false; reason: string };

export function toAsciiName(input: string): NameCheck {
  const trimmed = input.trim().replace(/\.$/, '');
  if (!trimmed) return { ok: false, reason: 'is empty' };
  if (/^\[.*\]$/.test(trimmed) || /^[0-9.]+$/.test(trimmed) || trimmed.includes(':')) return { ok: false, reason: 'is an IP address, not a domain name' };
  const ascii = toASCII(trimmed, MAPPING);
  if (!ascii) return { ok: false, reason: 'is not a valid internationalised domain name' };
  if (ascii.length > 253) return { ok: false, reason: 'is longer than 253 characters in its ASCII form' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, reason: 'needs at least two labels (like example.com)' };
  for (const label of labels) {
    if (!label) return { ok: false, reason: 'has an empty label' };
    if (label.length > 63) return { ok: false, reason: `has a label longer than 63 characters (${label.slice(0, 20)}…)` };
    if (!LABEL.test(label)) return { ok: false, reason: `has an invalid label "${label}" (letters, digits and inner dashes only)` };
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return { ok: false, reason: `has a reserved label "${label}" (dashes at positions 3 and 4)` };
    if (label.startsWith('xn--')) {
      const decoded = toUnicode(label, MAPPING);
      if (decoded.error) return { ok: false, reason: `has a punycode label "${label}" that does not decode` };
      if (toUnicode(label, STRICT).error) return { ok: false, reason: `has a label "${decoded.domain}" that IDNA does not allow (a joiner, mixed directions or a disallowed character)` };
    }
  }
  if (/^[0-9]+$/.test(labels.at(-1)!)) return { ok: false, reason: 'ends in a numeric label (an IP address?)' };
  if (toASCII(ascii, STRICT) !== ascii) return { ok: false, reason: 'is not a valid internationalised domain name' };
  return { ok: true, ascii };
}

/** The Unicode form of a stored ASCII name. */
export const toUnicodeName = (ascii: string) => {
  const { domain, error } = toUnicode(ascii, MAPPING);
  return error || !domain ? ascii : domain;
};

export const domainName = z
  .string()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    const checked = toAsciiName(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" ${checked.reason}`, input: value });
      return z.NEVER;
    }
    return checked.ascii;
  })
  .describe('A domain name, Unicode (bücher.de) or ASCII (xn--bcher-kva.de); stored in its ASCII form.');
