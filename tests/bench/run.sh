#!/bin/sh
# run.sh [--cells N] [--years Y] [--runs R] [--seed S] [--tiny] [--work DIR]
#        [--gen CB-GEN] [--floor CB-FLOOR] CB
#
# cb's speed on one generated party office (cb-gen: default 2000 cells x 5
# years, about 165,000 files), against the floor (cb-floor: walk the tree,
# read every .yaml file and run libyaml's event parser over it, nothing
# else). Timed, each R times (default 3), the median kept:
#
#   floor                      cb-floor DIR
#   check -j1, check -jNPROC   cb check [-j N] --as-of 2026-01-02 DIR
#   report                     cb report --year 2025 --format csv DIR
#   check --rev HEAD           the same tree committed to a bare repository
#                              (loose objects, as git add leaves them), and
#                              the same repository packed (as a git server
#                              holds it: git clone --bare --no-local)
#   warm re-check              cb check --cache=C DIR after one meeting file
#                              changed (the cache filled beforehand), with
#                              -jNPROC and -j1
#
# and then the issue's targets as ratios of this run's medians.
#
# then tests/bench/audit-bench.sh (cb audit against git log), if present.
# Each line gives files/s, MB/s, peak RSS (with /usr/bin/time) and the
# ratio to the floor. An option cb does not have yet prints "not
# available". No timing is ever asserted: the script fails only when a
# command fails (cb exits 2 or more, the generator or the floor fails).
#
# --tiny (20 cells, 2 years, 1 run; audit-bench --tiny) is the ctest test
# bench/tiny. --work DIR keeps the corpus and the repository there and
# reuses them when the sizes and seed match (the default is a temporary
# directory, removed at the end).
set -u
cells=2000
years=5
runs=3
seed=1
tiny=0
work=
gen=
floor=
usage() {
	echo "usage: run.sh [--cells N] [--years Y] [--runs R] [--seed S]" \
	    "[--tiny] [--work DIR] [--gen CB-GEN] [--floor CB-FLOOR] CB" >&2
	exit 2
}
while [ $# -gt 1 ]; do
	case $1 in
	--cells) cells=$2; shift ;;
	--years) years=$2; shift ;;
	--runs) runs=$2; shift ;;
	--seed) seed=$2; shift ;;
	--tiny) tiny=1 cells=20 years=2 runs=1 ;;
	--work) work=$2; shift ;;
	--gen) gen=$2; shift ;;
	--floor) floor=$2; shift ;;
	*) usage ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
case $cells$years$runs$seed in
*[!0-9]*) echo "run.sh: --cells, --years, --runs and --seed take numbers" >&2
	exit 2 ;;
esac
[ "$cells" -ge 1 ] && [ "$years" -ge 1 ] && [ "$runs" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
abspath() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "$(pwd)/$1" ;;
	esac
}
cb=$(abspath "$1")
[ -x "$cb" ] || { echo "run.sh: no cb at $cb" >&2; exit 2; }
# cb-gen and cb-floor: given, or beside cb in the build tree, or on PATH.
find_tool() {
	for c in "$(dirname "$cb")/tests/$1" "$(dirname "$cb")/$1"; do
		[ -x "$c" ] && { echo "$c"; return; }
	done
	command -v "$1"
}
[ -n "$gen" ] || gen=$(find_tool cb-gen)
[ -n "$floor" ] || floor=$(find_tool cb-floor)
[ -n "$gen" ] && [ -x "$gen" ] || { echo "run.sh: cb-gen not found (--gen)" >&2; exit 2; }
[ -n "$floor" ] && [ -x "$floor" ] || { echo "run.sh: cb-floor not found (--floor)" >&2; exit 2; }
gen=$(abspath "$gen")
floor=$(abspath "$floor")

export LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC
asof=2026-01-02
nproc=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
tmp=$(mktemp -d)
if [ -z "$work" ]; then
	work=$tmp/work
	trap 'rm -rf "$tmp"' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
corpus=$work/corpus
failed=0

# Nanoseconds since some fixed point; whole seconds where date has no %N.
now() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N | '') echo "$(($(date +%s) * 1000000000))" ;;
	*) echo "$t" ;;
	esac
}
# GNU time for the peak RSS ($CB_BENCH_TIME overrides the path; without it
# the RSS column shows "-").
timer=${CB_BENCH_TIME:-/usr/bin/time}
if ! [ -x "$timer" ] || ! "$timer" -f %M -o "$tmp/probe" true 2>/dev/null; then
	timer=
