/**
 * The OpenAPI document is the client's contract: the committed API types (src/api/openapi.ts)
 * match the document the server publishes, and the client's source imports nothing outside the
 * client. When the first test fails, run `npm run gen:api -w client` and commit the result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { GENERATED_FILE, generate } from './openapi-types.ts';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the API contract', () => {
  it('src/api/openapi.ts is up to date with the OpenAPI document (else: npm run gen:api -w client)', async () => {
    const committed = readFileSync(GENERATED_FILE, 'utf8');
    const fresh = await generate();
    expect(committed === fresh, 'src/api/openapi.ts differs from the document: run npm run gen:api -w client')
      .to.be.true;
  });

  it('the client source (src/) imports nothing outside client/', () => {
    const outside: string[] = [];
    for (const file of sourceFiles(path.join(CLIENT_DIR, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), m[1] ?? '');
        if (!target.startsWith(`${CLIENT_DIR}${path.sep}`))
          outside.push(`${path.relative(CLIENT_DIR, file)} imports ${m[1]}`);
      }
    }
    expect(outside).to.deep.equal([]);
  });
});
