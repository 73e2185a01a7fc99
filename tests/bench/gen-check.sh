#!/bin/sh
# gen-check.sh CB GEN: the benchmark's generator writes what it says.
#
#  - clean trees (several sizes and seeds): cb check finds nothing;
#  - the same arguments give the same bytes, another seed other bytes, and
#    a reference tree has a known checksum (the same bytes everywhere);
#  - planted trees: cb check reports exactly the findings listed in
#    expected-findings.txt (path:line: rule-id), no more and no fewer:
#    N=5 Y=2 K=10, and every kind of plant once (K=19).
#
# A difference on a clean tree is either a generator bug or a false finding
# of cb's; the output says which file and rule, to reproduce by hand with
# `cb-gen --cells N --years Y --seed S DIR && cb check --as-of 2026-01-02 DIR`.
set -u
cb=${1:?usage: gen-check.sh CB GEN}
gen=${2:?usage: gen-check.sh CB GEN}
export LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC
asof=2026-01-02
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
	pass=$((pass + 1))
	echo "ok: $*"
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# findings DIR: `path:line: rule` for each finding, path relative to DIR.
findings() {
	"$cb" check --as-of $asof "$1" 2>/dev/null |
	    sed -n 's#^'"$1"'/\([^:]*\):\([0-9]*\):[0-9]*: [a-z]*: .*\[\([a-z-]*/[a-z-]*\)\]$#\1:\2: \3#p' |
	    LC_ALL=C sort
}

for args in "5 2 1" "3 1 7" "8 4 3" "2 12 20260102"; do
	set -- $args
	d=$tmp/clean-$1-$2-$3
	if ! "$gen" --cells "$1" --years "$2" --seed "$3" "$d" 2>"$tmp/err"; then
		bad "cb-gen --cells $1 --years $2 --seed $3: $(cat "$tmp/err")"
		continue
	fi
	"$cb" check --as-of $asof "$d" >"$tmp/out" 2>"$tmp/sum"
	st=$?
	if [ $st -eq 0 ] && [ ! -s "$tmp/out" ] &&
	    grep -q '^0 errors, 0 warnings in ' "$tmp/sum"; then
		ok "clean N=$1 Y=$2 S=$3: $(cat "$tmp/sum")"
	else
		bad "clean N=$1 Y=$2 S=$3: cb check exit $st, $(cat "$tmp/sum")"
		head -20 "$tmp/out"
	fi
done

"$gen" --cells 6 --years 2 --seed 9 --plant 4 "$tmp/a" 2>/dev/null
"$gen" --cells 6 --years 2 --seed 9 --plant 4 "$tmp/b" 2>/dev/null
"$gen" --cells 6 --years 2 --seed 10 --plant 4 "$tmp/c" 2>/dev/null
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then
	ok "same arguments, same bytes"
else
	bad "two runs with the same arguments differ"
fi
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then
	bad "seeds 9 and 10 give the same tree"
else
	ok "another seed, another tree"
fi
# The same bytes on every machine and compiler (the order in which C
# evaluates arguments is unspecified: one draw of the generator a
# statement). Change these numbers only with the generator, on purpose.
"$gen" --cells 3 --years 2 --seed 2026 "$tmp/gold" 2>/dev/null
sum=$(cd "$tmp/gold" && find . -type f | LC_ALL=C sort | xargs cat | cksum)
if [ "$sum" = "1911003699 265980" ]; then
	ok "the reference tree (3 cells, 2 years, seed 2026): cksum $sum"
else
	bad "the reference tree's cksum is $sum, not 1911003699 265980" \
	    "(the generator changed: update gen-check.sh if on purpose)"
fi

for args in "5 2 1 10" "5 2 2 10" "5 2 3 19" "4 3 4 19"; do
	set -- $args
	d=$tmp/plant-$1-$2-$3-$4
	if ! "$gen" --cells "$1" --years "$2" --seed "$3" --plant "$4" "$d" \
	    2>"$tmp/err"; then
		bad "cb-gen --plant $4: $(cat "$tmp/err")"
		continue
	fi
	LC_ALL=C sort "$d/expected-findings.txt" >"$tmp/want"
	n=$(wc -l <"$tmp/want")
	if [ "$n" -ne "$4" ]; then
		bad "N=$1 Y=$2 S=$3 K=$4: expected-findings.txt lists $n, not $4"
		continue
	fi
	findings "$d" >"$tmp/got"
	if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		ok "planted N=$1 Y=$2 S=$3 K=$4: cb reports exactly the $4"
	else
		bad "planted N=$1 Y=$2 S=$3 K=$4 (- expected, + reported):"
		sed -n '3,$p' "$tmp/diff"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
