/**
 * The market map: sectors → industries → stocks as a treemap (lib/map-layout.ts) sized by
 * market cap and coloured by the day's change, 1-week or 1-month performance, or the score.
 * The whole market shows its largest stocks (the API's default, about an S&P 500) and, in each
 * sector, one tile for the rest, so every sector keeps its true size; zooming into a sector
 * loads all its stocks (up to SECTOR_LIMIT). Every stock tile is a link to its stock; hovering
 * or focusing a tile shows its figures. The colour and the sector live in the URL.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../api/client.ts';
import type { Heatmap as HeatmapData } from '../api/types.ts';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { formatMarketCap, formatMoney, formatPercent, formatRatio, formatScore } from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { layoutMap, type MapRest, type MapStock, type Tile } from '../lib/map-layout.ts';
import { DEFAULT_STOCKS_STATE, stocksQueryString } from '../lib/stocks-url.ts';
import './Heatmap.css';

/** The most stocks a zoomed-in sector loads: every stock of a sector at 5,000 stocks and more. */
const SECTOR_LIMIT = 1000;

/** What a tile is coloured by: a stock, a sector, or a sector's unlisted stocks (cap-weighted). */
type Coloured = Pick<MapStock, 'change_pct' | 'perf_1w' | 'perf_1m' | 'score'>;

