/**
 * Offline checks of the Kubernetes manifests in deploy/k8s (no cluster):
 *
 * - render: the real Kustomize, `kubectl kustomize <dir>` (Kustomize v5 is built into kubectl;
 *   `KUSTOMIZE=/path/to/kustomize` uses a standalone binary's `build` instead);
 * - schemaProblems: every document against the Kubernetes OpenAPI schemas, through the
 *   `kubernetes-models` classes (`new Deployment(doc).validate()`);
 * - strictFieldProblems: what those schemas let through, unknown fields (a misspelt
 *   `readOnlyRootFilesytem` is silently ignored by the API server too): each document is
 *   type-checked by TypeScript against kubernetes-models' interfaces, whose excess-property
 *   check names any field the API does not have, at any depth;
 * - crossCheckProblems: what no schema knows: ports, probes, environment names and values
 *   against the config module and the API's routes, references between documents, the
 *   security context of every pod, the PostgreSQL connection budget.
 *
 * Every check returns problems as lines (`Kind/name: what is wrong`), empty when all is well.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Deployment as DeploymentModel } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler as HpaModel } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job as JobModel } from 'kubernetes-models/batch/v1/Job';
import { Ingress as IngressModel } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy as NetworkPolicyModel } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget as PdbModel } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap as ConfigMapModel } from 'kubernetes-models/v1/ConfigMap';
import { Namespace as NamespaceModel } from 'kubernetes-models/v1/Namespace';
import { Secret as SecretModel } from 'kubernetes-models/v1/Secret';
import { Service as ServiceModel } from 'kubernetes-models/v1/Service';
import { ServiceAccount as ServiceAccountModel } from 'kubernetes-models/v1/ServiceAccount';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { type Config, ConfigError, ENV_VARS, loadConfig, REPO_ROOT } from '../src/config.ts';

export const K8S_DIR = path.join(REPO_ROOT, 'deploy', 'k8s');

/** A rendered document, read loosely: the checks test each field they use. */
export type K8sDoc = {
  apiVersion: string;
  kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: read loosely, checked field by field
  metadata: { name: string; [k: string]: any };
  // biome-ignore lint/suspicious/noExplicitAny: read loosely, checked field by field
  [k: string]: any;
};

interface Model {
  /** The kubernetes-models class: its constructor and validate() check the schema. */
  model: new (
    data: never,
  ) => { validate(): void };
  /** Its TypeScript interface and module, for the unknown-field check. */
  type: string;
  module: string;
}

/** Every kind the manifests may hold, by `apiVersion/kind`. Another kind is a problem. */
const MODELS: Record<string, Model> = {
  'v1/Namespace': { model: NamespaceModel, type: 'INamespace', module: 'kubernetes-models/v1/Namespace' },
  'v1/ServiceAccount': {
    model: ServiceAccountModel,
    type: 'IServiceAccount',
    module: 'kubernetes-models/v1/ServiceAccount',
  },
  'v1/ConfigMap': { model: ConfigMapModel, type: 'IConfigMap', module: 'kubernetes-models/v1/ConfigMap' },
  'v1/Secret': { model: SecretModel, type: 'ISecret', module: 'kubernetes-models/v1/Secret' },
  'v1/Service': { model: ServiceModel, type: 'IService', module: 'kubernetes-models/v1/Service' },
  'apps/v1/Deployment': {
    model: DeploymentModel,
    type: 'IDeployment',
    module: 'kubernetes-models/apps/v1/Deployment',
  },
  'batch/v1/Job': { model: JobModel, type: 'IJob', module: 'kubernetes-models/batch/v1/Job' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HpaModel,
    type: 'IHorizontalPodAutoscaler',
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PdbModel,
    type: 'IPodDisruptionBudget',
    module: 'kubernetes-models/policy/v1/PodDisruptionBudget',
  },
  'networking.k8s.io/v1/Ingress': {
    model: IngressModel,
    type: 'IIngress',
    module: 'kubernetes-models/networking.k8s.io/v1/Ingress',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicyModel,
    type: 'INetworkPolicy',
    module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  },
};

