import { expect } from 'chai';
import { type CsvColumn, csvField, csvFileName, exportColumns, SAMPLE_DATA_NOTE, toCsv } from './csv.ts';

describe('csv', () => {
  it('leaves plain fields alone and prints numbers as they are', () => {
    expect(csvField('AAPL')).to.equal('AAPL');
    expect(csvField(42.5)).to.equal('42.5');
    expect(csvField(-1.37)).to.equal('-1.37');
    expect(csvField(0)).to.equal('0');
  });

  it('writes null, undefined and non-finite numbers as empty fields', () => {
    expect(csvField(null)).to.equal('');
    expect(csvField(undefined)).to.equal('');
    expect(csvField(Number.NaN)).to.equal('');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Apple, Inc.')).to.equal('"Apple, Inc."');
    expect(csvField('The "Magic" Formula')).to.equal('"The ""Magic"" Formula"');
    expect(csvField('line one\nline two')).to.equal('"line one\nline two"');
    expect(csvField('a\r\nb')).to.equal('"a\r\nb"');
    expect(csvField(' padded ')).to.equal('" padded "');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).to.equal('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).to.equal("'+1");
    expect(csvField('@SUM')).to.equal("'@SUM");
  });

  it('joins lists with semicolons', () => {
    expect(csvField(['Yield 7.1 %', 'Payout 68 %'])).to.equal('Yield 7.1 %; Payout 68 %');
  });

  it('builds a document with a header row and CRLF line ends', () => {
    const rows = [
      { t: 'MO', n: 'Altria Group, Inc.', s: 65.6 },
      { t: 'X', n: 'Say "hi"\nthere', s: null },
    ];
    const csv = toCsv(
      [
        { header: 'ticker', value: (r: (typeof rows)[number]) => r.t },
        { header: 'name', value: (r) => r.n },
        { header: 'score', value: (r) => r.s },
      ],
      rows,
    );
    expect(csv).to.equal('ticker,name,score\r\nMO,"Altria Group, Inc.",65.6\r\nX,"Say ""hi""\nthere",\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([{ header: 'a,b', value: () => 1 }], [])).to.equal('"a,b"\r\n');
  });

  it('makes safe file names', () => {
    const d = new Date('2026-11-28T10:00:00Z');
    expect(csvFileName('stocks-Information Technology', d)).to.equal(
      'vibeapp-stocks-information-technology-2026-11-28.csv',
    );
    expect(csvFileName('///', d)).to.equal('vibeapp-export-2026-11-28.csv');
  });
});

describe('sample-data labelling of exports', () => {
  const cols: CsvColumn<{ t: string }>[] = [{ header: 'ticker', value: (r) => r.t }];
  it('adds a data column naming sample data on every row', () => {
    const csv = toCsv(exportColumns(cols, true), [{ t: 'AAPL' }, { t: 'MSFT' }]);
    expect(csv).to.equal(`ticker,data\r\nAAPL,${SAMPLE_DATA_NOTE}\r\nMSFT,${SAMPLE_DATA_NOTE}\r\n`);
  });
  it('leaves real-data exports as they are', () => {
    expect(exportColumns(cols, false)).to.equal(cols);
  });
  it('names sample files as such', () => {
    const d = new Date('2026-11-28T12:00:00Z');
    expect(csvFileName('stocks', d, true)).to.equal('vibeapp-sample-data-stocks-2026-11-28.csv');
    expect(csvFileName('stocks', d)).to.equal('vibeapp-stocks-2026-11-28.csv');
  });
});
