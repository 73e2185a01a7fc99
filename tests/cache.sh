#!/bin/sh
# cb check --cache prints exactly what a check without it prints: after a
# meeting file changes, is added or removed, after the roster, the plan or
# the language changes, with -j, and with a damaged cache file.
set -u
cb=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
pass=0
fail=0
cp -R "$top/examples/dang-uy-xa-nghia-an" "$tmp/office"
mkdir "$tmp/cache"
cell=$tmp/office/chi-bo-tan-thanh
same() {
	what=$1
	shift
	"$cb" check --as-of 2026-01-02 "$@" "$tmp/office" >"$tmp/plain" 2>&1
	"$cb" check --cache="$tmp/cache" --as-of 2026-01-02 "$@" \
	    "$tmp/office" >"$tmp/cached" 2>&1
	if cmp -s "$tmp/plain" "$tmp/cached"; then
		pass=$((pass + 1))
	else
		echo "FAIL $what: the cached check differs"
		diff "$tmp/plain" "$tmp/cached" | head -5
		fail=$((fail + 1))
	fi
}
same "first run (fills the cache)"
same "second run (all from the cache)"
[ -n "$(ls "$tmp/cache")" ] && pass=$((pass + 1)) || {
	echo "FAIL the cache directory is empty"
	fail=$((fail + 1))
}
sed -i 's/^recorder: DV0../recorder: DV099/' "$cell/meetings/2025/2025-03-05.yaml"
same "a meeting file changed"
cp "$cell/meetings/2025/2025-04-03.yaml" "$cell/meetings/2025/2025-04-09.yaml"
same "a meeting file added"
rm "$cell/meetings/2025/2025-04-09.yaml"
same "a meeting file removed"
sed -i 's/^  name: Chi bộ thôn Tân Thành/  name: Chi bộ Tân Thành/' "$cell/cell.yaml"
sed -i 's/^    name: Trần Thị Lan/    name: Trần Thị Lan Anh/' "$cell/cell.yaml"
same "the roster changed"
sed -i 's/from: 3, to: 7/from: 4, to: 6/' "$tmp/office/plan.yaml"
same "the plan changed"
same "another rule set" --ignore ref/unknown-member
same "with threads" -j 2
LC_ALL=vi_VN.UTF-8 same "another language"
for f in "$tmp/cache"/*; do printf 'garbage' >"$f"; done
same "a damaged cache"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
