import { expect } from 'chai';
import { SECTORS } from '../types.ts';
import { CYCLICAL_EARNINGS, SAMPLE_UNIVERSE } from './universe.ts';

const byTicker = new Map(SAMPLE_UNIVERSE.map((c) => [c.ticker, c]));

describe('sample universe', () => {
  it('has at least 110 companies with unique tickers', () => {
    expect(SAMPLE_UNIVERSE.length).to.be.at.least(110);
    expect(byTicker.size).to.equal(SAMPLE_UNIVERSE.length);
  });

  it('covers all 11 GICS sectors with at least 6 companies each', () => {
    for (const sector of SECTORS) {
      const count = SAMPLE_UNIVERSE.filter((c) => c.sector === sector).length;
      expect(count, sector).to.be.at.least(6);
    }
    for (const c of SAMPLE_UNIVERSE) expect(SECTORS, c.ticker).to.include(c.sector);
  });

  it('has complete, plausible parameters for every company', () => {
    for (const c of SAMPLE_UNIVERSE) {
      const label = c.ticker;
      expect(c.ticker, label).to.match(/^[A-Z]{1,5}(\.[A-Z])?$/);
      expect(c.name.length, label).to.be.greaterThan(1);
      expect(c.industry.length, label).to.be.greaterThan(3);
      expect(['NYSE', 'NASDAQ'], label).to.include(c.exchange);
      expect(c.description, label).to.match(/^[A-Z0-9].{20,160}\.$/);
      expect(c.marketCap, label).to.be.within(5e9, 5e12);
      expect(c.price, label).to.be.within(5, 10_000);
      expect(c.beta, label).to.be.within(0.2, 2.5);
      if (c.pe !== null) expect(c.pe, label).to.be.within(5, 200);
      expect(c.ps, label).to.be.within(0.2, 30);
      expect(c.pb, label).to.be.within(0.5, 15);
      expect(c.dividendYield, label).to.be.within(0, 0.08);
      expect(c.grossMargin, label).to.be.within(0.04, 1);
    }
  });

  it('has the real sector and exchange of well-known companies', () => {
    const expectations: [string, string, string][] = [
      ['AAPL', 'Information Technology', 'NASDAQ'],
      ['MSFT', 'Information Technology', 'NASDAQ'],
      ['NVDA', 'Information Technology', 'NASDAQ'],
      ['GOOGL', 'Communication Services', 'NASDAQ'],
      ['META', 'Communication Services', 'NASDAQ'],
      ['AMZN', 'Consumer Discretionary', 'NASDAQ'],
      ['TSLA', 'Consumer Discretionary', 'NASDAQ'],
      ['XOM', 'Energy', 'NYSE'],
      ['JPM', 'Financials', 'NYSE'],
      ['V', 'Financials', 'NYSE'],
      ['BRK.B', 'Financials', 'NYSE'],
      ['JNJ', 'Health Care', 'NYSE'],
      ['PG', 'Consumer Staples', 'NYSE'],
      ['NEE', 'Utilities', 'NYSE'],
      ['PLD', 'Real Estate', 'NYSE'],
      ['LIN', 'Materials', 'NASDAQ'],
      ['CAT', 'Industrials', 'NYSE'],
      ['HON', 'Industrials', 'NASDAQ'],
      ['PEP', 'Consumer Staples', 'NASDAQ'],
    ];
    for (const [ticker, sector, exchange] of expectations) {
      const c = byTicker.get(ticker);
      expect(c, ticker).to.not.equal(undefined);
      expect(c?.sector, ticker).to.equal(sector);
      expect(c?.exchange, ticker).to.equal(exchange);
    }
    expect(byTicker.get('AAPL')?.name).to.equal('Apple Inc.');
    expect(byTicker.get('JPM')?.industry).to.equal('Diversified Banks');
  });

  it('sizes companies at the right order of magnitude', () => {
    expect(byTicker.get('AAPL')?.marketCap).to.be.within(2e12, 5e12);
    expect(byTicker.get('PNW')?.marketCap).to.be.within(5e9, 2e10);
    expect(byTicker.get('BKNG')?.price).to.be.greaterThan(1000);
  });

  it('marks typical non-payers and payers of dividends', () => {
    for (const t of ['TSLA', 'AMZN', 'BRK.B']) expect(byTicker.get(t)?.dividendYield, t).to.equal(0);
    for (const t of ['XOM', 'JNJ', 'PG', 'NEE', 'O', 'JPM', 'KO', 'DUK']) {
      expect(byTicker.get(t)?.dividendYield, t).to.be.greaterThan(0.015);
    }
  });

  it('says whose earnings are steady, cyclical or loss-making', () => {
    for (const c of SAMPLE_UNIVERSE) {
      const expected = c.pe === null ? 'loss-making' : c.ticker in CYCLICAL_EARNINGS ? 'cyclical' : 'steady';
      expect(c.earnings, c.ticker).to.equal(expected);
    }
    // Every cyclical entry is a profitable company of the universe, with its reason.
    for (const [ticker, reason] of Object.entries(CYCLICAL_EARNINGS)) {
      expect(byTicker.get(ticker)?.pe, ticker).to.be.a('number');
      expect(reason).to.match(/loss/);
    }
    expect(byTicker.get('XOM')?.earnings).to.equal('cyclical');
    expect(byTicker.get('AAPL')?.earnings).to.equal('steady');
    expect(byTicker.get('INTC')?.earnings).to.equal('loss-making');
  });
});
