// Offline schema validation of the manifests in this directory: the rendered kustomization
// (`kubectl kustomize k8s`) plus secret.example.yaml. Each document is checked with
// `new Cls(obj).validate()` from kubernetes-models (wrong types, missing required fields;
// unknown fields are NOT reported) and the Secret/ConfigMap names the Deployment uses are
// checked against the documents that define them.
//
// Run from the repository root (needs kubectl and Node.js; the dependencies live OUTSIDE the
// repository, in the directory named by K8S_VALIDATE_DEPS, default /tmp/k8s-validate):
//
//   npm install --prefix /tmp/k8s-validate kubernetes-models@5.1.0 \
//     @kubernetes-models/prometheus-operator@6.0.0 yaml@2.9.1
//   node k8s/validate.mjs
//
// Exit status 0 when every document is valid, 1 otherwise, 2 when the dependencies are missing.
// (The packages are ESM with import-only exports, so NODE_PATH and createRequire cannot
// resolve them; they are imported by file path from the dependency directory.)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const k8sDir = dirname(fileURLToPath(import.meta.url));
const deps = join(process.env.K8S_VALIDATE_DEPS ?? "/tmp/k8s-validate", "node_modules");
const load = (path) =>
  import(pathToFileURL(join(deps, path)).href).catch((e) => {
    console.error(`cannot load ${path} from ${deps} (run the npm install above): ${e.message}`);
    process.exit(2);
  });

const YAML = await load("yaml/dist/index.js");
const core = await load("kubernetes-models/v1/index.js");
const apps = await load("kubernetes-models/apps/v1/index.js");
const policy = await load("kubernetes-models/policy/v1/index.js");
const monitoring = await load("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/index.js");

const models = {
  "v1/ConfigMap": core.ConfigMap,
  "v1/Secret": core.Secret,
  "v1/Service": core.Service,
  "apps/v1/Deployment": apps.Deployment,
  "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget,
  "monitoring.coreos.com/v1/ServiceMonitor": monitoring.ServiceMonitor,
};

const sources = [
  ["kubectl kustomize k8s", execFileSync("kubectl", ["kustomize", k8sDir], { encoding: "utf8" })],
  ["secret.example.yaml", readFileSync(join(k8sDir, "secret.example.yaml"), "utf8")],
];

let failures = 0;
const docs = [];
for (const [source, text] of sources) {
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      console.error(`FAIL ${source}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const id = `${obj.apiVersion}/${obj.kind}`;
    const name = `${source}: ${obj.kind}/${obj.metadata?.name}`;
    docs.push(obj);
    const Model = models[id];
    if (!Model) {
      console.error(`FAIL ${name}: no model for ${id}`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`ok   ${name}`);
    } catch (e) {
      console.error(`FAIL ${name}: ${e.message}`);
      failures++;
    }
  }
}

// Cross-references: every ConfigMap/Secret the Deployment reads must be defined somewhere.
const defined = new Set(docs.map((d) => `${d.kind}/${d.metadata?.name}`));
for (const d of docs.filter((d) => d.kind === "Deployment")) {
  const pod = d.spec.template.spec;
  const refs = [
    ...pod.containers.flatMap((c) => c.envFrom ?? []).flatMap((e) => [
      e.configMapRef && `ConfigMap/${e.configMapRef.name}`,
      e.secretRef && `Secret/${e.secretRef.name}`,
    ]),
    ...(pod.volumes ?? []).map((v) => v.secret && `Secret/${v.secret.secretName}`),
  ].filter(Boolean);
  for (const ref of refs) {
    if (defined.has(ref)) console.log(`ok   Deployment/${d.metadata.name} -> ${ref}`);
    else {
      console.error(`FAIL Deployment/${d.metadata.name} references undefined ${ref}`);
      failures++;
    }
  }
}

console.log(failures === 0 ? "all documents valid" : `${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
