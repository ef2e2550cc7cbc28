/**
 * The price chart: candles or a line with SMA 50/200 and volume, and a range switch.
 * lightweight-charts is loaded with a dynamic import when this component mounts, so it is a
 * lazy chunk that only the stock detail page downloads.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { RANGES as API_RANGES } from '../api/constants.ts';
import type { PricePoint, PriceRange } from '../api/types.ts';
import { changeClass, formatDate, formatMoney, formatPercent } from '../lib/format.ts';
import { useApi } from '../lib/hooks.ts';
import { EmptyState, ErrorState, Loading } from './States.tsx';
import './PriceChart.css';

type Charts = typeof import('lightweight-charts');
type Chart = ReturnType<Charts['createChart']>;

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

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** A one-line text version of the chart for screen readers. */
function describePrices(ticker: string, items: readonly PricePoint[]): string {
  if (items.length === 0) return `No prices for ${ticker} in this range.`;
  const first = items[0];
  const last = items[items.length - 1];
  const pct = first.close ? ((last.close - first.close) / first.close) * 100 : null;
  return `${ticker} closed at ${formatMoney(last.close)} on ${formatDate(last.date)}, ${formatPercent(pct)} since ${formatDate(first.date)}.`;
}

export function PriceChart({ ticker }: { ticker: string }) {
  const [range, setRange] = useState<PriceRange>('1y');
  const [kind, setKind] = useState<'candles' | 'line'>('candles');
  const prices = useApi((signal) => api.prices(ticker, range, signal), [ticker, range], {
    keepPrevious: true,
  });
  const box = useRef<HTMLElement>(null);
  // `live` turns false when the chart is removed: a removed chart must not be touched again.
  const [lib, setLib] = useState<{ lc: Charts; chart: Chart; live: { current: boolean } } | null>(null);
  const [libError, setLibError] = useState<unknown>(undefined);

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

  useEffect(() => {
    if (!lib || !prices.data) return;
    const { lc, chart, live } = lib;
    const up = cssVar('--up', '#16a34a');
    const down = cssVar('--down', '#dc2626');
    const items = prices.data.items;
    const series: ReturnType<Chart['addSeries']>[] = [];
    if (kind === 'candles') {
      const s = chart.addSeries(lc.CandlestickSeries, {
        upColor: up,
        downColor: down,
        borderUpColor: up,
        borderDownColor: down,
        wickUpColor: up,
        wickDownColor: down,
      });
      s.setData(items.map((p) => ({ time: p.date, open: p.open, high: p.high, low: p.low, close: p.close })));
      series.push(s);
    } else {
      const s = chart.addSeries(lc.LineSeries, { color: cssVar('--accent', '#2563eb'), lineWidth: 2 });
      s.setData(items.map((p) => ({ time: p.date, value: p.close })));
      series.push(s);
    }
    const sma = (key: 'sma50' | 'sma200', color: string) => {
      const s = chart.addSeries(lc.LineSeries, {
        color,
        lineWidth: 1,
        priceLineVisible: false,
        lastValueVisible: false,
        crosshairMarkerVisible: false,
      });
      s.setData(items.flatMap((p) => (p[key] === null ? [] : [{ time: p.date, value: p[key] as number }])));
      series.push(s);
    };
    sma('sma50', cssVar('--sma50', '#f59e0b'));
    sma('sma200', cssVar('--sma200', '#8b5cf6'));
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
    chart.timeScale().fitContent();
    return () => {
      if (live.current) for (const s of series) chart.removeSeries(s);
    };
  }, [lib, prices.data, kind]);

  const items = prices.data?.items ?? [];
  const first = items[0];
  const last = items[items.length - 1];
  const rangePct = first && last && first.close ? ((last.close - first.close) / first.close) * 100 : null;

  return (
    <div class="price-chart">
      <div class="chart-toolbar">
        <fieldset class="segmented">
          <legend class="visually-hidden">Price range</legend>
          {RANGES.map((r) => (
            <button
              key={r.value}
              type="button"
              aria-pressed={range === r.value}
              aria-label={`Range ${r.label}`}
              onClick={() => setRange(r.value)}
            >
              {r.label}
            </button>
          ))}
        </fieldset>
        <fieldset class="segmented">
          <legend class="visually-hidden">Chart type</legend>
          <button type="button" aria-pressed={kind === 'candles'} onClick={() => setKind('candles')}>
            Candles
          </button>
          <button type="button" aria-pressed={kind === 'line'} onClick={() => setKind('line')}>
            Line
          </button>
        </fieldset>
        {rangePct !== null && (
          <span class={`range-change ${changeClass(rangePct)}`}>
            {formatPercent(rangePct)}{' '}
            <span class="muted">over {RANGES.find((r) => r.value === range)?.label}</span>
          </span>
        )}
      </div>
      <div class="chart-area">
        {/* A figure, not an image: the chart library puts a focusable link inside its box, and
            an image's children are presentational (axe: nested-interactive). */}
        <figure
          ref={box}
          class="chart-canvas"
          aria-label={prices.data ? describePrices(ticker, items) : `Price chart of ${ticker}`}
          data-points={items.length}
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
          <span class="swatch swatch-price" aria-hidden="true" /> Price (
          {kind === 'candles' ? 'daily candles' : 'close'})
        </li>
        <li>
          <span class="swatch swatch-sma50" aria-hidden="true" /> SMA 50
        </li>
        <li>
          <span class="swatch swatch-sma200" aria-hidden="true" /> SMA 200
        </li>
        <li>
          <span class="swatch swatch-volume" aria-hidden="true" /> Volume
        </li>
      </ul>
    </div>
  );
}
