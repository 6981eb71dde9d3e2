// Validates rendered objects against the Kubernetes OpenAPI schemas (kubernetes-models) and KEDA's
// CRD schemas (@kubernetes-models/keda). An object of a kind with no schema here is an error.
import * as keda from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as apps from 'kubernetes-models/apps/v1';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as core from 'kubernetes-models/v1';
import type { K8sObject } from './kustomize.js';

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

const MODELS = new Map<string, ModelClass>(
  [core, apps, batch, networking, keda]
    .flatMap((module) => Object.values(module) as unknown[])
    .filter((value): value is ModelClass => typeof value === 'function' && 'apiVersion' in value && 'kind' in value)
    .map((model) => [`${model.apiVersion}/${model.kind}`, model]),
);

/** Throws with the schema's message when `object` is not a valid instance of its kind. */
export function validateAgainstSchema(object: K8sObject): void {
  const Model = MODELS.get(`${object.apiVersion}/${object.kind}`);
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}
