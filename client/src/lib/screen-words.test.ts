import { expect } from 'chai';
import { FIXTURE_CATALOG as C } from './screen-words.fixture.ts';
import { parseBoundInput, parseScreenWords, type ScreenFilter, tokenize, valueFor } from './screen-words.ts';

const parse = (s: string) => parseScreenWords(s, C);
const range = (key: string, min: number | null, max: number | null): ScreenFilter => ({
  kind: 'range',
  key,
  min,
  max,
});
const values = (key: 'sector' | 'industry' | 'exchange', ...v: string[]): ScreenFilter => ({
  kind: 'values',
  key,
  values: v,
});

describe('a screen in words: tokenizer', () => {
  it('splits words, numbers with their $ and unit, comparison signs and separators', () => {
    const t = tokenize('P/E ≤ 15, $10B and 2.5% or 1,000,000 -3% RSI(14)>=40.');
    expect(t.map((x) => [x.kind, x.text])).to.deep.equal([
      ['word', 'p/e'],
      ['op', '≤'],
      ['num', '15'],
      ['sep', ','],
      ['num', '10'],
      ['word', 'and'],
      ['num', '2.5'],
      ['word', 'or'],
      ['num', '1000000'],
      ['num', '-3'],
      ['word', 'rsi'],
      ['sep', '('],
      ['num', '14'],
      ['sep', ')'],
      ['op', '>='],
      ['num', '40'],
    ]);
    expect(t[4]).to.include({ suffix: 'b', dollar: true, value: 10 });
    expect(t[6]).to.include({ suffix: '%', value: 2.5 });
    expect(t[9]).to.include({ suffix: '%', value: -3 });
  });

  it('keeps a word that starts with a digit as a word (52-week, 12-1, 3rd)', () => {
    expect(tokenize('52-week 3rd').map((x) => x.kind)).to.deep.equal(['num', 'word', 'word']);
    expect(tokenize('3rd')[0]).to.include({ kind: 'word', text: '3rd' });
  });
});

describe('a screen in words: values in the unit the user thinks in', () => {
  it('reads fractions in percent, money with K/M/B/T, ratios as they are', () => {
    expect(valueFor('fraction', 2, '%')).to.deep.equal({ value: 0.02 });
    expect(valueFor('fraction', 2, undefined)).to.deep.equal({ value: 0.02 });
    expect(valueFor('fraction', 4.1, '%')).to.deep.equal({ value: 0.041 });
    expect(valueFor('percent', 1.5, '%')).to.deep.equal({ value: 1.5 });
    expect(valueFor('usd', 10, 'b', true)).to.deep.equal({ value: 10e9 });
    expect(valueFor('usd', 300, 'm')).to.deep.equal({ value: 300e6 });
    expect(valueFor('shares', 1.5, 'm')).to.deep.equal({ value: 1.5e6 });
    expect(valueFor('ratio', 15, 'x')).to.deep.equal({ value: 15 });
    expect(valueFor('ratio', 15, undefined)).to.deep.equal({ value: 15 });
  });

  it('refuses a unit that does not fit the metric', () => {
    expect(valueFor('ratio', 15, '%')).to.have.property('error');
    expect(valueFor('fraction', 2, 'b')).to.have.property('error');
    expect(valueFor('score', 50, undefined, true)).to.have.property('error');
    expect(valueFor('usd', 5, 'x')).to.have.property('error');
  });

  it('reads a filter box: empty is no bound, nonsense is undefined', () => {
    expect(parseBoundInput('fraction', '2.5')).to.equal(0.025);
    expect(parseBoundInput('fraction', '-10')).to.equal(-0.1);
    expect(parseBoundInput('usd', '10B')).to.equal(10e9);
    expect(parseBoundInput('usd', '$300M')).to.equal(300e6);
    expect(parseBoundInput('usd', '2 billion')).to.equal(2e9);
    expect(parseBoundInput('ratio', '15')).to.equal(15);
    expect(parseBoundInput('ratio', '  ')).to.equal(null);
    expect(parseBoundInput('ratio', 'abc')).to.equal(undefined);
    expect(parseBoundInput('ratio', '15%')).to.equal(undefined);
    expect(parseBoundInput('ratio', '1 2')).to.equal(undefined);
  });
});

