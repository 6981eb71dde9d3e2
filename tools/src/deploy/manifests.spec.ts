// Renders every overlay offline and checks the objects against the Kubernetes and KEDA schemas, and
// the wiring between them: env vars the apps read, Secrets and keys, subjects and stream names,
// selectors, probes, resources, security contexts and network policies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ENV } from '@ssl-distill/service';
import { parsePipeline } from '@ssl-distill/spec';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, APP_CONSUMERS, APPS, DEPLOY_DIR, streamOf, WORK_QUEUES, WORKER_HTTP_PORT, workerDurable } from './contract.js';
import { type K8sObject, parseManifests, renderKustomization } from './kustomize.js';
import { isNatsSafeCredential, MIN_NATS_PASSWORD_LENGTH, NATS_CONFIG_FILE, natsConfigEnvVars, natsUserEnv } from './nats-config.js';
import { connectionAllowed, type Pod } from './network-policy.js';
import { validateAgainstSchema } from './schemas.js';
import { appOf, type Container, containersOf, environmentOf, keysOf, lookupIn, type Probe, selects, type Workload, workloadsOf } from './workloads.js';

const NAMESPACE = 'ssl-distill';
const ROOT = path.resolve(DEPLOY_DIR, '..');

/** `<app> <command> --help` from the app's sources (cached: each CLI is asked once per run). */
const helps = new Map<string, string>();
function helpOf(app: string, command: string): string {
  const key = `${app} ${command}`;
  if (!helps.has(key)) {
    const args = ['--conditions=@ssl-distill/source', '--import', 'tsx', `apps/${app}/src/main.ts`, command, '--help'];
    helps.set(key, execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' }));
  }
  return helps.get(key)!;
}
const EXTERNAL_SECRETS_FILE = path.join(DEPLOY_DIR, 'overlays/prod/external-secrets.example.yaml');
const externalSecrets = parseManifests(fs.readFileSync(EXTERNAL_SECRETS_FILE, 'utf8'), EXTERNAL_SECRETS_FILE);

interface Overlay {
  name: 'dev' | 'prod';
  objects: K8sObject[];
  /** What the workloads may reference: the rendered objects and, in prod, the Secrets created outside git. */
  available: K8sObject[];
}

const overlays: Overlay[] = (['dev', 'prod'] as const).map((name) => {
  const objects = renderKustomization(path.join(DEPLOY_DIR, 'overlays', name));
  return { name, objects, available: name === 'prod' ? [...objects, ...externalSecrets] : objects };
});

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Generated ConfigMaps carry a hash suffix; this finds one by the name it was generated under. */
function generated(objects: K8sObject[], kind: 'ConfigMap' | 'Secret', name: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && new RegExp(`^${name}-[a-z0-9]{10}$`).test(o.metadata.name));
  if (found.length !== 1) throw new Error(`expected one generated ${kind} ${name}, found ${found.length}`);
  return found[0]!;
}

function appContainers(workloads: Workload[]): { workload: Workload; container: Container; app: (typeof APPS)[number] }[] {
  return workloads.flatMap((workload) => containersOf(workload).flatMap((container) => {
    const app = appOf(container);
    return app ? [{ workload, container, app }] : [];
  }));
}

function portOf(container: Container, port: number | string): number | undefined {
  return typeof port === 'number' ? container.ports?.find((p) => p.containerPort === port)?.containerPort : container.ports?.find((p) => p.name === port)?.containerPort;
}

function probePort(probe: Probe): number | string {
  return (probe.httpGet ?? probe.tcpSocket)!.port;
}

