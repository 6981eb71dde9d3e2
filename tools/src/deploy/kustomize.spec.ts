import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type K8sObject, KustomizeError, renderKustomization } from './kustomize.js';

let root: string;

/** Writes a tree of files (path -> content) under a fresh directory and returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function byName(objects: K8sObject[], kind: string, prefix: string): K8sObject {
  return objects.find((o) => o.kind === kind && o.metadata.name.startsWith(prefix))!;
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { tier: gpu } }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: registry.local:5000/web:1.0
          args: [serve, --fast]
          env:
            - { name: A, value: "1" }
            - { name: B, value: "2" }
            - name: TOKEN
              valueFrom: { secretKeyRef: { name: creds, key: token } }
          envFrom:
            - configMapRef: { name: settings }
          resources: { limits: { cpu: "1" } }
      volumes:
        - name: secret-files
          secret: { secretName: creds }
`;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
  tree('base', {
    'kustomization.yaml': `
namespace: team
resources: [web.yaml, job.yaml]
configMapGenerator:
  - name: settings
    literals: [MODE=fast]
`,
    'web.yaml': deployment,
    'job.yaml': `
apiVersion: batch/v1
kind: Job
metadata: { name: batch, labels: { tier: gpu } }
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: app, image: other/tool }]
`,
  });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('renderKustomization', () => {
  it('names generated ConfigMaps and Secrets with the hash suffix kustomize v5 gives them', () => {
    // The expected names are what `kubectl kustomize` (kustomize v5.5.0) printed for these inputs.
    const dir = tree('hashes', {
      'kustomization.yaml': `
configMapGenerator: [{ name: x, literals: [a=b] }]
secretGenerator: [{ name: s, literals: [a=b] }]
`,
    });
    const objects = renderKustomization(dir);
    expect(objects.map((o) => o.metadata.name)).toEqual(['x-4h2mbtbbt6', 's-k695gkmbtk']);
    expect(objects[1]).toMatchObject({ kind: 'Secret', type: 'Opaque', data: { a: 'Yg==' } });
  });

  it('points references at generated names within the referrer\'s namespace only', () => {
    const secret = `secretGenerator: [{ name: creds, literals: [token=t0ken] }]`;
    const same = renderKustomization(tree('same-namespace', { 'kustomization.yaml': `resources: [../base]\nnamespace: team\n${secret}` }));
    const container = (byName(same, 'Deployment', 'web').spec as any).template.spec.containers[0];
    const secretName = byName(same, 'Secret', 'creds-').metadata.name;
    expect(container.envFrom[0].configMapRef.name).toBe(byName(same, 'ConfigMap', 'settings-').metadata.name);
    expect(container.env[2].valueFrom.secretKeyRef.name).toBe(secretName);
    expect((byName(same, 'Deployment', 'web').spec as any).template.spec.volumes[0].secret.secretName).toBe(secretName);

    // Generated without the namespace, the Secret lands elsewhere and the reference stays as written.
    const other = renderKustomization(tree('other-namespace', { 'kustomization.yaml': `resources: [../base]\n${secret}` }));
    expect(byName(other, 'Secret', 'creds-').metadata.namespace).toBeUndefined();
    expect((byName(other, 'Deployment', 'web').spec as any).template.spec.containers[0].env[2].valueFrom.secretKeyRef.name).toBe('creds');
  });

  it('merges patches strategically: keyed lists by element, patched elements first, null deletes, other lists replaced', () => {
    const objects = renderKustomization(tree('patched', {
      'kustomization.yaml': 'resources: [../base]\npatches: [{ path: patch.yaml }]',
      'patch.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: app
          args: [serve]
          env: [{ name: B, value: "20" }, { name: C, value: "3" }]
          resources: { limits: { memory: 1Gi } }
      volumes: null
`,
    }));
    const spec = (byName(objects, 'Deployment', 'web').spec as any).template.spec;
    expect(spec.containers[0].args).toEqual(['serve']);
    expect(spec.containers[0].env.map((e: { name: string; value?: string }) => `${e.name}=${e.value ?? ''}`)).toEqual(['B=20', 'C=3', 'A=1', 'TOKEN=']);
    expect(spec.containers[0].resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(spec.volumes).toBeUndefined();
  });

  it('applies a targeted patch to every object the label selector picks, keeping their names', () => {
    const objects = renderKustomization(tree('targeted', {
      'kustomization.yaml': 'resources: [../base]\npatches: [{ path: gpu.yaml, target: { labelSelector: tier=gpu } }]',
      'gpu.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: { name: anything }
spec:
  template:
    spec:
      nodeSelector: { gpu: "true" }
`,
    }));
    const gpuObjects = objects.filter((o) => (o.spec as any)?.template?.spec?.nodeSelector?.gpu === 'true');
    expect(gpuObjects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Job/batch']);
  });

  it('sets image names and tags on matching containers only', () => {
    const objects = renderKustomization(tree('images', {
      'kustomization.yaml': 'resources: [../base]\nimages: [{ name: "registry.local:5000/web", newName: example.org/web, newTag: "2.0" }]',
    }));
    expect(objects.flatMap((o) => (o.spec as any)?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image)).toEqual(['example.org/web:2.0', 'other/tool']);
  });

  it('refuses what it does not support or cannot resolve, as kustomize would or with a clearer error', () => {
    const fails = (name: string, files: Record<string, string>, message: RegExp) => {
      expect(() => renderKustomization(tree(name, files))).toThrow(KustomizeError);
      expect(() => renderKustomization(path.join(root, name))).toThrow(message);
    };
    fails('unsupported', { 'kustomization.yaml': 'resources: [../base]\ncommonLabels: { a: b }' }, /'commonLabels' is outside the supported kustomize subset/);
    fails('no-target', { 'kustomization.yaml': 'resources: [../base]\npatches: [{ path: p.yaml }]', 'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: missing }\n' }, /matches 0 objects/);
    fails('outside', { 'kustomization.yaml': 'configMapGenerator: [{ name: c, files: [../base/web.yaml] }]' }, /outside the kustomization directory/);
    fails('twice', { 'kustomization.yaml': 'resources: [../base, web.yaml]', 'web.yaml': deployment.replace('name: web,', 'name: web, namespace: team,') }, /Deployment\/team\/web is defined twice/);
    fails('collision', { 'kustomization.yaml': 'resources: [../base]\nconfigMapGenerator: [{ name: settings, literals: [A=1] }]' }, /collides/);
  });
});
