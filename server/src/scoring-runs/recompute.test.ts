import { expect } from 'chai';
import { memoryCache } from '../../test-support/cache.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { fixedClock } from '../clock.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createIngestService } from '../ingest/service.ts';
import { createLogger } from '../logger.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { recomputeScores } from './recompute.ts';

describeEachDatabase('stored ranks (scoring service)', (get) => {
  beforeEach(async () => {
    await migrateLatest(get().db);
  });

  it('stores the rank each explanation states, tied stocks ordered by ticker', async function () {
    this.timeout(60_000);
    const db = get().db;
    const clock = fixedClock(new Date('2026-11-24T08:00:00-05:00'));
    const ingest = createIngestService({
      db,
      cache: memoryCache(),
      clock,
      logger: createLogger({ level: 'silent' }),
    });
    await ingest.ingest(createSampleProvider({ seed: 'ranks', clock }), [
      'AAPL',
      'MSFT',
      'JPM',
      'XOM',
      'KO',
      'NEE',
    ]);
    // Copies of KO under tickers that differ in case and punctuation: the same data, so the same score.
    // A locale-aware order puts 'ko' before 'KO'; the ranking's code-unit order puts it last.
    const twins = ['ko', 'Ko', 'K.O'];
    for (const table of ['stocks', 'financials', 'daily_prices']) {
      const rows = await db(table).where({ ticker: 'KO' });
      for (const ticker of twins)
        await db.batchInsert(
          table,
          rows.map((r) => ({ ...r, ticker })),
          100,
        );
    }

    await recomputeScores(db, clock.now());

    const stored = await db('scores').select('ticker', 'score', 'rank', 'explanation').orderBy('rank');
    const tied = stored.filter((r) => [...twins, 'KO'].includes(r.ticker));
    expect(new Set(tied.map((r) => r.score)).size, 'the copies tie').to.equal(1);
    expect(tied.map((r) => r.ticker)).to.deep.equal(['K.O', 'KO', 'Ko', 'ko']);
    for (const r of stored) {
      const summary: string = JSON.parse(r.explanation).summary;
      expect(summary, r.ticker).to.include(`Ranks #${r.rank} of ${stored.length},`);
    }
    const snapshots = await db('score_snapshots').select('ticker', 'rank');
    for (const s of snapshots)
      expect(s.rank, s.ticker).to.equal(stored.find((r) => r.ticker === s.ticker)?.rank);
  });
});