describe.each(overlays)('overlay $name', ({ name, objects, available }) => {
  const workloads = workloadsOf(objects);
  const lookup = lookupIn(available, NAMESPACE);
  const configMap = generated(objects, 'ConfigMap', 'ssl-distill-config');
  const config = configMap.data as Record<string, string>;

  it('renders objects that all pass their Kubernetes or KEDA schema', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of available) {
      expect(() => validateAgainstSchema(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('puts every namespaced object in the ssl-distill namespace', () => {
    expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== NAMESPACE).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    expect(find(objects, 'Namespace', NAMESPACE).metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('runs every app command the apps offer, and only those', () => {
    const commands = appContainers(workloads).map(({ app, container }) => `${app} ${container.args?.[0]}`);
    expect([...new Set(commands)].sort()).toEqual(APPS.flatMap((app) => APP_COMMANDS[app].map((command) => `${app} ${command}`)).sort());
  });

  it("passes each app command only the flags its CLI declares (asked of the CLI's --help)", () => {
    for (const { app, container } of appContainers(workloads)) {
      const [command, ...rest] = container.args ?? [];
      const help = helpOf(app, command!);
      for (const flag of rest.filter((arg) => arg.startsWith('--'))) expect(help, `${app} ${command} ${flag}`).toContain(flag);
    }
  }, 120_000);

  it('gives every app container each variable its app reads, from objects and keys that exist', () => {
    for (const { workload, container, app } of appContainers(workloads)) {
      const { names, unresolved } = environmentOf(container, lookup);
      const where = `${workload.object.kind} ${workload.object.metadata.name}`;
      expect(unresolved, where).toEqual([]);
      expect(APP_ENV[app].filter((variable) => !names.has(variable)), where).toEqual([]);
    }
  });

  it('resolves every Secret and ConfigMap reference of every container and volume', () => {
    for (const workload of workloads) {
      const where = `${workload.object.kind} ${workload.object.metadata.name}`;
      for (const container of containersOf(workload)) expect(environmentOf(container, lookup).unresolved, where).toEqual([]);
      for (const volume of workload.pod.volumes ?? []) {
        if (volume.configMap) expect(lookup('ConfigMap', volume.configMap.name), `${where} volume ${volume.name}`).toBeDefined();
        if (volume.secret) expect(lookup('Secret', volume.secret.secretName), `${where} volume ${volume.name}`).toBeDefined();
      }
    }
  });

  it('gives every container cpu and memory requests and limits', () => {
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const { requests = {}, limits = {} } = container.resources ?? {};
        expect([requests.cpu, requests.memory, limits.cpu, limits.memory].every(Boolean), `${workload.object.metadata.name}/${container.name}`).toBe(true);
      }
    }
  });

  it('runs every container as non-root under the restricted Pod Security Standard', () => {
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const pod = workload.pod.securityContext ?? {};
        const own = container.securityContext ?? {};
        const where = `${workload.object.metadata.name}/${container.name}`;
        expect(own.runAsNonRoot ?? pod.runAsNonRoot, where).toBe(true);
        expect((own.runAsUser ?? pod.runAsUser ?? 0) > 0, where).toBe(true);
        expect(own.allowPrivilegeEscalation, where).toBe(false);
        expect(own.capabilities?.drop, where).toEqual(['ALL']);
        expect((own.seccompProfile ?? pod.seccompProfile)?.type, where).toBe('RuntimeDefault');
      }
    }
  });

  it('probes every worker on its declared HTTP port, /healthz for liveness and /readyz for readiness', () => {
    const workers = appContainers(workloads).filter(({ container }) => container.args?.[0] === 'worker');
    expect(new Set(workers.map(({ app }) => app))).toEqual(new Set(APPS.filter((app) => APP_COMMANDS[app].includes('worker'))));
    for (const { workload, container } of workers) {
      const where = workload.object.metadata.name;
      expect(container.livenessProbe?.httpGet?.path, where).toBe('/healthz');
      expect(container.readinessProbe?.httpGet?.path, where).toBe('/readyz');
      expect(portOf(container, probePort(container.livenessProbe!)), where).toBe(WORKER_HTTP_PORT);
      expect(portOf(container, probePort(container.readinessProbe!)), where).toBe(WORKER_HTTP_PORT);
    }
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe].filter((p): p is Probe => p !== undefined)) {
          expect(portOf(container, probePort(probe)), `${workload.object.metadata.name}/${container.name}`).toBeDefined();
        }
      }
    }
  });

  it('gives training pods time to finish or nak their job on SIGTERM', () => {
    for (const { workload, app } of appContainers(workloads)) {
      const grace = workload.pod.terminationGracePeriodSeconds;
      expect(grace, workload.object.metadata.name).toBeGreaterThanOrEqual(app === 'teacher' || app === 'distill' ? 120 : 30);
    }
  });

  it('selects with every Deployment and StatefulSet its own pods and no other workload\'s', () => {
    for (const owner of workloads.filter((w) => w.object.kind !== 'Job')) {
      const selector = (owner.object.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      expect(workloads.filter((w) => selects(selector, w.labels)).map((w) => w.object.metadata.name)).toEqual([owner.object.metadata.name]);
    }
  });

  it('routes every Service to one workload, on ports its containers declare', () => {
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const targets = workloads.filter((w) => selects(spec.selector, w.labels));
      expect(targets.map((w) => w.object.metadata.name)).toEqual([service.metadata.name]);
      for (const port of spec.ports) expect(containersOf(targets[0]!).some((c) => portOf(c, port.targetPort))).toBe(true);
    }
  });

  it('points NATS_URL and S3_ENDPOINT at the nats and s3 Services', () => {
    const servicePort = (serviceName: string, portName: string) =>
      (find(objects, 'Service', serviceName).spec as { ports: { name: string; port: number }[] }).ports.find((p) => p.name === portName)!.port;
    expect(config.NATS_URL).toBe(`nats://nats:${servicePort('nats', 'client')}`);
    expect(config.S3_ENDPOINT).toBe(`http://s3:${servicePort('s3', 's3')}`);
    expect(config.S3_BUCKET).toMatch(/^[a-z0-9][a-z0-9.-]{2,62}$/);
  });

  it('starts NATS with the tested config and each app\'s credentials from the Secret the app uses', () => {
    const nats = workloads.find((w) => w.object.metadata.name === 'nats')!;
    const server = nats.pod.containers[0]!;
    const configVolume = nats.pod.volumes!.find((v) => v.configMap)!;
    const mount = server.volumeMounts!.find((m) => m.name === configVolume.name)!;
    const configMapped = lookup('ConfigMap', configVolume.configMap!.name)!;
    expect(configMapped.data).toEqual({ 'nats-server.conf': fs.readFileSync(NATS_CONFIG_FILE, 'utf8') });
    expect(server.args).toEqual(['--config', `${mount.mountPath}/nats-server.conf`]);

    const serverEnv = new Map(server.env!.map((variable) => [variable.name, variable]));
    expect(natsConfigEnvVars().filter((variable) => !serverEnv.has(variable))).toEqual([]);
    const setupJob = workloads.find((w) => w.object.metadata.name === 'nats-jetstream-setup')!;
    const secretOf = (container: Container) => {
      const fromEnv = container.env?.find((v) => v.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef?.name;
      return fromEnv ?? container.envFrom!.map((source) => source.secretRef?.name).find((secret) => secret?.startsWith('nats-'));
    };
    const users: [string, Container[]][] = [
      ['setup', setupJob.pod.containers],
      ...APPS.map((app) => [app, appContainers(workloads).filter((c) => c.app === app).map((c) => c.container)] as [string, Container[]]),
    ];
    for (const [user, containers] of users) {
      const names = natsUserEnv(user);
      const secret = serverEnv.get(names.password)!.valueFrom!.secretKeyRef!;
      expect(serverEnv.get(names.user)!.valueFrom!.secretKeyRef).toEqual({ name: secret.name, key: 'NATS_USER' });
      expect(secret.key).toBe('NATS_PASSWORD');
      expect(new Set(containers.map(secretOf)), user).toEqual(new Set([secret.name]));
    }
  });

  it('declares one work-queue stream per job kind and the results stream, as libs/bus names them', () => {
    const definitions = generated(objects, 'ConfigMap', 'nats-jetstream').data as Record<string, string>;
    expect(Object.keys(definitions).sort()).toEqual(WORK_QUEUES.map((queue) => `${queue.stream}.json`).sort());
    for (const queue of WORK_QUEUES) {
      expect(JSON.parse(definitions[`${queue.stream}.json`]!)).toMatchObject({ name: queue.stream, subjects: queue.subjects, retention: queue.retention ?? 'workqueue', storage: queue.storage });
    }
    const setup = workloads.find((w) => w.object.metadata.name === 'nats-jetstream-setup')!;
    const mount = setup.pod.containers[0]!.volumeMounts!.find((m) => m.name === 'definitions')!;
    expect(setup.pod.containers[0]!.args!.join('\n')).toContain(`for file in ${mount.mountPath}/*.json`);
  });

  it('scales the ingest workers on the lag of the import consumer, never below one', () => {
    const scaledObject = find(objects, 'ScaledObject', 'ingest');
    const spec = scaledObject.spec as { scaleTargetRef: { name: string }; minReplicaCount: number; maxReplicaCount: number; triggers: { type: string; metadata: Record<string, string> }[] };
    const target = workloads.find((w) => w.object.kind === 'Deployment' && w.object.metadata.name === spec.scaleTargetRef.name)!;
    expect(appContainers([target]).map(({ app, container }) => `${app} ${container.args?.[0]}`)).toEqual(['ingest worker']);
    expect(spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    const monitorPort = (find(objects, 'Service', 'nats').spec as { ports: { name: string; port: number }[] }).ports.find((p) => p.name === 'monitor')!.port;
    expect(spec.triggers).toEqual([{
      type: 'nats-jetstream',
      metadata: expect.objectContaining({
        natsServerMonitoringEndpoint: `nats.${NAMESPACE}.svc.cluster.local:${monitorPort}`,
        account: '$G',
        stream: streamOf(APP_CONSUMERS.ingest[0]!),
        consumer: workerDurable(APP_CONSUMERS.ingest[0]!),
      }),
    }]);
    expect(name === 'dev' ? spec.maxReplicaCount === 1 : spec.minReplicaCount >= 2).toBe(true);
  });

  it('runs sharded extraction as an Indexed Job whose shard count is its completion count', () => {
    const indexed = workloads.filter((w) => (w.object.spec as { completionMode?: string }).completionMode === 'Indexed');
    expect(indexed.map((w) => w.object.metadata.name)).toEqual(['teacher-extract']);
    for (const workload of indexed) {
      const args = workload.pod.containers[0]!.args!;
      expect(args).not.toContain('--shard-index');
      expect(Number(args[args.indexOf('--shard-count') + 1])).toBe((workload.object.spec as { completions: number }).completions);
    }
  });

  it('submits a pipeline file that libs/spec accepts, mounted where the cli Job reads it', () => {
    const submit = workloads.find((w) => w.object.metadata.name === 'pipeline-submit')!;
    const [command, file] = submit.pod.containers[0]!.args!;
    expect(command).toBe('run');
    const volume = submit.pod.volumes!.find((v) => v.configMap)!;
    const mount = submit.pod.containers[0]!.volumeMounts!.find((m) => m.name === volume.name)!;
    const pipeline = lookup('ConfigMap', volume.configMap!.name)!.data as Record<string, string>;
    const text = pipeline[path.relative(mount.mountPath, file!)]!;
    expect(parsePipeline(text, 'pipeline.yaml').name).toBe('cluster-smoke');
  });

  describe('network policies', () => {
    const podOf = (workloadName: string): Pod => ({ namespace: NAMESPACE, labels: workloads.find((w) => w.object.metadata.name === workloadName)!.labels });
    const dns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    const keda: Pod = { namespace: 'keda', labels: { 'app.kubernetes.io/name': 'keda-operator' } };
    const reads = (workload: Workload, variable: string) => containersOf(workload).some((c) => environmentOf(c, lookup).names.has(variable));

    it('lets every pod resolve names, and every NATS or S3 user reach exactly that service', () => {
      for (const workload of workloads) {
        const pod = podOf(workload.object.metadata.name);
        const where = workload.object.metadata.name;
        expect(connectionAllowed(objects, pod, dns, 53, 'UDP'), where).toBe(true);
        if (workload.object.metadata.name === 'nats' || workload.object.metadata.name === 's3') continue;
        expect(connectionAllowed(objects, pod, podOf('nats'), 4222), where).toBe(reads(workload, 'NATS_URL'));
        expect(connectionAllowed(objects, pod, podOf('s3'), 7070), where).toBe(reads(workload, 'S3_ENDPOINT'));
      }
    });

    it('denies everything else, and admits KEDA to the NATS monitoring port only', () => {
      const stranger: Pod = { namespace: NAMESPACE, labels: { app: 'debug' } };
      expect(connectionAllowed(objects, stranger, podOf('nats'), 4222)).toBe(false);
      expect(connectionAllowed(objects, podOf('ingest'), podOf('teacher'), WORKER_HTTP_PORT)).toBe(false);
      expect(connectionAllowed(objects, podOf('s3'), podOf('nats'), 4222)).toBe(false);
      expect(connectionAllowed(objects, podOf('ingest'), podOf('nats'), 8222)).toBe(false);
      expect(connectionAllowed(objects, keda, podOf('nats'), 8222)).toBe(true);
      expect(connectionAllowed(objects, keda, podOf('nats'), 4222)).toBe(false);
      expect(connectionAllowed(objects, { namespace: 'default', labels: { 'ssl-distill/nats-client': 'true' } }, podOf('nats'), 4222)).toBe(false);
    });
  });
});

