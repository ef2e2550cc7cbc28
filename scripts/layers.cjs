/**
 * The layers of server/src, top to bottom, as path patterns: the one definition that
 * .dependency-cruiser.cjs (the rules) and scripts/deps-graph.mjs (the picture in
 * docs/ARCHITECTURE.md) share. A module belongs to the first layer, in PRECEDENCE order,
 * whose pattern it matches (a routes module in a use-case folder is the interface's).
 */
const S = '^server/src/';

/** Entry points: processes and command-line tools. */
const ENTRY = [`${S}(main|worker|agendash)\\.ts$`, `${S}cli/`];
/** The composition root. */
const ROOT = [`${S}app-context\\.ts$`];
/** How the outside reaches the use cases: the HTTP layer, every routes module, the jobs. */
const INTERFACE = [`${S}(http|jobs|system)/`, `${S}[^/]+/routes\\.ts$`];
/** Use cases and services (their routes modules belong to the interface). */
const USE_CASES = [`${S}(stocks|screener|backtest|ingest|scoring-runs)/`];
/** Infrastructure: database, cache, market-data providers and their store, logger, config, Sentry. */
const INFRASTRUCTURE = [`${S}(db|cache|market)/`, `${S}(logger|config|sentry|version)\\.ts$`];
/** Pure domain: scoring, analysis, the market calendar, status and model, the clock; and the shared API contract. */
const DOMAIN = [
  `${S}(scoring|analysis|api)/`,
  `${S}market/(calendar|status|types|new-york)\\.ts$`,
  `${S}(clock|errors)\\.ts$`,
];

/** Top to bottom, for the picture; infrastructure and domain share the bottom (domain innermost). */
const LAYERS = [
  { name: 'entry points', paths: ENTRY },
  { name: 'composition root', paths: ROOT },
  { name: 'interface: http, routes, jobs', paths: INTERFACE },
  { name: 'use cases', paths: USE_CASES },
  { name: 'infrastructure', paths: INFRASTRUCTURE },
  { name: 'domain', paths: DOMAIN },
];
/** The order in which a module's layer is decided. */
const PRECEDENCE = [
  'entry points',
  'composition root',
  'interface: http, routes, jobs',
  'domain',
  'use cases',
  'infrastructure',
];

/** The name of the layer a module (a path relative to the repository) belongs to, or undefined. */
function layerOf(modulePath) {
  for (const name of PRECEDENCE) {
    const layer = LAYERS.find((l) => l.name === name);
    if (layer.paths.some((p) => new RegExp(p).test(modulePath))) return name;
  }
  return undefined;
}

module.exports = { ENTRY, ROOT, INTERFACE, USE_CASES, INFRASTRUCTURE, DOMAIN, LAYERS, layerOf };
