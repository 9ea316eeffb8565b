// Validates Kubernetes manifests against the OpenAPI schemas that kubernetes-models compiles into validators
// (kubernetes-models 5.1.0: the Kubernetes 1.36.0 API; @kubernetes-models/prometheus-operator for ServiceMonitor).
//   node validate.mjs manifests.json     (a JSON array of manifests, e.g. kubectl kustomize ... as JSON)
// Prints "valid <apiVersion> <kind> <name>" or "invalid <apiVersion> <kind> <name>: <errors>" per manifest;
// exits 1 if any is invalid or of a kind it has no schema for, 2 on bad input.
import { readFileSync } from "node:fs";

function modulePath(apiVersion, kind) {
    if (apiVersion === "monitoring.coreos.com/v1") {
        return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`;
    }
    // kubernetes-models lays out core/v1 as v1/<Kind>, every other group as <group>/<version>/<Kind>.
    return `kubernetes-models/${apiVersion}/${kind}`;
}

// kustomize wraps long Secret values over lines; the API server's base64 decoder (Go's) skips line breaks, the
// schema's "byte" format does not.
function unwrapBase64(manifest) {
    if (manifest.kind !== "Secret" || !manifest.data) {
        return manifest;
    }
    const data = Object.fromEntries(Object.entries(manifest.data).map(([k, v]) => [k, v.replace(/\n/g, "")]));
    return { ...manifest, data };
}

async function check(manifest) {
    const { apiVersion, kind } = manifest;
    const name = `${apiVersion} ${kind} ${manifest.metadata?.name}`;
    let model;
    try {
        model = (await import(modulePath(apiVersion, kind)))[kind];
    } catch (e) {
        return `invalid ${name}: no schema for this kind (${e.code ?? e.message})`;
    }
    try {
        new model(unwrapBase64(manifest)).validate();
        return `valid ${name}`;
    } catch (e) {
        return `invalid ${name}: ${e.message}`;
    }
}

let manifests;
try {
    manifests = JSON.parse(readFileSync(process.argv[2], "utf8"));
} catch (e) {
    console.error(`cannot read manifests from ${process.argv[2]}: ${e.message}`);
    process.exit(2);
}
let failed = false;
for (const manifest of manifests) {
    const line = await check(manifest);
    failed ||= line.startsWith("invalid");
    console.log(line);
}
process.exit(failed ? 1 : 0);