describe('dev overlay', () => {
  const { objects } = overlays.find((o) => o.name === 'dev')!;

  it('runs one replica of everything, without persistent volumes', () => {
    for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
      const spec = o.spec as { replicas: number; volumeClaimTemplates?: unknown };
      expect([o.metadata.name, spec.replicas, spec.volumeClaimTemplates]).toEqual([o.metadata.name, 1, undefined]);
    }
  });

  it('generates placeholder credentials of a shape nats-server can read', () => {
    const secrets = objects.filter((o) => o.kind === 'Secret');
    const decoded = (o: K8sObject, key: string) => Buffer.from((o.data as Record<string, string>)[key]!, 'base64').toString();
    for (const secret of secrets.filter((o) => o.metadata.name.startsWith('nats-'))) {
      expect(isNatsSafeCredential(decoded(secret, 'NATS_USER'))).toBe(true);
      expect(isNatsSafeCredential(decoded(secret, 'NATS_PASSWORD'))).toBe(true);
      expect(decoded(secret, 'NATS_PASSWORD').length).toBeGreaterThanOrEqual(MIN_NATS_PASSWORD_LENGTH);
    }
    // The same Secrets, with the same keys, that prod expects to be created outside git.
    const shape = (list: K8sObject[]) => list.map((o) => `${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}: ${keysOf(o).sort().join(',')}`).sort();
    expect(shape(secrets)).toEqual(shape(externalSecrets));
  });
});

