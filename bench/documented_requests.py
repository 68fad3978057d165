#!/usr/bin/env python3
"""documented_requests.py OPENAPI_JSON OUT_DIR: for each of the five documented operations of the served OpenAPI
document, writes OUT_DIR/NAME.json (its example body) and OUT_DIR/NAME.path (its path with the examples' parameters),
the realistic requests bench/load.sh sends. bench/first_calls.py uses examples() directly.
"""
import json
import sys

DOCUMENTED = ("SetTwoFactorLoginConfig", "UpdateLoginProtect", "CreateBindingDevice", "EnableMfaDeviceV5",
              "AddSecondFactorToLoginPolicy")


def examples(document):
    """operationId → (METHOD, path with the examples' path parameters, the example body as JSON), for every operation
    whose JSON body has an example."""
    found = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            example = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("example")
            if example is None:
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    path = path.replace("{" + parameter["name"] + "}", parameter["example"])
            found[operation.get("operationId")] = (method.upper(), path, json.dumps(example))
    return found


if __name__ == "__main__":
    document_file, out = sys.argv[1:]
    with open(document_file) as document:
        found = examples(json.load(document))
    for name in DOCUMENTED:
        _, path, body = found[name]
        with open(f"{out}/{name}.json", "w") as file:
            file.write(body)
        with open(f"{out}/{name}.path", "w") as file:
            file.write(path)
