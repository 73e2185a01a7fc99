#!/bin/bash
# run.sh - test the JSON Schemas of schema/ and, given a cb binary, that cb
# check agrees with them.
#
#   tests/schema/run.sh [CB_BINARY]
#
# 1. lint.py: every schema is draft-07, closed, and labelled in Vietnamese.
# 2. good/: every file is valid.
# 3. bad/: every file is refused with exactly one problem, and that problem
#    maps to the rule id its `# expect:` line names (yaml12.py --rule).
# 4. cb-only/: what no JSON Schema can see (2023-02-30, file names,
#    duplicate keys...). The `schema/*` cases must pass the schema (that is
#    why they are cb's alone); the `syntax/*` ones are refused by yaml12.py's
#    loader with the expected id, as cb refuses them.
# 5. Every record under examples/ but examples/mistakes/ (written to break
#    every rule) and the plans under schema/plans/ is
#    valid.
# 6. With CB_BINARY: for bad/ and cb-only/ files, `cb check --format csv FILE`
#    exits 1 and reports the expected id; for good/ files it reports no error
#    of group syntax/ or schema/.
#
# Each fixture starts with `# schema: NAME` (cell, meeting, plan,
# thematic-plan, ratings) and, outside good/, `# expect: RULE-ID`. Fixtures
# sit where cb expects such a record (meetings/YYYY/YYYY-MM-DD-*.yaml,
# cell.yaml, plan.yaml, plans/YYYY.yaml, ratings/YYYY.yaml) so that cb,
# given one file, knows what it is. The last line of output is
# `N passed, M failed`; the exit status is 1 when anything failed.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
schemas=$root/schema
py=/usr/bin/python3
cb=${1:-}

export LC_ALL=C.UTF-8 TZ=UTC

passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$1"
	if [ -n "${2:-}" ]; then
		printf '%s\n' "$2" | sed 's/^/    /'
	fi
}

# header FILE KEY: the value of the `# KEY: value` line among the first five.
header() {
	sed -n "1,5s/^# $2: *//p" "$1" | head -n 1
}

# validate SCHEMA FILE: sets $out and $rc from yaml12.py --rule.
validate() {
	rc=0
	out=$("$py" "$here/yaml12.py" --rule "$schemas/$1.schema.json" "$2" \
		</dev/null 2>&1) || rc=$?
}

# fixtures DIR: the YAML files under DIR, sorted, relative to $here.
fixtures() {
	(cd "$here" && find "$1" -type f -name '*.yaml' | LC_ALL=C sort)
}

if ! "$py" -c 'import yaml, jsonschema' 2>/dev/null; then
	echo "run.sh: needs python3-yaml and python3-jsonschema" \
		"(apt-get install python3-yaml python3-jsonschema)" >&2
	exit 2
fi
if [ -n "$cb" ]; then
	if [ ! -f "$cb" ] || [ ! -x "$cb" ]; then
		echo "run.sh: $cb: not an executable file" >&2
		exit 2
	fi
	# The tests run from $here: make a relative path absolute first.
	cb=$(cd "$(dirname "$cb")" && pwd)/$(basename "$cb")
fi

cd "$here"

# 1. The schemas themselves.
for s in "$schemas"/*.schema.json; do
	if lint=$("$py" "$here/lint.py" "$s" 2>&1); then
		pass
	else
		fail "lint ${s#"$root"/}" "$lint"
	fi
done

# 2. good/: valid.
while IFS= read -r f; do
	s=$(header "$f" schema)
	validate "$s" "$f"
	if [ "$rc" -eq 0 ]; then
		pass
	else
		fail "$f: should be valid ($s)" "$out"
	fi
done < <(fixtures good)

# 3. bad/: one problem, the expected one.
while IFS= read -r f; do
	s=$(header "$f" schema)
	want=$(header "$f" expect)
	validate "$s" "$f"
	if [ "$rc" -ne 1 ]; then
		fail "$f: should be refused ($s, $want); exit $rc" "$out"
	elif [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ]; then
		fail "$f: should have exactly one problem" "$out"
	elif [ "${out%" [$want]"}" = "$out" ]; then
		fail "$f: the problem is not $want" "$out"
	else
		pass
	fi
done < <(fixtures bad)

# 4. cb-only/: beyond the schemas (schema/*), or refused by the loader
# (syntax/*).
while IFS= read -r f; do
	s=$(header "$f" schema)
	want=$(header "$f" expect)
	validate "$s" "$f"
	case $want in
	syntax/*)
		if [ "$rc" -eq 1 ] && [ "${out%" [$want]"}" != "$out" ]; then
			pass
		else
			fail "$f: yaml12.py should refuse it with $want" "$out"
		fi
		;;
	*)
		if [ "$rc" -eq 0 ]; then
			pass
		else
			fail "$f: a cb-only case, the schema should let it pass" "$out"
		fi
		;;
	esac
done < <(fixtures cb-only)

# 5. The examples, and the plans shipped in schema/plans/.
n=0
if [ -d "$root/examples" ]; then
	while IFS= read -r f; do
		case $f in
		*/cell.yaml) s=cell ;;
		*/plan.yaml) s=plan ;;
		*/meetings/*.yaml) s=meeting ;;
		*/plans/*.yaml) s=thematic-plan ;;
		*/ratings/*.yaml) s=ratings ;;
		*) continue ;;
		esac
		n=$((n + 1))
		validate "$s" "$root/$f"
		if [ "$rc" -eq 0 ]; then
			pass
		else
			fail "$f: should be valid ($s)" "$out"
		fi
	done < <(cd "$root" && find examples -path examples/mistakes -prune \
		-o -type f -name '*.yaml' -print | LC_ALL=C sort)
fi
[ "$n" -gt 0 ] || echo "note: no records under examples/ yet"
if [ -d "$schemas/plans" ]; then
	for f in "$schemas"/plans/*.yaml; do
		[ -e "$f" ] || continue
		validate plan "$f"
		if [ "$rc" -eq 0 ]; then
			pass
		else
			fail "${f#"$root"/}: should be valid (plan)" "$out"
		fi
	done
fi

# 6. cb agrees.
# cb_check FILE: sets $out and $rc from cb check (csv) on one file.
cb_check() {
	rc=0
	out=$("$cb" check --as-of 2026-01-02 --format csv "$1" </dev/null 2>&1) ||
		rc=$?
}

if [ -z "$cb" ]; then
	echo "note: no cb binary given (run.sh CB_BINARY); cb checks skipped"
else
	while IFS= read -r f; do
		cb_check "$f"
		# path,line,column,severity,rule,message
		bad=$(printf '%s\n' "$out" |
			awk -F, '$4 == "error" && $5 ~ /^(syntax|schema)\//')
		if [ "$rc" -gt 1 ]; then
			fail "cb check $f: exit $rc" "$out"
		elif [ -n "$bad" ]; then
			fail "cb check $f: syntax or schema errors in a good file" \
				"$bad"
		else
			pass
		fi
	done < <(fixtures good)
	while IFS= read -r f; do
		want=$(header "$f" expect)
		cb_check "$f"
		if [ "$rc" -ne 1 ]; then
			fail "cb check $f: exit $rc, want 1 ($want)" "$out"
		elif ! printf '%s\n' "$out" | grep -qF ",$want,"; then
			fail "cb check $f: no $want" "$out"
		else
			pass
		fi
	done < <(fixtures bad; fixtures cb-only)
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
