import { expect } from 'chai';
import {
  chartQueryString,
  DEFAULT_CHART_VIEW,
  MAX_COMPARE,
  normalise,
  parseTicker,
  readChartView,
  toggleIndicator,
} from './chart-view.ts';

describe('chart view URL state', () => {
  it('leaves the default view out of the URL', () => {
    expect(chartQueryString(DEFAULT_CHART_VIEW)).to.equal('');
    expect(readChartView({})).to.deep.equal(DEFAULT_CHART_VIEW);
  });

  it('round-trips every choice', () => {
    const view = {
      range: '2y' as const,
      kind: 'line' as const,
      indicators: ['rsi' as const, 'macd' as const, 'bb' as const, 'score' as const],
      log: true,
      compare: ['MSFT', 'NVDA'],
    };
    const qs = chartQueryString(view);
    expect(qs).to.equal('?range=2y&chart=line&ind=rsi,macd,bb,score&log=1&cmp=MSFT,NVDA');
    expect(readChartView(Object.fromEntries(new URLSearchParams(qs)))).to.deep.equal(view);
  });

  it('falls back to defaults for what it cannot read, and keeps at most four distinct compare tickers', () => {
    const v = readChartView({
      range: '5y',
      chart: 'bars',
      ind: 'RSI,vwap',
      log: 'yes',
      cmp: 'msft,MSFT,a b,x,y,z,w,v',
    });
    expect(v).to.deep.equal({ ...DEFAULT_CHART_VIEW, indicators: ['rsi'], compare: ['MSFT', 'X', 'Y', 'Z'] });
    expect(v.compare).to.have.length(MAX_COMPARE);
  });

  it('does not compare a stock with itself', () => {
    expect(chartQueryString({ ...DEFAULT_CHART_VIEW, compare: ['AAPL', 'MSFT'] }, 'AAPL')).to.equal(
      '?cmp=MSFT',
    );
  });

  it('toggles an indicator in the canonical order', () => {
    const on = toggleIndicator(toggleIndicator(DEFAULT_CHART_VIEW, 'bb'), 'rsi');
    expect(on.indicators).to.deep.equal(['rsi', 'bb']);
    expect(toggleIndicator(on, 'rsi').indicators).to.deep.equal(['bb']);
  });

  it('parses typed tickers', () => {
    expect(parseTicker(' brk.b ')).to.equal('BRK.B');
    expect(parseTicker('a b')).to.equal(null);
    expect(parseTicker('')).to.equal(null);
  });

  it('normalises closes to 100 at the first point', () => {
    expect(
      normalise([
        { date: '2026-01-02', close: 50 },
        { date: '2026-01-05', close: 75 },
      ]),
    ).to.deep.equal([
      { time: '2026-01-02', value: 100 },
      { time: '2026-01-05', value: 150 },
    ]);
    expect(normalise([{ date: '2026-01-02', close: 0 }])).to.deep.equal([]);
  });
});
