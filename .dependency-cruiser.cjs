/**
 * Dependencies point one way (docs/ARCHITECTURE.md, "Layers"). `npm run lint:deps` checks
 * server/src and client/src against these rules; a violation prints the rule's name and
 * fails `npm run check`. Test files and test-support are not checked.
 *
 * Layers of server/src, top to bottom (their paths: scripts/layers.cjs):
 *   entry points → composition root → interface (http, routes, jobs) → use cases
 *   → infrastructure and domain (the domain at the bottom: it imports no infrastructure).
 */

const { DOMAIN, ENTRY, INFRASTRUCTURE, INTERFACE, ROOT, USE_CASES } = require('./scripts/layers.cjs');

/** Routes modules sit in use-case folders but belong to the interface. */
const ROUTES = ['^server/src/[^/]+/routes\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No module imports itself through others: when two modules need the same thing, it moves down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-import-of-entry-points',
      comment: 'Entry points (main, worker, agendash, cli/*) are the top: nothing imports them.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: 'root-only-from-entry-points',
      comment:
        'Only entry points import the composition root (app-context.ts); layers below declare what they use.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: [...ENTRY, ...ROOT] },
      to: { path: ROOT },
    },
    {
      name: 'no-upward-import-of-interface',
      comment: 'Use cases, infrastructure and domain never import http/, routes modules or jobs/.',
      severity: 'error',
      from: {
        path: [...USE_CASES, ...INFRASTRUCTURE, ...DOMAIN],
        pathNot: [...ENTRY, ...ROOT, ...INTERFACE],
      },
      to: { path: INTERFACE },
    },
    {
      name: 'no-upward-import-of-use-cases',
      comment: 'Infrastructure and domain never import a use case (stocks, ingest, scoring-runs).',
      severity: 'error',
      from: { path: [...INFRASTRUCTURE, ...DOMAIN], pathNot: [...INTERFACE, ...USE_CASES] },
      to: { path: USE_CASES, pathNot: ROUTES },
    },
    {
      name: 'domain-imports-no-infrastructure',
      comment:
        'Domain code (scoring, analysis, the market calendar and clock, the API contract) is pure: no db, cache, providers, logger, config, http or jobs.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: [...INFRASTRUCTURE, ...INTERFACE, ...USE_CASES, ...ROOT, ...ENTRY], pathNot: DOMAIN },
    },
    {
      name: 'client-never-imports-server',
      comment:
        'The client talks to the server over HTTP only; shared shapes live in the client or a shared package.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.tsx?$', '\\.fault\\.ts$', '(^|/)test-support/', '(^|/)e2e/'] },
    // Type-only imports count: a type import upward couples the layers as much as a value import.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      mermaid: { minify: false },
    },
  },
};
