/**
 * A stock's page: quote, price chart, score breakdown, score history, fundamentals. The
 * chart's panes, range and compared tickers live in the URL's query (`lib/chart-view.ts`).
 */
import { useLocation } from 'preact-iso';
import { api } from '../api/client.ts';
import type { StockDetail as Detail, FundamentalsBody } from '../api/types.ts';
import { PriceChart } from '../components/PriceChart.tsx';
import { ScoreBadge, ScoreBreakdown, StarButton } from '../components/Score.tsx';
import { ScoreHistoryChart, type Weights } from '../components/ScoreHistory.tsx';
import { AsyncView } from '../components/States.tsx';
import { Change } from '../components/StockList.tsx';
import { chartQueryString, readChartView } from '../lib/chart-view.ts';
import {
  formatChange,
  formatDate,
  formatMarketCap,
  formatMoney,
  formatMultiple,
  formatNumber,
  formatRatio,
  formatVolume,
  MISSING,
} from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { metricRows } from '../lib/metrics.ts';
import './StockDetail.css';

type FKey = keyof FundamentalsBody;
type Fmt = 'pct' | 'x' | 'money' | 'cap' | 'num';

const FUNDAMENTAL_GROUPS: { title: string; rows: [FKey, string, Fmt][] }[] = [
  {
    title: 'Valuation',
    rows: [
      ['market_cap', 'Market cap', 'cap'],
      ['pe', 'P/E', 'x'],
      ['pb', 'P/B', 'x'],
      ['ps', 'P/S', 'x'],
      ['ev_to_ebitda', 'EV/EBITDA', 'x'],
      ['peg', 'PEG', 'num'],
    ],
  },
  {
    title: 'Profitability',
    rows: [
      ['gross_margin', 'Gross margin', 'pct'],
      ['operating_margin', 'Operating margin', 'pct'],
      ['net_margin', 'Net margin', 'pct'],
      ['roe', 'Return on equity', 'pct'],
      ['roa', 'Return on assets', 'pct'],
      ['roic', 'Return on invested capital', 'pct'],
    ],
  },
  {
    title: 'Growth & dividends',
    rows: [
      ['revenue_growth', 'Revenue growth', 'pct'],
      ['eps_growth', 'EPS growth', 'pct'],
      ['eps', 'EPS', 'money'],
      ['dividend_yield', 'Dividend yield', 'pct'],
      ['payout_ratio', 'Payout ratio', 'pct'],
    ],
  },
  {
    title: 'Balance sheet & risk',
    rows: [
      ['debt_to_equity', 'Debt / equity', 'num'],
      ['current_ratio', 'Current ratio', 'num'],
      ['beta', 'Beta', 'num'],
    ],
  },
];

function formatFundamental(value: number | null, fmt: Fmt): string {
  switch (fmt) {
    case 'pct':
      return formatRatio(value);
    case 'x':
      return formatMultiple(value);
    case 'money':
      return formatMoney(value);
    case 'cap':
      return value === null ? MISSING : `$${formatMarketCap(value)}`;
    default:
      return formatNumber(value);
  }
}

/**
 * The key fundamentals. A field in `notApplicable` (e.g. a bank's gross margin: no cost of goods
 * sold) shows "n/a" with the reason on hover instead of a value.
 */