const COLOURS = [
  {
    key: 'day',
    label: 'Day',
    value: (s: Coloured) => s.change_pct,
    step: 1,
    show: (n: number) => formatPercent(n),
  },
  {
    key: '1w',
    label: '1 week',
    value: (s: Coloured) => (s.perf_1w === null ? null : s.perf_1w * 100),
    step: 2,
    show: (n: number) => formatPercent(n),
  },
  {
    key: '1m',
    label: '1 month',
    value: (s: Coloured) => (s.perf_1m === null ? null : s.perf_1m * 100),
    step: 4,
    show: (n: number) => formatPercent(n),
  },
  {
    key: 'score',
    label: 'Score',
    value: (s: Coloured) => (s.score === null ? null : s.score - 50),
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

/** The map's address for a colour and an optional sector (the default colour, day, is left out). */
function mapHref(color: string, sector: string | null): string {
  const p = new URLSearchParams();
  if (color !== 'day') p.set('color', color);
  if (sector) p.set('sector', sector);
  const qs = p.toString();
  return `/map${qs ? `?${qs}` : ''}`;
}

/** What the page shows: a map, and whether the URL's sector is unknown (the map is then the market's). */
interface Loaded {
  map: HeatmapData;
  unknownSector: boolean;
}

export default function Heatmap() {
  useTitle('Market map');
  const { query, route } = useLocation();
  const colour: Colour = COLOURS.find((c) => c.key === query.color) ?? COLOURS[0];
  const sector = query.sector || null;
  const state = useApi(
    async (signal): Promise<Loaded> => {
      if (!sector) return { map: await api.heatmap({}, signal), unknownSector: false };
      try {
        return { map: await api.heatmap({ sector, limit: SECTOR_LIMIT }, signal), unknownSector: false };
      } catch (err) {
        // A sector the API does not know (a mistyped link): offer the real ones instead.
        if (!(err instanceof ApiError && err.status === 400)) throw err;
        return { map: await api.heatmap({}, signal), unknownSector: true };
      }
    },
    [sector],
  );

  const go = (next: { color?: string; sector?: string | null }) =>
    route(mapHref(next.color ?? colour.key, next.sector === undefined ? sector : next.sector));

  return (
    <>
      <div class="page-head">
        <h1>Market map{sector ? `: ${sector}` : ''}</h1>
        <p class="muted">
          {sector ? 'Its stocks' : 'The largest stocks'} by sector and industry, sized by market cap, coloured
          by {colour.label.toLowerCase()}
          {colour.key === 'score' ? ' (above or below 50)' : ' change'}. Select a tile to open the stock
          {sector ? '' : ", or a sector's name or its “more” tile to see all its stocks"}.
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
      <AsyncView state={state} label="the market map" isEmpty={({ map }) => map.count === 0}>
        {({ map, unknownSector }) =>
          unknownSector ? (
            <EmptyState title={`No sector is called “${sector}”.`}>
              <p>
                The sectors are{' '}
                {map.sectors.map((s, i) => (
                  <span key={s.sector}>
                    {i > 0 && ', '}
                    <a href={mapHref(colour.key, s.sector)}>{s.sector}</a>
                  </span>
                ))}
                .
              </p>
            </EmptyState>
          ) : (
            <MapView data={map} colour={colour} onSector={(s) => go({ sector: s })} />
          )
        }
      </AsyncView>
    </>
  );
}

function MapView({
  data,
  colour,
  onSector,
}: {
  data: HeatmapData;
  colour: Colour;
  onSector: (s: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [active, setActive] = useState<Tile | null>(null);
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
  const { tiles, sectors } = useMemo(
    () => (width > 0 ? layoutMap(data.sectors, width, height) : { tiles: [], sectors: [] }),
    [data, width, height],
  );
  // The details of the tile pointed at stay only while it is on this map.
  useEffect(() => setActive(null), [data]);
  const zoomed = data.sector !== null;
  return (
    <>
      <div class="map-box" ref={box} style={{ height: `${height}px` }}>
        {sectors.map(({ sector: s, x0, y0, x1 }) => {
          const v = colour.value(s);
          const label = (
            <>
              {s.sector}
              <span class="map-sector-value"> {v === null ? '' : colour.show(v)}</span>
            </>
          );
          const style = { left: `${x0}px`, top: `${y0}px`, width: `${x1 - x0}px` };
          return zoomed ? (
            <span key={s.sector} class="map-sector" style={style}>
              {label}
            </span>
          ) : (
            <button
              key={s.sector}
              type="button"
              class="map-sector"
              style={style}
              onClick={() => onSector(s.sector)}
              title={`Show all ${s.count} stocks of ${s.sector}`}
            >
              {label}
            </button>
          );
        })}
        {tiles.map((t) => {
          const w = t.x1 - t.x0;
          const h = t.y1 - t.y0;
          const v = colour.value(t.kind === 'stock' ? t.stock : t.rest);
          const big = w >= 44 && h >= 28;
          const tall = big && h >= 44;
          const className = `map-tile map-l${level(v, colour.step)}${big ? '' : ' map-tile-small'}`;
          const style = { left: `${t.x0}px`, top: `${t.y0}px`, width: `${w}px`, height: `${h}px` };
          const value = v === null ? 'unknown' : colour.show(v);
          if (t.kind === 'rest') {
            // The sector's unlisted stocks: one tile, coloured by their cap-weighted figures.
            const more = `+${t.rest.count} more`;
            const hidden = `${big ? '' : more} ${t.sector} stocks, ${colour.label}${tall ? '' : ` ${value}`}`;
            const content = (
              <>
                <span class={big ? 'map-ticker' : 'visually-hidden'}>{more}</span>
                <span class="visually-hidden">{hidden}</span>
                {tall && <span class="map-value">{v === null ? '—' : colour.show(v)}</span>}
              </>
            );
            // Over the whole market it zooms into the sector; in a sector (larger than the map lists)
            // it opens the stocks list of the sector, largest first.
            return zoomed ? (
              <a
                key={`rest:${t.sector}`}
                href={`/stocks${stocksQueryString({
                  ...DEFAULT_STOCKS_STATE,
                  sector: t.sector,
                  sort: 'market_cap',
                  order: 'desc',
                })}`}
                class={`${className} map-rest`}
                style={style}
                onMouseEnter={() => setActive(t)}
                onFocus={() => setActive(t)}
              >
                {content}
              </a>
            ) : (
              <button
                key={`rest:${t.sector}`}
                type="button"
                class={`${className} map-rest`}
                style={style}
                onClick={() => onSector(t.sector)}
                onMouseEnter={() => setActive(t)}
                onFocus={() => setActive(t)}
              >
                {content}
              </button>
            );
          }
          return (
            <a
              key={t.stock.ticker}
              href={`/stocks/${encodeURIComponent(t.stock.ticker)}`}
              class={className}
              style={style}
              onMouseEnter={() => setActive(t)}
              onFocus={() => setActive(t)}
            >
              {/* Named by its content (no aria-label), so the words it shows are its name's. */}
              <span class={big ? 'map-ticker' : 'visually-hidden'}>{t.stock.ticker}</span>
              <span class="visually-hidden">
                , {t.stock.name}, {colour.label}
                {tall ? '' : ` ${value}`}
              </span>
              {tall && <span class="map-value">{v === null ? '—' : colour.show(v)}</span>}
            </a>
          );
        })}
      </div>
      <div class="map-details card" aria-live="polite">
        {active?.kind === 'stock' ? (
          <StockDetails tile={active} />
        ) : active?.kind === 'rest' ? (
          <RestDetails rest={active.rest} sector={active.sector} zoomed={zoomed} />
        ) : (
          <p class="muted small">
            Point at a tile (or move to it with Tab) to see its figures
            {zoomed ? '' : "; select a sector's name to see all its stocks"}.{' '}
            {data.shown === data.count
              ? `${data.count} stocks.`
              : `The largest ${data.shown} of ${data.count} stocks; each sector's others share one tile.`}
          </p>
        )}
      </div>
    </>
  );
}

function Figures({ figures }: { figures: Coloured }) {
  return (
    <>
      <div>
        <dt>Day</dt>
        <dd>{formatPercent(figures.change_pct)}</dd>
      </div>
      <div>
        <dt>1 week</dt>
        <dd>{formatRatio(figures.perf_1w, { signed: true, digits: 2 })}</dd>
      </div>
      <div>
        <dt>1 month</dt>
        <dd>{formatRatio(figures.perf_1m, { signed: true, digits: 2 })}</dd>
      </div>
      <div>
        <dt>Score</dt>
        <dd>{formatScore(figures.score)}</dd>
      </div>
    </>
  );
}

function StockDetails({ tile }: { tile: Extract<Tile, { kind: 'stock' }> }) {
  return (
    <dl>
      <div>
        <dt>{tile.stock.ticker}</dt>
        <dd>{tile.stock.name}</dd>
      </div>
      <div>
        <dt>Sector</dt>
        <dd>
          {tile.sector} · {tile.industry}
        </dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>{formatMoney(tile.stock.price)}</dd>
      </div>
      <div>
        <dt>Market cap</dt>
        <dd>{formatMarketCap(tile.stock.market_cap)}</dd>
      </div>
      <Figures figures={tile.stock} />
    </dl>
  );
}

function RestDetails({ rest, sector, zoomed }: { rest: MapRest; sector: string; zoomed: boolean }) {
  return (
    <dl>
      <div>
        <dt>{rest.count} more</dt>
        <dd>
          {sector} stocks (select to see them {zoomed ? 'in the stocks list' : 'all'})
        </dd>
      </div>
      <div>
        <dt>Market cap</dt>
        <dd>{formatMarketCap(rest.market_cap)} together</dd>
      </div>
      <Figures figures={rest} />
    </dl>
  );
}
