#!/bin/sh
# audit-bench.sh [--tiny] [--commits N] [--cells C] CB
#
# How cb audit scales with history: a repository of N commits (default
# 10000) over C cells (default 120) is made with git fast-import, each
# commit adding or changing one small meeting file, by one of five authors,
# dates increasing. Then `cb audit` and `git log --name-status` are timed
# on it (the median of 3 runs each) and the ratio printed; the goal is
# cb audit <= 3x git log. Peak memory of cb audit is shown when
# /usr/bin/time can measure it.
#
# No timing is asserted: this fails only when a command fails. --tiny
# (N=200, C=10) is what ctest runs.
set -u
commits=10000
cells=120
while [ $# -gt 1 ]; do
	case $1 in
	--tiny) commits=200 cells=10 ;;
	--commits) commits=$2; shift ;;
	--cells) cells=$2; shift ;;
	*) echo "usage: audit-bench.sh [--tiny] [--commits N] [--cells C] CB" >&2
	   exit 2 ;;
	esac
	shift
done
[ $# -eq 1 ] || {
	echo "usage: audit-bench.sh [--tiny] [--commits N] [--cells C] CB" >&2
	exit 2
}
case $1 in
/*) cb=$1 ;;
*) cb=$(pwd)/$1 ;;
esac
[ -x "$cb" ] || { echo "no cb at $cb" >&2; exit 2; }
case $commits$cells in
*[!0-9]*) echo "--commits and --cells take numbers" >&2; exit 2 ;;
esac
if [ "$commits" -lt 1 ] || [ "$cells" -lt 1 ]; then
	echo "--commits and --cells take numbers from 1" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C TZ=UTC
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null

die() {
	echo "FAIL: $*"
	exit 1
}

r=$tmp/r
git init -q --bare "$r" || die "git init"

# The stream: commit i by author i % 5, an hour after commit i - 1.
# Three commits in four add a meeting of cell i % C, dated 0-9 days
# before the commit; the fourth changes the cell's last meeting, with a
# new amendment every other time (the audit reads both versions then).
awk -v n="$commits" -v c="$cells" '
function data(s) { printf "data %d\n%s\n", length(s), s }
function meeting(date, amend, note,   s, k) {
	s = "kind: regular\ndate: " date "\nstart: \"19:30\"\nend: \"21:30\"\n" \
	    "place: Nha van hoa\nchair: DV001\nrecorder: DV002\n" \
	    "present: [DV001, DV002, DV003, DV004]\n" \
	    "agenda:\n  - item: news\n  - item: next-tasks\n" \
	    "resolutions:\n  - id: 1\n    content: Viec " note "\n" \
	    "    deadline: " date "\n    assignees: [DV003]\n" \
	    "minutes:\n  approved: true\n  signed: [DV001, DV002]\n"
	if (amend > 0) {
		s = s "amendments:\n"
		for (k = 1; k <= amend; k++)
			s = s "  - date: " date "\n    by: DV002\n    reason: Sua lan " k "\n"
	}
	return s
}
function ymd(t,   z, era, doe, yoe, doy, mp, d, m, y) {
	# days since 1970-01-01 to a civil date (H. Hinnant)
	z = int(t / 86400) + 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2) y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}
BEGIN {
	split("An Binh Cuong Dung Hanh", who, " ")
	t0 = 1704067200	# 2024-01-01
	for (i = 0; i < n; i++) {
		t = t0 + i * 3600
		a = who[i % 5 + 1]
		cell = sprintf("cell-%03d", i % c)
		printf "commit refs/heads/main\n"
		printf "author %s <%s@example.org> %d +0700\n", a, tolower(a), t
		printf "committer %s <%s@example.org> %d +0700\n", a, tolower(a), t
		data("commit " i)
		if (i == 0) {
			printf "M 100644 inline plan.yaml\n"
			data("name: Ke hoach\n")
		}
		if (i % 4 == 3 && (cell in last)) {
			p = last[cell]
			changes[p]++
			amend[p] += changes[p] % 2
			printf "M 100644 inline %s\n", p
			data(meeting(date[p], amend[p], i))
		} else {
			d = ymd(t - (i % 10) * 86400)
			p = "cells/" cell "/meetings/" substr(d, 1, 4) "/" d ".yaml"
			if (!(p in date))
				files++
			last[cell] = p
			date[p] = d
			printf "M 100644 inline %s\n", p
			data(meeting(d, amend[p], i))
		}
		printf "\n"
	}
	print files > "/dev/stderr"
}' 2>"$tmp/files" | git -C "$r" fast-import --quiet ||
    die "git fast-import"
files=$(cat "$tmp/files")
git -C "$r" symbolic-ref HEAD refs/heads/main
n=$(git -C "$r" rev-list --count HEAD) || die "git rev-list"
[ "$n" -eq "$commits" ] || die "$n commits made, not $commits"

now() {
	date +%s.%N
}

# median3 CMD...: run CMD 3 times (output discarded, status 0 or 1
# accepted), print the median wall time in seconds.
median3() {
	for _ in 1 2 3; do
		s=$(now)
		"$@" >/dev/null 2>"$tmp/err"
		st=$?
		e=$(now)
		[ $st -le 1 ] || { cat "$tmp/err"; die "$* (status $st)"; }
		echo "$s $e" | awk '{ printf "%.4f\n", $2 - $1 }'
	done | sort -n | sed -n 2p
}

cd "$r" || exit 2
# The table is right: one row per meeting file, no file missing.
"$cb" audit --format csv >"$tmp/audit.csv" 2>"$tmp/audit.err"
st=$?
[ $st -le 1 ] || { cat "$tmp/audit.err"; die "cb audit (status $st)"; }
rows=$(($(wc -l <"$tmp/audit.csv") - 1))
[ "$rows" -eq "$files" ] ||
    echo "note: cb audit lists $rows meeting files, the history has $files"
t_cb=$(median3 "$cb" audit --format csv)
t_git=$(median3 git log --name-status)
ratio=$(echo "$t_cb $t_git" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }')
echo "commits: $commits  cells: $cells  meeting files: $files"
echo "cb audit:             ${t_cb} s (median of 3)"
echo "git log --name-status: ${t_git} s (median of 3)"
echo "ratio: ${ratio}x (goal: 3x or less)"
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	/usr/bin/time -v "$cb" audit --format csv >/dev/null 2>"$tmp/time"
	st=$?
	[ $st -le 1 ] || die "cb audit under /usr/bin/time (status $st)"
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	echo "cb audit peak RSS: ${rss} kB"
else
	echo "cb audit peak RSS: not measured (no GNU /usr/bin/time)"
fi
echo "1 passed, 0 failed"
