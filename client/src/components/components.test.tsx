import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import { ApiError, ApiUnreachableError } from '../api/client.ts';
import type { Explanation, StockListItem } from '../api/types.ts';
import type { ApiState } from '../lib/hooks.ts';
import { DataBadges, isActive } from './Header.tsx';
import { ScoreBreakdown } from './Score.tsx';
import { componentMoves, explainDay, ScoreHistoryChart } from './ScoreHistory.tsx';
import { AsyncView, EmptyState, ErrorState, Loading, UNREACHABLE_MESSAGE } from './States.tsx';
import { StockList } from './StockList.tsx';

const explanation: Explanation = {
  summary: 'Cheap and profitable, with weak momentum.',
  strengths: ['ROE 42 % (top 8 % of Information Technology)'],
  weaknesses: ['EPS growth (YoY) -19 % (bottom 8 % of all stocks)'],
  components: [
    {
      key: 'value',
      label: 'Value',
      score: 30.8,
      weight: 0.25,
      note: 'Ratios ranked within Information Technology.',
      drivers: [
        { metric: 'pe', label: 'P/E', value: 40.74, format: 'x', percentile: 46.2, better: 'lower' },
        {
          metric: 'fcfYield',
          label: 'FCF yield',
          value: 0.0207,
          format: 'pct',
          percentile: 30.8,
          better: 'higher',
        },
      ],
    },
    {
      key: 'quality',
      label: 'Quality',
      score: 52.6,
      weight: 0.25,
      drivers: [
        { metric: 'roe', label: 'ROE', value: 0.4167, format: 'pct', percentile: 92.3, better: 'higher' },
      ],
    },
    { key: 'dividend', label: 'Dividend', score: 0, weight: 0.05, drivers: [] },
  ],
};

const stock: StockListItem = {
  ticker: 'MO',
  name: 'Altria Group, Inc.',
  sector: 'Consumer Staples',
  industry: 'Tobacco',
  price: 57.14,
  change: 0.24,
  change_pct: 0.4218,
  market_cap: 95.2e9,
  pe: 9.1,
  dividend_yield: 0.071,
  score: 65.6,
  rank: 6,
  components: null,
};

const state = <T,>(patch: Partial<ApiState<T>>): ApiState<T> => ({
  data: undefined,
  error: undefined,
  loading: false,
  retrying: false,
  attempts: 0,
  reload: () => {},
  ...patch,
});

