/**
 * The one ranking of scored stocks. The engine numbers its results with it (the "Ranks #k"
 * of each explanation) and the scoring run stores the same numbers (`scores.rank`,
 * `scores.sector_rank`, `score_snapshots.rank`), so the two can never disagree on a tie.
 *
 * Order, best first: composite score descending (the stored, one-decimal score), then ticker
 * ascending by UTF-16 code unit — the same in every locale and Node build ('BRK.B' < 'BRKB'
 * < 'brk'), unlike `localeCompare`, whose order of 'AB' and 'aa' depends on the process's
 * locale.
 */

/** What a ranking orders: a stock's ticker and its composite score. */
export interface Scored {
  readonly ticker: string;
  readonly score: number;
}

/** Tickers in ranking order: ascending by UTF-16 code unit, independent of locale. */
export function compareTickers(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ranking's comparator: higher score first, then `compareTickers`. */
function compareRanked(a: Scored, b: Scored): number {
  return b.score - a.score || compareTickers(a.ticker, b.ticker);
}

/** A sorted copy of `items`, best first; rank k is index k − 1. */
export function rankOrder<T extends Scored>(items: readonly T[]): T[] {
  return [...items].sort(compareRanked);
}

/** Each stock's rank (1 = best) in the whole universe and within its sector. */
export interface Ranks {
  rank: Map<string, number>;
  sectorRank: Map<string, number>;
}

/**
 * The ranks to store for scored stocks: `rankOrder` over all of them, and the same order
 * restricted to each sector (`sectors`: ticker → sector; an unknown sector counts as one group).
 */
export function rankScores(results: readonly Scored[], sectors: ReadonlyMap<string, string>): Ranks {
  const rank = new Map<string, number>();
  const sectorRank = new Map<string, number>();
  const perSector = new Map<string, number>();
  rankOrder(results).forEach((r, i) => {
    rank.set(r.ticker, i + 1);
    const sector = sectors.get(r.ticker) ?? '';
    const n = (perSector.get(sector) ?? 0) + 1;
    perSector.set(sector, n);
    sectorRank.set(r.ticker, n);
  });
  return { rank, sectorRank };
}