fi

# ---------------------------------------------------------------- corpus
stamp="cells=$cells years=$years seed=$seed gen=$(cksum <"$gen" | cut -d' ' -f1)"
if [ -f "$corpus/.stamp" ] && [ "$(cat "$corpus/.stamp")" = "$stamp" ]; then
	gen_note="reused from $corpus"
else
	rm -rf "$corpus" "$work/repo.git" "$work/repo-packed.git"
	t0=$(now)
	if ! "$gen" --cells "$cells" --years "$years" --seed "$seed" "$corpus" \
	    2>"$tmp/gen.err"; then
		cat "$tmp/gen.err"
		echo "run.sh: cb-gen failed"
		exit 1
	fi
	t1=$(now)
	echo "$stamp" >"$corpus/.stamp"
	gen_note=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "generated in %.1f s", (b - a) / 1e9 }')
fi

# ------------------------------------------------------------------ timing
# measure LABEL DIR CMD...: runs CMD in DIR $runs times; sets med (seconds),
# rss (KiB, the most of any run, or empty) and st (the last exit status);
# stdout of the last run in $tmp/out, stderr in $tmp/err.
measure() {
	_label=$1
	_dir=$2
	shift 2
	: >"$tmp/times"
	rss=
	_i=0
	while [ $_i -lt "$runs" ]; do
		[ -n "${before_each:-}" ] && $before_each $_i
		_t0=$(now)
		if [ -n "$timer" ]; then
			(cd "$_dir" && "$timer" -f %M -o "$tmp/rss" "$@" \
			    >"$tmp/out" 2>"$tmp/err")
			st=$?
			_r=$(tail -n 1 "$tmp/rss" 2>/dev/null)
			case $_r in
			'' | *[!0-9]*) ;;
			*) [ -z "$rss" ] || [ "$_r" -gt "$rss" ] && rss=$_r ;;
			esac
		else
			(cd "$_dir" && "$@" >"$tmp/out" 2>"$tmp/err")
			st=$?
		fi
		_t1=$(now)
		echo "$((_t1 - _t0))" >>"$tmp/times"
		_i=$((_i + 1))
	done
	med=$(sort -n "$tmp/times" | awk '{ v[NR] = $1 } END {
		if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f", m / 1e9 }')
	if [ "$st" -ge 2 ]; then
		echo "run.sh: $_label failed (exit $st):" >&2
		head -5 "$tmp/err" >&2
		failed=1
	fi
}

files=0
bytes=0
floor_s=
row_fmt='%-40s %9s %10s %8s %10s %8s\n'
rows=$tmp/rows
: >"$rows"
# anon_peak DIR CMD...: the peak of the command's RssAnon (KiB), sampled
# every 20 ms from /proc (Linux); empty where there is none. The peak RSS
# of a --rev check also counts the pack's mapped pages, which are the
# page cache's; this is cb's own memory.
anon_peak() {
	_d=$1
	shift
	[ -r /proc/self/status ] || return 0
	(cd "$_d" && exec "$@") >/dev/null 2>&1 &
	_pid=$!
	_max=0
	while kill -0 "$_pid" 2>/dev/null; do
		_a=$(awk '/^RssAnon:/ { print $2 }' "/proc/$_pid/status" 2>/dev/null)
		[ -n "$_a" ] && [ "$_a" -gt "$_max" ] && _max=$_a
		sleep 0.02
	done
	wait "$_pid"
	[ "$_max" -gt 0 ] && echo "$_max"
}

