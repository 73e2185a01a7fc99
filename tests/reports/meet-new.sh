#!/bin/sh
# cb meet new, in temporary copies of an example cell: the next month's
# file and its path; a suffix for a second meeting the same day; never an
# existing file, link or link target overwritten; a read-only year
# directory refused; the template, once its blanks are filled, passes
# cb check with no findings; the thematic template carries the plan's topic.
#
# usage: sh meet-new.sh CB
set -u
cb=$1
# shellcheck source=tests/reports/lib.sh
. "$(dirname "$0")/lib.sh"
office=$examples/dang-uy-xa-nghia-an
# The test makes read-only folders: writable again before they go.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
skip=0
# is WHAT GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok; else
		bad "$1: got '$2', want '$3'"
	fi
}
# fresh NAME: a new copy of the office; $cell is its cell.
fresh() {
	cp -R "$office" "$tmp/$1" || exit 1
	cell=$tmp/$1/chi-bo-tan-thanh
	[ -f "$cell/cell.yaml" ] || {
		echo "FAIL setup: no $cell/cell.yaml"
		exit 1
	}
}
# new ARGS...: cb meet new, stdout in $out, stderr in $err, status in $st
new() {
	"$cb" meet new "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
sums() { # the checksums of every file under DIR, symlinks as links
	(cd "$1" && find . \( -type f -o -type l \) ! -name '.cb-new-*' |
	    LC_ALL=C sort | while read -r f; do
		if [ -L "$f" ]; then
			echo "$f -> $(readlink "$f")"
		else
			echo "$f $(cksum <"$f")"
		fi
	done)
}
no_temp_left() { # WHAT DIR
	left=$(find "$2" -name '.cb-new-*' | head -3)
	if [ -z "$left" ]; then ok; else bad "$1: temporary file left: $left"; fi
}

# ---- the next month, then the one after ----
fresh next
sums "$cell" >"$tmp/before"
new $asof "$cell"
is "first meet new: status" "$st" 0
is "first meet new: the path printed" "$out" "$cell/meetings/2026/2026-01-03.yaml"
is "first meet new: stderr" "$err" ""
[ -f "$cell/meetings/2026/2026-01-03.yaml" ] && ok ||
    bad "first meet new: no file written"
first=$(cksum <"$cell/meetings/2026/2026-01-03.yaml")
new $asof "$cell"
is "second meet new: status" "$st" 0
is "second meet new: the following month" "$out" \
    "$cell/meetings/2026/2026-02-03.yaml"
is "second meet new: the first file untouched" \
    "$(cksum <"$cell/meetings/2026/2026-01-03.yaml")" "$first"
# Nothing else changed.
sums "$cell" | grep -v '^./meetings/2026/' >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok; else
	bad "meet new changed other files:"
	diff "$tmp/before" "$tmp/after" | head -5
fi
no_temp_left "next" "$cell"

# The template itself.
t=$cell/meetings/2026/2026-01-03.yaml
line1=$(head -n 1 "$t")
case $line1 in
'# yaml-language-server: $schema='?*) ok ;;
*) bad "the template's first line: '$line1'" ;;
esac
schema=${line1#*\$schema=}
[ -f "$schema" ] && ok || bad "the schema '$schema' does not exist"
is "kind" "$(grep '^kind:' "$t")" "kind: regular"
is "date" "$(grep '^date:' "$t" | awk '{print $2}')" "2026-01-03"
is "chair: the secretary" "$(grep '^chair:' "$t" | awk '{print $2}')" "DV001"
# Every expected member present; DV009 (exempt) and DV011 (left) not.
present=$(sed -n '/^present:/,/^[a-z]/s/^  - \(DV[0-9]*\).*/\1/p' "$t" | tr '\n' ' ')
is "present" "$present" \
    "DV001 DV002 DV003 DV004 DV005 DV006 DV007 DV008 DV010 DV012 DV013 DV014 DV015 DV016 DV017 DV018 "
# A review entry for each resolution of 2025-12-04.
prev=$cell/meetings/2025/2025-12-04.yaml
want=$(sed -n '/^resolutions:/,$s/^  - id: *\([0-9A-Za-z-]*\).*/2025-12-04\/\1/p' "$prev" | tr '\n' ' ')
got=$(sed -n 's/^  - ref: \([^ ]*\).*/\1/p' "$t" | tr '\n' ' ')
[ -n "$want" ] || bad "setup: no resolutions read from $prev"
is "review refs" "$got" "$want"
is "the plan's required agenda items" \
    "$(grep -c 'item: tw4\|item: anticorruption' "$t")" 2

# ---- the template, filled in, passes cb check ----
# fill FILE: the blanks a secretary fills, by sed.
fill() {
	sed -i \
	    -e 's/^start: /start: "19:30"/' \
	    -e 's/^end: /end: "21:30"/' \
	    -e 's/^papers_posted: /papers_posted: '"$2"'/' \
	    -e 's/^place: /place: Nhà văn hóa thôn Tân Thành/' \
	    -e 's/^recorder: /recorder: DV005/' \
	    -e 's/^    status: /    status: done/' \
	    -e 's/^    content: /    content: Tổ chức tổng vệ sinh đường làng/' \
	    -e 's/^    deadline: /    deadline: 2026-01-31/' \
	    -e 's/^    assignees: \[\]/    assignees: [DV003]/' \
	    -e 's/^  conclusion: /  conclusion: Chi bộ thống nhất các giải pháp/' \
	    -e 's/^  reported: /  reported: 2026-01-12/' \
	    -e 's/^  approved: false/  approved: true/' \
	    -e 's/^  signed: \[\]/  signed: [DV001, DV005]/' \
	    "$1"
}
# clean WHAT PATH...: cb check with no findings at all
clean() {
	what=$1
	shift
	"$cb" check --as-of 2026-01-15 "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	summary=$(tail -n 1 "$tmp/err")
	case $st:$summary in
	"0:0 errors, 0 warnings in "*) ok ;;
	*)
		bad "$what: cb check: status $st, $summary"
		head -10 "$tmp/out"
		;;
	esac
}
fresh check
new $asof "$cell"
is "meet new for check: status" "$st" 0
f=$cell/meetings/2026/2026-01-03.yaml
# Unfilled, the template is read (no syntax or schema errors beyond blanks).
"$cb" check --as-of 2026-01-15 --format csv "$f" >"$tmp/out" 2>&1
if grep -q 'syntax/' "$tmp/out"; then
	bad "the unfilled template has syntax findings:"
	head -5 "$tmp/out"
