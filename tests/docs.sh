#!/bin/sh
# Docs and code in step (git's t0012-help, t0450):
# - every man page is mandoc -Tlint clean, and man renders it without a
#   troff warning;
# - the rule table (cb check --list-rules), man/cb-rules.7 (one .Ss per
#   rule) and ../shared/spec/rules.md (when present) list the same ids;
# - every command of the table has a man page and a working -h.
set -u
cb=$1
top=$2
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

if command -v mandoc >/dev/null; then
	if mandoc -Tlint -Wwarning "$top"/man/*.[157] >"$tmp/lint" 2>&1; then
		ok
	else
		bad "mandoc -Tlint:"; cat "$tmp/lint"
	fi
else
	bad "mandoc is not installed (apt-get install mandoc)"
fi

# `cb help` renders the pages with man (groff): no troff warning either,
# such as a table too wide for 80 columns ("can't break line").
if command -v man >/dev/null && command -v groff >/dev/null; then
	for page in "$top"/man/*.[157]; do
		MANWIDTH=80 man -l "$page" 2>"$tmp/troff" >/dev/null
		if [ -s "$tmp/troff" ]; then
			bad "man -l $(basename "$page") warns:"
			head -n 5 "$tmp/troff"
		else
			ok
		fi
	done
fi

"$cb" check --list-rules | cut -d' ' -f1 | sort >"$tmp/table"
grep '^\.Ss ' "$top/man/cb-rules.7" | sed 's/^\.Ss //; s/"//g' | grep / | sort >"$tmp/man"
if diff -u "$tmp/table" "$tmp/man"; then ok; else bad "rule table vs man/cb-rules.7"; fi
spec="$top/../shared/spec/rules.md"
if [ -f "$spec" ]; then
	grep -oE '^\| `[a-z]+/[a-z-]+`' "$spec" | sed 's/^| `//; s/`$//' | sort >"$tmp/spec"
	# cb audit's ids (cli.md) extend the table beyond rules.md.
	grep -v '^audit/' "$tmp/table" >"$tmp/table-check"
	if diff -u "$tmp/table-check" "$tmp/spec"; then ok; else bad "rule table vs spec/rules.md"; fi
	# Severities too.
	grep -oE '^\| `[a-z]+/[a-z-]+` \| [a-z]+' "$spec" | sed 's/^| `//; s/` | / /' | sort >"$tmp/spec-sev"
	"$cb" check --list-rules | grep -v '^audit/' | sort >"$tmp/table-sev"
	if diff -u "$tmp/table-sev" "$tmp/spec-sev"; then ok; else bad "severities vs spec/rules.md"; fi
fi

"$cb" -h | awk '/^   [a-z]/ { print $1 }' >"$tmp/commands"
[ -s "$tmp/commands" ] || bad "cb -h lists no commands"
while read -r c; do
	if [ "$c" = help ]; then page="$top/man/cb.1"; else page="$top/man/cb-$c.1"; fi
	[ -f "$page" ] && ok || bad "no man page for '$c' ($page)"
	if "$cb" "$c" -h >"$tmp/usage" 2>&1 && grep -q "usage: cb $c" "$tmp/usage"; then
		ok
	else
		bad "'cb $c -h' does not print its usage"
	fi
	# --help shows the page (through mandoc when there is no terminal).
	if "$cb" "$c" --help >"$tmp/help" 2>&1 && [ -s "$tmp/help" ]; then ok; else bad "'cb $c --help' printed nothing"; fi
done <"$tmp/commands"

# Every "$ cb ..." line of the EXAMPLES sections runs against examples/
# (jq builds tests from its manual): it must not fail to run (status 2).
grep -h '^\$ \(LC_ALL=[^ ]* \)\?cb ' "$top"/man/*.[157] | sed 's/^\$ //' | sort -u >"$tmp/examples"
[ -s "$tmp/examples" ] || bad "no EXAMPLES lines found in man/"
while read -r line; do
	# shellcheck disable=SC2086
	# What an example writes to /tmp goes to this test's own directory.
	(cd "$top" && eval "env CB_MANDIR=$top/man $(echo "$line" | sed "s# /tmp/# $tmp/#g; s#\(^\| \)cb #\1$cb #")" >"$tmp/ex.out" 2>&1)
	st=$?
	if [ $st -ge 2 ]; then
		bad "man page example exits $st: $line"
		head -5 "$tmp/ex.out"
	else
		ok
	fi
done <"$tmp/examples"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
