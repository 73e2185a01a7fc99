#!/bin/sh
# cb report merge is exact: for random splits of an office tree's cells into
# groups, merging the groups' CSV reports (in any order, and in stages, as
# the levels above an office do) gives byte for byte the report of the whole
# tree; and a merged report merged alone is unchanged.
#
# The tree: the example offices copied three times, each copy's cells given
# a unique code, so at least 12 cells. The splits are seeded (awk srand), so
# a failure is reproducible: the trial number names the split.
#
# usage: sh merge-property.sh CB
set -u
cb=$1
# shellcheck source=tests/reports/lib.sh
. "$(dirname "$0")/lib.sh"
trials=20

# ---- the tree ----
mkdir "$tmp/tree"
n=0
for copy in 1 2 3; do
	for office in dang-uy-xa-nghia-an dang-uy-phuong-minh-khai \
	    dang-uy-khoi-co-quan-quang-binh; do
		[ -d "$examples/$office" ] || {
			echo "FAIL setup: no $examples/$office"
			exit 1
		}
		cp -R "$examples/$office" "$tmp/tree/$copy-$office"
	done
done
# A unique code per cell: P<n>-<the example's code>.
find "$tmp/tree" -name cell.yaml | LC_ALL=C sort >"$tmp/cells.yaml"
while read -r f; do
	n=$((n + 1))
	sed -i "s/^  code: \(.*\)$/  code: P$n-\1/" "$f"
	grep -q "^  code: P$n-" "$f" || {
		echo "FAIL setup: no code rewritten in $f"
		exit 1
	}
	dirname "$f" >>"$tmp/cells"
done <"$tmp/cells.yaml"
ncells=$(wc -l <"$tmp/cells")
if [ "$ncells" -lt 12 ]; then
	echo "FAIL setup: only $ncells cells"
	exit 1
fi
codes=$(xargs grep -h '^  code:' <"$tmp/cells.yaml" | sort | uniq -d)
[ -z "$codes" ] || {
	echo "FAIL setup: duplicate codes: $codes"
	exit 1
}
# The copies are as clean as the examples (a note only: findings are
# counts like any other, and add up the same).
if ! "$cb" check $asof --quiet "$tmp/tree" >"$tmp/check" 2>&1; then
	echo "note: cb check finds something in the copied examples:"
	head -5 "$tmp/check"
fi

# report PERIOD-OPTION OUT PATH...
report() {
	p=$1 out=$2
	shift 2
	"$cb" report $p $asof --format csv "$@" >"$out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 0 ]; then
		bad "cb report $p $*: status $st: $(head -3 "$tmp/err")"
		return 1
	fi
	return 0
}

# merge OUT CSV...: cb report merge --format csv
merge() {
	out=$1
	shift
	"$cb" report merge --format csv "$@" >"$out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 0 ]; then
		bad "cb report merge $*: status $st: $(head -3 "$tmp/err")"
		return 1
	fi
	return 0
}

# same WHAT EXPECTED GOT
same() {
	if cmp -s "$2" "$3"; then
		ok
	else
		bad "$1"
		diff "$2" "$3" | head -10
	fi
}

# The splits: line t holds the group (1..k) of each cell, k in 2..4, no
# group empty.
awk -v trials=$trials -v n="$ncells" 'BEGIN {
	srand(42)
	for (t = 1; t <= trials; t++) {
		k = 2 + int(rand() * 3)
		for (i = 1; i <= n; i++)
			order[i] = i
		for (i = n; i > 1; i--) {
			j = 1 + int(rand() * i)
			x = order[i]; order[i] = order[j]; order[j] = x
		}
		for (i = 1; i <= n; i++)
			g[order[i]] = i <= k ? i : 1 + int(rand() * k)
		line = k
		for (i = 1; i <= n; i++)
			line = line " " g[i]
		print line
	}
}' >"$tmp/splits"

for period in "--year=2025" "--quarter=2025-Q3" "--month=2024-06"; do
	whole=$tmp/whole.csv
	report "$period" "$whole" "$tmp/tree" || continue
	rows=$(wc -l <"$whole")
	if [ "$rows" -ne $((ncells + 2)) ]; then
		bad "$period: the whole report has $rows lines, not $((ncells + 2))"
	fi
	t=0
	while read -r k groups; do
		t=$((t + 1))
		d=$tmp/t$t
		mkdir -p "$d"
		files=
		rfiles=
		for j in $(seq 1 "$k"); do
			paths=$(echo "$groups" | tr ' ' '\n' | paste - "$tmp/cells" |
			    awk -v j="$j" -F '\t' '$1 == j { print $2 }')
			# shellcheck disable=SC2086
			report "$period" "$d/g$j.csv" $paths || continue 2
			files="$files $d/g$j.csv"
			rfiles="$d/g$j.csv $rfiles"
		done
		what="trial $t ($period, $k groups: $groups)"
		# shellcheck disable=SC2086
		merge "$d/m.csv" $files && same "$what: merged" "$whole" "$d/m.csv"
		# shellcheck disable=SC2086
		merge "$d/r.csv" $rfiles &&
		    same "$what: merged in reverse" "$whole" "$d/r.csv"
		# In stages: the first two groups, then the rest with that.
		set -- $files
		first=$1 second=$2
		shift 2
		if merge "$d/s1.csv" "$second" "$first" &&
		    merge "$d/s2.csv" "$@" "$d/s1.csv"; then
			same "$what: merged in stages" "$whole" "$d/s2.csv"
		fi
		# A merged report merged alone is itself.
		merge "$d/mm.csv" "$d/m.csv" &&
		    same "$what: merged again alone" "$d/m.csv" "$d/mm.csv"
		# Excel CSV (BOM, CRLF) in, plain CSV out: the same.
		"$cb" report merge --excel $files >"$d/x.csv" 2>/dev/null
		merge "$d/xm.csv" "$d/x.csv" &&
		    same "$what: merged from --excel" "$whole" "$d/xm.csv"
	done <"$tmp/splits"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
