// Offline check of the Kubernetes manifests (run by .ci/k8s; docs/operations.md "Checking the
// manifests"). For every overlay under k8s/overlays it renders `kubectl kustomize`, then
//   1. validates every document against the Kubernetes, prometheus-operator and Gateway API schemas
//      (kubernetes-models: wrong types and missing required fields; unknown fields are NOT reported),
//   2. checks that every ConfigMap/Secret a pod reads is rendered or shown in secret.example.yaml,
//   3. applies the policy: probe paths the service serves on the management port, ports equal to
//      the configuration (src/main/resources/application.properties), limits and requests set,
//      non-root, read-only root filesystem, no privilege escalation, image pinned by tag or digest
//      and never `latest`, termination grace >= preStop + quarkus.shutdown.timeout, no Secret with
//      data rendered, scraping and routing on the right ports, runbooks that exist, and memory
//      limits that hold the runtime's own ceilings: for the JVM variant (overlays with
//      components/jvm) Xmx + MaxMetaspaceSize + ReservedCodeCacheSize + MaxDirectMemorySize from
//      deployment/jvm.options + 64 MiB, for the native one the built-in -R:MaxHeapSize from
//      quarkus.native.additional-build-args + 64 MiB.
// secret.example.yaml is schema-checked too (it is never rendered).
//
// Run from anywhere (needs kubectl and Node.js; the dependencies live OUTSIDE the repository, in
// the directory named by K8S_VALIDATE_DEPS, default /tmp/k8s-validate):
//
//   npm install --prefix /tmp/k8s-validate kubernetes-models@5.1.0 \
//     @kubernetes-models/prometheus-operator@6.0.0 @kubernetes-models/gateway-api@2.0.0 yaml@2.9.1
//   node k8s/validate.mjs
//
// Exit status 0 when everything holds, 1 otherwise, 2 when the dependencies are missing.
// (The packages are ESM with import-only exports, so NODE_PATH and createRequire cannot
// resolve them; they are imported by file path from the dependency directory.)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const k8sDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(k8sDir);
const deps = join(process.env.K8S_VALIDATE_DEPS ?? "/tmp/k8s-validate", "node_modules");
const load = (path) =>
  import(pathToFileURL(join(deps, path)).href).catch((e) => {
    console.error(`cannot load ${path} from ${deps} (run the npm install above): ${e.message}`);
    process.exit(2);
  });

const YAML = await load("yaml/dist/index.js");
const core = await load("kubernetes-models/v1/index.js");
const apps = await load("kubernetes-models/apps/v1/index.js");
const batch = await load("kubernetes-models/batch/v1/index.js");
const autoscaling = await load("kubernetes-models/autoscaling/v2/index.js");
const networking = await load("kubernetes-models/networking.k8s.io/v1/index.js");
const policy = await load("kubernetes-models/policy/v1/index.js");
const monitoring = await load("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/index.js");
const gateway = await load("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/index.js");

const models = {
  "v1/ConfigMap": core.ConfigMap,
  "v1/Secret": core.Secret,
  "v1/Service": core.Service,
  "apps/v1/Deployment": apps.Deployment,
  "batch/v1/Job": batch.Job,
  "autoscaling/v2/HorizontalPodAutoscaler": autoscaling.HorizontalPodAutoscaler,
  "networking.k8s.io/v1/NetworkPolicy": networking.NetworkPolicy,
  "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget,
  "monitoring.coreos.com/v1/ServiceMonitor": monitoring.ServiceMonitor,
  "monitoring.coreos.com/v1/PrometheusRule": monitoring.PrometheusRule,
  "gateway.networking.k8s.io/v1/HTTPRoute": gateway.HTTPRoute,
};

// --- What the service serves, from its configuration -------------------------------------------

