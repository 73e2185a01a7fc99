#!/bin/sh
# Hostile inputs: each must end within its time limit, never crash (exit
# status 0, 1 or 2 only), and report the expected rule. Inputs are made
# here, in a temporary directory, so no 20 MB file lives in the repository.
set -u
cb=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect NAME RULE [LIMIT]: run cb check on $tmp/NAME.yaml.
expect() {
	name=$1 rule=$2 limit=${3:-10}
	start=$(date +%s)
	timeout "$limit" "$cb" check --as-of 2024-12-31 --format csv \
	    "$tmp/$name.yaml" >"$tmp/out" 2>"$tmp/err"
	st=$?
	end=$(date +%s)
	if [ $st -ge 3 ]; then
		echo "FAIL $name: exit status $st (crash or time-out after $((end - start))s)"
		head -5 "$tmp/err"
		fail=$((fail + 1))
	elif ! grep -q ",$rule," "$tmp/out"; then
		echo "FAIL $name: no $rule finding"
		head -5 "$tmp/out"
		fail=$((fail + 1))
	else
		echo "ok   $name ($rule, $((end - start))s)"
		pass=$((pass + 1))
	fi
}

# Alias bomb ("billion laughs"): refused at the first anchor, never expanded.
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
	p=a
	for n in b c d e f g h i j k l m; do
		echo "$n: &$n [*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p]"
		p=$n
	done
} >"$tmp/alias-bomb.yaml"
expect alias-bomb syntax/alias

# 10,000-deep block nesting and 1 MB of '[' (libyaml is quadratic there).
awk 'BEGIN { for (i = 0; i < 10000; i++) { for (j = 0; j < i % 80; j++) printf " "; printf "k%d:\n", i } }' \
    >"$tmp/deep-block.yaml"
expect deep-block syntax/limits
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "x" }' >"$tmp/deep-seq.yaml"
expect deep-seq syntax/limits
head -c 1048576 /dev/zero | tr '\0' '[' >"$tmp/brackets.yaml"
expect brackets syntax/limits
head -c 1048576 /dev/zero | tr '\0' '{' >"$tmp/braces.yaml"
expect braces syntax/limits

# A 20 MB file: refused by its size, without being read.
{ echo "kind: regular"; head -c 20971520 /dev/zero | tr '\0' '#'; } >"$tmp/huge.yaml"
expect huge syntax/limits

# A scalar over 64 KiB.
{ printf 'kind: '; head -c 70000 /dev/zero | tr '\0' 'x'; echo; } >"$tmp/long-scalar.yaml"
expect long-scalar syntax/limits

# 200,001 values in a flat list (bounded memory).
awk 'BEGIN { print "present:"; for (i = 0; i < 200001; i++) print "- a" }' >"$tmp/wide.yaml"
expect wide syntax/limits 30

# Encodings: TCVN3 ("Chi bé th«n T©n Thµnh"), VNI, Windows-1258, UTF-16.
printf 'cell:\n  name: Chi b\351 th\253n T\251n Th\265nh \256\265\n' >"$tmp/tcvn3.yaml"
expect tcvn3 syntax/encoding
grep -q 'TCVN3' "$tmp/out" || { echo "FAIL tcvn3: not named"; fail=$((fail + 1)); }
printf 'cell:\n  name: Chi bo\344 tha\364n Ta\342n Tha\370nh\n' >"$tmp/vni.yaml"
expect vni syntax/encoding
printf 'cell:\n  name: Chi b\364\362 th\364n T\342n Tha\314nh\n' >"$tmp/cp1258.yaml"
expect cp1258 syntax/encoding
printf '\377\376k\000i\000n\000d\000:\000 \000x\000\n\000' >"$tmp/utf16.yaml"
expect utf16 syntax/encoding
printf 'k\000i\000n\000d\000:\000 \000x\000\n\000' >"$tmp/utf16-nobom.yaml"
expect utf16-nobom syntax/encoding
printf 'kind: regular\ndate: 2024-01-05\nplace: a\000b\n' >"$tmp/nul.yaml"
expect nul syntax/encoding
grep -q '^[^,]*,3,' "$tmp/out" || { echo "FAIL nul: not on line 3"; fail=$((fail + 1)); }
printf 'kind: regular\ndate: 2024-01-05\nplace: \033[31mred\n' >"$tmp/escape.yaml"
expect escape syntax/encoding

