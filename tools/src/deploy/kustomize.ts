// Renders a kustomization offline, for the subset of kustomize that deploy/ uses: resources (files and
// directories), namespace, configMapGenerator/secretGenerator (literals, files), strategic-merge
// patches from files (optionally applied to a kind/name/label target), and images. Output matches `kubectl kustomize`
// (kustomize v5) object for object, hash suffixes included; anything outside the subset is an error,
// so the manifests cannot drift into features this renderer would silently get wrong.
// Why not kubectl: Debian's kubectl (1.20) bundles kustomize v2, which cannot read current overlays.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface GeneratorSpec {
  name: string;
  literals?: string[];
  files?: string[];
  type?: string;
}

/** Which objects a patch applies to when not the one it names: kind, name (a regex) and labels. */
interface PatchTarget {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  configMapGenerator?: GeneratorSpec[];
  secretGenerator?: GeneratorSpec[];
  patches?: { path: string; target?: PatchTarget }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'configMapGenerator', 'secretGenerator', 'patches', 'images']);
const GENERATOR_FIELDS = new Set(['name', 'literals', 'files', 'type']);
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'ClusterTriggerAuthentication']);
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

/** The list fields that strategic merge patches merge element by element, and the key they merge on. */
const MERGE_KEYS: Record<string, (item: JsonObject) => string> = {
  containers: () => 'name',
  initContainers: () => 'name',
  ephemeralContainers: () => 'name',
  volumes: () => 'name',
  env: () => 'name',
  imagePullSecrets: () => 'name',
  volumeMounts: () => 'mountPath',
  ports: (item) => ('containerPort' in item ? 'containerPort' : 'port'),
};

export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

/** What one kustomization produces before names are finalised: generated objects still carry their base names. */
interface Layer {
  objects: K8sObject[];
  generated: Set<K8sObject>;
}

export function renderKustomization(dir: string): K8sObject[] {
  const layer = buildLayer(path.resolve(dir));
  return finaliseNames(layer);
}

