// Views of rendered manifests that the deploy tests share: workloads with their pod templates, the
// app a container runs, and the environment a container actually receives.
import { APPS, type App } from './contract.js';
import type { K8sObject } from './kustomize.js';

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef } }[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}

interface KeyRef { name: string; key: string }
export interface Probe { httpGet?: { path: string; port: number | string }; tcpSocket?: { port: number | string } }
export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type: string };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  terminationGracePeriodSeconds?: number;
  nodeSelector?: Record<string, string>;
  volumes?: { name: string; configMap?: { name: string }; secret?: { secretName: string } }[];
}

export interface Workload {
  object: K8sObject;
  labels: Record<string, string>;
  pod: PodSpec;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];

export function workloadsOf(objects: K8sObject[]): Workload[] {
  return objects.filter((o) => WORKLOAD_KINDS.includes(o.kind)).map((object) => {
    const template = (object.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } }).template;
    return { object, labels: template.metadata?.labels ?? {}, pod: template.spec };
  });
}

export function containersOf(workload: Workload): Container[] {
  return [...(workload.pod.initContainers ?? []), ...workload.pod.containers];
}

/** The app a container runs, from its `node apps/<app>/dist/main.js` command. */
export function appOf(container: Container): App | undefined {
  const match = /^apps\/([a-z]+)\/dist\/main\.js$/.exec(container.command?.[1] ?? '');
  return container.command?.[0] === 'node' ? APPS.find((app) => app === match?.[1]) : undefined;
}

/** Finds the ConfigMap or Secret a reference names, among rendered (and external) objects. */
export type Lookup = (kind: 'ConfigMap' | 'Secret', name: string) => K8sObject | undefined;

export function lookupIn(objects: K8sObject[], namespace: string): Lookup {
  return (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
}

export function keysOf(object: K8sObject): string[] {
  return [...Object.keys((object.data as object) ?? {}), ...Object.keys((object.stringData as object) ?? {})];
}

/** The variables a container receives, and every reference that does not resolve. */
export function environmentOf(container: Container, lookup: Lookup): { names: Set<string>; unresolved: string[] } {
  const names = new Set<string>();
  const unresolved: string[] = [];
  for (const source of container.envFrom ?? []) {
    const [kind, ref] = source.secretRef ? (['Secret', source.secretRef] as const) : (['ConfigMap', source.configMapRef!] as const);
    const object = lookup(kind, ref.name);
    if (object) keysOf(object).forEach((key) => names.add(key));
    else unresolved.push(`${kind} ${ref.name}`);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    const [kind, ref] = from?.secretKeyRef ? (['Secret', from.secretKeyRef] as const) : from?.configMapKeyRef ? (['ConfigMap', from.configMapKeyRef] as const) : [];
    if (kind && ref) {
      const object = lookup(kind, ref.name);
      if (!object || !keysOf(object).includes(ref.key)) unresolved.push(`${kind} ${ref.name} key ${ref.key}`);
    }
    names.add(variable.name);
  }
  return { names, unresolved };
}

/** Whether a label selector's matchLabels select the given labels. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return selector !== undefined && Object.entries(selector).every(([key, value]) => labels[key] === value);
}
