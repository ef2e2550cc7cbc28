import { expect } from 'chai';
import {
  boundOf,
  DEFAULT_STOCKS_STATE,
  defaultOrder,
  isFiltered,
  parseStocksQuery,
  type StocksViewState,
  splitList,
  stocksQueryString,
  toApiParams,
  toggleSort,
  withBound,
  withFilters,
  withoutFilters,
} from './stocks-url.ts';

const state = (patch: Partial<StocksViewState> = {}): StocksViewState => ({
  ...DEFAULT_STOCKS_STATE,
  ...patch,
});

describe('stocks table URL state', () => {
  it('reads the default view from an empty query and writes it as an empty string', () => {
    expect(parseStocksQuery({})).to.deep.equal(DEFAULT_STOCKS_STATE);
    expect(stocksQueryString(DEFAULT_STOCKS_STATE)).to.equal('');
  });

  it('round-trips every field', () => {
    const s = state({
      q: 'apple inc',
      sector: 'Information Technology',
      minScore: 40,
      maxScore: 80.5,
      sort: 'pe',
      order: 'asc',
      page: 3,
      size: 50,
    });
    const qs = stocksQueryString(s);
    expect(qs).to.equal(
      '?q=apple+inc&sector=Information+Technology&min_score=40&max_score=80.5&sort=pe&order=asc&page=3&size=50',
    );
    expect(parseStocksQuery(new URLSearchParams(qs))).to.deep.equal(s);
  });

  it('reads a record query (preact-iso useLocation().query)', () => {
    expect(parseStocksQuery({ sector: 'Energy', page: '2' })).to.deep.equal(
      state({ sector: 'Energy', page: 2 }),
    );
  });

  it('falls back to defaults for invalid values', () => {
    const s = parseStocksQuery({
      sort: 'drop table',
      order: 'sideways',
      page: '-1',
      size: '1000',
      min_score: 'x',
    });
    expect(s).to.deep.equal(DEFAULT_STOCKS_STATE);
    expect(parseStocksQuery({ page: '2.5' }).page).to.equal(1);
    expect(parseStocksQuery({ page: '0' }).page).to.equal(1);
  });

  it('clamps scores to 0-100 and swaps a reversed range', () => {
    expect(parseStocksQuery({ min_score: '-5', max_score: '500' })).to.include({
      minScore: 0,
      maxScore: 100,
    });
    expect(parseStocksQuery({ min_score: '80', max_score: '20' })).to.include({ minScore: 20, maxScore: 80 });
  });

  it('uses the natural order of a sort column given without order', () => {
    expect(parseStocksQuery({ sort: 'ticker' }).order).to.equal('asc');
    expect(parseStocksQuery({ sort: 'market_cap' }).order).to.equal('desc');
    expect(defaultOrder('rank')).to.equal('asc');
    expect(defaultOrder('change_pct')).to.equal('desc');
  });

  it('builds the API query, leaving out empty filters', () => {
    expect(toApiParams(DEFAULT_STOCKS_STATE)).to.deep.equal({
      page: 1,
      size: 20,
      sort: 'score',
      order: 'desc',
    });
    expect(toApiParams(state({ q: ' msft ', sector: 'Energy', minScore: 0, maxScore: 50 }))).to.deep.equal({
      page: 1,
      size: 20,
      sort: 'score',
      order: 'desc',
      q: 'msft',
      sector: 'Energy',
      min_score: 0,
      max_score: 50,
    });
  });

  it('toggles sorting: a new column starts at its natural order, the same column flips, page resets', () => {
    const a = toggleSort(state({ page: 4 }), 'ticker');
    expect(a).to.include({ sort: 'ticker', order: 'asc', page: 1 });
    expect(toggleSort(a, 'ticker')).to.include({ sort: 'ticker', order: 'desc' });
    expect(toggleSort(state(), 'score')).to.include({ sort: 'score', order: 'asc' });
  });

  it('goes back to page 1 when a filter changes, but not when the page does', () => {
    expect(withFilters(state({ page: 5 }), { sector: 'Energy' }).page).to.equal(1);
    expect(withFilters(state({ page: 5 }), { page: 6 }).page).to.equal(6);
  });

  it('round-trips bounds on any metric, lists, columns and the strategy they came from', () => {
    const s = state({
      sector: 'Energy,Utilities',
      industry: 'Technology Hardware, Storage & Peripherals,Semiconductors',
      exchange: 'NYSE',
      ranges: { pe: { min: 0, max: 15 }, dividend_yield: { min: 0.02, max: null } },
      columns: ['pe', 'pb', 'dividend_yield'],
      from: 'value',
    });
    const qs = stocksQueryString(s);
    expect(qs).to.contain('pe_min=0&pe_max=15&dividend_yield_min=0.02');
    expect(qs).to.contain('columns=pe%2Cpb%2Cdividend_yield');
    const back = parseStocksQuery(new URLSearchParams(qs));
    expect(back).to.deep.equal(s);
    // An industry whose name holds ", " stays one name.
    expect(splitList(back.industry)).to.deep.equal([
      'Technology Hardware, Storage & Peripherals',
      'Semiconductors',
    ]);
  });

  it('sends bounds, lists and columns (plus the score) to the API', () => {
    const p = toApiParams(
      state({ ranges: { rsi14: { min: null, max: 40 } }, exchange: 'NASDAQ', columns: ['pe', 'roe'] }),
    );
    expect(p).to.deep.include({ rsi14_max: 40, exchange: 'NASDAQ', columns: 'pe,roe,score' });
    expect(p).to.not.have.property('rsi14_min');
  });

  it('drops what it cannot read: unknown columns, non-numeric bounds; swaps a reversed range; takes score_min', () => {
    const s = parseStocksQuery({
      columns: 'pe,bogus,pe,ticker',
      pe_min: 'abc',
      pe_max: '12',
      roe_min: '0.3',
      roe_max: '0.1',
      nonsense_min: '4',
      score_min: '55',
    });
    expect(s.columns).to.deep.equal(['pe']);
    expect(s.ranges).to.deep.equal({ pe: { min: null, max: 12 }, roe: { min: 0.1, max: 0.3 } });
    expect(s.minScore).to.equal(55);
    expect(parseStocksQuery({ columns: 'bogus' }).columns).to.equal(null);
  });

  it('sets and clears a bound (the score through min/max score), and tells whether anything filters', () => {
    const a = withBound(state({ page: 3 }), 'pe', { min: null, max: 20 });
    expect(a.ranges).to.deep.equal({ pe: { min: null, max: 20 } });
    expect(a.page).to.equal(1);
    expect(isFiltered(a)).to.equal(true);
    expect(boundOf(a, 'pe')).to.deep.equal({ min: null, max: 20 });
    const b = withBound(a, 'score', { min: 50, max: null });
    expect([b.minScore, b.maxScore]).to.deep.equal([50, null]);
    expect(boundOf(b, 'score')).to.deep.equal({ min: 50, max: null });
    const c = withBound(withBound(b, 'pe', { min: null, max: null }), 'score', { min: null, max: null });
    expect(c.ranges).to.deep.equal({});
    expect(isFiltered(c)).to.equal(false);
    const d = withoutFilters(state({ sector: 'Energy', columns: ['pe'], sort: 'pe', from: 'value' }));
    expect(d.columns).to.deep.equal(['pe']);
    expect(d.sort).to.equal('pe');
    expect([d.sector, d.from, isFiltered(d)]).to.deep.equal(['', '', false]);
  });
});
