import { expect } from 'chai';
import {
  DEFAULT_STOCKS_STATE,
  defaultOrder,
  parseStocksQuery,
  type StocksViewState,
  stocksQueryString,
  toApiParams,
  toggleSort,
  withFilters,
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
});
