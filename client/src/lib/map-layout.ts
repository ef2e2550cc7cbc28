/**
 * The market map's treemap layout (d3-hierarchy's squarified tiling): sector boxes with a
 * title strip, their industries, their listed stocks, and one tile per sector for the stocks
 * the answer does not list (`rest`), so that every sector box is as large as the whole
 * sector's market cap while only its largest stocks get tiles of their own.
 */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { Heatmap } from '../api/types.ts';

export type MapSector = Heatmap['sectors'][number];
export type MapStock = MapSector['industries'][number]['stocks'][number];
export type MapRest = NonNullable<MapSector['rest']>;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A listed stock's tile. */
interface StockTile extends Rect {
  kind: 'stock';
  stock: MapStock;
  sector: string;
  industry: string;
}

/** The tile of a sector's stocks that are not listed. */
interface RestTile extends Rect {
  kind: 'rest';
  rest: MapRest;
  sector: string;
}

export type Tile = StockTile | RestTile;

export interface SectorBox extends Rect {
  sector: MapSector;
}

/** The height of a sector's title strip, px. */
export const SECTOR_TITLE = 18;

type Node = {
  name: string;
  children?: Node[];
  stock?: MapStock;
  rest?: MapRest;
  sector?: string;
  industry?: string;
  box?: MapSector;
};

/** Lays the map out in a `width` × `height` box; tiles come largest first within each group. */
export function layoutMap(
  sectors: readonly MapSector[],
  width: number,
  height: number,
): { tiles: Tile[]; sectors: SectorBox[] } {
  const root: Node = {
    name: 'market',
    children: sectors.map((s) => ({
      name: s.sector,
      box: s,
      children: [
        ...s.industries.map((i) => ({
          name: i.industry,
          children: i.stocks.map((st) => ({
            name: st.ticker,
            stock: st,
            sector: s.sector,
            industry: i.industry,
          })),
        })),
        ...(s.rest ? [{ name: `${s.sector} (rest)`, rest: s.rest, sector: s.sector }] : []),
      ],
    })),
  };
  const h = hierarchy(root)
    .sum((n) => n.stock?.market_cap ?? n.rest?.market_cap ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const laid = treemap<Node>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingTop((n) => (n.depth === 1 ? SECTOR_TITLE : 0))
    .paddingInner((n) => (n.depth === 0 ? 3 : 1))
    .round(true)(h);
  const tiles: Tile[] = laid.leaves().flatMap((n): Tile[] => {
    const rect = { x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1 };
    const sector = n.data.sector ?? '';
    if (n.data.stock)
      return [{ kind: 'stock', stock: n.data.stock, sector, industry: n.data.industry ?? '', ...rect }];
    if (n.data.rest) return [{ kind: 'rest', rest: n.data.rest, sector, ...rect }];
    return [];
  });
  const boxes: SectorBox[] = (laid.children ?? []).flatMap((n) =>
    n.data.box ? [{ sector: n.data.box, x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1 }] : [],
  );
  return { tiles, sectors: boxes };
}
