import { leaf, list, map, open, type ChartModel } from './model';

// Key paths: grafana/alloy operations/helm/charts/alloy/values.yaml at helm-chart/1.11.1 (233907cf).

const scaling = map({ policies: leaf, selectPolicy: leaf, stabilizationWindowSeconds: leaf });

const replicaBounds = {
  minReplicas: leaf,
  maxReplicas: leaf,
  targetCPUUtilizationPercentage: leaf,
  targetMemoryUtilizationPercentage: leaf,
  scaleDown: scaling,
  scaleUp: scaling,
};

const alloy = map({
  configMap: map({ create: leaf, content: leaf, name: leaf, key: leaf }),
  clustering: map({ enabled: leaf, name: leaf, portName: leaf }),
  stabilityLevel: leaf,
  storagePath: leaf,
  enableHttpServerPort: leaf,
  listenAddr: leaf,
  listenPort: leaf,
  listenScheme: leaf,
  initialDelaySeconds: leaf,
  timeoutSeconds: leaf,
  uiPathPrefix: leaf,
  enableReporting: leaf,
  extraEnv: leaf,
  envFrom: leaf,
  command: leaf,
  extraArgs: leaf,
  // templates/service.yaml and templates/containers/_agent.yaml read these fields of each item.
  extraPorts: list(
    map({ name: leaf, port: leaf, targetPort: leaf, protocol: leaf, appProtocol: leaf, nodePort: leaf, hostPort: leaf }),
  ),
  hostAliases: leaf,
  mounts: map({ varlog: leaf, dockercontainers: leaf, extra: leaf }),
  securityContext: leaf,
  resources: leaf,
  lifecycle: leaf,
  livenessProbe: leaf,
});

/** The alloy chart, 1.x. */
export const alloyChart: ChartModel = {
  chart: 'alloy',
  minVersion: '1.0.0',
  beforeVersion: '2.0.0',
  root: map({
    nameOverride: leaf,
    namespaceOverride: leaf,
    fullnameOverride: leaf,
    global: map({ image: map({ registry: leaf, pullSecrets: leaf, pullPolicy: leaf }), podSecurityContext: leaf }),
    // The `crds` subchart (Chart.yaml dependency, condition crds.create) receives this map as its values.
    crds: open({ create: leaf }),
    alloy,
    image: map({ registry: leaf, repository: leaf, tag: leaf, digest: leaf, pullPolicy: leaf, pullSecrets: leaf }),
    rbac: map({ create: leaf, namespaces: leaf, rules: leaf, clusterRules: leaf }),
    serviceAccount: map({ create: leaf, additionalLabels: leaf, annotations: leaf, name: leaf, automountServiceAccountToken: leaf }),
    configReloader: map({
      enabled: leaf,
      image: map({ registry: leaf, repository: leaf, tag: leaf, digest: leaf, pullPolicy: leaf }),
      customArgs: leaf,
      resources: leaf,
      securityContext: leaf,
    }),
    controller: map({
      type: leaf,
      replicas: leaf,
      extraLabels: leaf,
      extraAnnotations: leaf,
      parallelRollout: leaf,
      minReadySeconds: leaf,
      hostNetwork: leaf,
      hostPID: leaf,
      dnsPolicy: leaf,
      terminationGracePeriodSeconds: leaf,
      revisionHistoryLimit: leaf,
      updateStrategy: leaf,
      nodeSelector: leaf,
      tolerations: leaf,
      topologySpreadConstraints: leaf,
      priorityClassName: leaf,
      podAnnotations: leaf,
      podLabels: leaf,
      podDisruptionBudget: map({ enabled: leaf, minAvailable: leaf, maxUnavailable: leaf }),
      enableStatefulSetAutoDeletePVC: leaf,
      autoscaling: map({
        enabled: leaf,
        ...replicaBounds,
        horizontal: map({ enabled: leaf, externalHPA: leaf, ...replicaBounds }),
        vertical: map({
          enabled: leaf,
          recommenders: leaf,
          resourcePolicy: map({ containerPolicies: leaf }),
          updatePolicy: leaf,
        }),
      }),
      affinity: leaf,
      volumes: map({ extra: leaf }),
      volumeClaimTemplates: leaf,
      initContainers: leaf,
      extraContainers: leaf,
    }),
    networkPolicy: map({ enabled: leaf, flavor: leaf, policyTypes: leaf, ingress: leaf, egress: leaf }),
    service: map({
      enabled: leaf,
      type: leaf,
      nodePort: leaf,
      clusterIP: leaf,
      internalTrafficPolicy: leaf,
      externalTrafficPolicy: leaf,
      annotations: leaf,
    }),
    serviceMonitor: map({
      enabled: leaf,
      additionalLabels: leaf,
      interval: leaf,
      metricRelabelings: leaf,
      tlsConfig: leaf,
      relabelings: leaf,
    }),
    ingress: map({
      enabled: leaf,
      ingressClassName: leaf,
      annotations: leaf,
      labels: leaf,
      path: leaf,
      faroPort: leaf,
      pathType: leaf,
      hosts: leaf,
      extraPaths: leaf,
      tls: leaf,
    }),
    extraObjects: leaf,
  }),
  // Every template starts with `mustMergeOverwrite .Values.alloy (or .Values.agent dict)`.
  aliases: { agent: 'alloy' },
  unlisted: {
    // Commented out in values.yaml; templates/ingress.yaml renders it as spec.ingressClassName.
    'ingress.ingressClassName': 'ingress.yaml: spec.ingressClassName',
    // Not in the commented extraPorts example; templates/containers/_agent.yaml renders it.
    'alloy.extraPorts[].hostPort': 'containers/_agent.yaml: ports[].hostPort',
  },
  nestedUnder: ['alloy'],
  hints: {
    'alloy.extraPort': 'the chart reads alloy.extraPorts (a list of {name, port, targetPort, protocol})',
    'alloy.extraPorts[].containerPort':
      'the chart uses targetPort as the container port (and the Service targetPort); set port and targetPort',
  },
};
