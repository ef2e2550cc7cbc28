/**
 * The Kubernetes manifests (deploy/k8s), validated offline: the base and the production
 * overlay rendered by the real Kustomize (kubectl's), every document checked against the
 * Kubernetes schemas (kubernetes-models) and for fields the API does not have, then against
 * the code: the config module's names, defaults and value checks, the API's route table and a
 * real API instance answering the probes. A scratch copy with one bad field must fail each
 * check. See server/test-support/k8s.ts for what each check covers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../test-support/app.ts';
import { createSqliteTestDb, type TestDatabase } from '../test-support/db.ts';
import {
  canRender,
  createStrictFieldChecker,
  crossCheckProblems,
  K8S_DIR,
  type K8sDoc,
  parseYamlDocuments,
  render,
  schemaProblems,
} from '../test-support/k8s.ts';
import { migrateLatest } from './db/migrate.ts';
import { routeDefs } from './http/app.ts';

const BASE = path.join(K8S_DIR, 'base');
const PRODUCTION = path.join(K8S_DIR, 'overlays', 'production');
const SECRET_EXAMPLE = path.join(BASE, 'secret.example.yaml');

describe('Kubernetes manifests (deploy/k8s), validated offline', function () {
  // The first unknown-field check builds a TypeScript program (a few seconds on a busy machine).
  this.timeout(60_000);
  let test: TestDatabase | undefined;
  let server: TestServer | undefined;
  let getRoutes = new Set<string>();
  let strictFields: ReturnType<typeof createStrictFieldChecker>;
  const secretExample = () => parseYamlDocuments(readFileSync(SECRET_EXAMPLE, 'utf8'), SECRET_EXAMPLE)[0];

  before(async function () {
    const missing = canRender();
    if (missing) {
      // kubectl (with Kustomize v5) is on CI's machine image: there a missing one is a failure.
      if (process.env.CI === 'true') throw new Error(missing);
      this.skip();
    }
    test = await createSqliteTestDb();
    await migrateLatest(test.db);
    server = await startTestServer(test.db);
    getRoutes = new Set(
      routeDefs(server.ctx)
        .filter((r) => r.method === 'get')
        .map((r) => r.path),
    );
    strictFields = createStrictFieldChecker();
  });
  after(async () => {
    await server?.close();
    await test?.dispose();
  });

  const check = (docs: K8sDoc[], release: boolean) => [
    ...schemaProblems(docs),
    ...strictFields(docs),
    ...crossCheckProblems(docs, { getRoutes, secretExample: secretExample(), release }),
  ];

  for (const [name, dir, release] of [
    ['the base', BASE, false],
    ['the production overlay', PRODUCTION, true],
  ] as const) {
    describe(name, () => {
      let docs: K8sDoc[] = [];
      before(() => {
        docs = render(dir);
      });

      it('renders every part: namespace, config, API with service, autoscaler and budget, worker, migrate Job, ingress, network policies', () => {
        const kinds = docs.map((d) => `${d.kind}/${d.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`);
        expect(kinds).to.include.members([
          'Namespace/vibeapp',
          'ServiceAccount/vibeapp',
          'ConfigMap/vibeapp-config',
          'Deployment/vibeapp-api',
          'Service/vibeapp-api',
          'HorizontalPodAutoscaler/vibeapp-api',
          'PodDisruptionBudget/vibeapp-api',
          'Deployment/vibeapp-worker',
          'Ingress/vibeapp',
          'NetworkPolicy/vibeapp-default-deny',
        ]);
        expect(kinds.filter((k) => k.startsWith('Job/vibeapp-migrate'))).to.have.length(1);
      });

      it('every document is valid against the Kubernetes schemas (kubernetes-models)', () => {
        expect(schemaProblems(docs)).to.deep.equal([]);
      });

      it('no document has a field the Kubernetes API does not have', () => {
        expect(strictFields(docs)).to.deep.equal([]);
      });

      it('ports, probes, environment, references, security contexts and the connection budget agree with the code', () => {
        expect(
          crossCheckProblems(docs, { getRoutes, secretExample: secretExample(), release }),
        ).to.deep.equal([]);
      });
    });
  }

  it('the Secret example is valid, and only an example: no real values, not in the rendered set', () => {
    const secret = secretExample();
    expect(schemaProblems([secret])).to.deep.equal([]);
    expect(strictFields([secret])).to.deep.equal([]);
    expect(render(PRODUCTION).filter((d) => d.kind === 'Secret')).to.deep.equal([]);
  });

  it('every probe path of the manifests answers 200 on a real API instance', async () => {
    const paths = new Set<string>();
    for (const doc of render(PRODUCTION))
      for (const c of doc.spec?.template?.spec?.containers ?? [])
        for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe])
          if (probe?.httpGet) paths.add(probe.httpGet.path);
    expect([...paths].sort()).to.deep.equal(['/livez', '/readyz']);
    for (const p of paths) expect((await (server as TestServer).get(p)).status, p).to.equal(200);
  });

  describe('a scratch copy with one bad field fails', () => {
    let scratch = '';
    beforeEach(() => {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-k8s-'));
      cpSync(K8S_DIR, scratch, { recursive: true });
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    /** Replace `from` (which must be there) by `to` in a file of the scratch copy, render its overlay, check it. */
    function broken(file: string, from: string | RegExp, to: string): string[] {
      const full = path.join(scratch, file);
      const text = readFileSync(full, 'utf8');
      const changed = text.replace(from, to);
      expect(changed, `${file} holds ${from}`).to.not.equal(text);
      writeFileSync(full, changed);
      return check(render(path.join(scratch, 'overlays', 'production')), true);
    }

    it('the unchanged copy passes (so each failure below is the change alone)', () => {
      expect(check(render(path.join(scratch, 'overlays', 'production')), true)).to.deep.equal([]);
    });

    it('a port given as text: the schema check', () => {
      expect(broken('base/api.yaml', 'containerPort: 8000', 'containerPort: "8000"')).to.deep.include(
        'Deployment/vibeapp-api: /spec/template/spec/containers/0/ports/0/containerPort must be integer',
      );
    });

    it('a misspelt field (readOnlyRootFilesytem): the unknown-field check and the security check', () => {
      const problems = broken(
        'base/worker.yaml',
        'readOnlyRootFilesystem: true',
        'readOnlyRootFilesytem: true',
      );
      expect(
        problems.some((p) =>
          /^Deployment\/vibeapp-worker: .*'"readOnlyRootFilesytem"' does not exist/.test(p),
        ),
      ).to.equal(true, problems.join('\n'));
      expect(problems).to.include(
        'Deployment/vibeapp-worker container worker: readOnlyRootFilesystem must be true',
      );
    });

    it('a probe on a path the API does not serve', () => {
      expect(broken('base/api.yaml', 'path: /readyz', 'path: /ready')).to.include.members([
        'Deployment/vibeapp-api container api: readinessProbe path /ready is not a GET route of the API',
      ]);
    });

    it('an environment name the configuration does not read', () => {
      const problems = broken('base/config.env', 'METRICS_PORT=9464', 'METRIC_PORT=9464');
      // The generated ConfigMap's name carries a hash of its content.
      expect(
        problems.some((p) =>
          /^ConfigMap\/vibeapp-config-[a-z0-9]{10}: METRIC_PORT is not a variable the configuration reads$/.test(
            p,
          ),
        ),
      ).to.equal(true, problems.join('\n'));
    });

    it('a container port that is not the one the configuration listens on', () => {
      expect(broken('base/config.env', 'API_PORT=8000', 'API_PORT=8080')).to.include(
        'Deployment/vibeapp-api container api: port "http" is 8000, the process listens on 8080 (API_PORT)',
      );
    });

    it('a Service whose targetPort no container has', () => {
      expect(broken('base/api.yaml', 'targetPort: http', 'targetPort: web')).to.include(
        'Service/vibeapp-api: port http: targetPort web is not a port of Deployment/vibeapp-api',
      );
    });

    it('a value the configuration refuses', () => {
      expect(broken('base/config.env', 'REDIS_ENABLED=true', 'REDIS_ENABLED=maybe')).to.include(
        'Deployment/vibeapp-api container api: the configuration refuses this environment: REDIS_ENABLED must be true or false, got "maybe"',
      );
    });

    it('a pod that may run as root', () => {
      expect(broken('base/migrate-job.yaml', 'runAsNonRoot: true', 'runAsNonRoot: false')).to.include(
        'Job/vibeapp-migrate-0-1-0: pod securityContext.runAsNonRoot must be true',
      );
    });

    it('a Secret key no pod reads, and a real-looking value', () => {
      const file = path.join(scratch, 'base/secret.example.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}  AGENDASH_PASSWORD: hunter2\n`);
      const problems = crossCheckProblems(render(path.join(scratch, 'overlays', 'production')), {
        getRoutes,
        secretExample: parseYamlDocuments(readFileSync(file, 'utf8'), file)[0],
        release: true,
      });
      expect(problems).to.include(
        'Secret/vibeapp-secrets: AGENDASH_PASSWORD holds a value: the example carries placeholders (CHANGE-ME) or nothing',
      );
    });

    it('a release whose migrate Job is not named after its image tag', () => {
      expect(
        broken('overlays/production/kustomization.yaml', 'newTag: "0.1.0"', 'newTag: "0.2.0"'),
      ).to.include(
        "Job/vibeapp-migrate-0-1-0: a release's migrate Job is named after its image tag: vibeapp-migrate-0-2-0",
      );
    });

    it('more API replicas than PostgreSQL has connections for', () => {
      const problems = broken('overlays/production/api-scale.yaml', 'maxReplicas: 6', 'maxReplicas: 20');
      expect(
        problems.some((p) => /^PostgreSQL: up to \d+ connections .* above max_connections 100/.test(p)),
      ).to.equal(true, problems.join('\n'));
    });
  });
});
