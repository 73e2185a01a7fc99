#!/bin/sh
# rev.sh CB: `--rev REV` reads what a checkout of REV would show. Every
# reading command on every example office gives the same stdout and exit
# status from the object database as from the checked-out tree; so does a
# bare clone; an older revision shows the older records; `--staged` shows
# the index and nothing else; bad revisions are bad usage.
set -u
# shellcheck disable=SC2034 # used by lib.sh
cb=${1:?usage: rev.sh CB}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/git/lib.sh
. "$here/lib.sh"

r=$tmp/r
git init -q "$r"
cp -R "$top"/examples/dang-uy-* "$r/"
cd "$r" || exit 2
at "2026-01-01T08:00:00+07:00"
commit "the example offices"
offices=$(ls -d dang-uy-*)
cell=$(find dang-uy-xa-nghia-an -name cell.yaml | sort | head -1)
cell=${cell%/cell.yaml}
meeting=$(find "$cell/meetings/2025" -name '*.yaml' | sort | head -1)

# same NAME DIR CMD [ARGS...]: cb CMD ARGS in DIR on the work tree, then cb
# CMD --rev HEAD ARGS (for "meet list": cb meet list --rev HEAD ARGS).
n=0
same() {
	_name=$1 _dir=$2
	shift 2
	n=$((n + 1))
	if [ "$1" = meet ]; then
		_sub="$1 $2"
		shift 2
	else
		_sub=$1
		shift
	fi
	# shellcheck disable=SC2086
	runin "$_dir" "$tmp/wt$n" $_sub "$@"
	# shellcheck disable=SC2086
	runin "$_dir" "$tmp/rev$n" $_sub --rev HEAD "$@"
	expect_same "$_name: stdout" "$tmp/wt$n.out" "$tmp/rev$n.out"
	expect_status "$_name: status" "$(cat "$tmp/wt$n.st")" \
	    "$(cat "$tmp/rev$n.st")"
}

echo "# the work tree and --rev HEAD agree"
for asof in 2026-01-02 2025-06-01; do
	for fmt in text csv json; do
		same "check $fmt as of $asof" "$r" check --as-of $asof \
		    --format $fmt .
	done
	same "check (no path) as of $asof" "$r" check --as-of $asof
	# shellcheck disable=SC2086
	same "check each office as of $asof" "$r" check --as-of $asof \
	    --format csv $offices
	same "check a cell as of $asof" "$r" check --as-of $asof "$cell"
	same "check one meeting as of $asof" "$r" check --as-of $asof \
	    "$meeting"
	same "check an absolute path as of $asof" "$r" check --as-of $asof \
	    "$r/dang-uy-xa-nghia-an"
	same "check from a cell as of $asof" "$r/$cell" check --as-of $asof
	same "check ../.. from a cell as of $asof" "$r/$cell" check \
	    --as-of $asof ../..
done
# Not a weak test: clean as of 2026-01-02, findings as of 2025-06-01.
run "$tmp/clean" check --as-of 2026-01-02 .
expect_status "the examples are clean as of 2026-01-02" 0 "$st"
run "$tmp/dirty" check --as-of 2025-06-01 .
expect_status "the examples have findings as of 2025-06-01" 1 "$st"

for fmt in text csv; do
	same "meet list $fmt" "$r" meet list --as-of 2026-01-02 --format $fmt .
	same "meet list --year 2025 $fmt" "$r" meet list --as-of 2026-01-02 \
	    --year 2025 --format $fmt
	same "attend --year 2025 $fmt" "$r" attend --as-of 2026-01-02 \
	    --year 2025 --format $fmt .
	same "attend --quarter 2024-Q3 $fmt" "$r" attend --as-of 2026-01-02 \
	    --quarter 2024-Q3 --format $fmt .
	same "thematic --year 2025 $fmt" "$r" thematic --as-of 2026-01-02 \
	    --year 2025 --format $fmt .
	same "report --year 2025 $fmt" "$r" report --as-of 2026-01-02 \
	    --year 2025 --format $fmt .
	# shellcheck disable=SC2086
	same "report --year 2025 $fmt, each office" "$r" report \
	    --as-of 2026-01-02 --year 2025 --format $fmt $offices
	same "report --quarter 2025-Q2 $fmt from a cell" "$r/$cell" report \
	    --as-of 2026-01-02 --quarter 2025-Q2 --format $fmt
	same "meet list $fmt from a cell, .." "$r/$cell" meet list \
	    --as-of 2026-01-02 --format $fmt ..
