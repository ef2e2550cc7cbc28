/**
 * Agendash, the job monitor (started by src/agendash.ts). It can change jobs, so without
 * AGENDASH_PASSWORD it listens on 127.0.0.1 only; with one it asks for HTTP basic auth
 * (AGENDASH_USER / AGENDASH_PASSWORD) on every request and listens on all interfaces.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Agenda } from 'agenda';
import { createKoaMiddlewareAsync } from 'agendash';
import type { Knex } from 'knex';
import Koa from 'koa';
import type { Config } from '../config.ts';
import { createJobBackend } from './store.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Basic auth for every request; a 401 asks the browser for credentials. */
function basicAuth(user: string, password: string): Koa.Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const m = /^Basic\s+(.+)$/i.exec(header);
    const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const sep = decoded.indexOf(':');
    if (sep > 0 && same(decoded.slice(0, sep), user) && same(decoded.slice(sep + 1), password)) {
      await next();
      return;
    }
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Basic realm="VibeApp jobs", charset="UTF-8"');
    ctx.body = { error: { code: 'UNAUTHORIZED', message: 'Agendash needs a user name and password' } };
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Agendash's forms change jobs (requeue, delete, create) with the browser's stored basic-auth
 * credentials, so a page on another site could post to them. A changing request is refused
 * when the browser says it comes from elsewhere: an `Origin` that is not this host, or
 * `Sec-Fetch-Site` other than same-origin. Clients that send neither (curl, scripts) still
 * need the password.
 */
function sameOriginWrites(): Koa.Middleware {
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method)) {
      const origin = ctx.get('origin');
      const site = ctx.get('sec-fetch-site');
      let crossOrigin = site !== '' && site !== 'same-origin' && site !== 'none';
      if (origin) {
        try {
          crossOrigin ||= new URL(origin).host !== ctx.host;
        } catch {
          crossOrigin = true;
        }
      }
      if (crossOrigin) {
        ctx.status = 403;
        ctx.body = {
          error: { code: 'cross_site_request', message: 'Agendash accepts changes from its own pages only' },
        };
        return;
      }
    }
    await next();
  };
}

/** Where Agendash may listen: everywhere only behind a password. */
export function agendashHost(agendash: Config['agendash']): string {
  return agendash.password ? '0.0.0.0' : '127.0.0.1';
}

/** The Agendash Koa app on an Agenda that is not started (it reads and edits the store only). */
async function createAgendashApp(agenda: Agenda, agendash: Config['agendash']): Promise<Koa> {
  const app = new Koa();
  if (agendash.password) app.use(basicAuth(agendash.user, agendash.password));
  app.use(sameOriginWrites());
  for (const mw of await createKoaMiddlewareAsync(agenda)) app.use(mw);
  return app;
}

export interface AgendashServer {
  url: string;
  close(): Promise<void>;
}

/** Start Agendash for a database; `port` 0 picks a free port (tests). */
export async function startAgendash(
  config: Pick<Config, 'database' | 'agendash'>,
  db: Knex,
  port = config.agendash.port,
): Promise<AgendashServer> {
  const backend = createJobBackend(config.database, db, { notifications: false });
  const agenda = new Agenda({ backend, name: 'agendash' });
  await agenda.ready;
  const app = await createAgendashApp(agenda, config.agendash);
  const host = agendashHost(config.agendash);
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await backend.disconnect();
    },
  };
}