// The production value of a property: `%prod.key` over `key`, `fallback` when neither is set.
const properties = readFileSync(join(repoDir, "src/main/resources/application.properties"), "utf8");
function property(key, fallback) {
  const values = {};
  for (const line of properties.split("\n")) {
    const match = line.match(/^\s*([^#!\s][^=]*?)\s*=\s*(.*?)\s*$/);
    if (match) values[match[1]] = match[2];
  }
  return values[`%prod.${key}`] ?? values[key] ?? fallback;
}
function seconds(duration) {
  const match = String(duration).match(/^(?:PT)?(\d+)(ms|s|m)?$/i);
  if (!match) throw new Error(`cannot read the duration ${duration}`);
  return Number(match[1]) * { ms: 0.001, s: 1, m: 60 }[(match[2] ?? "s").toLowerCase()];
}
const config = {
  httpPort: Number(property("quarkus.http.port", 8080)),
  // Quarkus' default management port; the production artifact serves /q/* only there.
  managementPort: Number(property("quarkus.management.port", 9000)),
  shutdownSeconds: seconds(property("quarkus.shutdown.timeout", "0s")),
};
// Memory budgets. deployment/jvm.options caps every pool the JVM can grow; the native executable's
// heap ceiling is built in (-R:MaxHeapSize in quarkus.native.additional-build-args). Each variant's
// container limit must hold its caps plus OVERHEAD_MIB for thread stacks, GC and other native
// memory (jvm.options and base/deployment.yaml say so where the sizes are set).
const OVERHEAD_MIB = 64;
const MIB = 1024 * 1024;
function jvmSize(value) {   // -Xmx160m, -XX:MaxDirectMemorySize=64m: bytes
  const match = String(value).match(/^(\d+)([kmgt]?)$/i);
  if (!match) throw new Error(`cannot read the JVM size ${value}`);
  return Number(match[1]) * 1024 ** "_kmgt".indexOf((match[2] || "_").toLowerCase());
}
function quantity(value) {  // Kubernetes memory quantity: bytes
  const match = String(value).match(/^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/);
  if (!match) throw new Error(`cannot read the quantity ${value}`);
  const unit = { Ki: 1024, Mi: MIB, Gi: 1024 * MIB, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (unit[match[2]] ?? 1);
}
const jvmOptions = readFileSync(join(repoDir, "deployment/jvm.options"), "utf8")
  .split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
function jvmOption(pattern, name) {
  const values = jvmOptions.map((o) => o.match(pattern)?.[1]).filter(Boolean);
  if (values.length !== 1) throw new Error(`deployment/jvm.options sets ${name} ${values.length} times, not once`);
  return jvmSize(values[0]);
}
const jvmCaps = {
  Xmx: jvmOption(/^-Xmx(\w+)$/, "-Xmx"),
  MaxMetaspaceSize: jvmOption(/^-XX:MaxMetaspaceSize=(\w+)$/, "-XX:MaxMetaspaceSize"),
  ReservedCodeCacheSize: jvmOption(/^-XX:ReservedCodeCacheSize=(\w+)$/, "-XX:ReservedCodeCacheSize"),
  MaxDirectMemorySize: jvmOption(/^-XX:MaxDirectMemorySize=(\w+)$/, "-XX:MaxDirectMemorySize"),
};
const nativeHeap = String(property("quarkus.native.additional-build-args", ""))
  .split(",").map((arg) => arg.trim().match(/^-R:MaxHeapSize=(\w+)$/)?.[1]).filter(Boolean);
if (nativeHeap.length !== 1) throw new Error("quarkus.native.additional-build-args sets no single -R:MaxHeapSize");
const budgets = {
  jvm: {
    bytes: Object.values(jvmCaps).reduce((a, b) => a + b, 0) + OVERHEAD_MIB * MIB,
    what: Object.entries(jvmCaps).map(([k, v]) => `${k} ${v / MIB}`).join(" + ") + ` + ${OVERHEAD_MIB} MiB (deployment/jvm.options)`,
  },
  native: {
    bytes: jvmSize(nativeHeap[0]) + OVERHEAD_MIB * MIB,
    what: `MaxHeapSize ${jvmSize(nativeHeap[0]) / MIB} + ${OVERHEAD_MIB} MiB (quarkus.native.additional-build-args)`,
  },
};

const probePaths = {
  startupProbe: "/q/health/started",
  livenessProbe: "/q/health/live",
  readinessProbe: "/q/health/ready",
};
const runbooks = readFileSync(join(repoDir, "docs/operations.md"), "utf8")
  .split("\n")
  .filter((line) => line.startsWith("#"))
  .map((heading) =>
    heading.replace(/^#+\s*/, "").trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"),
  );

// --- Checks ------------------------------------------------------------------------------------

let failures = 0;
const fail = (message) => {
  console.error(`FAIL ${message}`);
  failures++;
};
const ok = (message) => console.log(`ok   ${message}`);

function parse(source, text) {
  const docs = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) fail(`${source}: YAML error: ${doc.errors[0].message}`);
    else if (doc.toJS() != null) docs.push(doc.toJS());
  }
  return docs;
}

function validateSchema(source, obj) {
  const id = `${obj.apiVersion}/${obj.kind}`;
  const name = `${source}: ${obj.kind}/${obj.metadata?.name}`;
  const Model = models[id];
  if (!Model) return fail(`${name}: no model for ${id}`);
  try {
    new Model(obj).validate();
    ok(name);
  } catch (e) {
    fail(`${name}: ${e.message}`);
  }
}

const podTemplates = (docs) =>
  docs.filter((d) => d.kind === "Deployment" || d.kind === "Job").map((d) => [d, d.spec.template.spec]);

function checkReferences(source, docs, examples) {
  const defined = new Set([...docs, ...examples].map((d) => `${d.kind}/${d.metadata?.name}`));
  for (const [workload, pod] of podTemplates(docs)) {
    const refs = [
      ...pod.containers.flatMap((c) => c.envFrom ?? []).flatMap((e) => [
        e.configMapRef && `ConfigMap/${e.configMapRef.name}`,
        e.secretRef && `Secret/${e.secretRef.name}`,
      ]),
      ...(pod.volumes ?? []).map((v) => v.secret && `Secret/${v.secret.secretName}`),
    ].filter(Boolean);
    for (const ref of refs) {
      if (defined.has(ref)) ok(`${source}: ${workload.kind}/${workload.metadata.name} -> ${ref}`);
      else fail(`${source}: ${workload.kind}/${workload.metadata.name} references undefined ${ref}`);
    }
  }
}

function checkPolicy(source, docs, variant) {
  const check = (condition, message) => (condition ? ok(`${source}: ${message}`) : fail(`${source}: ${message}`));
  const portEnv = {
    QUARKUS_HTTP_PORT: config.httpPort,
    QUARKUS_MANAGEMENT_PORT: config.managementPort,
  };

  for (const [workload, pod] of podTemplates(docs)) {
    const w = `${workload.kind}/${workload.metadata.name}`;
    for (const c of pod.containers) {
      const where = `${w} container ${c.name}`;
      const sc = c.securityContext ?? {};
      check(/(@sha256:[0-9a-f]{64}|:[\w][\w.-]*)$/.test(c.image) && !/:latest$/.test(c.image),
        `${where}: image ${c.image} pinned by tag or digest, not latest`);
      check(["cpu", "memory"].every((r) => c.resources?.limits?.[r] && c.resources?.requests?.[r]),
        `${where}: cpu and memory requests and limits set`);
      const budget = budgets[variant];
      const limit = c.resources?.limits?.memory;
      check(limit !== undefined && budget.bytes <= quantity(limit),
        `${where}: ${variant} memory ${budget.what} = ${budget.bytes / MIB} MiB <= limit ${limit}`);
      check((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true, `${where}: runs as non-root`);
      check(sc.readOnlyRootFilesystem === true, `${where}: read-only root filesystem`);
      check(sc.allowPrivilegeEscalation === false, `${where}: no privilege escalation`);
      for (const env of c.env ?? []) {
        if (env.name in portEnv) check(Number(env.value) === portEnv[env.name], `${where}: ${env.name} matches the configuration`);
      }
    }
    if (workload.kind !== "Deployment") continue;

    const c = pod.containers[0];
    const portOf = (name) => c.ports?.find((p) => p.name === name)?.containerPort;
    check(portOf("http") === config.httpPort, `${w}: port http = quarkus.http.port ${config.httpPort}`);
    check(portOf("management") === config.managementPort, `${w}: port management = management port ${config.managementPort}`);
    for (const [probe, path] of Object.entries(probePaths)) {
      const get = c[probe]?.httpGet;
      check(get?.path === path && (get.port === "management" || get.port === config.managementPort),
        `${w}: ${probe} GET ${path} on the management port`);
    }
    const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    check(grace >= preStop + config.shutdownSeconds,
      `${w}: termination grace ${grace} s >= preStop ${preStop} s + quarkus.shutdown.timeout ${config.shutdownSeconds} s`);
  }

  for (const d of docs) {
    const what = `${d.kind}/${d.metadata?.name}`;
    if (d.kind === "Secret") {
      check(Object.keys({ ...d.data, ...d.stringData }).length === 0, `${what}: a rendered Secret holds no data`);
    }
    if (d.kind === "ConfigMap") {
      for (const [name, port] of Object.entries(portEnv)) {
        if (d.data?.[name] !== undefined) check(Number(d.data[name]) === port, `${what}: ${name} matches the configuration`);
      }
    }
    if (d.kind === "Service") {
      const byName = Object.fromEntries((d.spec.ports ?? []).map((p) => [p.name, p]));
      check(byName.http?.targetPort === "http" && byName.management?.targetPort === "management",
        `${what}: ports http and management target the container's named ports`);
    }
    if (d.kind === "ServiceMonitor") {
      check(d.spec.endpoints.every((e) => e.port === "management" && e.path === "/q/metrics"),
        `${what}: scrapes /q/metrics on the management port`);
    }
    if (d.kind === "NetworkPolicy") {
      const ingressPorts = (d.spec.ingress ?? []).map((rule) => (rule.ports ?? []).map((p) => p.port));
      check(ingressPorts.length === 2 && ingressPorts.every((ports) => ports.length === 1)
          && ingressPorts.flat().sort().join() === [config.httpPort, config.managementPort].sort().join(),
        `${what}: ingress is one rule for ${config.httpPort} and one for ${config.managementPort}, nothing else`);
      const egressPorts = (d.spec.egress ?? []).flatMap((rule) => (rule.ports ?? [{ port: "any" }]).map((p) => p.port));
      check(egressPorts.length > 0 && egressPorts.every((p) => p === 5432 || p === 53 || p === 4318),
        `${what}: egress only to PostgreSQL (5432), DNS (53) and an OTLP collector (4318, docs/operations.md "Tracing")`);
    }
    if (d.kind === "HTTPRoute") {
      const toService = (d.spec.rules ?? []).filter((r) => (r.backendRefs ?? []).some((b) => b.name === "bencher-jobs"));
      check(toService.length > 0 && toService.every((r) =>
          r.backendRefs.every((b) => b.port === config.httpPort)
          && r.matches.every((m) => ["GET", "OPTIONS"].includes(m.method) && !m.path.value.includes("/q"))),
        `${what}: only GET/OPTIONS on the jobs paths reach bencher-jobs, on port ${config.httpPort} only`);
    }
    if (d.kind === "PrometheusRule") {
      for (const rule of d.spec.groups.flatMap((g) => g.rules).filter((r) => r.alert)) {
        const url = rule.annotations?.runbook_url ?? "";
        const [page, section] = url.split("#");
        check(/^https:\/\/[^\s#]+\/operations\.md$/.test(page) && runbooks.includes(section),
          `${what}: alert ${rule.alert} links an absolute runbook URL (…/operations.md#section) to a section of docs/operations.md`);
      }
    }
  }
}

// --- Run ---------------------------------------------------------------------------------------

const examples = parse("secret.example.yaml", readFileSync(join(k8sDir, "secret.example.yaml"), "utf8"));
examples.forEach((obj) => validateSchema("secret.example.yaml", obj));

const overlays = readdirSync(join(k8sDir, "overlays")).filter((o) => existsSync(join(k8sDir, "overlays", o, "kustomization.yaml")));
if (overlays.length === 0) fail("no overlay under k8s/overlays");
for (const overlay of overlays) {
  const source = `overlays/${overlay}`;
  let rendered;
  try {
    rendered = execFileSync("kubectl", ["kustomize", join(k8sDir, "overlays", overlay)], { encoding: "utf8" });
  } catch (e) {
    fail(`${source}: kubectl kustomize failed: ${e.stderr ?? e.message}`);
    continue;
  }
  const docs = parse(source, rendered);
  docs.forEach((obj) => validateSchema(source, obj));
  checkReferences(source, docs, examples);
  // The JVM variant is the overlay that includes components/jvm; the base is sized for the native one.
  const kustomization = YAML.parse(readFileSync(join(k8sDir, "overlays", overlay, "kustomization.yaml"), "utf8"));
  const variant = (kustomization.components ?? []).some((c) => /(^|\/)components\/jvm\/?$/.test(c)) ? "jvm" : "native";
  checkPolicy(source, docs, variant);
}

console.log(failures === 0 ? "all manifests valid" : `${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
