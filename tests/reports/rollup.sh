#!/bin/sh
# The party's levels, end to end: a three-level tree (a province office
# over district offices over commune offices over cells). Each commune
# office reports on its own cells; each district merges its communes'
# reports; the province merges its districts'. The result must be, byte for
# byte, the report of the whole tree: sums are exact and percentages are
# recomputed at every level, never averaged.
#
# usage: sh rollup.sh CB
set -u
cb=$1
# shellcheck source=tests/reports/lib.sh
. "$(dirname "$0")/lib.sh"

# tinh/huyen-D/xa-D-C/<an example office>: 2 districts x 2 communes x 3.
n=0
for d in 1 2; do
	for c in 1 2; do
		dir=$tmp/tinh/huyen-$d/xa-$d-$c
		mkdir -p "$dir"
		for office in dang-uy-xa-nghia-an dang-uy-phuong-minh-khai \
		    dang-uy-khoi-co-quan-quang-binh; do
			cp -R "$examples/$office" "$dir/$office"
		done
	done
done
find "$tmp/tinh" -name cell.yaml | LC_ALL=C sort | while read -r f; do
	n=$((n + 1))
	sed -i "s/^  code: \(.*\)$/  code: T$n-\1/" "$f"
done

for period in "--year 2025" "--quarter 2025-Q4" "--month 2024-06"; do
	# shellcheck disable=SC2086
	"$cb" report $period --as-of 2026-01-02 --format csv "$tmp/tinh" \
	    >"$tmp/whole.csv" 2>"$tmp/err" || {
		echo "FAIL report of the whole tree ($period)"
		cat "$tmp/err"
		fail=$((fail + 1))
		continue
	}
	for d in 1 2; do
		for c in 1 2; do
			# shellcheck disable=SC2086
			"$cb" report $period --as-of 2026-01-02 --format csv \
			    "$tmp/tinh/huyen-$d/xa-$d-$c" >"$tmp/xa-$d-$c.csv"
		done
		"$cb" report merge --format csv "$tmp/xa-$d-1.csv" \
		    "$tmp/xa-$d-2.csv" >"$tmp/huyen-$d.csv"
	done
	"$cb" report merge --format csv "$tmp/huyen-1.csv" "$tmp/huyen-2.csv" \
	    >"$tmp/tinh.csv"
	if cmp -s "$tmp/whole.csv" "$tmp/tinh.csv"; then
		pass=$((pass + 1))
	else
		echo "FAIL three levels of merges differ from the whole ($period):"
		diff "$tmp/whole.csv" "$tmp/tinh.csv" | head -10
		fail=$((fail + 1))
	fi
	# The province's total row is exactly the sum of the cells' rows.
	awk -F, 'NR > 1 && $1 != "TOTAL" { p += $9; e += $10 }
	    $1 == "TOTAL" { tp = $9; te = $10 }
	    END { exit !(p == tp && e == te) }' "$tmp/tinh.csv" &&
	    pass=$((pass + 1)) || {
		echo "FAIL the total row is not the sum of the cells ($period)"
		fail=$((fail + 1))
	}
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
