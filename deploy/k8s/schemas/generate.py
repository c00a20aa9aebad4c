#!/usr/bin/env python3
"""Regenerates the JSON Schemas in this folder from upstream API definitions (data only).

The schemas are what K8sManifestsTest validates every rendered object against. They are generated, not
hand-written, so a manifest is held to exactly what the API server or the operator would accept:

  * Kubernetes built-in kinds: from the Kubernetes OpenAPI v2 document ("swagger.json") of the oldest
    Kubernetes minor this deployment supports;
  * operator kinds: from each operator's CustomResourceDefinition YAML of the pinned operator release
    (spec.versions[].schema.openAPIV3Schema).

Usage (the inputs are files you obtained from the upstream projects' release sources; see README.md):

  python3 generate.py --swagger swagger.json --crd kafka-crd.yaml --crd cnpg-clusters.yaml ... [--out DIR]

What the conversion does, so a schema is strict but not stricter than the server:
  * keeps only validation keywords (type, properties, required, items, enum, pattern, bounds, anyOf/oneOf/allOf)
    and drops descriptions, formats, defaults and x-kubernetes-* extensions after using them;
  * objects that list their properties get "additionalProperties": false (a misspelt field fails, as with
    kubectl's strict field validation), unless the API marks them x-kubernetes-preserve-unknown-fields;
  * int-or-string and resource.Quantity accept both strings and numbers, as the API server does;
  * nullable fields also accept null;
  * every schema pins its apiVersion and kind, and a custom resource's metadata uses the ObjectMeta schema.
"""
import argparse
import json
import os
import sys

import yaml

# Built-in kinds the manifests may use: (group, version, kind). Add a line and regenerate to allow another kind.
BUILTIN_KINDS = [
    ("", "v1", "Namespace"),
    ("", "v1", "ConfigMap"),
    ("", "v1", "Secret"),
    ("", "v1", "Service"),
    ("", "v1", "ServiceAccount"),
    ("", "v1", "PersistentVolumeClaim"),
    ("apps", "v1", "Deployment"),
    ("apps", "v1", "StatefulSet"),
    ("batch", "v1", "Job"),
    ("batch", "v1", "CronJob"),
    ("policy", "v1", "PodDisruptionBudget"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler"),
    ("networking.k8s.io", "v1", "NetworkPolicy"),
    ("networking.k8s.io", "v1", "Ingress"),
    ("rbac.authorization.k8s.io", "v1", "Role"),
    ("rbac.authorization.k8s.io", "v1", "RoleBinding"),
]

KEEP = {"type", "properties", "required", "items", "enum", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "anyOf", "oneOf",
        "allOf", "not", "additionalProperties", "$ref", "minProperties", "maxProperties"}

OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"


def convert(node):
    """One OpenAPI schema node to a strict JSON Schema (draft-07) node."""
    if isinstance(node, list):
        return [convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("x-kubernetes-int-or-string"):
        return {"type": ["integer", "string"]}
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key == "properties":
            out[key] = {name: convert(child) for name, child in value.items()}
        elif key == "additionalProperties":
            out[key] = convert(value) if isinstance(value, dict) else value
        elif key in ("items", "not"):
            out[key] = convert(value)
        elif key in ("anyOf", "oneOf", "allOf"):
            out[key] = [convert(v) for v in value]
        else:
            out[key] = value
    # Structural CRD schemas repeat the type inside anyOf branches only for int-or-string; elsewhere the
    # outer type decides. An anyOf of bare types is a union of types.
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
    preserve = node.get("x-kubernetes-preserve-unknown-fields", False)
    if "properties" in out and "additionalProperties" not in out and not preserve:
        out["additionalProperties"] = False
    return out


def refs_of(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            found.add(ref.split("/")[-1])
        for v in node.values():
            refs_of(v, found)
    elif isinstance(node, list):
        for v in node:
            refs_of(v, found)


def closure(definitions, roots):
    todo, seen = list(roots), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = set()
        refs_of(definitions[name], found)
        todo.extend(found - seen)
    return seen


def k8s_definitions(swagger):
    defs = {}
    for name, schema in swagger["definitions"].items():
        if name == INT_OR_STRING:
            defs[name] = {"type": ["integer", "string"]}
        elif name == QUANTITY:
            defs[name] = {"type": ["string", "number"]}
        else:
            defs[name] = convert(schema)
    return defs


def pin(schema, group, version, kind):
    api_version = f"{group}/{version}" if group else version
    props = schema.setdefault("properties", {})
    props["apiVersion"] = {"enum": [api_version]}
    props["kind"] = {"enum": [kind]}
    required = schema.setdefault("required", [])
    for field in ("apiVersion", "kind", "metadata"):
        if field not in required:
            required.append(field)
    return schema


def builtin_schemas(swagger):
    defs = k8s_definitions(swagger)
    by_gvk = {}
    for name, schema in swagger["definitions"].items():
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            by_gvk[(gvk["group"], gvk["version"], gvk["kind"])] = name
    result = {}
    for gvk in BUILTIN_KINDS:
        if gvk not in by_gvk:
            sys.exit(f"{gvk} is not in the Kubernetes OpenAPI document")
        root = by_gvk[gvk]
        names = closure(defs, [root]) - {root}
        schema = json.loads(json.dumps(defs[root]))
        schema["definitions"] = {n: defs[n] for n in sorted(names)}
        result[gvk] = pin(schema, *gvk)
    return result, defs


def crd_schemas(path, defs):
    result = {}
    with open(path) as f:
        for doc in yaml.safe_load_all(f):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = doc["spec"]["group"], doc["spec"]["names"]["kind"]
            for version in doc["spec"]["versions"]:
                if not version.get("served", True):
                    continue
                schema = convert(version["schema"]["openAPIV3Schema"])
                schema.setdefault("properties", {})["metadata"] = {"$ref": "#/definitions/" + OBJECT_META}
                names = closure(defs, [OBJECT_META])
                schema["definitions"] = {n: defs[n] for n in sorted(names)}
                result[(group, version["name"], kind)] = pin(schema, group, version["name"], kind)
    return result


def file_name(group, version, kind):
    return os.path.join(group or "core", f"{kind.lower()}_{version}.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swagger", required=True, help="Kubernetes OpenAPI v2 document (swagger.json)")
    parser.add_argument("--crd", action="append", default=[], help="CustomResourceDefinition YAML (repeatable)")
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    with open(args.swagger) as f:
        swagger = json.load(f)
    schemas, defs = builtin_schemas(swagger)
    for path in args.crd:
        schemas.update(crd_schemas(path, defs))
    for (group, version, kind), schema in sorted(schemas.items()):
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
        target = os.path.join(args.out, file_name(group, version, kind))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            json.dump(schema, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{target}: {os.path.getsize(target)} bytes")


if __name__ == "__main__":
    main()
