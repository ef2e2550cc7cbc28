/**
 * The price chart: candles or a line with SMA 50/200 and volume, a range switch, and the
 * panes and overlays the page's URL names (`lib/chart-view.ts`): Bollinger bands on the
 * price, RSI and MACD panes, the score history pane on the same time axis, a log scale,
 * and up to four other tickers compared with this one, all normalised to 100 at the start
 * of the range. The indicator series come from the API (`indicators=`), computed over the
 * whole history. lightweight-charts is loaded with a dynamic import when this component
 * mounts, so it is a lazy chunk that only the stock detail page downloads.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { RANGES as API_RANGES } from '../api/constants.ts';
import type { PriceHistory, PricePoint, PriceRange } from '../api/types.ts';
import {
  CHART_INDICATORS,
  type ChartIndicator,
  type ChartView,
  INDICATOR_LABELS,
  MAX_COMPARE,
  normalise,
  parseTicker,
  SERVER_INDICATORS,
  toggleIndicator,
} from '../lib/chart-view.ts';
import { changeClass, formatDate, formatMoney, formatNumber, formatPercent } from '../lib/format.ts';
import { useApi } from '../lib/hooks.ts';
import { EmptyState, ErrorState, Loading } from './States.tsx';
import './PriceChart.css';

type Charts = typeof import('lightweight-charts');
type Chart = ReturnType<Charts['createChart']>;
type AnySeries = ReturnType<Chart['addSeries']>;

/** Every range the API serves (the contract's list), with its button label. */
const RANGE_LABELS: Record<PriceRange, string> = {
  '1m': '1M',
  '3m': '3M',
  '6m': '6M',
  '1y': '1Y',
  '2y': '2Y',
  max: 'Max',
};

const RANGES: { value: PriceRange; label: string }[] = API_RANGES.map((value) => ({
  value,
  label: RANGE_LABELS[value],
}));

/** The toggle buttons' short labels (the full names are their accessible descriptions). */
const TOGGLE_LABELS: Record<ChartIndicator, string> = {
  rsi: 'RSI',
  macd: 'MACD',
  bb: 'Bands',
  score: 'Score',
};

/** The compared tickers' line colours, in order (CSS variables with these fallbacks). */
const COMPARE_COLORS = ['#0284c7', '#db2777', '#65a30d', '#ea580c'];

/** A CSS custom property as set for `el` (the chart's box inherits the chart's colours). */
function cssVar(name: string, fallback: string, el: Element | null = document.documentElement): string {
  const v = getComputedStyle(el ?? document.documentElement)
    .getPropertyValue(name)
    .trim();
  return v || fallback;
}

interface Compared {
  ticker: string;
  data?: PriceHistory;
  error?: unknown;
}

/** A one-line text version of the chart for screen readers. */
function describeChart(
  ticker: string,
  items: readonly PricePoint[],
  view: ChartView,
  compared: readonly Compared[],
): string {
  if (items.length === 0) return `No prices for ${ticker} in this range.`;
  const first = items[0];
  const last = items[items.length - 1];
  const change = (a: number, b: number) => (a ? ((b - a) / a) * 100 : null);
  const parts = [
    `${ticker} closed at ${formatMoney(last.close)} on ${formatDate(last.date)}, ${formatPercent(change(first.close, last.close))} since ${formatDate(first.date)}.`,
  ];
  if (view.indicators.includes('rsi') && last.rsi14 != null)
    parts.push(`RSI 14: ${formatNumber(last.rsi14)}.`);
  if (view.indicators.includes('macd') && last.macd != null && last.macd_signal != null)
    parts.push(
      `MACD ${formatNumber(last.macd)}, ${last.macd >= last.macd_signal ? 'above' : 'below'} its signal ${formatNumber(last.macd_signal)}.`,
    );
  if (view.indicators.includes('bb') && last.bb_lower != null && last.bb_upper != null)
    parts.push(`Bollinger bands ${formatMoney(last.bb_lower)} to ${formatMoney(last.bb_upper)}.`);
  for (const c of compared) {
    const ci = c.data?.items ?? [];
    if (ci.length > 1)
      parts.push(
        `${c.ticker} ${formatPercent(change(ci[0].close, ci[ci.length - 1].close))} over the range.`,
      );
  }
  if (view.log) parts.push('Logarithmic price scale.');
  return parts.join(' ');
}