done

echo "# a bare clone"
git clone -q --bare "$r" "$tmp/bare.git"
for asof in 2026-01-02 2025-06-01; do
	for fmt in text csv; do
		n=$((n + 1))
		runin "$r" "$tmp/wt$n" check --as-of $asof --format $fmt .
		runin "$tmp/bare.git" "$tmp/bare$n" check --rev HEAD \
		    --as-of $asof --format $fmt .
		expect_same "bare: check --rev HEAD $fmt as of $asof" \
		    "$tmp/wt$n.out" "$tmp/bare$n.out"
		expect_status "bare: check --rev HEAD $fmt as of $asof" \
		    "$(cat "$tmp/wt$n.st")" "$(cat "$tmp/bare$n.st")"
	done
done
# Paths are relative: no "git:", no temporary directory.
expect_nogrep "bare: paths are relative (no git:/)" "git:" "$tmp/bare$n.out"
expect_nogrep "bare: paths are relative (no directory)" "$tmp" \
    "$tmp/bare$n.out"
n=$((n + 1))
runin "$r" "$tmp/wt$n" check --as-of 2025-06-01 dang-uy-xa-nghia-an
runin "$tmp/bare.git" "$tmp/bare$n" check --rev HEAD \
    --as-of 2025-06-01 dang-uy-xa-nghia-an
expect_same "bare: check --rev HEAD OFFICE" "$tmp/wt$n.out" "$tmp/bare$n.out"
runin "$r" "$tmp/wt$n" report --as-of 2026-01-02 --year 2025 \
    --format csv
runin "$tmp/bare.git" "$tmp/bare$n" report --rev HEAD \
    --as-of 2026-01-02 --year 2025 --format csv
expect_same "bare: report --rev HEAD --year 2025 csv" "$tmp/wt$n.out" \
    "$tmp/bare$n.out"
runin "$tmp/bare.git" "$tmp/bare$n" check --staged --as-of 2026-01-02
# A bare repository has no index: nothing can be staged there, and a
# clean "0 files" would pass for a check.
expect_status "bare: --staged is bad usage (no index)" 2 "$st"

echo "# packed objects, and packed and loose ones mixed"
# A server's repository is packed (git clone --no-local packs it): blobs
# are then read from the pack, not streamed as loose objects are.
git clone -q --bare --no-local "$r" "$tmp/packed.git"
if [ -z "$(find "$tmp/packed.git/objects" -path '*/objects/??/*' -type f)" ] &&
    ls "$tmp/packed.git"/objects/pack/*.pack >/dev/null 2>&1; then
	ok "packed: the clone has one pack and no loose object"
else
	ko "packed: the clone is not packed"
fi
for j in 1 2; do
	n=$((n + 1))
	runin "$r" "$tmp/wt$n" check --as-of 2025-06-01 --format csv .
	runin "$tmp/packed.git" "$tmp/packed$n" check -j $j --rev HEAD \
	    --as-of 2025-06-01 --format csv .
	expect_same "packed: check -j$j --rev HEAD = the work tree" \
	    "$tmp/wt$n.out" "$tmp/packed$n.out"
	expect_status "packed: check -j$j --rev HEAD status" \
	    "$(cat "$tmp/wt$n.st")" "$(cat "$tmp/packed$n.st")"
done
# Everything packed, then one commit whose new blob is loose: after the
# packed blobs, cb reads packs first and must still find the loose one.
git repack -adq
at "2026-01-02T08:00:00+07:00"
sed -i 's/^chair: .*/chair: DV998/' "$meeting"
commit "a loose blob after the pack"
if [ -n "$(find .git/objects -path '*/objects/??/*' -type f)" ]; then
	ok "mixed: the new commit's objects are loose"
else
	ko "mixed: no loose object"