export function Fundamentals({
  f,
  notApplicable = {},
}: {
  f: FundamentalsBody;
  notApplicable?: Record<string, string>;
}) {
  return (
    <div class="fund-grid">
      {FUNDAMENTAL_GROUPS.map((g) => (
        <div key={g.title}>
          <h3 class="h-small">{g.title}</h3>
          <dl class="facts">
            {g.rows.map(([key, label, fmt]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>
                  {notApplicable[key] ? (
                    <abbr class="na" title={notApplicable[key]}>
                      n/a
                    </abbr>
                  ) : (
                    formatFundamental(f[key], fmt)
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}

function Metrics({ metrics }: { metrics: Detail['metrics'] }) {
  const rows = metricRows(metrics);
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-labelledby="metrics-h">
      <h2 id="metrics-h">Indicators</h2>
      <dl class="facts facts-cols">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function QuoteFacts({ s }: { s: Detail }) {
  const q = s.quote;
  const range = (lo: number | null, hi: number | null) =>
    lo === null && hi === null ? MISSING : `${formatMoney(lo)} – ${formatMoney(hi)}`;
  return (
    <dl class="facts">
      <div>
        <dt>Open</dt>
        <dd>{formatMoney(q.open)}</dd>
      </div>
      <div>
        <dt>Previous close</dt>
        <dd>{formatMoney(q.previous_close)}</dd>
      </div>
      <div>
        <dt>Day range</dt>
        <dd>{range(q.day_low, q.day_high)}</dd>
      </div>
      <div>
        <dt>52-week range</dt>
        <dd>{range(q.year_low, q.year_high)}</dd>
      </div>
      <div>
        <dt>Volume</dt>
        <dd>{formatVolume(q.volume)}</dd>
      </div>
      <div>
        <dt>Avg volume</dt>
        <dd>{formatVolume(q.avg_volume)}</dd>
      </div>
      <div>
        <dt>Market cap</dt>
        <dd>{formatFundamental(s.fundamentals.market_cap, 'cap')}</dd>
      </div>
      <div>
        <dt>Quote date</dt>
        <dd>{formatDate(q.as_of)}</dd>
      </div>
    </dl>
  );
}

function ScoreHistorySection({ ticker, weights }: { ticker: string; weights: Weights }) {
  const history = useApi((signal) => api.scores(ticker, signal), [ticker]);
  return (
    <AsyncView state={history} label="score history">
      {(d) => <ScoreHistoryChart items={d.items} weights={weights} />}
    </AsyncView>
  );
}

function DetailView({ s }: { s: Detail }) {
  useTitle(`${s.ticker} · ${s.name}`);
  const { query, route } = useLocation();
  const view = readChartView(query);
  return (
    <>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/stocks">Stocks</a> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{s.ticker}</span>
      </nav>
      <div class="detail-head">
        <div class="detail-title">
          <h1>
            {s.name} <span class="muted">({s.ticker})</span>
          </h1>
          <p class="muted">
            {s.sector} · {s.industry} · {s.exchange}
            {s.source === 'sample' && <span class="badge badge-sample">Sample data</span>}
          </p>
        </div>
        <div class="detail-quote">
          <span class="price-big">{formatMoney(s.quote.price)}</span>
          <span class="detail-change">
            {formatChange(s.quote.change)} (<Change pct={s.quote.change_pct} />)
          </span>
        </div>
        <div class="detail-score">
          <ScoreBadge score={s.score} size="lg" />
          <span class="muted small">
            {s.rank !== null ? `Rank ${s.rank} of ${s.universe_size}` : 'Not ranked'}
            {s.sector_rank !== null && (
              <>
                <br />#{s.sector_rank} in {s.sector}
              </>
            )}
          </span>
        </div>
        <StarButton ticker={s.ticker} />
      </div>
      <div class="grid-detail">
        <section class="card" aria-labelledby="chart-h">
          <h2 id="chart-h">Price</h2>
          <PriceChart
            ticker={s.ticker}
            view={view}
            onView={(next) =>
              route(`/stocks/${encodeURIComponent(s.ticker)}${chartQueryString(next, s.ticker)}`)
            }
          />
        </section>
        <section class="card" aria-labelledby="quote-h">
          <h2 id="quote-h">Quote</h2>
          <QuoteFacts s={s} />
        </section>
      </div>
      <section class="card" aria-labelledby="score-h">
        <h2 id="score-h">
          Score breakdown{' '}
          {s.score_as_of && <span class="muted small">as of {formatDate(s.score_as_of)}</span>}
        </h2>
        <ScoreBreakdown explanation={s.explanation} components={s.components} />
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="hist-h">
          <h2 id="hist-h">Score history</h2>
          <ScoreHistorySection
            ticker={s.ticker}
            weights={Object.fromEntries((s.explanation?.components ?? []).map((c) => [c.key, c.weight]))}
          />
        </section>
        <section class="card" aria-labelledby="about-h">
          <h2 id="about-h">About {s.name}</h2>
          <p>{s.description || 'No description.'}</p>
        </section>
      </div>
      <section class="card" aria-labelledby="fund-h">
        <h2 id="fund-h">Key fundamentals</h2>
        <Fundamentals f={s.fundamentals} notApplicable={s.not_applicable} />
      </section>
      <Metrics metrics={s.metrics} />
    </>
  );
}

export default function StockDetail({ ticker = '' }: { ticker?: string }) {
  const t = ticker.toUpperCase();
  useTitle(t);
  const stock = useApi((signal) => api.stock(t, signal), [t]);
  return (
    <AsyncView state={stock} label={`${t}`}>
      {(s) => <DetailView s={s} />}
    </AsyncView>
  );
}
