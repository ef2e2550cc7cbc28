/**
 * Generates src/api/openapi.ts, the API's types, from the published OpenAPI document.
 *
 *   npm run gen:api -w client          # rewrite src/api/openapi.ts
 *   node --import tsx scripts/openapi-types.ts --json FILE   # the document itself, for npm run lint:openapi
 *
 * The document is built the way the API serves it at /openapi.json: the server's route
 * definitions through its OpenAPI builder (server/src/http/openapi.ts). This script may import
 * the server; the client's source (src/) may not, and uses only the generated file.
 * scripts/openapi-types.test.ts fails when the committed file is out of date with the document.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { routeDefs } from '../../server/src/http/app.ts';
import { buildOpenApi } from '../../server/src/http/openapi.ts';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..');
const REPO_ROOT = path.resolve(CLIENT_DIR, '..');
export const GENERATED_FILE = path.join(CLIENT_DIR, 'src', 'api', 'openapi.ts');

/**
 * Stands in for the API's dependencies: the route definitions keep them for their handlers,
 * which building the document never calls. Any property read gives the stand-in again.
 */
function unusedDeps(): never {
  const stub: object = new Proxy(() => stub, { get: (_t, key) => (key === 'then' ? undefined : stub) });
  return stub as never;
}

/** The OpenAPI document as GET /openapi.json serves it. */
export function openApiDocument(): unknown {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'server', 'package.json'), 'utf8'));
  return buildOpenApi(routeDefs(unusedDeps()), version);
}

const HEADER = `/**
 * The API's types, generated from its OpenAPI document (GET /openapi.json) by openapi-typescript.
 * Do not edit: run \`npm run gen:api -w client\`. Named aliases live in ./types.ts.
 */
`;

/** The generated file's text: openapi-typescript's output, formatted by the repository's biome. */
export async function generate(): Promise<string> {
  const ast = await openapiTS(openApiDocument() as never, { alphabetize: false, exportType: false });
  const text = HEADER + astToString(ast);
  return execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
      'format',
      `--stdin-file-path=${GENERATED_FILE}`,
    ],
    { cwd: REPO_ROOT, input: text, encoding: 'utf8' },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [flag, file] = process.argv.slice(2);
  if (flag === '--json' && file) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  } else {
    writeFileSync(GENERATED_FILE, await generate());
    console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
  }
}
