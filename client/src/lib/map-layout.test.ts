import { expect } from 'chai';
import { layoutMap, type MapSector, SECTOR_TITLE } from './map-layout.ts';

const stock = (ticker: string, market_cap: number) => ({
  ticker,
  name: `${ticker} Inc.`,
  market_cap,
  price: 10,
  change_pct: 1,
  perf_1w: 0.01,
  perf_1m: 0.02,
  score: 60,
});

const colours = { change_pct: 0.5, perf_1w: 0, perf_1m: 0, score: 50 };

/** Two sectors: A lists all its stocks; B lists two and has 40 more worth as much as those two. */
const SECTORS: MapSector[] = [
  {
    sector: 'A',
    count: 3,
    shown: 3,
    market_cap: 600,
    ...colours,
    rest: null,
    industries: [
      { industry: 'A1', count: 2, shown: 2, market_cap: 500, stocks: [stock('AA', 300), stock('AB', 200)] },
      { industry: 'A2', count: 1, shown: 1, market_cap: 100, stocks: [stock('AC', 100)] },
    ],
  },
  {
    sector: 'B',
    count: 42,
    shown: 2,
    market_cap: 600,
    ...colours,
    rest: { count: 40, market_cap: 300, ...colours },
    industries: [
      { industry: 'B1', count: 30, shown: 2, market_cap: 450, stocks: [stock('BA', 200), stock('BB', 100)] },
    ],
  },
];

const area = (r: { x0: number; y0: number; x1: number; y1: number }) => (r.x1 - r.x0) * (r.y1 - r.y0);

describe('market map layout', () => {
  const { tiles, sectors } = layoutMap(SECTORS, 800, 500);

  it('gives every listed stock a tile and every sector with unlisted stocks one tile for them', () => {
    expect(
      tiles.filter((t) => t.kind === 'stock').map((t) => t.kind === 'stock' && t.stock.ticker),
    ).to.have.members(['AA', 'AB', 'AC', 'BA', 'BB']);
    const rest = tiles.filter((t) => t.kind === 'rest');
    expect(rest.map((t) => t.sector)).to.deep.equal(['B']);
  });

  it('sizes each sector by its whole market cap, unlisted stocks included', () => {
    expect(sectors.map((s) => s.sector.sector).sort()).to.deep.equal(['A', 'B']);
    const [a, b] = ['A', 'B'].map((name) => area(sectors.find((s) => s.sector.sector === name) as never));
    // Equal caps, equal boxes (up to rounding to whole pixels and the padding).
    expect(a / b).to.be.within(0.9, 1.1);
    // Within B, the unlisted stocks' tile is as large as the two listed ones together.
    const inB = tiles.filter((t) => t.sector === 'B');
    const restArea = area(inB.find((t) => t.kind === 'rest') as never);
    const listedArea = inB.filter((t) => t.kind === 'stock').reduce((n, t) => n + area(t), 0);
    expect(restArea / listedArea).to.be.within(0.85, 1.15);
  });

  it('keeps every tile inside its sector, below the title strip, without overlaps', () => {
    for (const t of tiles) {
      const box = sectors.find((s) => s.sector.sector === t.sector) as (typeof sectors)[number];
      expect(t.x0).to.be.at.least(box.x0);
      expect(t.x1).to.be.at.most(box.x1);
      expect(t.y0).to.be.at.least(box.y0 + SECTOR_TITLE);
      expect(t.y1).to.be.at.most(box.y1);
      expect(area(t)).to.be.greaterThan(0);
    }
    for (const [i, p] of tiles.entries())
      for (const q of tiles.slice(i + 1)) {
        const overlap =
          Math.min(p.x1, q.x1) > Math.max(p.x0, q.x0) && Math.min(p.y1, q.y1) > Math.max(p.y0, q.y0);
        expect(overlap, `${JSON.stringify(p)} / ${JSON.stringify(q)}`).to.equal(false);
      }
  });
});