describe('components (server-rendered)', () => {
  it('ScoreBreakdown renders the summary, strengths, weaknesses, each component and each driver', () => {
    const html = render(<ScoreBreakdown explanation={explanation} components={null} />);
    expect(html).to.contain('Cheap and profitable, with weak momentum.');
    expect(html).to.contain('ROE 42 % (top 8 % of Information Technology)');
    expect(html).to.contain('EPS growth (YoY) -19 %');
    for (const label of ['Value', 'Quality', 'Dividend']) expect(html).to.contain(`>${label}</h3>`);
    expect(html).to.contain('weight 25%');
    expect(html).to.contain('Ratios ranked within Information Technology.');
    expect(html).to.contain('P/E</th>');
    expect(html).to.contain('40.7x');
    expect(html).to.contain('FCF yield</th>');
    expect(html).to.contain('2.1%');
    expect(html).to.contain('ROE</th>');
    expect(html).to.contain('41.7%');
    expect(html).to.contain('92nd');
    expect(html).to.contain('46th');
    expect(html).to.contain('No driver data for this component.');
    expect(html.match(/<table/g)).to.have.length(2);
    expect(html).to.contain('<th scope="col" class="col-main wrap">Driver</th>');
    expect(html).to.contain('30.8<span class="visually-hidden"> of 100</span>');
  });

  it('ScoreBreakdown falls back to component bars, or an empty state', () => {
    const comps = { value: 10, quality: 20, growth: 30, momentum: 40, risk: 50, dividend: 60 };
    const bars = render(<ScoreBreakdown explanation={null} components={comps} />);
    expect(bars).to.contain('Momentum');
    expect(bars).to.contain('60.0');
    const none = render(<ScoreBreakdown explanation={null} components={null} />);
    expect(none).to.contain('This stock has no score yet.');
  });

  it('Loading and EmptyState render their messages', () => {
    expect(render(<Loading label="Loading stocks…" />)).to.contain('Loading stocks…');
    expect(render(<Loading />)).to.contain('role="status"');
    const empty = render(<EmptyState title="No stocks match these filters.">Clear them</EmptyState>);
    expect(empty).to.contain('No stocks match these filters.');
    expect(empty).to.contain('Clear them');
  });

  it('ErrorState shows the clear offline message for an unreachable API', () => {
    const html = render(<ErrorState error={new ApiUnreachableError()} onRetry={() => {}} attempts={3} />);
    expect(html).to.contain(UNREACHABLE_MESSAGE);
    expect(html).to.contain('attempt 3');
    expect(html).to.match(/<button[^>]*>[^<]+<\/button>/, 'a retry button');
    expect(html).to.contain('role="alert"');
  });

  it("ErrorState shows the server's message, and 'Not found' for a 404", () => {
    const bad = render(
      <ErrorState
        error={new ApiError(400, 'invalid_parameter', 'size: must be at most 100')}
        what="Could not load stocks"
        onRetry={() => {}}
      />,
    );
    expect(bad).to.contain('Could not load stocks');
    expect(bad).to.contain('size: must be at most 100');
    expect(bad).to.contain('Try again');
    const missing = render(
      <ErrorState
        error={new ApiError(404, 'stock_not_found', 'stock "ZZZZ" not found')}
        onRetry={() => {}}
      />,
    );
    expect(missing).to.contain('Not found');
    expect(missing).to.contain('stock &quot;ZZZZ&quot; not found');
    expect(missing).not.to.contain('Try again');
  });

  it('AsyncView picks loading, error, empty or the data', () => {
    const children = (d: string[]) => <p>{d.join('+')}</p>;
    const isEmpty = (d: string[]) => d.length === 0;
    expect(
      render(<AsyncView state={state<string[]>({ loading: true })} label="sectors" children={children} />),
    ).to.contain('Loading sectors…');
    expect(
      render(
        <AsyncView
          state={state<string[]>({ error: new ApiUnreachableError() })}
          label="sectors"
          children={children}
        />,
      ),
    ).to.contain(UNREACHABLE_MESSAGE);
    expect(
      render(
        <AsyncView
          state={state<string[]>({ data: [] })}
          label="sectors"
          isEmpty={isEmpty}
          children={children}
        />,
      ),
    ).to.contain('No sectors to show.');
    expect(
      render(<AsyncView state={state({ data: ['a', 'b'] })} label="sectors" children={children} />),
    ).to.contain('<p>a+b</p>');
  });

  it('StockList renders an accessible table with links to the detail pages', () => {
    const html = render(<StockList items={[stock]} caption="Top stocks" rank="rank" sector marketCap />);
    expect(html).to.contain('<caption>Top stocks</caption>');
    expect(html).to.contain('href="/stocks/MO"');
    expect(html).to.contain('scope="row"');
    expect(html).to.contain('$57.14');
    expect(html).to.contain('+0.42%');
    expect(html).to.contain('95.20B');
    expect(html).to.contain('65.6');
  });

  it("explains a day's score move by the components that moved it most (weighted)", () => {
    const prev = {
      date: '2026-11-26',
      score: 56,
      rank: 40,
      components: { value: 50, quality: 60, growth: 55, momentum: 80, risk: 50, dividend: 10 },
    };
    const cur = {
      date: '2026-11-27',
      score: 39,
      rank: 90,
      components: { value: 52, quality: 60, growth: 55, momentum: 20, risk: 30, dividend: 10 },
    };
    const weights = { value: 0.25, quality: 0.25, growth: 0.15, momentum: 0.15, risk: 0.15, dividend: 0.05 };
    const moves = componentMoves(prev, cur, weights);
    expect(moves.map((m) => m.key)).to.deep.equal(['momentum', 'risk', 'value']);
    expect(moves[0].impact).to.be.closeTo(-9, 1e-9);
    expect(explainDay(prev, cur, weights)).to.equal(
      'Momentum 80.0 → 20.0 (−60.0, score −9.0), Risk 50.0 → 30.0 (−20.0, score −3.0), Value 50.0 → 52.0 (+2.0, score +0.5)',
    );
    expect(explainDay(prev, prev)).to.equal('No component moved.');
    const html = render(<ScoreHistoryChart items={[prev, cur]} weights={weights} />);
    expect(html).to.contain('class="spark-move down"');
    expect(html).to.contain('Momentum 80.0 → 20.0');
  });

  it('ScoreHistoryChart draws a labelled line, or says there is no history', () => {
    const html = render(
      <ScoreHistoryChart
        items={[
          {
            date: '2026-11-20',
            score: 50,
            rank: 10,
            components: { value: 1, quality: 1, growth: 1, momentum: 1, risk: 1, dividend: 1 },
          },
          {
            date: '2026-11-27',
            score: 60,
            rank: 8,
            components: { value: 1, quality: 1, growth: 1, momentum: 1, risk: 1, dividend: 1 },
          },
        ]}
      />,
    );
    expect(html).to.contain('role="img"');
    expect(html).to.contain('Score history: 50.0 on Nov 20, 2026, 60.0 on Nov 27, 2026');
    expect(html).to.contain('<path');
    expect(render(<ScoreHistoryChart items={[]} />)).to.contain('No score history yet.');
  });

  it('shows the Sample data badge and the data date only when the API says so', () => {
    const health = {
      status: 'healthy' as const,
      version: '0.1.0',
      uptime_s: 1,
      checks: {},
      data: { source: 'sample', sample: true, as_of: '2026-11-27', stocks: 147, scores_computed_at: null },
    };
    const html = render(<DataBadges health={health} />);
    expect(html).to.contain('Sample data');
    expect(html).to.contain('Data as of Nov 27, 2026');
    const live = render(
      <DataBadges health={{ ...health, data: { ...health.data, sample: false, source: 'fmp' } }} />,
    );
    expect(live).not.to.contain('Sample data');
    expect(render(<DataBadges health={undefined} />)).to.equal('');
  });

  it('marks the active navigation item', () => {
    expect(isActive('/', '/')).to.equal(true);
    expect(isActive('/stocks', '/')).to.equal(false);
    expect(isActive('/stocks/AAPL', '/stocks')).to.equal(true);
    expect(isActive('/screener/value', '/screener')).to.equal(true);
    expect(isActive('/stocksx', '/stocks')).to.equal(false);
  });
});