else
	ok
fi
fill "$f" 2026-01-01
if grep -qE '^(start|end|place|recorder|papers_posted): *(#|$)' "$f"; then
	bad "fill left a blank:"
	grep -nE '^(start|end|place|recorder|papers_posted): *(#|$)' "$f"
fi
clean "the filled regular template" "$f"
clean "the cell with the filled regular template" "$cell"

# ---- --kind thematic: the topic of plans/YYYY.yaml ----
fresh thematic
cat >"$cell/plans/2026.yaml" <<'EOF'
year: 2026
quarters:
  - quarter: 1
    topic: "Học tập, quán triệt Nghị quyết Đại hội XIV của Đảng: chủ đề kiểm thử"
    category: directives
    presenter: DV002
  - quarter: 2
    topic: Chủ đề quý hai
    category: hcm
    presenter: DV003
EOF
new $asof --kind thematic "$cell"
is "thematic: status" "$st" 0
is "thematic: the name" "$out" "$cell/meetings/2026/2026-01-03-chuyen-de.yaml"
t=$cell/meetings/2026/2026-01-03-chuyen-de.yaml
is "thematic: kind" "$(grep '^kind:' "$t" 2>/dev/null)" "kind: thematic"
is "thematic: the planned topic" "$(grep '^  topic:' "$t" 2>/dev/null)" \
    '  topic: "Học tập, quán triệt Nghị quyết Đại hội XIV của Đảng: chủ đề kiểm thử"'
is "thematic: the planned category" \
    "$(grep '^  category:' "$t" 2>/dev/null | awk '{print $2}')" directives
is "thematic: the planned presenter" \
    "$(grep '^  presenter:' "$t" 2>/dev/null | awk '{print $2}')" DV002
is "thematic: no review" "$(grep -c '^review:' "$t" 2>/dev/null)" 0
case $(head -n 1 "$t" 2>/dev/null) in
'# yaml-language-server: $schema='?*) ok ;;
*) bad "thematic: the first line is not the schema line" ;;
esac
# A thematic meeting in 2025, Q4: the topic of plans/2025.yaml.
new $asof --kind thematic --date 2025-12-20 "$cell"
is "thematic 2025: status" "$st" 0
t=$cell/meetings/2025/2025-12-20-chuyen-de.yaml
want=$(sed -n '/quarter: 4/,$s/^    topic: *//p' "$cell/plans/2025.yaml" | head -n 1 | sed 's/^"//; s/"$//')
is "thematic 2025: the Q4 topic" \
    "$(sed -n 's/^  topic: "\(.*\)"$/\1/p' "$t" 2>/dev/null)" "$want"
# Filled in, it passes cb check too.
t=$cell/meetings/2026/2026-01-03-chuyen-de.yaml
fill "$t" 2026-01-01
clean "the filled thematic template" "$t"

# ---- --kind extraordinary ----
new $asof --kind extraordinary --date 2026-01-20 "$cell"
is "extraordinary: status" "$st" 0
is "extraordinary: the name" "$out" \
    "$cell/meetings/2026/2026-01-20-bat-thuong.yaml"