const idOf = (doc: K8sDoc) => `${doc.kind}/${doc.metadata?.name}`;

/** How Kustomize is run here: kubectl's built-in one, or a standalone binary; null when neither is found. */
function kustomizeCommand(): { file: string; args: string[] } | null {
  const own = process.env.KUSTOMIZE?.trim();
  if (own) return { file: own, args: ['build'] };
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return { file: 'kubectl', args: ['kustomize'] };
  } catch {
    return null;
  }
}

/** Render a kustomization folder with the real Kustomize; throws with Kustomize's own message. */
export function render(dir: string): K8sDoc[] {
  const command = kustomizeCommand();
  if (!command) throw new Error('no Kustomize: install kubectl (or set KUSTOMIZE to a kustomize binary)');
  let out: string;
  try {
    out = execFileSync(command.file, [...command.args, dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`kustomize failed on ${dir}: ${stderr || (err as Error).message}`);
  }
  return parseYamlDocuments(out, dir);
}

/** The documents of a YAML stream (a rendered set or a single file). */
export function parseYamlDocuments(text: string, source: string): K8sDoc[] {
  const docs = parseAllDocuments(text);
  const out: K8sDoc[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value as K8sDoc);
  }
  return out;
}

/** Each document against the Kubernetes OpenAPI schemas (kubernetes-models). */
export function schemaProblems(docs: K8sDoc[]): string[] {
  const problems: string[] = [];
  for (const doc of docs) {
    const entry = MODELS[`${doc.apiVersion}/${doc.kind}`];
    if (!entry) {
      problems.push(`${idOf(doc)}: ${doc.apiVersion} ${doc.kind} is not a kind these checks know`);
      continue;
    }
    try {
      new entry.model(doc as never).validate();
    } catch (err) {
      const errors = (err as { errors?: { instancePath: string; message?: string }[] }).errors;
      if (!errors) problems.push(`${idOf(doc)}: ${(err as Error).message}`);
      else for (const e of errors) problems.push(`${idOf(doc)}: ${e.instancePath || '/'} ${e.message}`);
    }
  }
  return problems;
}

/**
 * A checker for fields the API does not have (kubernetes-models' validate() ignores them):
 * TypeScript's excess-property check of each document against its kubernetes-models
 * interface. The program is reused between calls (the first costs a few seconds).
 */
export function createStrictFieldChecker(): (docs: K8sDoc[]) => string[] {
  const file = path.join(REPO_ROOT, '__k8s_manifests__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es5.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const cached = new Map<string, ts.SourceFile | undefined>();
  const readSource = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  let text = '';
  host.getSourceFile = (name, version, ...rest) => {
    if (name === file) return ts.createSourceFile(name, text, version);
    if (!cached.has(name)) cached.set(name, readSource(name, version, ...rest));
    return cached.get(name);
  };
  host.fileExists = (name) => name === file || fileExists(name);
  let previous: ts.Program | undefined;
  return (docs) => {
    const known = docs.filter((d) => MODELS[`${d.apiVersion}/${d.kind}`]);
    const imports = [...new Set(known.map((d) => MODELS[`${d.apiVersion}/${d.kind}`]))].map(
      (m) => `import type { ${m.type} } from '${m.module}';`,
    );
    const spans: { from: number; to: number; id: string }[] = [];
    text = `${imports.join('\n')}\n`;
    known.forEach((doc, i) => {
      const from = text.length;
      text += `export const doc${i}: ${MODELS[`${doc.apiVersion}/${doc.kind}`].type} = ${JSON.stringify(doc, null, 1)};\n`;
      spans.push({ from, to: text.length, id: idOf(doc) });
    });
    const program = ts.createProgram([file], options, host, previous);
    previous = program;
    const source = program.getSourceFile(file);
    return ts.getPreEmitDiagnostics(program, source).map((d) => {
      const at = d.start ?? 0;
      const id = spans.find((s) => at >= s.from && at < s.to)?.id ?? 'manifests';
      const line = text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at)).trim();
      return `${id}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (at ${line})`;
    });
  };
}

