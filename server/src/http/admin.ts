/**
 * The admin token: operational detail (`/api/system/jobs`, `/api/system/cache`) answers only
 * a caller sending `Authorization: Bearer <ADMIN_TOKEN>`. Without an ADMIN_TOKEN configured
 * that detail is off (403 `admin_disabled`), never open. Tokens are compared in constant time
 * (both sides hashed to one length first, so neither the content nor the length leaks).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Throws unless the request carries the admin token (401 `unauthorized`, 403 `admin_disabled`). */
export function requireAdmin(ctx: Context, adminToken: string): void {
  if (!adminToken) {
    throw new ForbiddenError(
      'Operational detail is off on this server: its operator has set no ADMIN_TOKEN',
      'admin_disabled',
    );
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(ctx.get('Authorization'));
  if (!match || !timingSafeEqual(digest(match[1]), digest(adminToken))) {
    throw new UnauthorizedError(
      match
        ? 'The admin token is not valid'
        : 'This route needs the admin token: send Authorization: Bearer <ADMIN_TOKEN>',
    );
  }
}