export function PriceChart({
  ticker,
  view,
  onView,
}: {
  ticker: string;
  view: ChartView;
  /** A new view chosen (the page puts it in the URL). */
  onView: (next: ChartView) => void;
}) {
  const serverIndicators = SERVER_INDICATORS.filter((i) => view.indicators.includes(i));
  const showScore = view.indicators.includes('score');
  const prices = useApi(
    (signal) => api.prices(ticker, view.range, signal, serverIndicators),
    [ticker, view.range, serverIndicators.join(',')],
    { keepPrevious: true },
  );
  const compareKey = view.compare.filter((t) => t !== ticker).join(',');
  const compared = useApi(
    (signal) =>
      Promise.all(
        (compareKey ? compareKey.split(',') : []).map((t) =>
          api.prices(t, view.range, signal).then(
            (data): Compared => ({ ticker: t, data }),
            (error: unknown): Compared => {
              if ((error as Error)?.name === 'AbortError') throw error;
              return { ticker: t, error };
            },
          ),
        ),
      ),
    [compareKey, view.range],
    { keepPrevious: true },
  );
  const scores = useApi(
    (signal) => (showScore ? api.scores(ticker, signal) : Promise.resolve(null)),
    [ticker, showScore],
  );
  const box = useRef<HTMLElement>(null);
  // `live` turns false when the chart is removed: a removed chart must not be touched again.
  const [lib, setLib] = useState<{ lc: Charts; chart: Chart; live: { current: boolean } } | null>(null);
  const [libError, setLibError] = useState<unknown>(undefined);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    let chart: Chart | undefined;
    let disposed = false;
    const live = { current: false };
    import('lightweight-charts').then(
      (lc) => {
        if (disposed || !box.current) return;
        const text = cssVar('--text-muted', '#667');
        const grid = cssVar('--grid', '#eee');
        chart = lc.createChart(box.current, {
          autoSize: true,
          layout: {
            background: { type: lc.ColorType.Solid, color: 'transparent' },
            textColor: text,
            fontFamily: getComputedStyle(document.body).fontFamily,
            panes: { separatorColor: grid, enableResize: false },
          },
          grid: { vertLines: { color: grid }, horzLines: { color: grid } },
          rightPriceScale: { borderColor: grid },
          timeScale: { borderColor: grid },
          crosshair: { mode: lc.CrosshairMode.Normal },
        });
        live.current = true;
        setLib({ lc, chart, live });
      },
      (err: unknown) => setLibError(err),
    );
    return () => {
      // On unmount Preact runs this cleanup before the series effect's: mark the chart gone
      // first, so that cleanup does not call removeSeries on a removed chart.
      disposed = true;
      live.current = false;
      chart?.remove();
    };
  }, []);

  const comparedData = (compared.data ?? []).filter((c) => c.data && view.compare.includes(c.ticker));
  const scoreItems = showScore ? (scores.data?.items ?? null) : null;

  useEffect(() => {
    if (!lib || !prices.data) return;
    const { lc, chart, live } = lib;
    const color = (name: string, fallback: string) => cssVar(name, fallback, box.current);
    const up = color('--up', '#16a34a');
    const down = color('--down', '#dc2626');
    const items = prices.data.items;
    const series: AnySeries[] = [];
    const line = (color: string, width: 1 | 2, pane = 0, extra: Record<string, unknown> = {}) => {
      const s = chart.addSeries(
        lc.LineSeries,
        {
          color,
          lineWidth: width,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
          ...extra,
        },
        pane,
      );
      series.push(s);
      return s;
    };
    // Compared: every line as a percentage of its first close; this stock's price and its
    // overlays (averages, bands) scale by the same factor, so they stay where they belong.
    const comparing = comparedData.length > 0 && items.length > 0 && items[0].close > 0;
    const k = comparing ? 100 / items[0].close : 1;
    /** A field's values (multiplied by `scale`), leaving out the days without one. */
    const points = (key: keyof PricePoint, scale = k) =>
      items.flatMap((p) => {
        const v = p[key];
        return typeof v === 'number' ? [{ time: p.date, value: v * scale }] : [];
      });

    if (view.kind === 'candles') {
      const s = chart.addSeries(lc.CandlestickSeries, {
        upColor: up,
        downColor: down,
        borderUpColor: up,
        borderDownColor: down,
        wickUpColor: up,
        wickDownColor: down,
      });
      s.setData(
        items.map((p) => ({
          time: p.date,
          open: p.open * k,
          high: p.high * k,
          low: p.low * k,
          close: p.close * k,
        })),
      );
      series.push(s);
    } else {
      line(color('--accent', '#2563eb'), 2, 0, {
        lastValueVisible: true,
        crosshairMarkerVisible: true,
      }).setData(points('close'));
    }
    line(color('--sma50', '#f59e0b'), 1).setData(points('sma50'));
    line(color('--sma200', '#8b5cf6'), 1).setData(points('sma200'));
    if (view.indicators.includes('bb')) {
      const bands = color('--bands', '#0891b2');
      line(bands, 1, 0, { lineStyle: lc.LineStyle.Dashed }).setData(points('bb_upper'));
      line(bands, 1, 0, { lineStyle: lc.LineStyle.Dotted }).setData(points('bb_middle'));
      line(bands, 1, 0, { lineStyle: lc.LineStyle.Dashed }).setData(points('bb_lower'));
    }
    for (const c of comparedData) {
      // The colour of the ticker's chip: its place in the URL's list.
      const i = Math.max(0, view.compare.indexOf(c.ticker)) % COMPARE_COLORS.length;
      line(color(`--cmp-${i + 1}`, COMPARE_COLORS[i]), 2, 0, {
        lastValueVisible: true,
        title: c.ticker,
      }).setData(normalise(c.data?.items ?? []));
    }
    const vol = chart.addSeries(lc.HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      priceLineVisible: false,
      lastValueVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    vol.setData(
      items.map((p, i) => ({
        time: p.date,
        value: p.volume,
        color: `${i > 0 && p.close < items[i - 1].close ? down : up}55`,
      })),
    );
    series.push(vol);
    chart.priceScale('right', 0).applyOptions({
      mode: view.log ? lc.PriceScaleMode.Logarithmic : lc.PriceScaleMode.Normal,
    });

    let pane = 1;
    if (view.indicators.includes('rsi')) {
      const rsi = line(color('--rsi', '#7c3aed'), 2, pane, { lastValueVisible: true, title: 'RSI 14' });
      rsi.setData(points('rsi14', 1));
      for (const level of [70, 30])
        rsi.createPriceLine({
          price: level,
          color: color('--text-muted', '#667'),
          lineWidth: 1,
          lineStyle: 2,
        });
      pane++;
    }
    if (view.indicators.includes('macd')) {
      const hist = chart.addSeries(
        lc.HistogramSeries,
        { priceLineVisible: false, lastValueVisible: false },
        pane,
      );
      hist.setData(
        items.flatMap((p) =>
          p.macd_hist == null
            ? []
            : [{ time: p.date, value: p.macd_hist, color: `${p.macd_hist < 0 ? down : up}88` }],
        ),
      );
      series.push(hist);
      line(color('--macd', '#2563eb'), 2, pane, { lastValueVisible: true, title: 'MACD' }).setData(
        points('macd', 1),
      );
      line(color('--macd-signal', '#ea580c'), 1, pane).setData(points('macd_signal', 1));
      pane++;
    }
    if (scoreItems && items.length) {
      const from = items[0].date;
      const to = items[items.length - 1].date;
      line(color('--score-line', '#0f766e'), 2, pane, { lastValueVisible: true, title: 'Score' }).setData(
        scoreItems
          .filter((p) => p.date >= from && p.date <= to)
          .map((p) => ({ time: p.date, value: p.score })),
      );
      pane++;
    }
    // Only the price pane follows the log switch: the indicator panes keep a linear scale
    // (MACD goes negative; a scale option may otherwise carry over to a pane made again).
    for (let i = 1; i < pane; i++)
      chart.priceScale('right', i).applyOptions({ mode: lc.PriceScaleMode.Normal });
    const panes = chart.panes();
    panes.forEach((p, i) => {
      p.setStretchFactor(i === 0 ? 3 : 1);
    });
    chart.timeScale().fitContent();
    return () => {
      if (!live.current) return;
      for (const s of series) chart.removeSeries(s);
      for (let i = chart.panes().length - 1; i > 0; i--) chart.removePane(i);
    };
  }, [
    lib,
    prices.data,
    compared.data,
    scoreItems,
    view.kind,
    view.log,
    view.indicators.join(','),
    view.compare.join(','),
  ]);

  const items = prices.data?.items ?? [];
  const first = items[0];
  const last = items[items.length - 1];
  const rangePct = first && last && first.close ? ((last.close - first.close) / first.close) * 100 : null;
  const extraPanes =
    (view.indicators.includes('rsi') ? 1 : 0) +
    (view.indicators.includes('macd') ? 1 : 0) +
    (showScore ? 1 : 0);
  const failed = (compared.data ?? []).filter(
    (c) => c.error !== undefined && view.compare.includes(c.ticker),
  );

  function addCompare(e: Event) {
    e.preventDefault();
    const t = parseTicker(typed);
    if (!t) {
      setNote(typed.trim() ? `“${typed.trim()}” is not a ticker symbol.` : 'Type a ticker to compare.');
      return;
    }
    if (t === ticker) return setNote(`This chart is ${ticker} already.`);
    if (view.compare.includes(t)) return setNote(`${t} is compared already.`);
    if (view.compare.length >= MAX_COMPARE)
      return setNote(`Compare up to ${MAX_COMPARE} tickers: remove one first.`);
    setTyped('');
    setNote(`Comparing with ${t}.`);
    onView({ ...view, compare: [...view.compare, t] });
  }

  return (
    <div class="price-chart">
      <div class="chart-toolbar">
        <fieldset class="segmented">
          <legend class="visually-hidden">Price range</legend>
          {RANGES.map((r) => (
            <button
              key={r.value}
              type="button"
              aria-pressed={view.range === r.value}
              aria-label={`Range ${r.label}`}
              onClick={() => onView({ ...view, range: r.value })}
            >
              {r.label}
            </button>
          ))}
        </fieldset>
        <fieldset class="segmented">
          <legend class="visually-hidden">Chart type</legend>
          <button
            type="button"
            aria-pressed={view.kind === 'candles'}
            onClick={() => onView({ ...view, kind: 'candles' })}
          >
            Candles
          </button>
          <button
            type="button"
            aria-pressed={view.kind === 'line'}
            onClick={() => onView({ ...view, kind: 'line' })}
          >
            Line
          </button>
        </fieldset>
        {rangePct !== null && (
          <span class={`range-change ${changeClass(rangePct)}`}>
            {formatPercent(rangePct)}{' '}
            <span class="muted">over {RANGES.find((r) => r.value === view.range)?.label}</span>
          </span>
        )}
      </div>
      <div class="chart-toolbar">
        <fieldset class="segmented">
          <legend class="visually-hidden">Indicators and panes</legend>
          {CHART_INDICATORS.map((i) => (
            <button
              key={i}
              type="button"
              aria-pressed={view.indicators.includes(i)}
              title={INDICATOR_LABELS[i]}
              onClick={() => onView(toggleIndicator(view, i))}
            >
              {TOGGLE_LABELS[i]}
            </button>
          ))}
          <button type="button" aria-pressed={view.log} onClick={() => onView({ ...view, log: !view.log })}>
            Log
          </button>
        </fieldset>
        <form class="compare-form" onSubmit={addCompare}>
          <label for="compare-input">Compare</label>
          <input
            id="compare-input"
            type="text"
            value={typed}
            placeholder="Ticker"
            maxLength={16}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="btn">
            Add
          </button>
        </form>
        {view.compare.length > 0 && (
          <ul class="compare-chips" aria-label="Compared tickers">
            {view.compare.map((t, i) => (
              <li key={t}>
                <span class={`swatch swatch-cmp-${i + 1}`} aria-hidden="true" />
                {t}
                <button
                  type="button"
                  aria-label={`Remove ${t} from the comparison`}
                  onClick={() => {
                    setNote(`${t} removed from the comparison.`);
                    onView({ ...view, compare: view.compare.filter((c) => c !== t) });
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p class="chart-note small" role="status">
        {failed.length > 0 ? failed.map((f) => `${f.ticker}: ${errorMessage(f.error)}`).join(' ') : note}
      </p>
      <div class="chart-area" style={{ '--extra-panes': extraPanes }}>
        {/* A figure, not an image: the chart library puts a focusable link inside its box, and
            an image's children are presentational (axe: nested-interactive). */}
        <figure
          ref={box}
          class="chart-canvas"
          aria-label={
            prices.data ? describeChart(ticker, items, view, comparedData) : `Price chart of ${ticker}`
          }
          data-points={items.length}
          data-panes={1 + extraPanes}
          data-compared={comparedData.map((c) => c.ticker).join(',')}
        />
        {(libError !== undefined ||
          (prices.error !== undefined && !prices.data) ||
          !prices.data ||
          !lib ||
          items.length === 0) && (
          <div class="chart-overlay">
            {libError !== undefined ? (
              <ErrorState error={new Error(`The chart library failed to load: ${errorMessage(libError)}`)} />
            ) : prices.error !== undefined && !prices.data ? (
              <ErrorState
                error={prices.error}
                what="Could not load prices"
                onRetry={prices.reload}
                attempts={prices.attempts}
              />
            ) : !prices.data || !lib ? (
              <Loading label="Loading chart…" />
            ) : (
              <EmptyState title="No prices in this range." />
            )}
          </div>
        )}
      </div>
      <ul class="chart-legend" aria-label="Legend">
        <li>
          <span class="swatch swatch-price" aria-hidden="true" /> {ticker} (
          {view.kind === 'candles' ? 'daily candles' : 'close'}
          {comparedData.length > 0 ? ', 100 = start of range' : ''})
        </li>
        <li>
          <span class="swatch swatch-sma50" aria-hidden="true" /> SMA 50
        </li>
        <li>
          <span class="swatch swatch-sma200" aria-hidden="true" /> SMA 200
        </li>
        {view.indicators.includes('bb') && (
          <li>
            <span class="swatch swatch-bands" aria-hidden="true" /> Bollinger bands (20, 2)
          </li>
        )}
        <li>
          <span class="swatch swatch-volume" aria-hidden="true" /> Volume
        </li>
        {view.indicators.includes('rsi') && (
          <li>
            <span class="swatch swatch-rsi" aria-hidden="true" /> RSI 14 (lines at 30 and 70)
          </li>
        )}
        {view.indicators.includes('macd') && (
          <li>
            <span class="swatch swatch-macd" aria-hidden="true" /> MACD 12 26,{' '}
            <span class="swatch swatch-macd-signal" aria-hidden="true" /> signal 9, histogram
          </li>
        )}
        {showScore && (
          <li>
            <span class="swatch swatch-score" aria-hidden="true" /> Score (0–100)
            {scoreItems && scoreItems.length === 0 ? ': no history yet' : ''}
          </li>
        )}
      </ul>
    </div>
  );
}