/** What the cross-checks compare the manifests with. */
export interface CrossCheckContext {
  /** Paths the API answers GET on (its route table). */
  getRoutes: ReadonlySet<string>;
  /** The Secret example (applied by hand, never by Kustomize). */
  secretExample: K8sDoc;
  /** An overlay that is applied as it is: images pinned, the migrate Job named after the release. */
  release?: boolean;
  /** PostgreSQL's max_connections the budget is checked against (default 100, the server's default). */
  maxConnections?: number;
}

/** The roles the image runs, by its first argument. */
const ROLES = ['api', 'worker', 'migrate', 'agendash'] as const;
type Role = (typeof ROLES)[number];

interface PodTemplate {
  owner: K8sDoc;
  id: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: a PodSpec read loosely
  spec: any;
}

function podTemplates(docs: K8sDoc[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const doc of docs) {
    const template =
      doc.kind === 'Deployment' ||
      doc.kind === 'Job' ||
      doc.kind === 'StatefulSet' ||
      doc.kind === 'DaemonSet'
        ? doc.spec?.template
        : doc.kind === 'CronJob'
          ? doc.spec?.jobTemplate?.spec?.template
          : undefined;
    if (template)
      out.push({
        owner: doc,
        id: idOf(doc),
        namespace: doc.metadata.namespace,
        labels: template.metadata?.labels ?? {},
        spec: template.spec ?? {},
      });
  }
  return out;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A NetworkPolicy or PDB label selector (matchLabels and matchExpressions In/NotIn/Exists). */
// biome-ignore lint/suspicious/noExplicitAny: a LabelSelector read loosely
function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries((selector.matchLabels ?? {}) as Record<string, string>).every(
    ([k, v]) => labels[k] === v,
  );
  const byExpressions = (
    (selector.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]
  ).every((e) =>
    e.operator === 'In'
      ? (e.values ?? []).includes(labels[e.key])
      : e.operator === 'NotIn'
        ? !(e.values ?? []).includes(labels[e.key])
        : e.operator === 'Exists'
          ? e.key in labels
          : !(e.key in labels),
  );
  return byLabels && byExpressions;
}

// biome-ignore lint/suspicious/noExplicitAny: containers read loosely
const allContainers = (spec: any): any[] => [...(spec.initContainers ?? []), ...(spec.containers ?? [])];

/** A container port by name or number; undefined when the container has none such. */
// biome-ignore lint/suspicious/noExplicitAny: a container read loosely
function containerPort(container: any, port: number | string): number | undefined {
  const ports = (container.ports ?? []) as { name?: string; containerPort: number }[];
  const found =
    typeof port === 'number'
      ? ports.find((p) => p.containerPort === port)
      : ports.find((p) => p.name === port);
  return found?.containerPort;
}

/** Kubernetes quantities: cpu in cores ("250m", "1"), memory in bytes ("256Mi", "1Gi"). */
function quantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(value));
  if (!m) return undefined;
  const factor: Record<string, number> = {
    m: 1e-3,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? factor[m[2]] : 1);
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** The PostgreSQL connections one pod of a role may hold at most (docs/OPERATIONS.md). */
function connectionsPerPod(role: Role, config: Config): number {
  const pool = config.databasePool.max;
  // API: the app's pool, and the job-status pool /api/system/jobs opens on demand. Worker: the
  // app's pool and the job store's (its LISTEN connection is one of the store's), plus the
  // migration lock's own connection at start. Migrate: the pool and the lock's connection.
  if (role === 'api' || role === 'agendash') return 2 * pool;
  if (role === 'worker') return 2 * pool + 1;
  return pool + 1;
}

