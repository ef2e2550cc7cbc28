/**
 * A private PostgreSQL server for fault tests (see /work/shared/FAULTS.md): its own data
 * folder in a temp dir, its own free loopback port, stopped and started at will; the
 * shared server other suites use is never touched. PostgreSQL refuses to run as root, so
 * under root its commands run as the `postgres` user.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './fault-load.ts';

/** Where Debian puts the server's binaries (PG_BIN overrides). */
const PG_BIN = process.env.PG_BIN?.trim() || '/usr/lib/postgresql/15/bin';

/** Why the private server cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  for (const bin of ['initdb', 'pg_ctl']) {
    if (!existsSync(path.join(PG_BIN, bin))) return `no PostgreSQL binaries in ${PG_BIN} (set PG_BIN)`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no postgres user to run the server as';
  return undefined;
}

export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** initdb into a temp dir and start on a free port. */
  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-pg-'));
    const pg = new PrivatePostgres(dir, await freePort());
    try {
      if (process.getuid?.() === 0) {
        const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
        const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
        chownSync(dir, uid, gid);
      }
      pg.run('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
      pg.start();
    } catch (err) {
      pg.dispose();
      throw err;
    }
    return pg;
  }

  get data(): string {
    return path.join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Server options: this port, loopback only, the socket in the temp dir, fsync off (a test's data). */
  private get options(): string {
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-o',
      this.options,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** A fast shutdown (clients get 57P01 "terminating connection due to administrator command"). */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  restart(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-m',
      'fast',
      '-o',
      this.options,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'restart',
    ]);
  }

  /** Stop (immediately, whatever state it is in) and remove the data folder; never throws. */
  dispose(): void {
    if (existsSync(path.join(this.data, 'postmaster.pid'))) {
      try {
        this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(bin: string, args: string[]): void {
    const cmd = path.join(PG_BIN, bin);
    const asRoot = process.getuid?.() === 0;
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', timeout: 60_000 })
      : spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0)
      throw new Error(`${bin} ${args.at(-1)} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  }
}
