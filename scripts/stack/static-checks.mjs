#!/usr/bin/env node
// Step 1 of `npm run test:stack`, the part that needs no engine: the compose files and
// devcontainer.json against their published JSON schemas, and cross-checks between the
// compose set, the dev container, the VS Code files, the scripts, the config module and the
// Vite config. Prints one line per check; exits 1 if any failed.
//
//   node --import tsx scripts/stack/static-checks.mjs     (tsx: it reads server/src/config.ts)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const rel = (p) => path.relative(root, p);
const read = (p) => readFileSync(path.join(root, p), 'utf8');
let failed = 0;
const ok = (name, detail = '') => console.log(`  ok    ${name}${detail ? `: ${detail}` : ''}`);
const fail = (name, problems) => {
  failed++;
  console.log(`  FAIL  ${name}`);
  for (const p of [problems].flat()) console.log(`          - ${p}`);
};
const check = (name, problems, detail) => (problems.length ? fail(name, problems) : ok(name, detail));

function jsonc(file) {
  const errors = [];
  const value = parseJsonc(read(file), errors, { allowTrailingComma: true });
  if (errors.length)
    throw new Error(
      `${file}: ${errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`).join(', ')}`,
    );
  return value;
}
const yaml = (file) => YAML.parse(read(file), { merge: true });

// ---- schemas ---------------------------------------------------------------------------------
const schemaDir = path.join(import.meta.dirname, 'schemas');
const shared = path.resolve(root, '..', 'shared', 'schemas');
const schemaFiles = ['compose-spec.json', 'devContainer.base.schema.json'];
if (existsSync(shared)) {
  const differ = schemaFiles.filter(
    (f) =>
      existsSync(path.join(shared, f)) &&
      read(path.join(rel(schemaDir), f)) !== readFileSync(path.join(shared, f), 'utf8'),
  );
  if (differ.length)
    console.log(`  note  ${differ.join(', ')} differ from ${shared}: using the copies in ${rel(schemaDir)}`);
}
const loadSchema = (f) => JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8'));
const composeSchema = loadSchema('compose-spec.json');
const composeAjv = addFormats(new Ajv({ allErrors: true, strict: false, validateSchema: false }));
const composeValidate = composeAjv.compile(composeSchema);
const dcAjv = addFormats(new Ajv2019({ allErrors: true, strict: false }));
const dcValidate = dcAjv.compile(loadSchema('devContainer.base.schema.json'));
const errs = (v) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

const composeFiles = readdirSync(path.join(root, 'compose'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => `compose/${f}`);
// The root compose.yaml (a plain `docker compose up`) against the schema too; its services come
// from compose/dev.yml, so the cross-checks below read that file.
const rootCompose = yaml('compose.yaml');
check(
  'compose.yaml matches the Compose Specification schema',
  composeValidate(rootCompose) ? [] : errs(composeValidate),
);
for (const f of composeFiles) {
  const valid = composeValidate(yaml(f));
  check(`${f} matches the Compose Specification schema`, valid ? [] : errs(composeValidate));
}
{
  const devName = yaml('compose/dev.yml').name;
  const included = (rootCompose.include ?? []).map((i) => (typeof i === 'string' ? i : i.path));
  check('compose.yaml includes compose/dev.yml under the same project name', [
    ...(included.flat().includes('compose/dev.yml') ? [] : [`include: ${JSON.stringify(included)}`]),
    ...(rootCompose.name === devName ? [] : [`name ${rootCompose.name}, compose/dev.yml says ${devName}`]),
    ...Object.keys(rootCompose)
      .filter((k) => !['name', 'include'].includes(k) && !k.startsWith('x-'))
      .map((k) => `compose.yaml defines ${k}: keep the set in compose/dev.yml`),
  ]);
}
const devcontainer = jsonc('.devcontainer/devcontainer.json');
check(
  '.devcontainer/devcontainer.json (JSONC) matches the devcontainer.json schema',
  dcValidate(devcontainer) ? [] : errs(dcValidate),
);

// ---- npm scripts named anywhere --------------------------------------------------------------
const pkgs = {
  '': JSON.parse(read('package.json')),
  server: JSON.parse(read('server/package.json')),
  client: JSON.parse(read('client/package.json')),
};
/** Scripts other parts of the product add (the cache and the worker); named here so a missing one is reported as such. */
const EXPECTED_FROM_JOBS = new Set([
  'worker',
  'dev:worker',
  'worker:health',
  'agendash',
  'refresh',
  'cache:invalidate',
]);
const uses = []; // { script, workspace, where }
function scanCommand(cmd, where) {
  const words = Array.isArray(cmd) ? cmd.map(String) : String(cmd).split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'npm') continue;
    let j = i + 1;
    let script;
    if (['run', 'run-script'].includes(words[j])) {
      j++;
      while (words[j]?.startsWith('-')) j++;
      script = words[j];
    } else if (['test', 'start'].includes(words[j])) script = words[j];
    if (!script) continue;
    const after = words.slice(j + 1);
    const w = after.findIndex((x) => x === '-w' || x === '--workspace');
    uses.push({ script: script.replace(/['"`;,)]/g, ''), workspace: w >= 0 ? after[w + 1] : '', where });
  }
}
const dev = yaml('compose/dev.yml');
for (const [name, svc] of Object.entries(dev.services)) {
  scanCommand(svc.command ?? [], `compose/dev.yml ${name}.command`);
  scanCommand(svc.healthcheck?.test ?? [], `compose/dev.yml ${name}.healthcheck`);
}
for (const key of [
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
]) {
  if (devcontainer[key]) scanCommand(devcontainer[key], `devcontainer.json ${key}`);
}
const tasks = jsonc('.vscode/tasks.json').tasks;
for (const t of tasks) {
  if (t.type === 'npm')
    uses.push({ script: t.script, workspace: t.path ?? '', where: `.vscode/tasks.json "${t.label}"` });
  if (t.command) scanCommand(t.command, `.vscode/tasks.json "${t.label}"`);
}
const launch = jsonc('.vscode/launch.json');
for (const c of launch.configurations) {
  if (c.runtimeExecutable === 'npm')
    scanCommand(['npm', ...(c.runtimeArgs ?? [])], `.vscode/launch.json "${c.name}"`);
}
for (const dir of ['scripts', 'scripts/stack', 'scripts/stack/steps']) {
  for (const f of readdirSync(path.join(root, dir)).filter((f) => /\.(sh|mjs)$/.test(f))) {
    for (const line of read(`${dir}/${f}`).split('\n'))
      if (!line.trim().startsWith('#')) scanCommand(line, `${dir}/${f}`);
  }
}
for (const [ws, pkg] of Object.entries(pkgs)) {
  for (const [name, body] of Object.entries(pkg.scripts ?? {}))
    scanCommand(body, `${ws || 'root'} package.json script "${name}"`);
}
const missing = [];
const pending = [];
for (const u of uses) {
  const pkg = pkgs[u.workspace] ?? pkgs[u.workspace.replace(/^\.\//, '')];
  if (pkg?.scripts?.[u.script]) continue;
  const line = `npm script "${u.script}"${u.workspace ? ` in ${u.workspace}` : ''} (named in ${u.where})`;
  (EXPECTED_FROM_JOBS.has(u.script) ? pending : missing).push(line);
}
check(
  'every npm script named in compose, devcontainer.json, .vscode and scripts/ exists',
  missing,
  `${uses.length} uses`,
);
check(
  'the worker and cache scripts the compose set runs exist (worker, dev:worker, worker:health, agendash, refresh)',
  [...new Set(pending)].map((p) => `not yet defined: ${p}`),
);
// Files the lifecycle commands and compose commands run.
const fileRefs = [];
for (const [name, svc] of Object.entries(dev.services)) {
  for (const w of svc.command ?? [])
    if (/\.(sh|mjs|ts)$/.test(w) || w.includes('/')) fileRefs.push([w, `${name}.command`]);
}
for (const key of ['onCreateCommand', 'updateContentCommand', 'postCreateCommand'])
  for (const w of String(devcontainer[key] ?? '').split(/\s+/))
    if (/\.(sh|mjs)$/.test(w)) fileRefs.push([w, key]);
check(
  'files the compose commands and lifecycle commands run exist',
  fileRefs.filter(([f]) => !/^-/.test(f) && !existsSync(path.join(root, f))).map(([f, w]) => `${f} (${w})`),
);
const labels = new Set(tasks.map((t) => t.label));
check(
  '.vscode/launch.json preLaunchTasks name tasks in .vscode/tasks.json',
  launch.configurations
    .filter((c) => c.preLaunchTask && !labels.has(c.preLaunchTask))
    .map((c) => c.preLaunchTask),
);

// ---- environment variables -------------------------------------------------------------------
const { ENV_VARS, loadConfig } = await import(path.join(root, 'server/src/config.ts'));
const viteVars = new Set(
  [...read('client/vite.config.ts').matchAll(/env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]),
);
/** Variables read by the tools themselves, not by the product's code. */
const TOOL_VARS = {
  NODE_OPTIONS: 'Node.js',
  NODE_EXTRA_CA_CERTS: 'Node.js',
  PGHOST: 'psql',
  PGUSER: 'psql',
  PGPASSWORD: 'psql',
  PGDATABASE: 'psql',
};
const unknown = [];
const appServices = (file) =>
  Object.entries(yaml(file).services).filter(
    ([, s]) => s.build || /^(vibeapp|\$\{VIBEAPP_IMAGE\b)/.test(String(s.image ?? '')),
  );
for (const file of composeFiles) {
  for (const [name, svc] of appServices(file)) {
    for (const key of Object.keys(svc.environment ?? {})) {
      if (ENV_VARS.includes(key) || viteVars.has(key) || TOOL_VARS[key]) continue;
      unknown.push(`${file} ${name}: ${key}`);
    }
  }
}
check(
  'every variable compose sets on the app is read by server/src/config.ts (or the Vite config, or is a tool variable)',
  unknown,
  `${ENV_VARS.length} config variables, ${viteVars.size} Vite variables`,
);

// ---- ports -----------------------------------------------------------------------------------
const defaults = loadConfig({});
const vite = read('client/vite.config.ts');
const viteDefault = (name) => Number(new RegExp(`env\\.${name} \\|\\| (\\d+)`).exec(vite)?.[1]);
const published = (svc) =>
  Object.fromEntries(
    (dev.services[svc]?.ports ?? []).map((p) => {
      const m = /^(?:([\d.]+):)?\$\{([A-Z_]+):-(\d+)\}:(\d+)$/.exec(String(p));
      return m ? [Number(m[4]), { bind: m[1], variable: m[2], hostDefault: Number(m[3]) }] : [String(p), {}];
    }),
  );
const forwarded = new Set(devcontainer.forwardPorts.map(String));
const env = dev['x-app']?.environment ?? dev.services.api.environment;
const portProblems = [];
const expect = (what, actual, wanted) => {
  if (actual !== wanted) portProblems.push(`${what}: ${actual}, expected ${wanted}`);
};
const api = defaults.api.port;
const client = defaults.clientPort;
expect('config default API_PORT vs Vite default', viteDefault('API_PORT'), api);
expect('config default CLIENT_PORT vs Vite default', viteDefault('CLIENT_PORT'), client);
expect('compose API_PORT given to the app', Number(env.API_PORT), api);
expect('compose CLIENT_PORT given to the app', Number(env.CLIENT_PORT), client);
for (const [svc, port, hostVar] of [
  ['api', api, 'API_PORT'],
  ['client', client, 'CLIENT_PORT'],
  ['db', 5432, 'DB_PORT'],
  ['redis', 6379, 'REDIS_PORT'],
  ['agendash', 5555, 'AGENDASH_PORT'],
]) {
  const p = published(svc)[port];
  if (!p) portProblems.push(`compose ${svc} does not publish ${port}`);
  else {
    expect(`compose ${svc} host port variable`, p.variable, hostVar);
    expect(`compose ${svc} default host port`, p.hostDefault, port);
    expect(`compose ${svc} binds to`, p.bind, '127.0.0.1');
  }
  if (!forwarded.has(`${svc}:${port}`))
    portProblems.push(`devcontainer.json forwardPorts lacks "${svc}:${port}"`);
  if (!devcontainer.portsAttributes?.[`${svc}:${port}`])
    portProblems.push(`devcontainer.json portsAttributes lacks "${svc}:${port}"`);
}
for (const svcs of Object.values(dev.services)) {
  for (const p of svcs.ports ?? [])
    if (!String(p).startsWith('127.0.0.1:')) portProblems.push(`${p} is not bound to 127.0.0.1`);
}
expect('DATABASE_URL port', Number(new URL(env.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x')).port), 5432);
expect('REDIS_URL port', Number(new URL(env.REDIS_URL).port), 6379);
expect(
  'client API_PROXY_TARGET port',
  Number(new URL(dev.services.client.environment.API_PROXY_TARGET).port),
  api,
);
expect(
  'api healthcheck port',
  Number(/127\.0\.0\.1:(\d+)/.exec(dev.services.api.healthcheck.test.join(' '))?.[1]),
  api,
);
expect(
  'client healthcheck port',
  Number(/127\.0\.0\.1:(\d+)/.exec(dev.services.client.healthcheck.test.join(' '))?.[1]),
  client,
);
for (const c of launch.configurations.filter((c) => c.request === 'attach')) {
  const svc = /worker/i.test(c.name) ? 'worker' : 'api';
  const inspector = published(svc)[9229];
  expect(`launch.json "${c.name}" port`, c.port, inspector?.hostDefault);
}
expect(
  'launch.json "Client in Chrome" URL port',
  Number(new URL(launch.configurations.find((c) => c.type === 'chrome').url).port),
  client,
);
check(
  'ports agree across compose, devcontainer.json, config defaults, the Vite config and .vscode',
  portProblems,
  `api ${api}, client ${client}`,
);

// ---- restart policies, production credentials -------------------------------------------------
{
  const problems = [];
  for (const file of ['compose/dev.yml', 'compose/prod.yml']) {
    for (const [name, svc] of Object.entries(yaml(file).services)) {
      // The one-shots (dev's `setup`, prod's `migrate`) run to their end and are never restarted.
      const oneShot = file === 'compose/dev.yml' ? 'setup' : 'migrate';
      const want = name === oneShot ? 'no' : 'unless-stopped';
      if (svc.restart !== want)
        problems.push(`${file} ${name}: restart ${svc.restart ?? '(unset)'}, expected ${want}`);
    }
  }
  check(
    'every long-running service has restart: unless-stopped (dev and prod; the one-shots setup and migrate "no")',
    problems,
  );
}
{
  const prodText = read('compose/prod.yml');
  const used = new Map(); // variable -> the forms it is interpolated with
  for (const m of prodText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g)) {
    used.set(m[1], [...(used.get(m[1]) ?? []), m[2] ?? '']);
  }
  const example = new Set(
    read('compose/prod.env.example')
      .split('\n')
      .map((l) => /^([A-Z_][A-Z0-9_]*)=/.exec(l)?.[1])
      .filter(Boolean),
  );
  const problems = [];
  const secret = /PASSWORD|TOKEN|SECRET|_KEY|DSN/;
  for (const [name, forms] of used) {
    if (!example.has(name)) problems.push(`compose/prod.env.example does not document ${name}`);
    if (secret.test(name) && forms.some((f) => f !== ':?'))
      problems.push(
        `${name} is interpolated with a default or optionally (${forms.join(', ')}): use \${${name}:?...}`,
      );
  }
  const prod = yaml('compose/prod.yml');
  for (const [svc, def] of Object.entries(prod.services)) {
    for (const [key, value] of Object.entries(def.environment ?? {})) {
      if (!secret.test(key)) continue;
      // A credential is passed through from the environment (empty) or required (${X:?...}).
      if (value !== null && !/^\$\{[A-Z_0-9]+:\?[^}]*\}$/.test(String(value)))
        problems.push(`compose/prod.yml ${svc}.${key} has a value of its own: ${value}`);
    }
  }
  for (const svc of ['migrate', 'api', 'worker']) {
    const env = prod.services[svc]?.environment ?? {};
    for (const [key, variable] of [
      ['DATABASE_URL', 'POSTGRES_PASSWORD'],
      ['REDIS_URL', 'REDIS_PASSWORD'],
    ]) {
      if (!String(env[key]).includes(`\${${variable}:?`))
        problems.push(`${svc}.${key} does not take ${variable} (required)`);
    }
  }
  check(
    'compose/prod.yml: every credential from the environment, none with a default; compose/prod.env.example documents every variable',
    problems,
    `${used.size} variables`,
  );
}

// ---- the production set: roles, hardening, limits, log rotation ---------------------------------
{
  const prod = yaml('compose/prod.yml');
  const problems = [];
  const roles = { migrate: 'migrate', api: 'api', worker: 'worker' };
  for (const [svc, role] of Object.entries(roles)) {
    const def = prod.services[svc];
    if (!def) {
      problems.push(`no ${svc} service`);
      continue;
    }
    if (String(def.command).split(' ')[0] !== role)
      problems.push(`${svc}: command ${def.command}, expected ${role}`);
    if (def.read_only !== true) problems.push(`${svc}: root filesystem not read-only`);
    if (!(def.tmpfs ?? []).includes('/tmp')) problems.push(`${svc}: no tmpfs at /tmp`);
    if (!String(def.image).includes('VIBEAPP_IMAGE')) problems.push(`${svc}: not the app image`);
    if (svc !== 'migrate' && def.depends_on?.migrate?.condition !== 'service_completed_successfully')
      problems.push(`${svc}: does not wait for migrate to complete`);
  }
  if (prod.services.worker?.environment?.WORKER_MIGRATE !== 'false')
    problems.push('worker: WORKER_MIGRATE is not "false" (workers would migrate beside migrate)');
  if (prod.services.api?.environment?.TRUST_PROXY !== 'true')
    problems.push('api: TRUST_PROXY is not "true" behind the proxy');
  if (prod.services.api?.ports) problems.push('api: publishes a port (only the proxy may)');
  const proxy = prod.services.proxy;
  if (!(proxy?.volumes ?? []).includes('./proxy/Caddyfile:/etc/caddy/Caddyfile:ro'))
    problems.push('proxy: compose/proxy/Caddyfile is not mounted read-only at /etc/caddy/Caddyfile');
  if (!existsSync(path.join(root, 'compose/proxy/Caddyfile')))
    problems.push('compose/proxy/Caddyfile is missing');
  for (const [name, def] of Object.entries(prod.services)) {
    if (
      def.logging?.driver !== 'json-file' ||
      !def.logging?.options?.['max-size'] ||
      !def.logging?.options?.['max-file']
    )
      problems.push(`${name}: no rotated json-file log (max-size, max-file)`);
    const limits = def.deploy?.resources?.limits;
    if (!limits?.cpus || !limits?.memory) problems.push(`${name}: no cpus and memory limits`);
    const published = (def.ports ?? []).map(String);
    if (name !== 'proxy' && published.length) problems.push(`${name}: publishes ${published.join(', ')}`);
  }
  check(
    'compose/prod.yml: one image for migrate, api and worker, read-only, migrate first; only the proxy published; limits and log rotation everywhere',
    problems,
    Object.keys(prod.services).join(', '),
  );
}

// ---- Prometheus (the monitoring profile) ---------------------------------------------------------
{
  const problems = [];
  const metricsSource = read('server/src/http/metrics.ts');
  const exported = new Set([...metricsSource.matchAll(/name: '(vibeapp_[a-z_]+)'/g)].map((m) => m[1]));
  const rulesText = read('compose/prometheus/rules.yml');
  const inRules = new Set([...rulesText.matchAll(/\b(vibeapp_[a-z_]+)/g)].map((m) => m[1]));
  for (const name of inRules) {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (!exported.has(name) && !exported.has(base))
      problems.push(`rules.yml uses ${name}, not exported by server/src/http/metrics.ts`);
  }
  const rules = yaml('compose/prometheus/rules.yml');
  const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).filter(Boolean);
  const prom = yaml('compose/prometheus/prometheus.yml');
  const targets = Object.fromEntries(
    prom.scrape_configs.map((c) => [c.job_name, c.static_configs.flatMap((s) => s.targets)]),
  );
  for (const [job, svc, port] of [
    ['vibeapp-api', 'api', defaults.observe.apiMetricsPort],
    ['vibeapp-worker', 'worker', defaults.observe.workerMetricsPort],
  ]) {
    if (JSON.stringify(targets[job]) !== JSON.stringify([`${svc}:${port}`])) {
      problems.push(
        `prometheus.yml job ${job} scrapes ${JSON.stringify(targets[job])}, expected ${svc}:${port}`,
      );
      continue;
    }
    if (dev.services[svc].environment?.METRICS_HOST !== '0.0.0.0')
      problems.push(
        `compose/dev.yml ${svc} does not set METRICS_HOST=0.0.0.0 (Prometheus could not reach ${port})`,
      );
    if ((dev.services[svc].ports ?? []).some((p) => String(p).endsWith(`:${port}`)))
      problems.push(`compose/dev.yml publishes ${svc}'s metrics port ${port}`);
  }
  const p = dev.services.prometheus;
  if (!p?.profiles?.includes('monitoring'))
    problems.push('compose/dev.yml has no prometheus service under the monitoring profile');
  else {
    const configDir = (p.volumes ?? [])
      .map(String)
      .find((v) => v.startsWith('./prometheus:'))
      ?.split(':')[1];
    const configFlag = p.command.find((c) => c.startsWith('--config.file='))?.slice(14);
    if (!configDir || configFlag !== `${configDir}/prometheus.yml`)
      problems.push(`--config.file ${configFlag} is not prometheus.yml in the mounted folder ${configDir}`);
    if (JSON.stringify(prom.rule_files) !== JSON.stringify([`${configDir}/rules.yml`]))
      problems.push(`rule_files ${JSON.stringify(prom.rule_files)}, expected ${configDir}/rules.yml`);
  }
  check(
    'Prometheus: the rules use metrics the code exports, the targets are the API and worker metrics ports, the config is mounted where it is read',
    problems,
    `${alerts.length} alerts (${alerts.join(', ')}), ${inRules.size} metrics`,
  );
}

// ---- extensions --------------------------------------------------------------------------------
const recommended = jsonc('.vscode/extensions.json').recommendations;
const inContainer = devcontainer.customizations?.vscode?.extensions ?? [];
check(".vscode/extensions.json recommends the dev container's extensions", [
  ...recommended.filter((e) => !inContainer.includes(e)).map((e) => `${e} only in .vscode`),
  ...inContainer.filter((e) => !recommended.includes(e)).map((e) => `${e} only in devcontainer.json`),
]);
check(
  'devcontainer.json uses no Features (they come from a registry)',
  devcontainer.features ? ['features is set'] : [],
);

process.exit(failed ? 1 : 0);
