#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema, offline.

usage: validate.py SCHEMA [--ref URL=FILE ...] DOC...

Every "$ref" to another schema is resolved from local files only: the
schemas beside SCHEMA (by their "$id"), and each --ref URL=FILE given.
Nothing is fetched from the network.  Exit 0 when every document is
valid; otherwise each error is printed with the document and its JSON
path, and the exit status is 1 (2 for usage or unreadable files).
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)

try:
    import jsonschema
except ImportError:  # python3-jsonschema (scripts/deps.sh)
    print("validate.py: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(2)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path = argv[1]
    schema = load(schema_path)
    store = {}
    # Sibling schemas (and those in referenced_schema/ trees) by $id.
    base = os.path.dirname(os.path.abspath(schema_path))
    for root in (base, os.path.join(base, "..", "referenced_schema")):
        for dirpath, _, files in os.walk(root):
            for name in files:
                if name.endswith(".json"):
                    try:
                        s = load(os.path.join(dirpath, name))
                    except (OSError, ValueError):
                        continue
                    if not isinstance(s, dict):
                        continue
                    sid = s.get("$id", s.get("id"))
                    if isinstance(sid, str):
                        # CVSS schemas carry "?date" in their id; the
                        # referring schema names them without it.
                        store[sid] = s
                        store[sid.split("?")[0]] = s
    docs = []
    for arg in argv[2:]:
        if arg.startswith("--ref="):
            url, _, path = arg[len("--ref="):].partition("=")
            store[url] = load(path)
        else:
            docs.append(arg)
    if isinstance(schema.get("$id"), str):
        store[schema["$id"]] = schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = cls(schema, resolver=resolver,
                    format_checker=jsonschema.FormatChecker())
    bad = 0
    for path in docs:
        doc = load(path)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            loc = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: /{loc}: {err.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
