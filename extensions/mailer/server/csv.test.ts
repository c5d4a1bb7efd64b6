// CSV writer: quoting and spreadsheet-formula neutralising.
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=HYPERLINK("evil")', null], ['line\nbreak', -5]])).toBe(
      'a,b\r\n"x,y","say ""hi"""\r\n"\'=HYPERLINK(""evil"")",\r\n"line\nbreak",\'-5\r\n',
    );
  });
});
