import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvSeparator, csvText, readCsv, unguardCsvText, UTF8_BOM } from '../../shared/csv.js';

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with doubled quotes, commas and CR, LF and CRLF inside them', () => {
    const text = 'a,b,c\r\n"x, y","say ""no""","one\r\ntwo\nthree\rfour"\r\n';
    expect(readCsv(text)).toEqual({ ok: true, records: [['a', 'b', 'c'], ['x, y', 'say "no"', 'one\r\ntwo\nthree\rfour']] });
  });

  it('ends records at CRLF, LF or CR, ignores a byte order mark and a missing final line break', () => {
    expect(readCsv(`${UTF8_BOM}a,b\nc,d\re,f\r\ng,`)).toEqual({ ok: true, records: [['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', '']] });
  });

  it('names the record where a quoted field is left open', () => {
    expect(readCsv('a,b\r\n1,2\r\n"open,3\r\n4,5\r\n')).toEqual({ ok: false, record: 3, message: 'a quoted field is never closed' });
  });

  it('refuses text after a closing quote', () => {
    const r = readCsv('a\r\n"x"y\r\n');
    expect(r.ok).toBe(false);
    expect(r.ok ? 0 : r.record).toBe(2);
  });

  it('reads a sheet saved with semicolons when told, and tells one from its first line', () => {
    const text = 'id;headline\r\nx;"a; b, c"\r\n';
    expect(csvSeparator(text)).toBe(';');
    expect(csvSeparator('id,headline\r\nx;y\r\n')).toBe(',');
    expect(readCsv(text, ';')).toEqual({ ok: true, records: [['id', 'headline'], ['x', 'a; b, c']] });
  });

  it('guards formula text and gives it back exactly, including text that already starts with a quote', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField("'=1+1")).toBe("''=1+1");
    expect(csvField("'quoted")).toBe("'quoted");
    for (const s of ['=1+1', "'=1+1", "''-x", "'quoted", '@SUM(A1)', '\tcmd', 'plain']) expect(unguardCsvText(csvField(s).replace(/^"|"$/g, '').replace(/""/g, '"'))).toBe(s);
  });

  it('reads back every table it writes, and no written cell starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (rows) => {
        const r = readCsv(csvText(['a', 'b', 'c'], rows));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.records.slice(1).map((rec) => rec.map(unguardCsvText))).toEqual(rows);
        for (const rec of r.records) for (const cell of rec) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
