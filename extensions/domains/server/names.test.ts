// Domain names: IDNA to ASCII, and what is refused (with the reason a 400 names).
import { describe, expect, it } from 'vitest';
import { toAsciiName, toUnicodeName } from './names';

describe('domain names', () => {
  it.each([
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['EXAMPLE.COM.', 'example.com'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['a-b.co.uk', 'a-b.co.uk'],
  ])('stores %s as %s', (input, ascii) => {
    expect(toAsciiName(input)).toEqual({ ok: true, ascii });
  });

  it('shows the Unicode form', () => {
    expect(toUnicodeName('xn--bcher-kva.de')).toBe('bücher.de');
    expect(toUnicodeName('example.com')).toBe('example.com');
  });

  it.each([
    ['1.2.3.4', /IP address/],
    ['[::1]', /IP address/],
    ['fe80::1', /IP address/],
    ['localhost', /two labels/],
    ['a..com', /empty label/],
    ['-a.com', /invalid label/],
    ['a-.com', /invalid label/],
    ['a_b.com', /invalid label/],
    ['ab--c.com', /reserved label/],
    ['xn--zz.com', /not a valid/],
    ['xn--a.com', /not a valid/],
    ['a\u200db.com', /IDNA does not allow/],
    ['xn--bcher-kva.xn--zz', /not a valid/],
    ['example.123', /not a valid|numeric/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    [`${'abcdefghi.'.repeat(26)}com`, /longer than 253/],
    ['', /empty/],
  ])('refuses %s', (input, reason) => {
    const checked = toAsciiName(input);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });
});