# ---- --date on an existing meeting's day: a suffix, the file untouched ----
fresh sameday
old=$cell/meetings/2025/2025-12-04.yaml
sum=$(cksum <"$old")
new $asof --date 2025-12-04 "$cell"
is "same day: status" "$st" 0
is "same day: a -2 name" "$out" "$cell/meetings/2025/2025-12-04-2.yaml"
is "same day: the existing file untouched" "$(cksum <"$old")" "$sum"
new $asof --date 2025-12-04 "$cell"
is "same day again: a -3 name" "$out" "$cell/meetings/2025/2025-12-04-3.yaml"
is "same day again: the existing file untouched" "$(cksum <"$old")" "$sum"
# The combined session's thematic file: a second thematic gets -2.
th=$cell/meetings/2025/2025-10-05-chuyen-de.yaml
sum=$(cksum <"$th")
new $asof --kind thematic --date 2025-10-05 "$cell"
is "same day thematic: a -2 name" "$out" \
    "$cell/meetings/2025/2025-10-05-chuyen-de-2.yaml"
is "same day thematic: the existing file untouched" "$(cksum <"$th")" "$sum"
no_temp_left "sameday" "$cell"

# ---- symbolic links where the next file would go ----
# linked WHAT: after meet new, the link and its target are unchanged and the
# command chose another name (status 0) or refused (status 2).
linked() {
	what=$1 link=$2 target=$3 tsum=$4
	if [ ! -L "$link" ]; then
		bad "$what: the link was replaced"
	elif [ "$(readlink "$link")" != "$target" ]; then
		bad "$what: the link now points to $(readlink "$link")"
	else
		ok
	fi
	if [ "$tsum" = none ]; then
		[ -e "$target" ] && bad "$what: the link's target was created" || ok
	else
		is "$what: the link's target unchanged" "$(cksum <"$target")" "$tsum"
	fi
	case $st in
	0)
		[ "$out" != "$link" ] && [ -f "$out" ] && [ ! -L "$out" ] && ok ||
		    bad "$what: status 0 but wrote '$out'"
		;;
	2)
		[ -n "$err" ] && ok || bad "$what: status 2 without a message"
		;;
	*) bad "$what: status $st" ;;
	esac
}
fresh dangling
mkdir -p "$cell/meetings/2026"
ln -s "$tmp/nowhere.yaml" "$cell/meetings/2026/2026-01-03.yaml"
new $asof "$cell"
linked "dangling link" "$cell/meetings/2026/2026-01-03.yaml" \
    "$tmp/nowhere.yaml" none
is "dangling link: another name" "$st $out" \
    "0 $cell/meetings/2026/2026-01-03-2.yaml"
no_temp_left "dangling" "$cell"

fresh tofile
mkdir -p "$cell/meetings/2026"
printf 'keep: this file\n' >"$tmp/target.yaml"
tsum=$(cksum <"$tmp/target.yaml")
ln -s "$tmp/target.yaml" "$cell/meetings/2026/2026-01-03.yaml"
new $asof "$cell"
linked "link to a file" "$cell/meetings/2026/2026-01-03.yaml" \
    "$tmp/target.yaml" "$tsum"
no_temp_left "tofile" "$cell"

# A link to a directory where the year directory would be is followed
# (like any directory), but nothing in it is replaced.
fresh yearlink
mkdir "$tmp/elsewhere"
printf 'keep\n' >"$tmp/elsewhere/2026-01-03.yaml"
tsum=$(cksum <"$tmp/elsewhere/2026-01-03.yaml")
ln -s "$tmp/elsewhere" "$cell/meetings/2026"
new $asof "$cell"
is "linked year directory: the file there unchanged" \
    "$(cksum <"$tmp/elsewhere/2026-01-03.yaml")" "$tsum"
case $st in 0 | 2) ok ;; *) bad "linked year directory: status $st" ;; esac

# ---- a read-only year directory ----
fresh readonly
mkdir -p "$cell/meetings/2026"
chmod 555 "$cell/meetings/2026"
if (: >"$cell/meetings/2026/.probe") 2>/dev/null; then
	rm -f "$cell/meetings/2026/.probe"
	echo "SKIP read-only directory: this user (root?) can write in a" \
	    "mode 555 directory"
	skip=$((skip + 1))
else
	new $asof "$cell"
	is "read-only directory: status" "$st" 2
	case $err in
	*"cannot write"*"meetings/2026"*) ok ;;
	*) bad "read-only directory: the message: '$err'" ;;
	esac
	is "read-only directory: nothing written" \
	    "$(find "$cell/meetings/2026" -type f | wc -l | tr -d ' ')" 0
fi
chmod 755 "$cell/meetings/2026"

# ---- no schema line with --schema '' ----
fresh noschema
new $asof --schema= "$cell"
is "--schema='': status" "$st" 0
case $(head -n 1 "$out" 2>/dev/null) in
'# yaml-language-server'*) bad "--schema='': the schema line is still there" ;;
'#'*) ok ;;
*) bad "--schema='': the first line: $(head -n 1 "$out" 2>/dev/null)" ;;
esac

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