# row LABEL: one line of the table from med and rss.
row() {
	_rss=-
	[ -n "$rss" ] && _rss=$(awk -v k="$rss" 'BEGIN { printf "%.1f MB", k / 1024 }')
	awk -v l="$1" -v s="$med" -v f="$files" -v b="$bytes" -v r="$_rss" \
	    -v fl="${floor_s:-$med}" -v fmt="$row_fmt" 'BEGIN {
		if (s <= 0) s = 0.0005
		printf fmt, l, sprintf("%.3f", s), sprintf("%.0f", f / s),
		    sprintf("%.1f", b / s / 1e6), r,
		    sprintf("%.2f", fl > 0 ? s / fl : 0) }' >>"$rows"
}
na() {
	printf "$row_fmt" "$1" "${2:-not available}" "" "" "" "" >>"$rows"
}
notes=$tmp/notes
: >"$notes"
# A clean corpus must check clean: say so when cb finds something.
check_clean() {
	if [ "$st" -eq 1 ] || [ -s "$tmp/out" ]; then
		n=$(wc -l <"$tmp/out")
		{
			echo "NOTE: $1 reported $n finding(s) on the clean corpus" \
			    "(a false finding, or a generator bug); the first:"
			head -5 "$tmp/out" | sed 's/^/  /'
		} >>"$notes"
	fi
}

measure floor "$work" "$floor" "$corpus"
[ "$st" -eq 0 ] || { cat "$tmp/err"; echo "run.sh: cb-floor failed"; exit 1; }
files=$(sed -n 's/^\([0-9]*\) files, \([0-9]*\) bytes.*/\1/p' "$tmp/out")
bytes=$(sed -n 's/^\([0-9]*\) files, \([0-9]*\) bytes.*/\2/p' "$tmp/out")
floor_s=$med
row "floor (read + libyaml events)"

# A cell to probe options with.
probe=$(find "$corpus" -name cell.yaml | head -n 1)
probe=$(dirname "$probe")
if "$cb" check -j 1 --as-of $asof "$probe" >/dev/null 2>&1; then
	have_j=1
else
	[ $? -ge 2 ] && have_j=0 || have_j=1
fi
# -j N for the commands compared with cb check -jN (the default is all the
# processors, but an older cb's was 1).
jn=
[ "$have_j" -eq 1 ] && jn="-j $nproc"

if [ $have_j -eq 1 ]; then
	measure "check -j1" "$work" "$cb" check -j 1 --as-of $asof "$corpus"
	check_clean "cb check -j1"
	row "cb check -j1"
	t_j1=$med
	summary=$(tail -n 1 "$tmp/err")
	measure "check -j$nproc" "$work" "$cb" check -j "$nproc" --as-of $asof "$corpus"
	check_clean "cb check -j$nproc"
	row "cb check -j$nproc"
	t_jn=$med
else
	measure "check" "$work" "$cb" check --as-of $asof "$corpus"
	check_clean "cb check"
	row "cb check (no -j option: as -j1)"
	summary=$(tail -n 1 "$tmp/err")
	na "cb check -j$nproc"
fi

measure report "$work" "$cb" report --year 2025 --format csv "$corpus"
row "cb report --year 2025 --format csv"
report_rows=$(($(wc -l <"$tmp/out") - 1))