describe('prod overlay', () => {
  const { objects } = overlays.find((o) => o.name === 'prod')!;
  const workloads = workloadsOf(objects);

  it('keeps credentials out of the manifests and JetStream and the store on persistent volumes', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const name of ['nats', 's3']) {
      expect((find(objects, 'StatefulSet', name).spec as { volumeClaimTemplates: unknown[] }).volumeClaimTemplates).toHaveLength(1);
    }
  });

  it('runs teacher and distill workloads on GPU nodes with the GPU image, and nothing else', () => {
    for (const { workload, container, app } of appContainers(workloads)) {
      const wantsGpu = app === 'teacher' || app === 'distill';
      const where = workload.object.metadata.name;
      expect(container.resources?.limits?.['nvidia.com/gpu'], where).toBe(wantsGpu ? 1 : undefined);
      expect(workload.pod.nodeSelector?.['nvidia.com/gpu.present'], where).toBe(wantsGpu ? 'true' : undefined);
      expect(container.image, where).toBe(`registry.example.com/${wantsGpu ? 'ssl-distill-gpu' : 'ssl-distill'}:0.1.0`);
      expect(container.env?.find((v) => v.name === 'SSL_DISTILL_BACKEND')?.value, where).toBe(wantsGpu ? 'tensorflow-gpu' : undefined);
    }
  });

  it('stands up the services without submitting a pipeline', () => {
    expect((find(objects, 'Job', 'pipeline-submit').spec as { suspend?: boolean }).suspend).toBe(true);
  });
});