# Tabs, two documents, an empty file, bad and half-valid dates.
printf 'kind: regular\ndate: 2024-01-05\npresent:\n\t- DV001\n' >"$tmp/tabs.yaml"
expect tabs syntax/yaml
grep -q 'tab' "$tmp/out" || { echo "FAIL tabs: no word of tabs"; fail=$((fail + 1)); }
printf 'kind: regular\ndate: 2024-01-05\n---\nkind: regular\n' >"$tmp/two-docs.yaml"
expect two-docs syntax/yaml
: >"$tmp/empty.yaml"
expect empty schema/type
printf 'kind: regular\ndate: 2023-02-30\n' >"$tmp/feb30.yaml"
expect feb30 schema/value
printf 'kind: regular\ndate: 2023-2-3\n' >"$tmp/half-date.yaml"
expect half-date schema/value
printf 'kind: regular\ndate: 2023-02-03T10:00\n' >"$tmp/datetime.yaml"
expect datetime schema/value
printf 'kind: regular\ndate: 2024-01-05\nminutes: {approved: yes}\n' >"$tmp/yes.yaml"
expect yes schema/value

# BOM and CRLF are fine: no syntax finding at all.
printf '\357\273\277kind: regular\r\ndate: 2024-01-05\r\nplace: "Nh\303\240 v\304\203n h\303\263a"\r\n' >"$tmp/bom-crlf.yaml"
"$cb" check --as-of 2024-12-31 --format csv "$tmp/bom-crlf.yaml" >"$tmp/out" 2>&1
if grep -q 'syntax/' "$tmp/out"; then
	echo "FAIL bom-crlf: $(cat "$tmp/out")"
	fail=$((fail + 1))
else
	echo "ok   bom-crlf (accepted)"
	pass=$((pass + 1))
fi

# A named pipe with no writer: opening it would wait forever. Given on
# the command line and inside a cell, it is refused at once (status 2),
# and the cell's other files are still checked.
# fifo NAME PATH...: cb check PATH... must end in 10 s with status 2 and
# say the pipe is not a regular file.
fifo() {
	name=$1
	shift
	timeout 10 "$cb" check --as-of 2024-12-31 "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 2 ]; then
		echo "FAIL $name: exit status $st (2 expected; 124 is a hang)"
		fail=$((fail + 1))
	elif ! grep -q "not a regular file (a named pipe" "$tmp/err"; then
		echo "FAIL $name: $(cat "$tmp/err")"
		fail=$((fail + 1))
	else
		echo "ok   $name (refused, status 2)"
		pass=$((pass + 1))
	fi
}
if mkfifo "$tmp/pipe.yaml" 2>/dev/null; then
	fifo fifo-argument "$tmp/pipe.yaml"
	mkdir -p "$tmp/office"
	cp -R "$(dirname "$0")/../../examples/dang-uy-xa-nghia-an" "$tmp/office/"
	m=$(find "$tmp/office" -path '*/meetings/*' -name '*.yaml' | sort | head -n 1)
	rm "$m" && mkfifo "$m"
	fifo fifo-in-cell "$tmp/office"
	if grep -q " in [1-9][0-9]* files" "$tmp/err"; then
		echo "ok   fifo-in-cell: the other files are checked"
		pass=$((pass + 1))
	else
		echo "FAIL fifo-in-cell: $(tail -n 1 "$tmp/err")"
		fail=$((fail + 1))
	fi
fi

# A program saved as .yaml (NULs on both sides, unlike UTF-16): told it
# is not a text file, not that it is UTF-16.
cp "$(command -v sh)" "$tmp/program.yaml"
expect program syntax/encoding
if grep -q "not a text file" "$tmp/out" && ! grep -q "UTF-16" "$tmp/out"; then
	echo "ok   program: not a text file"
	pass=$((pass + 1))
else
	echo "FAIL program: $(head -c 300 "$tmp/out")"
	fail=$((fail + 1))
fi

# A file name that is not UTF-8 (an old encoding): --format json still
# writes valid JSON, the byte shown as U+FFFD.
mkdir -p "$tmp/latin1"
printf 'kind: [regular\n' >"$tmp/latin1/$(printf 'bi\352n-b\341n').yaml"
"$cb" check --format json --as-of 2024-12-31 "$tmp/latin1/"*.yaml >"$tmp/out" 2>/dev/null
if python3 -c 'import json, sys
lines = sys.stdin.buffer.read().decode("utf-8").splitlines()
assert lines and all("\ufffd" in json.loads(l)["path"] for l in lines)' <"$tmp/out"; then
	echo "ok   json-latin1-name (valid JSON, U+FFFD)"
	pass=$((pass + 1))
else
	echo "FAIL json-latin1-name: $(head -c 300 "$tmp/out")"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
