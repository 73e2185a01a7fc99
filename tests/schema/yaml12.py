#!/usr/bin/python3
"""Validate YAML records against a cb JSON Schema, reading YAML as cb does.

Usage: yaml12.py [--rule] SCHEMA FILE...

cb reads a scalar for the field it fills, never by YAML 1.1 typing, so
`19:30`, `no` and `0123` stay strings. PyYAML's SafeLoader is YAML 1.1
(19:30 is the sexagesimal 1170, `no` is False, dates become datetime.date),
so this loader replaces its resolvers with a strict subset of YAML 1.2's
core schema (the one yaml-language-server, the VS Code extension, uses;
it also types NULL, 0x1F and 1.5, this loader does not):

  true, True, TRUE, false, False, FALSE  -> bool (as cb and YAML 1.2)
  0, 12, -3 (no leading zero)            -> int
  null, ~, empty                         -> None (cb: the key is absent)
  anything else                          -> str  (dates, times, yes, no,
                                                  0123, 1e3, 1.5, 0x1F)

Like cb, it refuses what records.md refuses: anchors, aliases, explicit
tags, merge keys (`<<`), duplicate keys and more than one document.

Each problem prints as `FILE: PATH: MESSAGE` (PATH is `$` for the whole
document, else e.g. `members[2].status`); with --rule, followed by the
cb rule id that cb check reports for it, e.g. ` [schema/value]`.
Exit status: 0 when every FILE is valid, 1 when any is not, 2 on bad
usage or an unreadable schema or file.

Runs with Debian's python3-yaml and python3-jsonschema
(apt-get install python3-yaml python3-jsonschema).
"""

import json
import re
import sys

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

import jsonschema


class RecordError(yaml.YAMLError):
    """Something records.md refuses although YAML allows it."""

    def __init__(self, rule, message):
        super().__init__(message)
        self.rule = rule


class Resolver12(BaseResolver):
    """Only the implicit types cb gives meaning to; the rest are strings."""


