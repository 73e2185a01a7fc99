#!/bin/sh
# The examples stay what the README says they are: every office under
# examples/dang-uy-* is clean, and examples/mistakes/ gives exactly the
# findings kept in examples/mistakes/expected.txt, every rule id among them.
set -u
cb=$1
top=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top/examples" || exit 2
export LC_ALL=C.UTF-8 TZ=UTC
if "$cb" check --as-of 2026-01-02 dang-uy-* >"$tmp/clean" 2>&1; then
	pass=$((pass + 1))
else
	echo "FAIL: the example offices are not clean:"
	cat "$tmp/clean"
	fail=$((fail + 1))
fi
if [ -d mistakes ]; then
	"$cb" check --as-of 2026-01-02 mistakes >"$tmp/out" 2>&1
	if diff -u mistakes/expected.txt "$tmp/out"; then
		pass=$((pass + 1))
	else
		echo "FAIL: examples/mistakes differs from expected.txt"
		fail=$((fail + 1))
	fi
	"$cb" check --list-rules | cut -d' ' -f1 | grep -v "^audit/" | sort >"$tmp/all"
	grep -o '\[[a-z]*/[a-z-]*\]$' "$tmp/out" | tr -d '[]' | sort -u >"$tmp/fired"
	if diff -u "$tmp/all" "$tmp/fired"; then
		pass=$((pass + 1))
	else
		echo "FAIL: rule ids that examples/mistakes does not fire (-) above"
		fail=$((fail + 1))
	fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
