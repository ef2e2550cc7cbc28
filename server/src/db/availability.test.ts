import { expect } from 'chai';
import Koa from 'koa';
import { type LogRecord, memoryLogger } from '../../test-support/app.ts';
import { errorMiddleware } from '../http/errors.ts';
import { asDatabaseUnavailable, databaseOutage, isConnectionError } from './availability.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database availability', () => {
  it('tells connection-class errors from query errors', () => {
    for (const err of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
      new Error('Connection terminated unexpectedly'),
      // knex puts the statement before the driver's message (a query in flight when the server stopped).
      new Error(
        'select "ticker" from "stocks" where "ticker" = $1 limit $2 - Connection terminated unexpectedly',
      ),
      Object.assign(new AggregateError([withCode('ECONNREFUSED')], ''), {}),
      new Error('wrapped', { cause: withCode('57P01') }),
    ])
      expect(isConnectionError(err), String(err)).to.equal(true);
    for (const err of [
      withCode('42P01', 'relation does not exist'),
      withCode('23505'),
      new Error('select 1 - relation "Connection terminated" does not exist'),
      new TypeError('x'),
      null,
    ])
      expect(isConnectionError(err), String(err)).to.equal(false);
  });

  it('maps them to one UnavailableError: 503 database_unavailable with Retry-After, not a 500', async () => {
    expect(asDatabaseUnavailable(withCode('42601'))).to.equal(undefined);
    expect(
      asDatabaseUnavailable(withCode('57014', 'canceling statement due to statement timeout')),
    ).to.include({
      code: 'database_unavailable',
    });
    expect(asDatabaseUnavailable(withCode('57014', 'canceling statement due to user request'))).to.equal(
      undefined,
    );
    const logs: LogRecord[] = [];
    const app = new Koa();
    app.use(errorMiddleware(memoryLogger(logs)));
    app.use(() => {
      throw withCode('57P01', 'terminating connection due to administrator command');
    });
    const server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/api/stocks`);
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.match(/^\d+$/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).to.equal('database_unavailable');
      expect(body.error.message).to.not.match(/57P01|administrator/);
      expect(logs.filter((l) => l.level !== 'debug')).to.deep.equal([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('logs an outage once at warn, and its end once', () => {
    const logs: LogRecord[] = [];
    const outage = databaseOutage(memoryLogger(logs));
    for (let i = 0; i < 5; i++) outage.down(withCode('ECONNREFUSED'));
    outage.down(withCode('42P01'));
    outage.up();
    outage.up();
    expect(logs.map((l) => l.level)).to.deep.equal(['warn', 'info']);
    expect(String(logs[0].msg)).to.match(/^database unavailable/);
    expect(String(logs[1].msg)).to.match(/^database back after/);
  });
});