fi
for j in 1 2; do
	n=$((n + 1))
	runin "$r" "$tmp/wt$n" check --as-of 2026-01-02 .
	runin "$r" "$tmp/mixed$n" check -j $j --rev HEAD --as-of 2026-01-02 .
	expect_same "mixed: check -j$j --rev HEAD = the work tree" \
	    "$tmp/wt$n.out" "$tmp/mixed$n.out"
	expect_grep "mixed: -j$j reads the loose blob's change" "DV998" \
	    "$tmp/mixed$n.out"
done
git reset -q --hard HEAD~1

echo "# an older revision"
at "2026-01-03T08:00:00+07:00"
sed -i 's/^chair: .*/chair: DV999/' "$meeting"
commit "a bad chair"
run "$tmp/old" check --rev HEAD~1 --as-of 2026-01-02 .
expect_status "check --rev HEAD~1 (before the break)" 0 "$st"
expect_empty "check --rev HEAD~1: no findings" "$tmp/old.out"
run "$tmp/new" check --rev HEAD --as-of 2026-01-02 .
expect_status "check --rev HEAD (after the break)" 1 "$st"
expect_grep "check --rev HEAD: the bad chair" "$meeting" "$tmp/new.out"
expect_grep "check --rev HEAD: the rule" "[ref/unknown-member]" \
    "$tmp/new.out"
# The older revision reads as a checkout of it does.
git worktree add -q --detach "$tmp/old-wt" HEAD~1
for fmt in text csv; do
	runin "$tmp/old-wt" "$tmp/oldwt" check --as-of 2025-06-01 \
	    --format $fmt .
	run "$tmp/oldrev" check --rev HEAD~1 --as-of 2025-06-01 --format $fmt .
	expect_same "check --rev HEAD~1 $fmt = a checkout of HEAD~1" \
	    "$tmp/oldwt.out" "$tmp/oldrev.out"
	run "$tmp/newrev" check --rev HEAD --as-of 2025-06-01 --format $fmt .
	if cmp -s "$tmp/oldrev.out" "$tmp/newrev.out"; then
		ko "check --rev HEAD~1 $fmt: same as HEAD"
	else
		ok "check --rev HEAD~1 $fmt differs from HEAD"
	fi
done
run "$tmp/id" check --rev "$(git rev-parse --short HEAD~1)" --as-of 2026-01-02 .
expect_status "check --rev SHORT-ID" 0 "$st"
git tag v1 HEAD~1
run "$tmp/tag" check --rev v1 --as-of 2026-01-02 .
expect_status "check --rev TAG" 0 "$st"
git reset -q --hard HEAD~1

echo "# --staged: the index, not the work tree"
run "$tmp/s0" check --staged --as-of 2026-01-02 .
expect_status "--staged, nothing staged" 0 "$st"
cp "$meeting" "$tmp/keep.yaml"
break_meeting "$meeting"
git add "$meeting"
run "$tmp/s1" check --staged --as-of 2026-01-02 .
expect_status "--staged, a broken file staged" 1 "$st"
expect_grep "--staged: the staged file's finding" "$meeting" "$tmp/s1.out"
expect_grep "--staged: [syntax/yaml]" "[syntax/yaml]" "$tmp/s1.out"
# Fixed in the work tree but not staged: the index is still broken.
cp "$tmp/keep.yaml" "$meeting"
run "$tmp/s2" check --staged --as-of 2026-01-02 .
expect_status "--staged, fixed only in the work tree" 1 "$st"
run "$tmp/s2w" check --as-of 2026-01-02 .
expect_status "work tree, fixed" 0 "$st"
# Staged from a subdirectory: paths as the user named them.
runin "$cell" "$tmp/s3" check --staged --as-of 2026-01-02
expect_status "--staged from the cell's folder" 1 "$st"
if grep -q "^meetings/2025/$(basename "$meeting"):[0-9]*:[0-9]*: error" \
    "$tmp/s3.out"; then
	ok "--staged from the cell: paths relative to it"
else
	ko "--staged from the cell: paths not relative to it"
	show "$tmp/s3.out"
