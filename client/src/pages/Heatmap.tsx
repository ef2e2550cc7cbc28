/**
 * The market map: sectors → industries → stocks as a treemap (d3-hierarchy's squarified
 * layout) sized by market cap and coloured by the day's change, 1-week or 1-month performance,
 * or the score. Every tile is a link to its stock; hovering or focusing one shows its figures.
 * The colour and a sector to zoom into live in the URL.
 */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client.ts';
import type { Heatmap as HeatmapData } from '../api/types.ts';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { formatMarketCap, formatMoney, formatPercent, formatRatio, formatScore } from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import './Heatmap.css';

type Stock = HeatmapData['sectors'][number]['industries'][number]['stocks'][number];

const COLOURS = [
  {
    key: 'day',
    label: 'Day',
    value: (s: Stock) => s.change_pct,
    step: 1,
    show: (n: number) => formatPercent(n),
  },
  {
    key: '1w',
    label: '1 week',
    value: (s: Stock) => (s.perf_1w === null ? null : s.perf_1w * 100),
    step: 2,
    show: (n: number) => formatPercent(n),
  },
  {
    key: '1m',
    label: '1 month',
    value: (s: Stock) => (s.perf_1m === null ? null : s.perf_1m * 100),
    step: 4,
    show: (n: number) => formatPercent(n),
  },
  {
    key: 'score',
    label: 'Score',
    value: (s: Stock) => (s.score === null ? null : s.score - 50),
    step: 7,
    show: (n: number) => formatScore(n + 50),
  },
] as const;
type Colour = (typeof COLOURS)[number];

/** −3..3: how far a value is from neutral, in steps of the colour's scale. */
function level(v: number | null, step: number): number {
  if (v === null || !Number.isFinite(v)) return 0;
  return Math.max(-3, Math.min(3, Math.trunc(v / step)));
}

