import { expect } from 'chai';
import { revalidate, startTestServer, type TestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { ErrorBody } from '../api/shared.ts';
import { fixedClock } from '../clock.ts';
import { MarketStatus } from './schemas.ts';

describe('GET /api/market/status', () => {
  let tdb: TestDatabase;
  let api: TestServer;

  before(async () => {
    tdb = await createSqliteTestDb();
    api = await startTestServer(tdb.db);
  });
  after(async () => {
    await api?.close();
    await tdb?.dispose();
  });

  it('answers for now when no instant is given, in the documented shape', async () => {
    const before = Date.now();
    const res = await api.get('/api/market/status');
    expect(res.status).to.equal(200);
    const body = MarketStatus.parse(res.body);
    // "Now" to the second: the whole second the request arrived in.
    expect(body.at).to.match(/T\d\d:\d\d:\d\d\.000Z$/);
    expect(Date.parse(body.at)).to.be.within(Math.floor(before / 1000) * 1000, Date.now());
    expect(Date.parse(body.next_open)).to.be.greaterThan(Date.parse(body.at));
    expect(Date.parse(body.next_close)).to.be.greaterThan(Date.parse(body.at));
  });

  it('reads "now" from the app\'s clock: a fixed clock fixes the answer', async () => {
    const fixed = await startTestServer(tdb.db, { overrides: { clock: fixedClock('2026-03-09T13:29:00Z') } });
    try {
      const body = MarketStatus.parse((await fixed.get('/api/market/status')).body);
      // Monday after the spring-forward: 09:29 EDT, one minute before the open.
      expect(body).to.deep.include({ at: '2026-03-09T13:29:00.000Z', is_open: false, reason: 'pre_market' });
      expect(body.next_open).to.equal('2026-03-09T13:30:00.000Z');
    } finally {
      await fixed.close();
    }
  });

  it('keeps the answer for now for its second: one ETag (304 on revalidation), a new one the next second', async () => {
    const clock = fixedClock('2026-03-09T14:00:00.250Z');
    const moving = await startTestServer(tdb.db, { overrides: { clock } });
    try {
      const first = await moving.get('/api/market/status');
      const etag = first.headers.get('etag');
      expect(etag, 'an ETag').to.be.a('string');
      expect(first.headers.get('x-cache'), 'not a cache answer').to.equal(null);
      expect(first.body).to.deep.include({ at: '2026-03-09T14:00:00.000Z', is_open: true });
      clock.advance(700); // 14:00:00.950, the same second
      const again = await revalidate(`${moving.url}/api/market/status`, etag ?? '');
      expect(again.status).to.equal(304);
      clock.advance(100); // 14:00:01.050
      const next = await revalidate(`${moving.url}/api/market/status`, etag ?? '');
      expect(next.status).to.equal(200);
      expect(next.headers.etag).to.be.a('string').and.not.equal(etag);
      expect(JSON.parse(next.body).at).to.equal('2026-03-09T14:00:01.000Z');
      // A named instant is answered as asked, to the millisecond, whatever the clock says.
      const asked = await moving.get('/api/market/status?at=2026-03-09T14:00:00.250Z');
      expect(asked.body.at).to.equal('2026-03-09T14:00:00.250Z');
    } finally {
      await moving.close();
    }
  });

  it('answers about any instant: open during a session, with its close', async () => {
    const res = await api.get('/api/market/status?at=2026-11-27T15:00:00Z');
    expect(res.status).to.equal(200);
    expect(MarketStatus.parse(res.body)).to.deep.equal({
      at: '2026-11-27T15:00:00.000Z',
      date: '2026-11-27',
      time_zone: 'America/New_York',
      is_open: true,
      reason: null,
      holiday: null,
      message: 'Open: early close at 13:00 ET today',
      session: {
        date: '2026-11-27',
        open: '2026-11-27T14:30:00.000Z',
        close: '2026-11-27T18:00:00.000Z',
        early_close: true,
      },
      next_open: '2026-11-30T14:30:00.000Z',
      next_close: '2026-11-27T18:00:00.000Z',
    });
  });

  it('names the holiday when closed for one, and takes an instant with an offset', async () => {
    const res = await api.get(`/api/market/status?at=${encodeURIComponent('2026-11-26T10:00:00-05:00')}`);
    expect(res.status).to.equal(200);
    const body = MarketStatus.parse(res.body);
    expect(body).to.deep.include({ is_open: false, reason: 'holiday', holiday: 'Thanksgiving Day' });
    expect(body.session).to.equal(null);
    expect(body.at).to.equal('2026-11-26T15:00:00.000Z');
  });

  const BAD = [
    'yesterday',
    '2026-11-27',
    '2026-11-27T15:00:00', // no offset: ambiguous
    '2026-13-01T10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-11-27T24:00:00Z',
    '',
  ];
  for (const bad of BAD) {
    it(`rejects at=${JSON.stringify(bad)} with 400 naming the parameter`, async () => {
      const res = await api.get(`/api/market/status?at=${encodeURIComponent(bad)}`);
      expect(res.status).to.equal(400);
      const { error } = ErrorBody.parse(res.body);
      expect(error.code).to.equal('invalid_parameter');
      expect(error.message).to.contain('at: must be an ISO-8601 instant');
    });
  }
});
