import { isOtherService, temposOf, type Prometheus, type Tempo, type Tree } from '../check/rules/wiring/tree';
import { parseEndpoint, parseUrl, serviceOfHost } from '../check/rules/wiring/hosts';
import { prometheusesOf } from '../check/rules/wiring/tempo-rules';
import type { FlowBuilder, NodeKey } from './model';

/** The system of addresses the tree names but does not define. */
const outside = 'outside the tree';

const where = (name: string, namespace: string | undefined) => (namespace ? `${name}.${namespace}` : name);

/** The system (subgraph) label of a HelmRelease: `Alloy (HelmRelease monitoring/alloy)`. */
export function releaseSystem(what: string, namespace: string | undefined, name: string): string {
  return `${what} (HelmRelease ${namespace ? `${namespace}/` : ''}${name})`;
}

/** The system (subgraph) of a Tempo release's nodes. */
export const tempoSystem = (t: Tempo): string => releaseSystem('Tempo', t.release.resource.namespace, t.release.resource.name);

/** The node of a Tempo release of the tree: the Service that takes traces and answers queries. */
export function tempoNode(b: FlowBuilder, t: Tempo): NodeKey {
  const hr = t.release.resource;
  return b.node(`tempo/${hr.namespace ?? ''}/${hr.name}`, { label: `Tempo (Service ${where(t.service, t.namespace)})`, kind: 'store', system: tempoSystem(t), external: false });
}

function prometheusNode(b: FlowBuilder, p: Prometheus): NodeKey {
  return b.node(`prometheus/${p.namespace ?? ''}/${p.label}`, {
    // p.label is `HelmRelease kube-prometheus-stack` or `Prometheus main`.
    label: p.label.startsWith('Prometheus ') ? p.label : `Prometheus (${p.label})`,
    kind: 'store',
    system: 'Prometheus',
    external: false,
  });
}

/** How a client writes the address it sends to: gRPC style `host:port`, or a URL. */
export type AddressStyle = 'endpoint' | 'url';

/**
 * The node that an address names, as seen from a pod in `clientNamespace`: a Tempo or a
 * Prometheus of the tree, another Service of the tree, or else the address itself, marked as
 * outside the tree. `text` undefined (not a literal, so only known at run time) gives an unknown
 * node of its own for `owner`, the key of the node that sends there.
 */
export function addressNode(b: FlowBuilder, tree: Tree, text: string | undefined, style: AddressStyle, clientNamespace: string | undefined, owner: NodeKey): NodeKey {
  const hp = text === undefined ? undefined : style === 'url' ? parseUrl(text) : parseEndpoint(text);
  if (text === undefined || !hp?.host) {
    return b.node(`address/unknown/${owner}`, { label: text === undefined ? 'unknown address (set at run time)' : `${text} (not an address)`, kind: 'store', system: outside, external: true });
  }
  const ref = serviceOfHost(hp.host, tree.namespaces);
  const tempo = ref && temposOf(tree, ref, clientNamespace)[0];
  if (tempo) return tempoNode(b, tempo);
  const prometheus = ref && style === 'url' ? prometheusesOf(tree, text, clientNamespace)[0] : undefined;
  if (prometheus) return prometheusNode(b, prometheus);
  const address = hp.port !== undefined ? `${hp.host}:${hp.port}` : hp.host;
  if (ref && isOtherService(tree, ref, clientNamespace)) {
    return b.node(`service/${address}`, { label: address, kind: 'store', system: 'other Services of the tree', external: false });
  }
  return b.node(`address/${address}`, { label: `${address} (not in the tree)`, kind: 'store', system: outside, external: true });
}