# The same tree committed to a bare repository (no checkout).
if command -v git >/dev/null 2>&1; then
	repo=$work/repo.git
	if [ ! -f "$repo/.stamp" ] || [ "$(cat "$repo/.stamp")" != "$stamp" ]; then
		rm -rf "$repo"
		t0=$(now)
		export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench \
		    GIT_AUTHOR_EMAIL=bench@example.invalid \
		    GIT_COMMITTER_NAME=bench \
		    GIT_COMMITTER_EMAIL=bench@example.invalid \
		    GIT_AUTHOR_DATE=2026-01-02T00:00:00Z \
		    GIT_COMMITTER_DATE=2026-01-02T00:00:00Z
		if git init -q --bare "$repo" &&
		    (cd "$corpus" &&
			git --git-dir="$repo" --work-tree=. add -A -- . \
			    ':!.stamp' &&
			git --git-dir="$repo" --work-tree=. -c gc.auto=0 \
			    commit -q -m "corpus" >/dev/null); then
			echo "$stamp" >"$repo/.stamp"
			t1=$(now)
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "committed the corpus (git add + commit) in %.1f s\n", (b - a) / 1e9 }' >>"$notes"
		else
			echo "run.sh: could not commit the corpus" >&2
			failed=1
		fi
	fi
	# What a git server holds: the same commit in one pack (pushes
	# arrive packed, git gc packs), made by a clone through git's
	# transport.
	packed=$work/repo-packed.git
	if [ -f "$repo/.stamp" ] && { [ ! -f "$packed/.stamp" ] ||
	    [ "$(cat "$packed/.stamp")" != "$stamp" ]; }; then
		rm -rf "$packed"
		t0=$(now)
		if git clone -q --bare --no-local "$repo" "$packed" 2>"$tmp/clone.err"; then
			echo "$stamp" >"$packed/.stamp"
			t1=$(now)
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "packed it (git clone --bare --no-local) in %.1f s\n", (b - a) / 1e9 }' >>"$notes"
		else
			cat "$tmp/clone.err" >&2
			echo "run.sh: could not pack the repository" >&2
			failed=1
		fi
	fi
	if [ -f "$repo/.stamp" ]; then
		# shellcheck disable=SC2086 # $jn: -j and its number
		measure "check --rev HEAD" "$repo" "$cb" check $jn --rev HEAD --as-of $asof .
		check_clean "cb check --rev HEAD"
		row "cb check ${jn:+$jn }--rev HEAD (loose)"
		t_rev=$med
	else
		na "cb check --rev HEAD (loose)" "failed"
	fi
	if [ -f "$packed/.stamp" ]; then
		# shellcheck disable=SC2086
		measure "check --rev HEAD (packed)" "$packed" "$cb" check $jn --rev HEAD --as-of $asof .
		check_clean "cb check --rev HEAD (packed)"
		row "cb check ${jn:+$jn }--rev HEAD (one pack)"
		t_revp=$med
		# shellcheck disable=SC2086
		own=$(anon_peak "$packed" "$cb" check $jn --rev HEAD --as-of $asof .)
		[ -n "$own" ] && awk -v k="$own" 'BEGIN { printf "cb check --rev HEAD (one pack): cb'"'"'s own memory, the peak of RssAnon sampled every 20 ms, %.1f MB\n", k / 1024 }' >>"$notes"
		if [ "$have_j" -eq 1 ]; then
			measure "check -j1 --rev HEAD (packed)" "$packed" "$cb" check -j 1 --rev HEAD --as-of $asof .
			check_clean "cb check -j1 --rev HEAD (packed)"
			row "cb check -j1 --rev HEAD (one pack)"
			t_revp1=$med
		fi
	else
		na "cb check --rev HEAD (one pack)" "failed"
	fi
	# A warm --rev re-check, as a server's pre-receive hook sees a push:
	# the cache filled on HEAD, then a commit on top that changes one
	# meeting file (a new one before each run: another comment line),
	# checked with --rev. The cells are sealed by their blob ids.
	rel=$(cd "$corpus" && find . -path '*/meetings/*' -name '*.yaml' | sort | sed -n '100p' | sed 's|^\./||')
	if [ -f "$packed/.stamp" ] && [ -n "$rel" ] &&
	    rm -rf "$work/rev-cache" &&
	    (cd "$packed" && "$cb" check $jn --cache="$work/rev-cache" --rev HEAD \
		--as-of $asof . >/dev/null 2>&1 || [ $? -lt 2 ]); then
		commit_one() {
			_g="git --git-dir=$packed"
			_b=$({ $_g cat-file blob "HEAD:$rel" &&
			    echo "# sửa lần $1"; } | $_g hash-object -w --stdin) &&
			    GIT_INDEX_FILE=$tmp/warm.idx $_g read-tree HEAD &&
			    GIT_INDEX_FILE=$tmp/warm.idx $_g update-index \
				--cacheinfo "100644,$_b,$rel" &&
			    _t=$(GIT_INDEX_FILE=$tmp/warm.idx $_g write-tree) &&
			    _c=$(echo "one file changed" |
				$_g -c user.name=bench \
				    -c user.email=bench@example.invalid \
				    commit-tree "$_t" -p HEAD) &&
			    $_g update-ref refs/bench/warm "$_c"
		}
		before_each=commit_one
		# shellcheck disable=SC2086
		measure "warm --rev" "$packed" "$cb" check $jn --cache="$work/rev-cache" \
		    --rev refs/bench/warm --as-of $asof .
		check_clean "cb check --cache --rev (warm)"
		row "warm --rev re-check ${jn:+$jn }(1 file changed)"
		t_warm_rev=$med
		before_each=
	else
		na "warm --rev re-check (--cache, a commit)" "failed"
	fi
else
	na "cb check --rev HEAD (bare repo)" "no git"
fi