interface Leaf {
  stock: Stock;
  sector: string;
  industry: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Box {
  name: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Lays the map out in a `width` × `height` box: sector boxes with a title strip, industries, stocks. */
function layout(data: HeatmapData, sector: string | null, width: number, height: number) {
  type Node = { name: string; children?: Node[]; stock?: Stock; sector?: string; industry?: string };
  const root: Node = {
    name: 'market',
    children: data.sectors
      .filter((s) => !sector || s.sector === sector)
      .map((s) => ({
        name: s.sector,
        children: s.industries.map((i) => ({
          name: i.industry,
          children: i.stocks.map((st) => ({
            name: st.ticker,
            stock: st,
            sector: s.sector,
            industry: i.industry,
          })),
        })),
      })),
  };
  const h = hierarchy(root)
    .sum((n) => n.stock?.market_cap ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const laid = treemap<Node>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingTop((n) => (n.depth === 1 ? 18 : 0))
    .paddingInner((n) => (n.depth === 0 ? 3 : 1))
    .round(true)(h);
  const leaves: Leaf[] = laid.leaves().flatMap((n) =>
    n.data.stock
      ? [
          {
            stock: n.data.stock,
            sector: n.data.sector ?? '',
            industry: n.data.industry ?? '',
            x0: n.x0,
            y0: n.y0,
            x1: n.x1,
            y1: n.y1,
          },
        ]
      : [],
  );
  const sectors: Box[] = (laid.children ?? []).map((n) => ({
    name: n.data.name,
    x0: n.x0,
    y0: n.y0,
    x1: n.x1,
    y1: n.y1,
  }));
  return { leaves, sectors };
}

/** The map's address for a colour and an optional sector (the default colour, day, is left out). */
function mapHref(color: string, sector: string | null): string {
  const p = new URLSearchParams();
  if (color !== 'day') p.set('color', color);
  if (sector) p.set('sector', sector);
  const qs = p.toString();
  return `/map${qs ? `?${qs}` : ''}`;
}

export default function Heatmap() {
  useTitle('Market map');
  const { query, route } = useLocation();
  const colour: Colour = COLOURS.find((c) => c.key === query.color) ?? COLOURS[0];
  const sector = query.sector || null;
  const state = useApi((signal) => api.heatmap(signal), []);

  const go = (next: { color?: string; sector?: string | null }) =>
    route(mapHref(next.color ?? colour.key, next.sector === undefined ? sector : next.sector));

  return (
    <>
      <div class="page-head">
        <h1>Market map{sector ? `: ${sector}` : ''}</h1>
        <p class="muted">
          Every stock by sector and industry, sized by market cap, coloured by {colour.label.toLowerCase()}
          {colour.key === 'score' ? ' (above or below 50)' : ' change'}. Select a tile to open the stock.
        </p>
      </div>
      <div class="map-controls">
        <fieldset class="map-colour">
          <legend class="visually-hidden">Colour by</legend>
          {COLOURS.map((c) => (
            <button
              key={c.key}
              type="button"
              aria-pressed={c.key === colour.key}
              onClick={() => go({ color: c.key })}
            >
              {c.label}
            </button>
          ))}
        </fieldset>
        {sector && (
          <button type="button" class="btn" onClick={() => go({ sector: null })}>
            ← All sectors
          </button>
        )}
      </div>
      <AsyncView state={state} label="the market map" isEmpty={(d) => d.stocks === 0}>
        {(data) =>
          sector && !data.sectors.some((s) => s.sector === sector) ? (
            <EmptyState title={`No sector is called “${sector}”.`}>
              <p>
                The sectors are{' '}
                {data.sectors.map((s, i) => (
                  <span key={s.sector}>
                    {i > 0 && ', '}
                    <a href={mapHref(colour.key, s.sector)}>{s.sector}</a>
                  </span>
                ))}
                .
              </p>
            </EmptyState>
          ) : (
            <MapView data={data} colour={colour} sector={sector} onSector={(s) => go({ sector: s })} />
          )
        }
      </AsyncView>
    </>
  );
}

function MapView({
  data,
  colour,
  sector,
  onSector,
}: {
  data: HeatmapData;
  colour: Colour;
  sector: string | null;
  onSector: (s: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [active, setActive] = useState<Leaf | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A phone gets a taller map, so its tiles are not slivers.
  const height =
    width < 600 ? Math.round(width * 1.6) : Math.round(Math.min(760, Math.max(420, width * 0.5)));
  const { leaves, sectors } = useMemo(
    () => (width > 0 ? layout(data, sector, width, height) : { leaves: [], sectors: [] }),
    [data, sector, width, height],
  );
  const shown = active ?? null;
  return (
    <>
      <div class="map-box" ref={box} style={{ height: `${height}px` }}>
        {sectors.map((s) => (
          <button
            key={s.name}
            type="button"
            class="map-sector"
            style={{ left: `${s.x0}px`, top: `${s.y0}px`, width: `${s.x1 - s.x0}px` }}
            onClick={() => onSector(s.name)}
            title={`Show only ${s.name}`}
          >
            {s.name}
          </button>
        ))}
        {leaves.map((l) => {
          const w = l.x1 - l.x0;
          const h = l.y1 - l.y0;
          const v = colour.value(l.stock);
          const big = w >= 44 && h >= 28;
          return (
            <a
              key={l.stock.ticker}
              href={`/stocks/${encodeURIComponent(l.stock.ticker)}`}
              class={`map-tile map-l${level(v, colour.step)}${big ? '' : ' map-tile-small'}`}
              style={{ left: `${l.x0}px`, top: `${l.y0}px`, width: `${w}px`, height: `${h}px` }}
              onMouseEnter={() => setActive(l)}
              onFocus={() => setActive(l)}
            >
              {/* Named by its content (no aria-label), so the words it shows are its name's. */}
              <span class={big ? 'map-ticker' : 'visually-hidden'}>{l.stock.ticker}</span>
              <span class="visually-hidden">
                , {l.stock.name}, {colour.label}
                {big && h >= 44 ? '' : ` ${v === null ? 'unknown' : colour.show(v)}`}
              </span>
              {big && h >= 44 && <span class="map-value">{v === null ? '—' : colour.show(v)}</span>}
            </a>
          );
        })}
      </div>
      <div class="map-details card" aria-live="polite">
        {shown ? (
          <dl>
            <div>
              <dt>{shown.stock.ticker}</dt>
              <dd>{shown.stock.name}</dd>
            </div>
            <div>
              <dt>Sector</dt>
              <dd>
                {shown.sector} · {shown.industry}
              </dd>
            </div>
            <div>
              <dt>Price</dt>
              <dd>{formatMoney(shown.stock.price)}</dd>
            </div>
            <div>
              <dt>Market cap</dt>
              <dd>{formatMarketCap(shown.stock.market_cap)}</dd>
            </div>
            <div>
              <dt>Day</dt>
              <dd>{formatPercent(shown.stock.change_pct)}</dd>
            </div>
            <div>
              <dt>1 week</dt>
              <dd>{formatRatio(shown.stock.perf_1w, { signed: true, digits: 2 })}</dd>
            </div>
            <div>
              <dt>1 month</dt>
              <dd>{formatRatio(shown.stock.perf_1m, { signed: true, digits: 2 })}</dd>
            </div>
            <div>
              <dt>Score</dt>
              <dd>{formatScore(shown.stock.score)}</dd>
            </div>
          </dl>
        ) : (
          <p class="muted small">
            Point at a tile (or move to it with Tab) to see its figures; select a sector's name to zoom in.{' '}
            {data.stocks} stocks.
          </p>
        )}
      </div>
    </>
  );
}