describe('a screen in words: phrases', () => {
  it("reads the issue's example into four filters, in the order said", () => {
    expect(parse('profitable tech with dividends over 2% and RSI under 40')).to.deep.equal({
      filters: [
        range('eps', 0.01, null),
        values('sector', 'Information Technology'),
        range('dividend_yield', 0.02, null),
        range('rsi14', null, 40),
      ],
      unknown: [],
      notes: [],
    });
  });

  it('is deterministic: the same words give the same filters every time', () => {
    const a = parse('cheap large cap energy with ROE above 15% and debt/equity below 1');
    for (let i = 0; i < 5; i++)
      expect(parse('cheap large cap energy with ROE above 15% and debt/equity below 1')).to.deep.equal(a);
  });

  const cases: Array<[string, ScreenFilter[]]> = [
    ['P/E under 15', [range('pe', null, 15)]],
    ['pe < 15', [range('pe', null, 15)]],
    ['price to earnings at most 20', [range('pe', null, 20)]],
    ['P/E between 10 and 20', [range('pe', 10, 20)]],
    ['P/E from 20 to 10', [range('pe', 10, 20)]],
    ['P/E > 0 and ≤ 15', [range('pe', 0, 15)]],
    ['P/B no more than 3', [range('pb', null, 3)]],
    ['EV/EBITDA below 12x', [range('ev_to_ebitda', null, 12)]],
    ['PEG under 1', [range('peg', null, 1)]],
    ['dividend yield at least 3%', [range('dividend_yield', 0.03, null)]],
    ['yield of 4%', [range('dividend_yield', 0.04, null)]],
    ['dividends 2%+', [range('dividend_yield', 0.02, null)]],
    ['over 2% dividend yield', [range('dividend_yield', 0.02, null)]],
    ['payout ratio under 60%', [range('payout_ratio', null, 0.6)]],
    ['ROE above 15%', [range('roe', 0.15, null)]],
    ['return on equity > 20 %', [range('roe', 0.2, null)]],
    ['ROIC ≥ 12%', [range('roic', 0.12, null)]],
    ['net margin over 10 percent', [range('net_margin', 0.1, null)]],
    ['gross margin at least 40%', [range('gross_margin', 0.4, null)]],
    ['revenue growth over 15%', [range('revenue_growth', 0.15, null)]],
    ['EPS growth greater than 10%', [range('eps_growth', 0.1, null)]],
    ['revenue CAGR ≥ 10%', [range('revenue_cagr', 0.1, null)]],
    ['debt to equity under 0.5', [range('debt_to_equity', null, 0.5)]],
    ['current ratio ≥ 2', [range('current_ratio', 2, null)]],
    ['Piotroski F-score ≥ 8 of 9', [range('piotroski', 8, null)]],
    ['f-score at least 7 out of 9', [range('piotroski', 7, null)]],
    ['Altman Z above 3', [range('altman_z', 3, null)]],
    ['beta below 1', [range('beta', null, 1)]],
    ['RSI(14) < 80', [range('rsi14', null, 80)]],
    ['rsi between 30 and 50', [range('rsi14', 30, 50)]],
    ['market cap over $10B', [range('market_cap', 10e9, null)]],
    ['market cap ≥ $50 million', [range('market_cap', 50e6, null)]],
    ['mkt cap between 2B and 10B', [range('market_cap', 2e9, 10e9)]],
    ['annual revenue ≥ $2 billion', [range('revenue', 2e9, null)]],
    ['price under $20', [range('price', null, 20)]],
    ['average volume above 1M', [range('avg_volume', 1e6, null)]],
    ['volume over 500k', [range('volume', 500e3, null)]],
    ['12-1 month momentum > 0', [range('momentum_12_1', 0, null)]],
    ['from 52-week high above -10%', [range('from_52w_high', -0.1, null)]],
    ['performance YTD over 20%', [range('perf_ytd', 0.2, null)]],
    ['1 month performance above 5%', [range('perf_1m', 0.05, null)]],
    ['day change below -2%', [range('change_pct', null, -2)]],
    ['score at least 70', [range('score', 70, null)]],
    ['quality score over 60', [range('quality', 60, null)]],
    ['value score ≥ 50', [range('value', 50, null)]],
    ['Earnings yield (EBIT/EV) > 0', [range('earnings_yield', 0, null)]],
    ['free cash flow yield > 0', [range('fcf_yield', 0, null)]],
    ['price vs SMA 200 above 0', [range('price_vs_sma200', 0, null)]],
    ['piotroski = 9', [range('piotroski', 9, 9)]],
  ];
  for (const [phrase, expected] of cases) {
    it(`"${phrase}"`, () => {
      expect(parse(phrase)).to.deep.equal({ filters: expected, unknown: [], notes: [] });
    });
  }

  it('reads adjectives as fixed bounds', () => {
    expect(parse('cheap').filters).to.deep.equal([range('pe', 0.01, 15)]);
    expect(parse('large cap').filters).to.deep.equal([range('market_cap', 10e9, null)]);
    expect(parse('large-cap').filters).to.deep.equal([range('market_cap', 10e9, null)]);
    expect(parse('small caps').filters).to.deep.equal([range('market_cap', 300e6, 2e9)]);
    expect(parse('mid cap').filters).to.deep.equal([range('market_cap', 2e9, 10e9)]);
    expect(parse('oversold').filters).to.deep.equal([range('rsi14', null, 30)]);
    expect(parse('overbought').filters).to.deep.equal([range('rsi14', 70, null)]);
    expect(parse('unprofitable').filters).to.deep.equal([range('eps', null, 0)]);
    expect(parse('low debt').filters).to.deep.equal([range('debt_to_equity', null, 0.5)]);
    expect(parse('high dividend').filters).to.deep.equal([range('dividend_yield', 0.04, null)]);
    expect(parse('fast growing').filters).to.deep.equal([range('revenue_growth', 0.15, null)]);
  });

  it('reads "with dividends" alone as paying one, and "no dividends" as paying none', () => {
    expect(parse('utilities with dividends').filters).to.deep.equal([
      values('sector', 'Utilities'),
      range('dividend_yield', 0.0001, null),
    ]);
    expect(parse('tech without dividends').filters).to.deep.equal([
      values('sector', 'Information Technology'),
      range('dividend_yield', null, 0),
    ]);
  });

  it('collects sectors, industries and exchanges by name and synonym', () => {
    expect(parse('tech and healthcare').filters).to.deep.equal([
      values('sector', 'Information Technology', 'Health Care'),
    ]);
    expect(parse('banks, utilities or REITs').filters).to.deep.equal([
      values('sector', 'Financials', 'Utilities', 'Real Estate'),
    ]);
    expect(parse('semiconductors on nasdaq').filters).to.deep.equal([
      values('sector', 'Information Technology'),
      values('exchange', 'NASDAQ'),
    ]);
    expect(parse('Technology Hardware, Storage & Peripherals').filters).to.deep.equal([
      values('industry', 'Technology Hardware, Storage & Peripherals'),
    ]);
    expect(parse('oil & gas exploration & production on NYSE').filters).to.deep.equal([
      values('industry', 'Oil & Gas Exploration & Production'),
      values('exchange', 'NYSE'),
    ]);
  });

  it('excludes sectors with not/except: the other sectors are kept', () => {
    const r = parse('Not Financials, Utilities or Real Estate');
    expect(r.unknown).to.deep.equal([]);
    expect(r.filters).to.deep.equal([
      values(
        'sector',
        'Communication Services',
        'Consumer Discretionary',
        'Consumer Staples',
        'Energy',
        'Health Care',
        'Industrials',
        'Information Technology',
        'Materials',
      ),
    ]);
    expect(parse('tech and energy except energy').filters).to.deep.equal([
      values('sector', 'Information Technology'),
    ]);
  });

  it('narrows a metric said twice, and says when the bounds contradict', () => {
    expect(parse('cheap with P/E under 10').filters).to.deep.equal([range('pe', 0.01, 10)]);
    const r = parse('P/E over 30 and P/E under 10');
    expect(r.filters).to.deep.equal([range('pe', 30, 10)]);
    expect(r.notes.join(' ')).to.match(/contradict/);
  });

  it('ignores filler words and punctuation, whatever the case', () => {
    expect(parse('Show me ALL the stocks, with a P/E UNDER 15!').filters).to.deep.equal([
      range('pe', null, 15),
    ]);
    expect(parse('companies where RSI is below 30.').filters).to.deep.equal([range('rsi14', null, 30)]);
  });
});