# A warm re-check: the cache filled, then one meeting file changes.
cache=$work/cache
rm -rf "$cache" "$tmp/probe-cache"
mkdir -p "$cache" "$tmp/probe-cache"
if "$cb" check --cache="$tmp/probe-cache" --as-of $asof "$probe" >/dev/null 2>&1 ||
    [ $? -lt 2 ]; then
	meeting=$(find "$corpus" -path '*/meetings/*' -name '*.yaml' | sort | sed -n '100p')
	[ -n "$meeting" ] || meeting=$(find "$corpus" -path '*/meetings/*' -name '*.yaml' | head -n 1)
	cp "$meeting" "$tmp/meeting.orig"
	"$cb" check --cache="$cache" --as-of $asof "$corpus" >/dev/null 2>&1
	# before each run: a different comment line at the end of the file
	edit_one() {
		cp "$tmp/meeting.orig" "$meeting"
		echo "# sửa lần $1" >>"$meeting"
	}
	before_each=edit_one
	# shellcheck disable=SC2086
	measure "warm re-check" "$work" "$cb" check $jn --cache="$cache" --as-of $asof "$corpus"
	check_clean "cb check --cache (warm)"
	row "warm re-check ${jn:+$jn }(1 file changed)"
	t_warm=$med
	if [ "$have_j" -eq 1 ]; then
		measure "warm re-check -j1" "$work" "$cb" check -j 1 --cache="$cache" --as-of $asof "$corpus"
		check_clean "cb check -j1 --cache (warm)"
		row "warm re-check -j1 (1 file changed)"
		t_warm1=$med
	fi
	before_each=
	cp "$tmp/meeting.orig" "$meeting"
else
	na "warm re-check (--cache, 1 file changed)"
fi

# ------------------------------------------------------------------ report
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "cb benchmark: $cells cells x $years years (seed $seed): $files files, $mb MB ($gen_note)"
echo "cb: $cb; $nproc CPU(s); median of $runs run(s); peak RSS $([ -n "$timer" ] && echo "by /usr/bin/time" || echo "not measured (no /usr/bin/time)")"
echo "cb check on the corpus: ${summary:-?}"
[ -n "$timer" ] && [ -n "${t_revp:-}" ] &&
    echo "(the peak RSS of a --rev row counts the pack's pages it touched: cb maps packs whole, and they are the page cache's)"
[ "${report_rows:-0}" -ge 0 ] && echo "cb report: $report_rows row(s)"
echo
printf "$row_fmt" "what" "median s" "files/s" "MB/s" "peak RSS" "x floor"
cat "$rows"
# The targets of the performance issue, as ratios of this run's medians.
ratio() { # NAME A B TARGET: A / B
	[ -n "$2" ] && [ -n "$3" ] &&
	    awk -v n="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
		if (b > 0) printf "  %-46s %6.2f  (target %s)\n", n, a / b, t }'
}
echo
echo "ratios:"
ratio "cb check -j1 / floor" "${t_j1:-}" "${floor_s:-}" "<= 1.3"
ratio "cb check -j1 / cb check -j$nproc (speed-up)" "${t_j1:-}" "${t_jn:-}" ">= 1.8 on 2 cores"
ratio "--rev HEAD, one pack / checkout (-j$nproc)" "${t_revp:-}" "${t_jn:-}" "<= 1.3"
ratio "--rev HEAD, one pack / checkout (-j1)" "${t_revp1:-}" "${t_j1:-}" "<= 1.3"
ratio "--rev HEAD, loose / checkout (-j$nproc)" "${t_rev:-}" "${t_jn:-}" "none; git packs loose objects"
ratio "warm re-check / cold check (-j$nproc)" "${t_warm:-}" "${t_jn:-}" "<= 0.05"
ratio "warm re-check / cold check (-j1)" "${t_warm1:-}" "${t_j1:-}" "<= 0.05"
ratio "warm --rev re-check / cold --rev, one pack (-j$nproc)" "${t_warm_rev:-}" "${t_revp:-}" "<= 0.05"
if [ -s "$notes" ]; then
	echo
	cat "$notes"
fi

if [ -f "$here/audit-bench.sh" ]; then
	echo
	echo "== audit-bench.sh (cb audit against git log)"
	if [ $tiny -eq 1 ]; then
		sh "$here/audit-bench.sh" --tiny "$cb" || failed=1
	else
		sh "$here/audit-bench.sh" "$cb" || failed=1
	fi
fi
[ $failed -eq 0 ]
