/** A host and port taken from an endpoint or URL. */
export interface HostPort {
  readonly host: string;
  /** The port, when the text names one (or the URL scheme implies one). */
  readonly port: number | undefined;
}

const toPort = (s: string | undefined): number | undefined => {
  if (s === undefined || !/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && n < 65536 ? n : undefined;
};

/**
 * Splits a gRPC-style endpoint `host:port` (also `[v6]:port`, `dns:///host:port`, or with an
 * `http(s)://` prefix, which the gRPC client of otelcol accepts too). Undefined when there is no host.
 */
export function parseEndpoint(text: string): HostPort | undefined {
  let s = text.trim().replace(/^dns:\/\/[^/]*\//, '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  s = s.replace(/\/.*$/, '');
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1]!, port: toPort(v6[2]) };
  const m = /^([^:]*)(?::([^:]*))?$/.exec(s);
  if (!m) return undefined;
  return { host: m[1]!.toLowerCase(), port: toPort(m[2]) };
}

/** The host and port of a URL; the port defaults to 80 for http and 443 for https. */
export function parseUrl(text: string): HostPort | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  const port = url.port ? toPort(url.port) : url.protocol === 'https:' ? 443 : url.protocol === 'http:' ? 80 : undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
}

/** The port of a listen address such as `0.0.0.0:4317`, `:4317` or `[::]:4317`. */
export function listenPort(text: string): { host: string; port: number | undefined } {
  const hp = parseEndpoint(text);
  return { host: hp?.host ?? '', port: hp?.port };
}

/** A Kubernetes Service named by a host: its name and namespace (undefined: the client's own). */
export interface ServiceRef {
  readonly service: string;
  readonly namespace: string | undefined;
}

/** True for `localhost` and loopback addresses: the client's own pod. */
export const isLoopback = (host: string): boolean => host === 'localhost' || /^127\./.test(host) || host === '::1';

/**
 * The in-cluster Service a host names, or undefined when it is outside the cluster (or an IP):
 * `<svc>`, `<svc>.<ns>` (when `<ns>` is a namespace of the tree), `<svc>.<ns>.svc` and
 * `<svc>.<ns>.svc.<cluster domain>`, as cluster DNS resolves them from a pod.
 */
export function serviceOfHost(host: string, namespaces: ReadonlySet<string>): ServiceRef | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h || isLoopback(h) || /^[\d.]+$/.test(h) || h.includes(':')) return undefined;
  const labels = h.split('.');
  if (labels.length === 1) return { service: labels[0]!, namespace: undefined };
  if (labels.length >= 3 && labels[2] === 'svc') return { service: labels[0]!, namespace: labels[1]! };
  if (labels.length === 2 && namespaces.has(labels[1]!)) return { service: labels[0]!, namespace: labels[1]! };
  return undefined;
}

/**
 * Whether a Service reference made from a pod in `clientNamespace` names a Service in
 * `serviceNamespace` (an unknown namespace, one the tree leaves to kustomize, matches any).
 */
export function sameNamespace(ref: ServiceRef, clientNamespace: string | undefined, serviceNamespace: string | undefined): boolean {
  const ns = ref.namespace ?? clientNamespace;
  return ns === undefined || serviceNamespace === undefined || ns === serviceNamespace;
}