describe('a screen in words: what it does not understand', () => {
  it('lists unknown words as typed and keeps the rest', () => {
    const r = parse('profitable zorg stocks with P/E under 15 and flurbs');
    expect(r.filters).to.deep.equal([range('eps', 0.01, null), range('pe', null, 15)]);
    expect(r.unknown).to.deep.equal(['zorg', 'flurbs']);
  });

  it('understands nothing in nonsense, an empty string or only fillers', () => {
    expect(parse('banana smoothie')).to.deep.equal({
      filters: [],
      unknown: ['banana', 'smoothie'],
      notes: [],
    });
    expect(parse('')).to.deep.equal({ filters: [], unknown: [], notes: [] });
    expect(parse('   ')).to.deep.equal({ filters: [], unknown: [], notes: [] });
    expect(parse('show me the stocks')).to.deep.equal({ filters: [], unknown: [], notes: [] });
  });

  it('a comparison with no metric is not understood', () => {
    const r = parse('over 5');
    expect(r.filters).to.deep.equal([]);
    expect(r.unknown).to.deep.equal(['over', '5']);
  });

  it('a metric with no comparison asks for one', () => {
    const r = parse('RSI');
    expect(r.filters).to.deep.equal([]);
    expect(r.notes).to.have.length(1);
    expect(r.notes[0]).to.match(/"RSI" needs a comparison/);
    expect(parse('P/E under').notes[0]).to.match(/needs a comparison/);
  });

  it('a unit that does not fit is explained, not guessed', () => {
    const r = parse('P/E under 15%');
    expect(r.filters).to.deep.equal([]);
    expect(r.notes[0]).to.match(/% does not fit it \(P\/E is a plain number or multiple\)/);
    expect(parse('dividend yield over $5B').notes[0]).to.match(/only fit money and volumes/);
  });

  it('"between" without its second value is not a range', () => {
    const r = parse('P/E between 10');
    expect(r.filters).to.deep.equal([]);
    expect(r.notes[0]).to.match(/needs a comparison/);
    expect(r.unknown).to.deep.equal(['between', '10']);
  });

  it('does not read a ten-thousand-word paste past its first 500 characters', () => {
    const r = parse(`${'cheap '.repeat(100)} zzz`);
    expect(r.filters).to.deep.equal([range('pe', 0.01, 15)]);
    expect(r.unknown).to.deep.equal([]);
  });
});