/** Parses YAML the way Kubernetes does (YAML 1.1: `yes` and `on` are booleans). */
export function parseManifests(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text, { version: '1.1' }).flatMap((doc) => {
    if (doc.errors.length > 0) throw new KustomizeError(`${source}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (value === null) return [];
    if (typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || typeof value.metadata?.name !== 'string') {
      throw new KustomizeError(`${source}: every document needs apiVersion, kind and metadata.name`);
    }
    return [value];
  });
}

function readKustomization(dir: string): Kustomization {
  const file = KUSTOMIZATION_FILES.map((name) => path.join(dir, name)).find((f) => fs.existsSync(f));
  if (!file) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const parsed = parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })[0]?.toJS() ?? {};
  for (const field of Object.keys(parsed)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new KustomizeError(`${file}: '${field}' is outside the supported kustomize subset`);
  }
  return parsed as Kustomization;
}

/** kustomize's load restriction: files a kustomization reads must lie inside its own directory. */
function fileInside(root: string, relative: string): string {
  const file = path.resolve(root, relative);
  if (path.relative(root, file).startsWith('..')) throw new KustomizeError(`${root}: '${relative}' is outside the kustomization directory`);
  return file;
}

function buildLayer(dir: string): Layer {
  const k = readKustomization(dir);
  const layer: Layer = { objects: [], generated: new Set() };
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    if (fs.statSync(target).isDirectory()) {
      const sub = buildLayer(target);
      layer.objects.push(...sub.objects);
      for (const object of sub.generated) layer.generated.add(object);
    } else {
      layer.objects.push(...parseManifests(fs.readFileSync(fileInside(dir, resource), 'utf8'), target));
    }
  }
  assertUnique(layer.objects, dir);
  for (const spec of k.configMapGenerator ?? []) generate(layer, dir, 'ConfigMap', spec);
  for (const spec of k.secretGenerator ?? []) generate(layer, dir, 'Secret', spec);
  if (k.namespace) setNamespace(layer.objects, k.namespace);
  for (const patch of k.patches ?? []) {
    const file = fileInside(dir, patch.path);
    for (const doc of parseManifests(fs.readFileSync(file, 'utf8'), file)) {
      const targets = layer.objects.filter((o) => (patch.target ? matchesTarget(o, patch.target) : patchedBy(o, doc)));
      if (targets.length === 0 || (!patch.target && targets.length > 1)) {
        throw new KustomizeError(`${file}: patch ${doc.kind}/${doc.metadata.name} matches ${targets.length} objects`);
      }
      for (const target of targets) applyPatch(target, doc, file);
    }
  }
  for (const image of k.images ?? []) setImage(layer.objects, image);
  return layer;
}

function identity(o: K8sObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function assertUnique(objects: K8sObject[], dir: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(identity(o))) throw new KustomizeError(`${dir}: ${identity(o)} is defined twice`);
    seen.add(identity(o));
  }
}

function generatorData(dir: string, spec: GeneratorSpec): Record<string, string> {
  for (const field of Object.keys(spec)) {
    if (!GENERATOR_FIELDS.has(field)) throw new KustomizeError(`${dir}: generator ${spec.name}: '${field}' is outside the supported subset`);
  }
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in data) throw new KustomizeError(`${dir}: generator ${spec.name} sets ${key} twice`);
    data[key] = value;
  };
  for (const literal of spec.literals ?? []) {
    const at = literal.indexOf('=');
    if (at <= 0) throw new KustomizeError(`${dir}: generator ${spec.name}: literal '${literal}' is not KEY=VALUE`);
    add(literal.slice(0, at), literal.slice(at + 1));
  }
  for (const entry of spec.files ?? []) {
    const [key, file] = entry.includes('=') ? entry.split('=', 2) as [string, string] : [path.basename(entry), entry];
    add(key, fs.readFileSync(fileInside(dir, file), 'utf8'));
  }
  return data;
}

function generate(layer: Layer, dir: string, kind: 'ConfigMap' | 'Secret', spec: GeneratorSpec): void {
  const data = generatorData(dir, spec);
  if (layer.objects.some((o) => o.kind === kind && o.metadata.name === spec.name)) {
    throw new KustomizeError(`${dir}: ${kind} generator ${spec.name} collides with an existing ${kind}`);
  }
  const encode = (value: string) => (kind === 'Secret' ? Buffer.from(value, 'utf8').toString('base64') : value);
  const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, encode(value)]));
  const object: K8sObject = { apiVersion: 'v1', kind, metadata: { name: spec.name } };
  if (kind === 'Secret') object.type = spec.type ?? 'Opaque';
  object.data = encoded;
  layer.objects.push(object);
  layer.generated.add(object);
}

function setNamespace(objects: K8sObject[], namespace: string): void {
  for (const o of objects) {
    // kustomize renames Namespace objects to the namespace it sets.
    if (o.kind === 'Namespace') o.metadata.name = namespace;
    else if (!CLUSTER_SCOPED_KINDS.has(o.kind)) o.metadata.namespace = namespace;
  }
}

function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

function patchedBy(o: K8sObject, patch: K8sObject): boolean {
  return o.kind === patch.kind && apiGroup(o.apiVersion) === apiGroup(patch.apiVersion) && o.metadata.name === patch.metadata.name &&
    (patch.metadata.namespace === undefined || o.metadata.namespace === patch.metadata.namespace);
}

function matchesTarget(o: K8sObject, target: PatchTarget): boolean {
  for (const field of Object.keys(target)) {
    if (!['kind', 'name', 'labelSelector'].includes(field)) throw new KustomizeError(`patch target '${field}' is outside the supported subset`);
  }
  const labels = o.metadata.labels ?? {};
  const selected = (target.labelSelector ?? '').split(',').filter(Boolean).every((term) => {
    const [key, value] = term.split('=') as [string, string | undefined];
    if (value === undefined) throw new KustomizeError(`label selector term '${term}' is outside the supported subset (key=value)`);
    return labels[key.trim()] === value.trim();
  });
  return selected && (!target.kind || o.kind === target.kind) && (!target.name || new RegExp(`^(?:${target.name})$`).test(o.metadata.name));
}

/** Merges `patch` into `target`; a targeted patch keeps the target's own kind and name. */
function applyPatch(target: K8sObject, patch: K8sObject, source: string): void {
  const body = { ...patch, apiVersion: target.apiVersion, kind: target.kind, metadata: { ...patch.metadata, name: target.metadata.name } };
  const merged = strategicMerge(target as unknown as JsonObject, body as unknown as JsonObject, `${source}: ${identity(target)}`);
  // In place, so the layer's record of generated objects still holds the patched one.
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, merged);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strategic merge: maps merge, null deletes, known lists merge by key, other lists are replaced. */
function strategicMerge(base: JsonObject, patch: JsonObject, where: string): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new KustomizeError(`${where}.${key}: patch directives are outside the supported subset`);
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = strategicMerge(current, value, `${where}.${key}`);
    else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key]) out[key] = mergeList(current, value, key, `${where}.${key}`);
    else out[key] = value;
  }
  return out;
}

/** Like Kubernetes' strategic merge: the patch's elements first (merged into their match), then the rest. */
function mergeList(base: Json[], patch: Json[], field: string, where: string): Json[] {
  const rest = [...base];
  const merged = patch.map((item) => {
    if (!isObject(item)) throw new KustomizeError(`${where}: expected objects in a merged list`);
    const key = MERGE_KEYS[field]!(item);
    const at = rest.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
    if (at < 0) return item;
    const [match] = rest.splice(at, 1);
    return strategicMerge(match as JsonObject, item, `${where}[${key}=${String(item[key])}]`);
  });
  return [...merged, ...rest];
}

function podSpecs(o: K8sObject): JsonObject[] {
  if (!WORKLOAD_KINDS.has(o.kind)) return [];
  const spec = o.spec as JsonObject | undefined;
  if (o.kind === 'Pod') return spec ? [spec] : [];
  const template = o.kind === 'CronJob' ? ((spec?.jobTemplate as JsonObject)?.spec as JsonObject)?.template : spec?.template;
  const podSpec = isObject(template) ? template.spec : undefined;
  return isObject(podSpec) ? [podSpec] : [];
}

function containersOf(o: K8sObject): JsonObject[] {
  return podSpecs(o).flatMap((spec) => [...((spec.initContainers ?? []) as JsonObject[]), ...((spec.containers ?? []) as JsonObject[])]);
}

function setImage(objects: K8sObject[], image: NonNullable<Kustomization['images']>[number]): void {
  for (const container of objects.flatMap(containersOf)) {
    const match = /^([^@]+?)(?::([^:/@]+))?(?:@(.+))?$/.exec(String(container.image));
    if (!match || match[1] !== image.name) continue;
    const name = image.newName ?? match[1];
    if (image.digest) container.image = `${name}@${image.digest}`;
    else {
      const tag = image.newTag ?? match[2];
      container.image = tag ? `${name}:${tag}` : name;
    }
  }
}

/** Go's encoding/json output for kustomize's hash input: sorted keys, HTML-safe escapes. */
function goJson(value: Json): string {
  const sorted = (v: Json): Json => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k]!)])) : v);
  return JSON.stringify(sorted(value))
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\\b/g, '\\u0008')
    .replace(/\\f/g, '\\u000c');
}

/**
 * kustomize v5's name suffix. Its hasher looks the name up with a path kustomize reads as one field,
 * finds nothing and hashes "" instead: the suffix depends on data (and type) only.
 */
function nameHash(o: K8sObject): string {
  const input: JsonObject = o.kind === 'Secret'
    ? { kind: 'Secret', type: (o.type as string) ?? '', name: '', data: (o.data as JsonObject) ?? '' }
    : { kind: 'ConfigMap', name: '', data: (o.data as JsonObject) ?? '' };
  if (o.kind === 'ConfigMap' && isObject(o.binaryData as Json)) input.binaryData = o.binaryData as JsonObject;
  const hex = createHash('sha256').update(goJson(input)).digest('hex');
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

/** Adds hash suffixes to generated objects and points every reference in pod specs at the new names. */
function finaliseNames(layer: Layer): K8sObject[] {
  // References resolve within the referring object's namespace, as in kustomize.
  const renamed = new Map<string, string>();
  for (const o of layer.generated) {
    const name = `${o.metadata.name}-${nameHash(o)}`;
    renamed.set(identity(o), name);
    o.metadata.name = name;
  }
  let namespace = '';
  const rename = (kind: string, holder: JsonObject, field: string) => {
    const next = renamed.get(`${kind}/${namespace}/${String(holder[field])}`);
    if (next) holder[field] = next;
  };
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (isObject(value)) {
        if (key === 'configMapRef' || key === 'configMapKeyRef' || key === 'configMap') rename('ConfigMap', value, 'name');
        if (key === 'secretRef' || key === 'secretKeyRef') rename('Secret', value, 'name');
        if (key === 'secret') rename('Secret', value, 'secretName' in value ? 'secretName' : 'name');
      }
      visit(value);
    }
  };
  for (const o of layer.objects) {
    namespace = o.metadata.namespace ?? '';
    podSpecs(o).forEach(visit);
  }
  return layer.objects;
}