# BaseResolver keeps its tables as class attributes; start from empty ones
# so none of PyYAML's YAML 1.1 resolvers are inherited.
Resolver12.yaml_implicit_resolvers = {}
Resolver12.yaml_path_resolvers = {}
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
    list("-+0123456789"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


def _refuse(rule, mark, what):
    raise RecordError(rule, "line %d: %s" % (mark.line + 1, what))


class Composer12(Composer):
    """Refuse anchors, aliases and explicit tags while composing."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            _refuse("syntax/alias", event.start_mark,
                    "aliases (*%s) are not allowed" % event.anchor)
        if event.anchor is not None:
            _refuse("syntax/alias", event.start_mark,
                    "anchors (&%s) are not allowed" % event.anchor)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            # Plain and quoted scalars carry no tag; only `!x`, `!!x` do.
            _refuse("syntax/alias", event.start_mark,
                    "tags (%s) are not allowed" % tag)
        return super().compose_node(parent, index)


class Constructor12(SafeConstructor):
    """SafeConstructor with cb's mappings.

    Keys are the text written (cb compares keys as text, and JSON Schema
    wants strings: `1:` and `true:` are the keys "1" and "true"); a key
    written twice and the merge key `<<` are errors.
    """

    def construct_yaml_map(self, node):
        data = {}
        yield data
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                _refuse("schema/type", key_node.start_mark,
                        "a key must be a word, not a list or mapping")
            key = key_node.value
            if key == "<<" and key_node.style is None:
                _refuse("syntax/alias", key_node.start_mark,
                        "merge keys (<<) are not allowed")
            if key in data:
                _refuse("syntax/duplicate-key", key_node.start_mark,
                        "duplicate key '%s'" % key)
            data[key] = self.construct_object(value_node, deep=True)


Constructor12.add_constructor("tag:yaml.org,2002:map",
                              Constructor12.construct_yaml_map)


class Loader12(Reader, Scanner, Parser, Composer12, Constructor12,
               Resolver12):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer12.__init__(self)
        Constructor12.__init__(self)
        Resolver12.__init__(self)


def load(text):
    """Parse one YAML document the way cb does; raise yaml.YAMLError."""
    return yaml.load(text, Loader=Loader12)  # noqa: S506 (safe loader)


def path_text(path):
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        elif out == "$":
            out = part
        else:
            out += "." + part
    return out


SHAPES = {"object", "array"}


def rule_of(error):
    """The cb rule id (spec/rules.md) that matches a jsonschema error.

    cb's schema/type is about shape only (a mapping, a sequence or a scalar
    where another is expected); a scalar that does not read as the field's
    type (`excused: yes`, `for: mười`) is schema/value, as is a bad enum
    value, pattern or number.
    """
    kw = error.validator
    # An empty value: cb reads it as an absent key, so an empty required
    # key is missing (optional keys accept null); an empty file is a
    # schema/type problem.
    if error.instance is None and kw in ("type", "enum"):
        return "schema/missing-key" if error.path else "schema/type"
    # `false` as a property's schema: a key allowed elsewhere, not here
    # (thematic: on a meeting whose kind is not thematic).
    if kw == "additionalProperties" or error.schema is False:
        return "schema/unknown-key"
    if kw == "required":
        return "schema/missing-key"
    if isinstance(error.instance, (dict, list)):
        return "schema/type"
    if kw == "type":
        want = error.validator_value
        want = set(want) if isinstance(want, list) else {want}
        return "schema/type" if want & SHAPES else "schema/value"
    return "schema/value"


def leaves(errors):
    """Replace the failure of an anyOf with the failures inside it.

    Optional keys are `anyOf: [the real schema, {type: null}]` so that an
    empty value passes; when both fail, the useful errors are the real
    schema's, not "is not valid under any of the given schemas".
    """
    for e in errors:
        if e.validator in ("anyOf", "oneOf") and e.context:
            inner = [c for c in e.context
                     if c.schema != {"type": "null"}]
            if inner:
                yield from leaves(inner)
                continue
        yield e


def message_of(schema, error):
    """jsonschema's message, or a plainer one where that says better.

    A `false` property schema ("False schema does not allow {...}") says
    nothing useful; the schema that holds it carries an errorMessage (the
    one yaml-language-server shows), so print that.
    """
    if error.instance is None and error.validator in ("type", "enum"):
        if not error.path:
            return "the file is empty"
        return "'%s' is empty; fill it in" % error.path[-1]
    if error.schema is False and error.path:
        holder = schema
        for part in list(error.absolute_schema_path)[:-2]:
            holder = holder[part]
        why = holder.get("errorMessage") if isinstance(holder, dict) else None
        return "'%s' is not allowed here%s" % (
            error.path[-1], " (%s)" % why if why else "")
    return error.message


def validate(validator, name, rules):
    """Print the problems of one file; return their number."""
    try:
        with open(name, "rb") as f:
            raw = f.read()
    except OSError as e:
        print("yaml12.py: cannot read %s: %s" % (name, e.strerror),
              file=sys.stderr)
        return -1
    tail = (lambda rule: " [%s]" % rule) if rules else (lambda rule: "")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        print("%s: $: not UTF-8 (byte %d); save the file as UTF-8%s"
              % (name, e.start, tail("syntax/encoding")))
        return 1
    try:
        data = load(text)
    except yaml.YAMLError as e:
        msg = " ".join(str(e).split())
        rule = getattr(e, "rule", "syntax/yaml")
        print("%s: $: YAML: %s%s" % (name, msg, tail(rule)))
        return 1
    errors = sorted(leaves(validator.iter_errors(data)),
                    key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for e in errors:
        print("%s: %s: %s%s" % (name, path_text(e.absolute_path),
                                message_of(validator.schema, e),
                                tail(rule_of(e))))
    return len(errors)


def main(argv):
    args = argv[1:]
    rules = False
    if args and args[0] == "--rule":
        rules = True
        args = args[1:]
    if len(args) < 2 or args[0] in ("-h", "--help"):
        print("usage: yaml12.py [--rule] SCHEMA FILE...", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print("yaml12.py: bad schema %s: %s" % (args[0], e), file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema)
    status = 0
    for name in args[1:]:
        n = validate(validator, name, rules)
        if n < 0:
            return 2
        if n > 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
