import { expect } from 'chai';
import { toCsv } from '../../lib/csv.ts';
import { screenCsvColumns } from './csv.ts';

describe('stocks CSV with chosen columns', () => {
  it('exports ticker, name, the chosen metrics by key and the score last', () => {
    const cols = screenCsvColumns(['score', 'pe', 'dividend_yield']);
    expect(cols.map((c) => c.header)).to.deep.equal(['ticker', 'name', 'pe', 'dividend_yield', 'score']);
    const row = { ticker: 'AAPL', name: 'Apple Inc.', pe: 29.9, dividend_yield: 0.005, score: 43.6 };
    // biome-ignore lint/suspicious/noExplicitAny: a row as the API sends it with columns=
    const csv = toCsv(cols, [row as any]);
    expect(csv.split(/\r?\n/)[1]).to.equal('AAPL,Apple Inc.,29.9,0.005,43.6');
  });
});
