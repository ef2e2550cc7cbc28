import { expect } from 'chai';
import {
  applyFilters,
  boundLabel,
  boundText,
  describeFilter,
  filtersOf,
  removeFilter,
  strategyFilters,
} from './screen-filters.ts';
import { FIXTURE_CATALOG as C } from './screen-words.fixture.ts';
import { DEFAULT_STOCKS_STATE, parseStocksQuery, stocksQueryString } from './stocks-url.ts';

const metric = (key: string) => C.metrics.find((m) => m.key === key);

describe('screen filters', () => {
  it('shows bounds the way the user thinks: percent for fractions, B/M for money', () => {
    expect(boundText('fraction', 0.025)).to.equal('2.5');
    expect(boundText('usd', 10e9)).to.equal('10B');
    expect(boundText('usd', 2.5)).to.equal('2.5');
    expect(boundText('shares', 1.5e6)).to.equal('1.5M');
    expect(boundText('ratio', null)).to.equal('');
    expect(boundLabel('fraction', 0.041)).to.equal('4.1 %');
    expect(boundLabel('usd', 300e6)).to.equal('$300M');
    expect(boundLabel('percent', -2)).to.equal('-2 %');
  });

  it('describes chips', () => {
    expect(describeFilter({ kind: 'range', key: 'pe', min: 10, max: 20 }, metric('pe'))).to.equal(
      'P/E 10 to 20',
    );
    expect(
      describeFilter(
        { kind: 'range', key: 'dividend_yield', min: 0.02, max: null },
        metric('dividend_yield'),
      ),
    ).to.equal('Dividend yield ≥ 2 %');
    expect(
      describeFilter({ kind: 'range', key: 'market_cap', min: null, max: 2e9 }, metric('market_cap')),
    ).to.equal('Market cap ≤ $2B');
    expect(describeFilter({ kind: 'range', key: 'piotroski', min: 9, max: 9 }, metric('piotroski'))).to.equal(
      'Piotroski F-score = 9',
    );
    expect(
      describeFilter({ kind: 'values', key: 'sector', values: ['Energy', 'Utilities'] }, metric('sector')),
    ).to.equal('Sector: Energy, Utilities');
  });

  it('applies filters to a view (the score to min/max score) and lists them back; removing one drops it', () => {
    const s = applyFilters({ ...DEFAULT_STOCKS_STATE, page: 4 }, [
      { kind: 'values', key: 'sector', values: ['Energy', 'Utilities'] },
      { kind: 'range', key: 'pe', min: null, max: 15 },
      { kind: 'range', key: 'score', min: 60, max: null },
    ]);
    expect(s.page).to.equal(1);
    expect(s.minScore).to.equal(60);
    expect(stocksQueryString(s)).to.equal('?sector=Energy%2CUtilities&min_score=60&pe_max=15');
    expect(filtersOf(s)).to.deep.equal([
      { kind: 'values', key: 'sector', values: ['Energy', 'Utilities'] },
      { kind: 'range', key: 'score', min: 60, max: null },
      { kind: 'range', key: 'pe', min: null, max: 15 },
    ]);
    const t = removeFilter(s, { kind: 'range', key: 'pe', min: null, max: 15 });
    expect(stocksQueryString(t)).to.equal('?sector=Energy%2CUtilities&min_score=60');
    expect(stocksQueryString(removeFilter(t, { kind: 'values', key: 'sector', values: [] }))).to.equal(
      '?min_score=60',
    );
  });
});

describe('a strategy as filters', () => {
  // The rules as GET /api/stocks/screener/strategies words them.
  it('Deep value: the bounds it can say, and the rule it cannot', () => {
    const m = strategyFilters(
      ['P/E > 0 and ≤ 15', 'P/B > 0 and ≤ 2', 'EV/EBITDA > 0 and ≤ 10', 'Free cash flow yield > 0'],
      C,
    );
    expect(m.filters).to.deep.equal([
      { kind: 'range', key: 'pe', min: 0, max: 15 },
      { kind: 'range', key: 'pb', min: 0, max: 2 },
      { kind: 'range', key: 'ev_to_ebitda', min: 0, max: 10 },
      { kind: 'range', key: 'fcf_yield', min: 0, max: null },
    ]);
    expect(m.notExpressed).to.deep.equal([]);
  });

  it('a rule that joins two metrics with "or", or that reads more than a metric holds, is left out', () => {
    const m = strategyFilters(
      [
        'Debt/equity ≤ 1 or a financial',
        'Price > 200-day moving average',
        'P/B > 0 and at or below the universe median (the cheap half)',
        'EPS CAGR ≥ 2.9 % a year (+33 % per decade)',
        'Not Financials or Real Estate (neither model applies)',
      ],
      C,
    );
    expect(m.filters).to.deep.equal([]);
    expect(m.notExpressed).to.have.length(5);
  });

  it('Growth and Magic Formula: "(latest year)" is the metric itself; an excluded sector list becomes the rest', () => {
    const g = strategyFilters(
      [
        'Revenue growth ≥ 15 % (latest year)',
        'EPS growth ≥ 15 % (latest year)',
        'Revenue CAGR ≥ 10 %',
        'EPS > 0',
      ],
      C,
    );
    expect(g.notExpressed).to.deep.equal([]);
    expect(g.filters.map((f) => f.key)).to.deep.equal([
      'revenue_growth',
      'eps_growth',
      'revenue_cagr',
      'eps',
    ]);
    const mf = strategyFilters(
      [
        'Not Financials, Utilities or Real Estate',
        'Market cap ≥ $50 million',
        'Earnings yield (EBIT/EV) > 0',
        'Return on capital (EBIT / (NWC + net PPE)) > 0',
      ],
      C,
    );
    expect(mf.notExpressed).to.deep.equal([]);
    expect(mf.filters[0]).to.deep.include({ kind: 'values', key: 'sector' });
    expect((mf.filters[0] as { values: string[] }).values).to.not.include('Financials');
    expect(mf.filters[1]).to.deep.equal({ kind: 'range', key: 'market_cap', min: 50e6, max: null });
  });

  it('Graham and Altman: rules that no single metric holds are reported, not half-applied', () => {
    const m = strategyFilters(
      [
        'Annual revenue ≥ $2 billion',
        'Current ratio ≥ 2',
        'Long-term debt ≤ working capital',
        'P/E ≤ 15 on three-year average EPS',
        'P/E × P/B ≤ 22.5, or P/B ≤ 1.5',
        'Manufacturers: Altman Z > 2.99 (safe zone)',
        'Piotroski F-score ≥ 8 of 9',
        'Dividend raised or held ≥ 3 years in a row',
        'RSI(14) < 80',
      ],
      C,
    );
    expect(m.expressed).to.deep.equal([
      'Annual revenue ≥ $2 billion',
      'Current ratio ≥ 2',
      'Piotroski F-score ≥ 8 of 9',
      'RSI(14) < 80',
    ]);
    expect(m.notExpressed).to.have.length(5);
  });

  it('the filters of a strategy survive the URL', () => {
    const m = strategyFilters(['P/E > 0 and ≤ 15', 'Dividend yield ≥ 2.5 %'], C);
    const s = { ...applyFilters(DEFAULT_STOCKS_STATE, m.filters), from: 'value' };
    const back = parseStocksQuery(new URLSearchParams(stocksQueryString(s)));
    expect(back).to.deep.equal(s);
  });
});