fi
git reset -q
run "$tmp/s4" check --staged --as-of 2026-01-02 .
expect_status "--staged after git reset" 0 "$st"
# Broken in the work tree only: --staged does not see it.
other=$(find "$cell/meetings/2024" -name '*.yaml' | sort | head -1)
break_meeting "$other"
run "$tmp/s5" check --staged --as-of 2026-01-02 .
expect_status "--staged, an unstaged broken file" 0 "$st"
expect_nogrep "--staged: unstaged change not seen" "$other" "$tmp/s5.out"
run "$tmp/s5w" check --as-of 2026-01-02 .
expect_status "work tree sees the unstaged broken file" 1 "$st"
git checkout -q -- "$other"
# Staged, then removed from the work tree: still in the index.
break_meeting "$other"
git add "$other"
rm "$other"
run "$tmp/s6" check --staged --as-of 2026-01-02 .
expect_status "--staged, staged then removed from the work tree" 1 "$st"
expect_grep "--staged reads the index's blob" "$other" "$tmp/s6.out"
git reset -q --hard
# A staged deletion is not seen either.
git rm -q "$meeting"
run "$tmp/s7" check --staged --as-of 2026-01-02 --format csv .
if grep -qF "$(basename "$meeting")" "$tmp/s7.out"; then
	ko "--staged: a staged deletion still reads the file"
else
	ok "--staged: a staged deletion is gone"
fi
git reset -q --hard

echo "# bad revisions and bad usage"
for rev in nope 'HEAD~999' '..' '' 'HEAD..HEAD~1' \
    "$(git rev-parse HEAD:"$meeting")"; do
	run "$tmp/bad" check --rev "$rev" --as-of 2026-01-02 .
	expect_status "check --rev '$rev'" 2 "$st"
	expect_grep "check --rev '$rev': a message naming it" "'$rev'" \
	    "$tmp/bad.err"
	expect_empty "check --rev '$rev': no findings" "$tmp/bad.out"
done
run "$tmp/bad" check --rev nope --as-of 2026-01-02 .
expect_grep "--rev nope: says it is no revision" "not a revision" \
    "$tmp/bad.err"
for c in "meet list" attend thematic "report --year 2025"; do
	# shellcheck disable=SC2086
	run "$tmp/bad" $c --rev nope --as-of 2026-01-02 .
	expect_status "$c --rev nope" 2 "$st"
	expect_grep "$c --rev nope: message" "'nope'" "$tmp/bad.err"
done
# --plan names a file on disk with --rev too (a server's hook holds every
# revision to the office's plan): a stricter plan outside the repository,
# never committed, is the one used.
sed 's/^  target: 90$/  target: 100/' dang-uy-xa-nghia-an/plan.yaml \
    >"$tmp/strict-plan.yaml"
run "$tmp/p0" check --rev HEAD --as-of 2026-01-02 --only attendance/below-target \
    dang-uy-xa-nghia-an
run "$tmp/p1" check --rev HEAD --as-of 2026-01-02 --only attendance/below-target \
    --plan "$tmp/strict-plan.yaml" dang-uy-xa-nghia-an
run "$tmp/p2" check --as-of 2026-01-02 --only attendance/below-target \
    --plan "$tmp/strict-plan.yaml" dang-uy-xa-nghia-an
if [ "$(grep -c below-target "$tmp/p1.out")" -gt \
    "$(grep -c below-target "$tmp/p0.out")" ] &&
    cmp -s "$tmp/p1.out" "$tmp/p2.out"; then
	ok "--rev --plan FILE: the plan on disk, outside the repository"
else
	ko "--rev --plan FILE: not the plan on disk"
	wc -l "$tmp/p0.out" "$tmp/p1.out" "$tmp/p2.out"
fi
run "$tmp/bad" check --rev HEAD --staged .
expect_status "--rev with --staged" 2 "$st"
mkdir "$tmp/norepo"
runin "$tmp/norepo" "$tmp/bad" check \
    --rev HEAD .
expect_status "--rev outside a repository" 2 "$st"
expect_grep "--rev outside a repository: message" "not in a git repository" \
    "$tmp/bad.err"
runin "$tmp/norepo" "$tmp/bad" check \
    --staged .
expect_status "--staged outside a repository" 2 "$st"

finish
