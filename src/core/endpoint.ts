/**
 * A port of a Kubernetes Service, addressed by its cluster DNS name. Computed once (from a chart's
 * naming rule) and passed to every consumer, so no host or port is ever typed twice.
 */
export class ServiceEndpoint {
  /**
   * @param service the Service name
   * @param namespace the Service's namespace
   * @param port the Service port
   * @param scheme the URL scheme for {@link url}
   */
  constructor(
    public readonly service: string,
    public readonly namespace: string,
    public readonly port: number,
    public readonly scheme: 'http' | 'https' = 'http',
  ) {}

  /** `<service>.<namespace>.svc.cluster.local` */
  public get host(): string {
    return `${this.service}.${this.namespace}.svc.cluster.local`;
  }

  /** `<host>:<port>`, the form gRPC clients such as otelcol.exporter.otlp take. */
  public get hostPort(): string {
    return `${this.host}:${this.port}`;
  }

  /** `<scheme>://<host>[:<port>]<path>`, without the port when it is the scheme's default. */
  public url(path = ''): string {
    const defaultPort = this.scheme === 'http' ? 80 : 443;
    return `${this.scheme}://${this.port === defaultPort ? this.host : this.hostPort}${path}`;
  }
}
