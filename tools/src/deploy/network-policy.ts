// Evaluates Kubernetes NetworkPolicies for one connection, so tests can ask "may pod A reach pod B
// on port P?" of the rendered manifests. Supports what deploy/ uses: matchLabels selectors and
// numeric ports; anything else is an error rather than a guess.
import type { K8sObject } from './kustomize.js';

export interface Pod {
  namespace: string;
  labels: Record<string, string>;
}

type Labels = Record<string, string>;
interface Selector { matchLabels?: Labels; matchExpressions?: unknown[] }
interface Peer { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: unknown }
interface PortRule { protocol?: string; port?: number | string; endPort?: number }
interface Rule { to?: Peer[]; from?: Peer[]; ports?: PortRule[] }
interface PolicySpec { podSelector: Selector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] }

function selects(selector: Selector, labels: Labels): boolean {
  if (selector.matchExpressions?.length) throw new Error('matchExpressions are not supported by this evaluator');
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/** The labels Kubernetes gives every namespace. */
function namespaceLabels(namespace: string): Labels {
  return { 'kubernetes.io/metadata.name': namespace };
}

function peerMatches(peer: Peer, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(pod.namespace)) : pod.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || selects(peer.podSelector, pod.labels));
}

function portMatches(ports: PortRule[] | undefined, port: number, protocol: string): boolean {
  if (!ports?.length) return true;
  return ports.some((rule) => {
    if (typeof rule.port === 'string') throw new Error('named ports are not supported by this evaluator');
    if ((rule.protocol ?? 'TCP') !== protocol) return false;
    return rule.port === undefined || (rule.endPort ? port >= rule.port && port <= rule.endPort : port === rule.port);
  });
}

function policyTypes(spec: PolicySpec): string[] {
  return spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** Whether the policies selecting `pod` for `direction` (if any) admit `peer` on the port. */
function admits(policies: K8sObject[], direction: 'Ingress' | 'Egress', pod: Pod, peer: Pod, port: number, protocol: string): boolean {
  const selecting = policies.filter((p) => {
    const spec = p.spec as PolicySpec;
    return p.metadata.namespace === pod.namespace && policyTypes(spec).includes(direction) && selects(spec.podSelector, pod.labels);
  });
  if (selecting.length === 0) return true;
  return selecting.some((p) => {
    const spec = p.spec as PolicySpec;
    const rules = (direction === 'Egress' ? spec.egress : spec.ingress) ?? [];
    return rules.some((rule) => {
      const peers = direction === 'Egress' ? rule.to : rule.from;
      return (!peers?.length || peers.some((candidate) => peerMatches(candidate, p.metadata.namespace!, peer))) && portMatches(rule.ports, port, protocol);
    });
  });
}

/** Whether a connection from `from` to `to` on `port` passes both pods' policies. */
export function connectionAllowed(policies: K8sObject[], from: Pod, to: Pod, port: number, protocol = 'TCP'): boolean {
  const networkPolicies = policies.filter((p) => p.kind === 'NetworkPolicy');
  return admits(networkPolicies, 'Egress', from, to, port, protocol) && admits(networkPolicies, 'Ingress', to, from, port, protocol);
}
