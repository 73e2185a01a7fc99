#!/usr/bin/python3
"""Check the house rules of the cb JSON Schemas.

Usage: lint.py SCHEMA...

Each schema must be valid draft-07 and:
  - declare "$schema": draft-07, with a title and description;
  - give every definition, every property and every array's item schema a
    Vietnamese "title" and "description" (the hover text in the editor);
    "Vietnamese" is checked loosely: at least one letter outside ASCII;
  - close every object: "additionalProperties": false, unless the object is
    a map whose keys are data (it then needs "propertyNames");
  - have no dangling "$ref".
Prints `SCHEMA: POINTER: problem` and exits 1 on any problem.
"""

import json
import sys

import jsonschema

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def vietnamese(text):
    return isinstance(text, str) and text.strip() != "" and \
        any(ord(c) > 127 for c in text)


def lint(name):
    problems = []

    def say(ptr, msg):
        problems.append("%s: %s: %s" % (name, ptr or "/", msg))

    with open(name, encoding="utf-8") as f:
        root = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(root)
    except jsonschema.SchemaError as e:
        say("", "not valid draft-07: %s" % e.message)
        return problems
    if root.get("$schema") != DRAFT7:
        say("", '"$schema" must be %s' % DRAFT7)

    def labelled(node, ptr):
        for key in ("title", "description"):
            if not vietnamese(node.get(key)):
                say(ptr, 'needs a Vietnamese "%s"' % key)

    # Conditions (if/then/else/not) only test values; they show no hover
    # text, so what lies under them needs no label.
    def walk(node, ptr, needs_label, cond=False):
        if isinstance(node, bool):
            return
        if needs_label and not cond:
            labelled(node, ptr)
        ref = node.get("$ref")
        if ref is not None:
            target = root
            for part in ref.lstrip("#/").split("/"):
                target = target.get(part) if isinstance(target, dict) else None
            if not ref.startswith("#/") or target is None:
                say(ptr, "dangling $ref %s" % ref)
        types = node.get("type")
        types = types if isinstance(types, list) else [types]
        if "object" in types:
            extra = node.get("additionalProperties")
            if extra is not False and not (
                    isinstance(extra, dict) and "propertyNames" in node):
                say(ptr, '"additionalProperties" must be false')
        for key, sub in node.get("properties", {}).items():
            walk(sub, "%s/properties/%s" % (ptr, key), True, cond)
        for key, sub in node.get("definitions", {}).items():
            walk(sub, "%s/definitions/%s" % (ptr, key), True, cond)
        if isinstance(node.get("items"), dict):
            walk(node["items"], ptr + "/items", "$ref" not in node["items"],
                 cond)
        for key in ("additionalProperties", "propertyNames"):
            if isinstance(node.get(key), dict):
                walk(node[key], "%s/%s" % (ptr, key), True, cond)
        for key in ("if", "then", "else", "not"):
            if isinstance(node.get(key), dict):
                walk(node[key], "%s/%s" % (ptr, key), False, True)
        for key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(key, [])):
                walk(sub, "%s/%s/%d" % (ptr, key, i), False, cond)

    walk(root, "", True)
    return problems


def main(argv):
    if len(argv) < 2:
        print("usage: lint.py SCHEMA...", file=sys.stderr)
        return 2
    problems = []
    for name in argv[1:]:
        problems += lint(name)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
