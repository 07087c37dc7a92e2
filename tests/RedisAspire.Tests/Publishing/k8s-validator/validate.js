// Validates every document of the given YAML files against the Kubernetes OpenAPI schemas bundled in
// kubernetes-models. Prints one JSON line per document: {"file","index","apiVersion","kind","name","valid","error"}.
// Exit code: 0 when every document is valid, 1 when one is not, 2 on bad usage or a file that is not YAML.
"use strict";

const fs = require("fs");
const YAML = require("yaml");

function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) {
    throw new Error(`document has no usable apiVersion/kind (apiVersion=${apiVersion}, kind=${kind})`);
  }
  // Core kinds live under "v1"; grouped kinds under "<group>/<version>", as in kubernetes-models' module paths.
  const module = require(`kubernetes-models/${apiVersion}/${kind}`);
  const model = module[kind];
  if (typeof model !== "function") {
    throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);
  }
  return model;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.js <manifest.yaml> …");
  process.exit(2);
}

let failures = 0;
for (const file of files) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), { uniqueKeys: true });
  documents.forEach((document, index) => {
    if (document.errors.length > 0) {
      console.error(`${file}: document ${index} is not valid YAML: ${document.errors[0].message}`);
      process.exit(2);
    }
    const value = document.toJS();
    const result = { file, index, apiVersion: value?.apiVersion, kind: value?.kind, name: value?.metadata?.name, valid: true, error: null };
    try {
      const Model = modelFor(value.apiVersion, value.kind);
      new Model(value).validate();
    } catch (error) {
      result.valid = false;
      result.error = String(error && error.message ? error.message : error);
      failures++;
    }
    console.log(JSON.stringify(result));
  });
}

process.exit(failures === 0 ? 0 : 1);