/** Every cross-check; see the file's comment. */
export function crossCheckProblems(docs: K8sDoc[], context: CrossCheckContext): string[] {
  const problems: string[] = [];
  const problem = (id: string, text: string) => problems.push(`${id}: ${text}`);
  const envVars = new Set(ENV_VARS);
  const pods = podTemplates(docs);
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

  // The namespace: one, restricted by Pod Security Admission, holding every other document.
  const namespaces = byKind('Namespace');
  if (namespaces.length !== 1) problem('Namespace', `expected one Namespace, found ${namespaces.length}`);
  const namespace = namespaces[0]?.metadata.name;
  if (namespaces[0] && namespaces[0].metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted')
    problem(idOf(namespaces[0]), 'Pod Security Admission must enforce "restricted"');
  for (const doc of docs)
    if (doc.kind !== 'Namespace' && doc.metadata.namespace !== namespace)
      problem(idOf(doc), `in namespace ${doc.metadata.namespace ?? '(none)'}, not ${namespace}`);

  // The Secret: made by hand from the example, never rendered (an apply would overwrite it).
  for (const doc of byKind('Secret'))
    problem(idOf(doc), 'a Secret in the rendered set would overwrite the real one at every apply');
  const secret = context.secretExample;
  const secretData: Record<string, string> = { ...(secret.stringData ?? {}) };
  for (const [key, value] of Object.entries((secret.data ?? {}) as Record<string, string>))
    secretData[key] = Buffer.from(value, 'base64').toString('utf8');
  if (secret.kind !== 'Secret') problem(idOf(secret), 'the Secret example is not a Secret');
  if (secret.metadata.namespace !== namespace)
    problem(
      idOf(secret),
      `the Secret example is in namespace ${secret.metadata.namespace}, not ${namespace}`,
    );
  for (const [key, value] of Object.entries(secretData)) {
    if (!envVars.has(key)) problem(idOf(secret), `${key} is not a variable the configuration reads`);
    if (value !== '' && !value.includes('CHANGE-ME'))
      problem(idOf(secret), `${key} holds a value: the example carries placeholders (CHANGE-ME) or nothing`);
  }
  for (const key of ['DATABASE_URL', 'REDIS_URL'])
    if (!(key in secretData)) problem(idOf(secret), `${key} is missing`);

  // Every pod: security context, resources, /tmp, environment, ports and probes.
  const roleConfig = new Map<PodTemplate, { role: Role; config: Config }>();
  const secretUsed = new Set<string>();
  for (const pod of pods) {
    const { spec, id } = pod;
    const sc = spec.securityContext ?? {};
    if (sc.runAsNonRoot !== true) problem(id, 'pod securityContext.runAsNonRoot must be true');
    if (sc.runAsUser === 0) problem(id, 'pod runs as uid 0');
    if (spec.automountServiceAccountToken !== false)
      problem(id, 'automountServiceAccountToken must be false (no role talks to the Kubernetes API)');
    const volumes = new Map(
      ((spec.volumes ?? []) as { name: string; emptyDir?: unknown }[]).map((v) => [v.name, v]),
    );
    for (const c of allContainers(spec)) {
      const cid = `${id} container ${c.name}`;
      const csc = c.securityContext ?? {};
      if (csc.allowPrivilegeEscalation !== false) problem(cid, 'allowPrivilegeEscalation must be false');
      if (csc.readOnlyRootFilesystem !== true) problem(cid, 'readOnlyRootFilesystem must be true');
      if (!(csc.capabilities?.drop ?? []).includes('ALL')) problem(cid, 'capabilities must drop ALL');
      if ((csc.capabilities?.add ?? []).length > 0) problem(cid, 'adds capabilities');
      if (csc.privileged === true) problem(cid, 'is privileged');
      if (csc.runAsNonRoot === false || csc.runAsUser === 0) problem(cid, 'may run as root');
      if ((csc.seccompProfile?.type ?? sc.seccompProfile?.type) !== 'RuntimeDefault')
        problem(cid, 'seccompProfile must be RuntimeDefault');
      const tmp = ((c.volumeMounts ?? []) as { name: string; mountPath: string }[]).find(
        (m) => m.mountPath === '/tmp',
      );
      if (!tmp || !volumes.get(tmp.name)?.emptyDir)
        problem(cid, '/tmp must be an emptyDir (the root filesystem is read-only)');
      for (const kind of ['requests', 'limits'])
        for (const resource of ['cpu', 'memory'])
          if (quantity(c.resources?.[kind]?.[resource]) === undefined)
            problem(cid, `resources.${kind}.${resource} is not set`);
      for (const resource of ['cpu', 'memory']) {
        const request = quantity(c.resources?.requests?.[resource]);
        const limit = quantity(c.resources?.limits?.[resource]);
        if (request !== undefined && limit !== undefined && limit < request)
          problem(cid, `limits.${resource} is below requests.${resource}`);
      }
      const image = String(c.image ?? '');
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      if (context.release && (!tag || tag === 'latest'))
        problem(cid, `image "${image}" must be pinned to a release tag`);

      // The environment, as the process would see it: ConfigMaps and the Secret (envFrom),
      // then env entries; every name must be one the configuration reads.
      const env: Record<string, string> = {};
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) {
          const cm = find('ConfigMap', from.configMapRef.name);
          if (!cm) problem(cid, `envFrom ConfigMap ${from.configMapRef.name} is not in the set`);
          for (const [key, value] of Object.entries((cm?.data ?? {}) as Record<string, string>)) {
            if (!envVars.has(key))
              problem(`${idOf(cm as K8sDoc)}`, `${key} is not a variable the configuration reads`);
            env[key] = value;
          }
        } else if (from.secretRef) {
          if (from.secretRef.name !== secret.metadata.name)
            problem(
              cid,
              `envFrom Secret ${from.secretRef.name} is not the example's (${secret.metadata.name})`,
            );
          else for (const key of Object.keys(secretData)) secretUsed.add(key);
          Object.assign(env, secretData);
        } else problem(cid, 'envFrom names neither a ConfigMap nor a Secret');
      }
      for (const e of (c.env ?? []) as {
        name: string;
        value?: string;
        valueFrom?: Record<string, { name?: string; key?: string }>;
      }[]) {
        if (!envVars.has(e.name)) problem(cid, `env ${e.name} is not a variable the configuration reads`);
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) {
          if (ref.name !== secret.metadata.name || !ref.key || !(ref.key in secretData))
            problem(
              cid,
              `env ${e.name} reads Secret ${ref.name} key ${ref.key}, which the example does not have`,
            );
          else secretUsed.add(ref.key);
        }
        const cmRef = e.valueFrom?.configMapKeyRef;
        if (cmRef && !(cmRef.key && cmRef.key in (find('ConfigMap', cmRef.name ?? '')?.data ?? {})))
          problem(cid, `env ${e.name} reads ConfigMap ${cmRef.name} key ${cmRef.key}, which is not there`);
        env[e.name] =
          e.value ??
          (ref
            ? secretData[ref.key ?? '']
            : cmRef
              ? find('ConfigMap', cmRef.name ?? '')?.data?.[cmRef.key ?? '']
              : 'from-the-pod');
      }

      const role = (c.args ?? c.command ?? [])[0] as Role;
      if (!ROLES.includes(role)) {
        problem(cid, `first argument "${role}" is not one of the image's roles (${ROLES.join(', ')})`);
        continue;
      }
      let config: Config;
      try {
        config = loadConfig(env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        problem(cid, `the configuration refuses this environment: ${err.problems.join('; ')}`);
        continue;
      }
      roleConfig.set(pod, { role, config });

      // Ports against the configuration the process would load.
      const expectPort = (name: string, port: number, what: string) => {
        if (containerPort(c, name) !== port)
          problem(
            cid,
            `port "${name}" is ${containerPort(c, name) ?? 'missing'}, the process listens on ${port} (${what})`,
          );
      };
      if (role === 'api') {
        expectPort('http', config.api.port, 'API_PORT');
        if (isLoopback(config.api.host))
          problem(cid, `API_HOST ${config.api.host} cannot be reached from outside the pod`);
      }
      const metricsPort =
        role === 'api'
          ? config.observe.apiMetricsPort
          : role === 'worker'
            ? config.observe.workerMetricsPort
            : 0;
      if (containerPort(c, 'metrics') !== undefined || (metricsPort > 0 && role !== 'migrate')) {
        if (role === 'api' || role === 'worker')
          expectPort('metrics', metricsPort, role === 'api' ? 'METRICS_PORT' : 'WORKER_METRICS_PORT');
        if (isLoopback(config.observe.metricsHost))
          problem(cid, `METRICS_HOST ${config.observe.metricsHost} cannot be scraped from outside the pod`);
      }

      // Probes: every HTTP probe on a route the API answers, on a port the container has.
      for (const probeName of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const probe = c[probeName];
        if (!probe?.httpGet) continue;
        const port = containerPort(c, probe.httpGet.port);
        if (port === undefined)
          problem(cid, `${probeName} port ${probe.httpGet.port} is not a port of the container`);
        else if (role === 'api' && port !== config.api.port)
          problem(cid, `${probeName} goes to port ${port}, the API listens on ${config.api.port}`);
        if (!context.getRoutes.has(probe.httpGet.path))
          problem(cid, `${probeName} path ${probe.httpGet.path} is not a GET route of the API`);
      }
      if (role === 'api') {
        if (c.readinessProbe?.httpGet?.path !== '/readyz') problem(cid, 'readinessProbe must be GET /readyz');
        if (c.livenessProbe?.httpGet?.path !== '/livez') problem(cid, 'livenessProbe must be GET /livez');
        if (!c.startupProbe) problem(cid, 'has no startupProbe');
        const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
        const grace = spec.terminationGracePeriodSeconds ?? 30;
        if (preStop + config.observe.shutdownGraceMs / 1000 >= grace)
          problem(
            id,
            `terminationGracePeriodSeconds ${grace} leaves no room after preStop ${preStop} s + SHUTDOWN_GRACE_S ${config.observe.shutdownGraceMs / 1000} s`,
          );
      }
      if (role === 'worker') {
        const command = (c.livenessProbe?.exec?.command ?? []) as string[];
        if (!command.includes('worker-health'))
          problem(cid, 'livenessProbe must run the worker-health command');
        const grace = spec.terminationGracePeriodSeconds ?? 30;
        if (config.worker.shutdownMs / 1000 >= grace)
          problem(
            id,
            `terminationGracePeriodSeconds ${grace} is not above WORKER_SHUTDOWN_S ${config.worker.shutdownMs / 1000}`,
          );
      }
      if (role === 'migrate' && pod.owner.kind !== 'Job') problem(id, 'migrate runs as a Job');
    }
  }
  for (const key of Object.keys(secretData))
    if (!secretUsed.has(key)) problem(idOf(secret), `${key} is read by no pod`);

  // Services: a selector that selects pods, target ports those pods have.
  for (const svc of byKind('Service')) {
    const selected = pods.filter((p) => selects(svc.spec?.selector, p.labels));
    if (selected.length === 0) problem(idOf(svc), 'its selector selects no pod');
    for (const port of svc.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const pod of selected)
        if (!(pod.spec.containers ?? []).some((c: unknown) => containerPort(c, target) !== undefined))
          problem(
            idOf(svc),
            `port ${port.name ?? port.port}: targetPort ${target} is not a port of ${pod.id}`,
          );
    }
  }
  // Ingress: backends are Services of the set, on ports they have.
  for (const ing of byKind('Ingress'))
    for (const rule of ing.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service;
        const svc = find('Service', backend?.name);
        if (!svc) problem(idOf(ing), `backend Service ${backend?.name} is not in the set`);
        else if (
          !(svc.spec?.ports ?? []).some((sp: { name?: string; port: number }) =>
            backend.port?.name ? sp.name === backend.port.name : sp.port === backend.port?.number,
          )
        )
          problem(
            idOf(ing),
            `backend port ${backend.port?.name ?? backend.port?.number} is not a port of Service/${svc.metadata.name}`,
          );
      }
  // Autoscalers and disruption budgets: what they name exists and selects pods.
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = find(hpa.spec?.scaleTargetRef?.kind, hpa.spec?.scaleTargetRef?.name);
    if (!target)
      problem(
        idOf(hpa),
        `scaleTargetRef ${hpa.spec?.scaleTargetRef?.kind}/${hpa.spec?.scaleTargetRef?.name} is not in the set`,
      );
    else {
      const { minReplicas = 1, maxReplicas } = hpa.spec;
      if (minReplicas > maxReplicas) problem(idOf(hpa), 'minReplicas is above maxReplicas');
      const replicas = target.spec?.replicas ?? 1;
      if (replicas < minReplicas || replicas > maxReplicas)
        problem(idOf(target), `replicas ${replicas} outside its autoscaler's ${minReplicas}..${maxReplicas}`);
      for (const c of target.spec?.template?.spec?.containers ?? [])
        if (quantity(c.resources?.requests?.cpu) === undefined)
          problem(
            idOf(target),
            `container ${c.name} has no cpu request for its autoscaler's utilization target`,
          );
    }
  }
  for (const pdb of byKind('PodDisruptionBudget'))
    if (!pods.some((p) => selectorMatches(pdb.spec?.selector, p.labels)))
      problem(idOf(pdb), 'its selector selects no pod');

  // NetworkPolicy: deny by default, DNS for all, the API from the ingress controller, named
  // ports the selected pods have, PostgreSQL and Redis only from the app's pods.
  const policies = byKind('NetworkPolicy');
  const isAll = (sel: unknown) => !!sel && Object.keys(sel as object).length === 0;
  const denyAll = policies.find(
    (p) =>
      isAll(p.spec?.podSelector) &&
      ['Ingress', 'Egress'].every((t) => (p.spec?.policyTypes ?? []).includes(t)) &&
      !p.spec?.ingress &&
      !p.spec?.egress,
  );
  if (!denyAll) problem('NetworkPolicy', 'no default deny (all pods, Ingress and Egress, no rule)');
  // biome-ignore lint/suspicious/noExplicitAny: rules read loosely
  const egressRules = (p: K8sDoc): any[] => p.spec?.egress ?? [];
  const allowsPort = (
    rules: { ports?: { port?: number | string; protocol?: string }[] }[],
    port: number,
    protocol = 'TCP',
  ) =>
    rules.some((r) => !r.ports || r.ports.some((p) => p.port === port && (p.protocol ?? 'TCP') === protocol));
  const dns = policies.filter((p) => isAll(p.spec?.podSelector));
  if (
    !dns.some((p) => allowsPort(egressRules(p), 53, 'UDP')) ||
    !dns.some((p) => allowsPort(egressRules(p), 53, 'TCP'))
  )
    problem('NetworkPolicy', 'DNS (53 UDP and TCP) is not allowed out for every pod');
  for (const policy of policies) {
    const selected = pods.filter((p) => selectorMatches(policy.spec?.podSelector, p.labels));
    if (!isAll(policy.spec?.podSelector) && selected.length === 0)
      problem(idOf(policy), 'its podSelector selects no pod');
    for (const rule of policy.spec?.ingress ?? [])
      for (const port of rule.ports ?? [])
        if (typeof port.port === 'string')
          for (const pod of selected)
            if (!(pod.spec.containers ?? []).some((c: unknown) => containerPort(c, port.port) !== undefined))
              problem(idOf(policy), `port ${port.port} is not a port of ${pod.id}`);
  }
  const apiPods = pods.filter((p) => roleConfig.get(p)?.role === 'api');
  for (const pod of apiPods) {
    const fromIngress = policies.some(
      (p) =>
        selectorMatches(p.spec?.podSelector, pod.labels) &&
        (p.spec?.ingress ?? []).some(
          (r: { from?: { namespaceSelector?: unknown }[]; ports?: { port: unknown }[] }) =>
            (r.from ?? []).some((f) => f.namespaceSelector) && (r.ports ?? []).some((x) => x.port === 'http'),
        ),
    );
    if (!fromIngress) problem(pod.id, 'no NetworkPolicy lets the ingress controller reach its http port');
  }
  for (const port of [5432, 6379]) {
    const allowing = policies.filter((p) => allowsPort(egressRules(p), port));
    if (allowing.length === 0)
      problem('NetworkPolicy', `nothing may reach port ${port} (PostgreSQL 5432, Redis 6379)`);
    for (const p of allowing)
      for (const pod of pods.filter(
        (x) => selectorMatches(p.spec?.podSelector, x.labels) || isAll(p.spec?.podSelector),
      ))
        if (!['api', 'worker', 'migrate'].includes(roleConfig.get(pod)?.role ?? ''))
          problem(idOf(p), `lets ${pod.id}, not an app role, reach port ${port}`);
  }

  // The release: one migrate Job named after the image tag it runs.
  const jobs = pods.filter((p) => roleConfig.get(p)?.role === 'migrate');
  if (jobs.length !== 1) problem('Job', `expected one migrate Job, found ${jobs.length}`);
  if (context.release)
    for (const job of jobs) {
      const tag = /:([^/:@]+)$/.exec(String(job.spec.containers?.[0]?.image ?? ''))?.[1] ?? '';
      const expected = `vibeapp-migrate-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      if (job.owner.metadata.name !== expected)
        problem(job.id, `a release's migrate Job is named after its image tag: ${expected}`);
    }
  for (const job of jobs)
    if (!['Never', 'OnFailure'].includes(job.spec.restartPolicy))
      problem(job.id, 'restartPolicy must be Never or OnFailure');

  // PostgreSQL connections at the peak of a rollout (every replica plus its surge) within
  // max_connections less the 3 the server reserves for superusers.
  const maxConnections = context.maxConnections ?? 100;
  let peak = 0;
  const lines: string[] = [];
  for (const pod of pods) {
    const rc = roleConfig.get(pod);
    if (rc?.config.database.client !== 'pg') continue;
    const hpa = byKind('HorizontalPodAutoscaler').find(
      (h) => h.spec?.scaleTargetRef?.name === pod.owner.metadata.name,
    );
    const replicas =
      pod.owner.kind === 'Job'
        ? (pod.owner.spec?.parallelism ?? 1)
        : (hpa?.spec?.maxReplicas ?? pod.owner.spec?.replicas ?? 1);
    const surgeSpec = pod.owner.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%';
    const surge =
      pod.owner.kind !== 'Deployment'
        ? 0
        : typeof surgeSpec === 'number'
          ? surgeSpec
          : Math.ceil((replicas * Number.parseFloat(surgeSpec)) / 100);
    const each = connectionsPerPod(rc.role, rc.config);
    peak += (replicas + surge) * each;
    lines.push(`${pod.id} ${replicas}+${surge} × ${each}`);
  }
  if (peak > maxConnections - 3)
    problem(
      'PostgreSQL',
      `up to ${peak} connections (${lines.join(', ')}) above max_connections ${maxConnections} less 3 reserved`,
    );
  return problems;
}

/** Whether Kustomize can run here, and the folder holds the manifests. */
export function canRender(): string | null {
  if (!existsSync(K8S_DIR)) return `${K8S_DIR} is missing`;
  return kustomizeCommand() ? null : 'no Kustomize (kubectl or KUSTOMIZE) on this machine';
}
