import { expect } from 'chai';
import { readAdminToken, saveAdminToken } from './admin-token.ts';

describe('admin token storage', () => {
  afterEach(() => {
    saveAdminToken('');
    delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
  });

  it('keeps the token in sessionStorage (trimmed) and forgets it when emptied', () => {
    const items = new Map<string, string>();
    (globalThis as { sessionStorage?: unknown }).sessionStorage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => items.set(k, v),
      removeItem: (k: string) => items.delete(k),
    };
    expect(readAdminToken()).to.equal('');
    saveAdminToken('  abc-token  ');
    expect(items.get('vibeapp.adminToken')).to.equal('abc-token');
    expect(readAdminToken()).to.equal('abc-token');
    saveAdminToken('');
    expect(items.has('vibeapp.adminToken')).to.equal(false);
  });

  it('lasts in memory where no storage is available', () => {
    saveAdminToken('mem-token');
    expect(readAdminToken()).to.equal('mem-token');
  });
});
