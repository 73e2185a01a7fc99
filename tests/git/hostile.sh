#!/bin/sh
# hostile.sh CB: repositories made to mislead or hurt the auditor who
# reads them with --rev, --staged or cb audit: owned by another user,
# symbolic links and submodules at record paths, tree entries named "..",
# ".git" or with a slash, corrupt objects, a huge blob, bad revisions.
# Nothing outside the object database is read, nothing is followed, and a
# corrupt repository never yields a report that passes for a complete one.
set -u
# shellcheck disable=SC2034 # used by lib.sh
cb=${1:?usage: hostile.sh CB}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/git/lib.sh
. "$here/lib.sh"

asof=2024-04-20
# A clean cell of four meetings, March to April 2024.
make_repo() {
	git init -q "$1"
	(
		cd "$1" || exit 2
		write_cell cell
		echo "name: Kế hoạch sinh hoạt chi bộ" >cell/plan.yaml
		for d in 2024-03-05 2024-04-05; do
			write_meeting cell/meetings/2024/$d.yaml $d
		done
		printf 'review:\n  - ref: 2024-03-05/1\n    status: done\n' \
		    >>cell/meetings/2024/2024-04-05.yaml
		commit "a clean cell"
	)
}

echo "# (a) a repository owned by another user"
if [ "$(id -u)" -ne 0 ]; then
	echo "skip: not root, cannot chown a repository to another user"
else
	make_repo "$tmp/own"
	cp -R "$tmp/own" "$tmp/theirs"
	chown -R nobody "$tmp/theirs"
	runin "$tmp/theirs" "$tmp/a1" check --rev HEAD --as-of $asof .
	if [ "$st" = 0 ]; then
		echo "skip: libgit2 does not refuse a repository of another" \
		    "user here"
	else
		expect_status "another user's repository: --rev" 2 "$st"
		expect_grep "another user's repository: says --trust-repo" \
		    "--trust-repo" "$tmp/a1.err"
		git config --global safe.directory /somewhere/else
		runin "$tmp/theirs" "$tmp/a2" check --rev HEAD --as-of $asof .
		expect_status "another user's (safe.directory set elsewhere)" \
		    2 "$st"
		expect_grep "another user's (safe.directory elsewhere): says --trust-repo" \
		    "--trust-repo" "$tmp/a2.err"
		git config --global --unset-all safe.directory
		runin "$tmp/theirs" "$tmp/a3" check --staged --as-of $asof .
		expect_status "another user's repository: --staged" 2 "$st"
		expect_grep "another user's: --staged says --trust-repo" \
		    "--trust-repo" "$tmp/a3.err"
		runin "$tmp/theirs" "$tmp/a4" audit
		expect_status "another user's repository: audit" 2 "$st"
		expect_empty "another user's repository: audit prints no table" \
		    "$tmp/a4.out"
		expect_grep "another user's: audit says --trust-repo" \
		    "--trust-repo" "$tmp/a4.err"
		runin "$tmp/theirs" "$tmp/a5" check --rev HEAD --trust-repo \
		    --as-of $asof .
		expect_status "another user's repository: --trust-repo" 0 "$st"
		runin "$tmp/theirs" "$tmp/a6" audit --trust-repo --format csv
		expect_status "another user's repository: audit --trust-repo" \
		    0 "$st"
		runin "$tmp/own" "$tmp/a7" audit --format csv
		expect_same "audit --trust-repo: the same table" "$tmp/a7.out" \
		    "$tmp/a6.out"
		# git's own exception is honoured too.
		git config --global safe.directory "$tmp/theirs"
		runin "$tmp/theirs" "$tmp/a8" check --rev HEAD --as-of $asof .
		expect_status "another user's repository in safe.directory" \
		    0 "$st"
		git config --global --unset-all safe.directory
	fi
fi

echo "# (b) symbolic links at record paths"
mkdir "$tmp/elsewhere"
printf 'cell:\n  code: SECRET-ROSTER\n  name: [SECRET-ROSTER\n' \
    >"$tmp/elsewhere/cell.yaml"
make_repo "$tmp/links"
cd "$tmp/links" || exit 2
ln -s /etc/passwd cell/meetings/2024/2024-04-20.yaml
ln -s /etc cell/meetings/2025
mkdir -p cell2/meetings/2024
ln -s ../../elsewhere/cell.yaml cell2/cell.yaml
write_meeting cell2/meetings/2024/2024-03-05.yaml 2024-03-05
commit "links"
run "$tmp/b1" check --rev HEAD --as-of $asof .
for p in cell/meetings/2024/2024-04-20.yaml cell/meetings/2025 cell2/cell.yaml
do
	expect_grep "a link is named as not read: $p" "'$p'" "$tmp/b1.err"
done
cat "$tmp/b1.out" "$tmp/b1.err" >"$tmp/b1.all"
expect_nogrep "/etc/passwd is not read" "root:" "$tmp/b1.all"
expect_nogrep "a link's target is not read" "SECRET" "$tmp/b1.all"
expect_nogrep "a link's target is not read (no YAML error)" "[syntax/" \
    "$tmp/b1.all"
expect_nogrep "nothing under /etc is read" "passwd" "$tmp/b1.out"
# The same from the index.
run "$tmp/b2" check --staged --as-of $asof .
expect_grep "--staged: a link is named as not read" \
    "'cell/meetings/2024/2024-04-20.yaml'" "$tmp/b2.err"
cat "$tmp/b2.out" "$tmp/b2.err" >"$tmp/b2.all"
expect_nogrep "--staged: /etc/passwd is not read" "root:" "$tmp/b2.all"
expect_nogrep "--staged: a link's target is not read" "SECRET" "$tmp/b2.all"
# The other commands read through the same source.
run "$tmp/b3" meet list --rev HEAD --as-of $asof .
expect_nogrep "meet list --rev: the link is not a meeting" "2024-04-20" \
    "$tmp/b3.out"
expect_grep "meet list --rev: the link is named" \
    "'cell/meetings/2024/2024-04-20.yaml'" "$tmp/b3.err"
run "$tmp/b4" audit --format csv
expect_nogrep "audit: a link is not a meeting file" "2024-04-20" "$tmp/b4.out"

echo "# (c) submodules"
make_repo "$tmp/sub"
cd "$tmp/sub" || exit 2
sha=$(git rev-parse HEAD)
git update-index --add --cacheinfo "160000,$sha,cell/meetings/2024/2024-04-18.yaml"
git update-index --add --cacheinfo "160000,$sha,cell/vendor"
git update-index --add --cacheinfo "160000,$sha,cell3/cell.yaml"
run "$tmp/c0" check --staged --as-of $asof .
for p in cell/meetings/2024/2024-04-18.yaml cell/vendor cell3/cell.yaml; do
	expect_grep "--staged: a submodule is named as not read: $p" "'$p'" \
	    "$tmp/c0.err"
done
git commit -q --no-verify -m "submodules"
run "$tmp/c1" check --rev HEAD --as-of $asof .
for p in cell/meetings/2024/2024-04-18.yaml cell/vendor cell3/cell.yaml; do
	expect_grep "a submodule is named as not read: $p" "'$p'" "$tmp/c1.err"
done
# A submodule at a record path (a meeting file, cell.yaml) is refused: the
# run fails rather than pass over records it could not read.
expect_status "a submodule at a record path fails the run" 2 "$st"
expect_grep "a submodule: the rest is checked" "in 4 files" "$tmp/c1.err"

echo "# (d) tree entries named '..', '.git' or with a slash"
make_repo "$tmp/names"
cd "$tmp/names" || exit 2
bad=$(printf 'kind: [SECRET\n' | git hash-object -w --stdin)
badcell=$(printf 'cell:\n  code: [SECRET\n' | git hash-object -w --stdin)
# A tree with a broken cell.yaml and a broken meeting in meetings/2024/.
y=$(echo "100644 $bad 2024-04-10.yaml" | mktree)
mt=$(echo "40000 $y 2024" | mktree)
evil=$( { echo "100644 $badcell cell.yaml"; echo "40000 $mt meetings"; } |
    mktree)
cellt=$(git rev-parse HEAD:cell)
newcell=$( {
	git ls-tree "$cellt" | awk '{ sub(/^040000/, "40000"); print $1, $3, $4 }'
	echo "40000 $evil .."
	echo "40000 $evil .git"
	echo "40000 $evil .GIT"
	echo "100644 $bad ."
	echo "100644 $bad meetings/2024/2024-04-10.yaml"
	printf "100644 %s %s\n" "$bad" "..\\2024-04-11.yaml"
} | mktree)
root=$( {
	echo "40000 $newcell cell"
	echo "40000 $evil .."
	echo "40000 $evil .git"
	echo "40000 $evil a/b"
} | mktree)
c=$(git commit-tree -p HEAD -m "unsafe names" "$root")
git update-ref refs/heads/evil "$c"
run "$tmp/d1" check --rev evil --as-of $asof .
expect_status "unsafe names: the rest is checked (clean)" 0 "$st"
for p in .. .git a/b cell/.. cell/.git cell/.GIT cell/. \
    cell/meetings/2024/2024-04-10.yaml; do
	expect_grep "unsafe name refused and named: $p" \
	    "not reading '$p' from" "$tmp/d1.err"
done
cat "$tmp/d1.out" "$tmp/d1.err" >"$tmp/d1.all"
expect_nogrep "unsafe names: nothing under them is read" "SECRET" \
    "$tmp/d1.all"
expect_nogrep "unsafe names: no finding from them" "error:" "$tmp/d1.out"
expect_grep "unsafe names: the real records are read" "in 4 files" \
    "$tmp/d1.err"
run "$tmp/d2" check --rev evil --as-of $asof cell/meetings/2024/2024-04-10.yaml
expect_nogrep "an unsafe name cannot be read by its path" "SECRET" \
    "$tmp/d2.out"
expect_status "an unsafe name cannot be read by its path" 2 "$st"
run "$tmp/d3" check --rev evil --as-of $asof cell/..
expect_nogrep "cell/.. is the root, not the '..' entry" "SECRET" "$tmp/d3.out"
# cb audit: the same names are no meeting files either; a deletion cannot
# hide behind an entry whose name spells the deleted path.
git checkout -q -b hide main
git rm -q cell/meetings/2024/2024-03-05.yaml
blob=$(git rev-parse main:cell/meetings/2024/2024-03-05.yaml)
commit "March deleted"
cellt=$(git rev-parse HEAD:cell)
newcell=$( {
	git ls-tree "$cellt" | awk '{ sub(/^040000/, "40000"); print $1, $3, $4 }'
	echo "100644 $blob meetings/2024/2024-03-05.yaml"
} | mktree)
c=$(git commit-tree -p HEAD -m "an alias" "$(echo "40000 $newcell cell" |
    mktree)")
git update-ref refs/heads/hide "$c"
run "$tmp/d4" audit --rev hide
expect_status "audit: deleted minutes behind an alias" 1 "$st"
if grep "^cell/meetings/2024/2024-03-05.yaml:" "$tmp/d4.out" |
    grep -qF "[audit/deleted]"; then
	ok "audit: a deletion is not hidden by an unsafe-named alias"
else
	ko "audit: a deletion hidden by an entry named 'meetings/2024/2024-03-05.yaml'"
fi
run "$tmp/d5" audit --rev evil --format csv
expect_nogrep "audit: no meeting file from an unsafe name" "2024-04-10" \
    "$tmp/d5.out"
# A tree whose entries are out of git's order (git never writes one; cb
# sorts what it reads only when it is not sorted): read as the same tree.
cellt=$(git rev-parse main:cell)
unsorted=$(git ls-tree "$cellt" | awk '{ sub(/^040000/, "40000"); print $1, $3, $4 }' |
    sort -r | mktree_raw)
c=$(git commit-tree -m "out of order" "$(echo "40000 $unsorted cell" |
    mktree)")
git update-ref refs/heads/unsorted "$c"
run "$tmp/d6" check --rev unsorted --as-of $asof .
run "$tmp/d7" check --rev main --as-of $asof .
if [ "$(git ls-tree "$unsorted" | head -n 1)" = \
    "$(git ls-tree "$cellt" | head -n 1)" ]; then
	ko "unsorted tree: the test's tree is in git's order"
elif cmp -s "$tmp/d6.out" "$tmp/d7.out" &&
    [ "$(tail -n 1 "$tmp/d6.err")" = "$(tail -n 1 "$tmp/d7.err")" ]; then
	ok "a tree out of git's order is read as the same tree"
else
	ko "a tree out of git's order is read otherwise"
	diff "$tmp/d7.out" "$tmp/d6.out" | head -n 20
	tail -n 1 "$tmp/d6.err" "$tmp/d7.err"
fi

echo "# (e) corrupt objects"
make_repo "$tmp/corrupt"
cd "$tmp/corrupt" || exit 2
f=cell/meetings/2024/2024-03-05.yaml
printf 'amendments:\n  - date: 2024-03-08\n    by: DV002\n    reason: Sửa lỗi chính tả.\n' >>$f
commit "an amendment"
# corrupt OBJECT: garbage in place of a loose object.
corrupt() {
	_o=.git/objects/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-)
	[ -f "$_o" ] || { echo "not a loose object: $1"; exit 2; }
	chmod u+w "$_o"
	printf 'this is not a zlib stream, but garbage\n' >"$_o"
}
cp -R "$tmp/corrupt" "$tmp/corrupt-tree"
cp -R "$tmp/corrupt" "$tmp/corrupt-old"
cp -R "$tmp/corrupt" "$tmp/altered"
blob=$(git rev-parse HEAD:$f)
short=$(echo "$blob" | cut -c1-7)
corrupt "$blob"
run "$tmp/e1" check --rev HEAD --as-of $asof .
expect_status "a corrupt blob: check --rev" 2 "$st"
expect_grep "a corrupt blob: check names the file" "$f" "$tmp/e1.err"
run "$tmp/e2" audit
expect_status "a corrupt blob: audit" 2 "$st"
expect_empty "a corrupt blob: audit prints no table" "$tmp/e2.out"
if grep -qF "$short" "$tmp/e2.err" || grep -qF "$f" "$tmp/e2.err"; then
	ok "a corrupt blob: audit names the object or the file"
else
	ko "a corrupt blob: audit's message names neither object nor file"
	show "$tmp/e2.err"
fi
run "$tmp/e3" audit --format csv
expect_status "a corrupt blob: audit csv" 2 "$st"
expect_empty "a corrupt blob: audit csv prints no table" "$tmp/e3.out"
run "$tmp/e4" audit --format xlsx -o "$tmp/e4.xlsx"
expect_status "a corrupt blob: audit xlsx" 2 "$st"
if [ -e "$tmp/e4.xlsx" ]; then
	ko "a corrupt blob: audit wrote a workbook"
else
	ok "a corrupt blob: audit writes no workbook"
fi
run "$tmp/e5" check --staged --as-of $asof .
expect_status "a corrupt blob: check --staged" 2 "$st"
# The version before the amendment: only cb audit reads it.
cd "$tmp/corrupt-old" || exit 2
blob=$(git rev-parse HEAD~1:$f)
short=$(echo "$blob" | cut -c1-7)
corrupt "$blob"
run "$tmp/e10" audit
expect_status "an older corrupt blob: audit" 2 "$st"
expect_empty "an older corrupt blob: audit prints no table" "$tmp/e10.out"
if grep -qF "$short" "$tmp/e10.err" || grep -qF "$f" "$tmp/e10.err"; then
	ok "an older corrupt blob: audit names the object or the file"
else
	ko "an older corrupt blob: audit's message names neither object nor file"
	show "$tmp/e10.err"
fi
run "$tmp/e11" check --rev HEAD~1 --as-of $asof .
expect_status "an older corrupt blob: check --rev HEAD~1" 2 "$st"
run "$tmp/e12" check --rev HEAD --as-of $asof .
expect_status "an older corrupt blob: check --rev HEAD reads no old blob" \
    0 "$st"
cd "$tmp/corrupt-tree" || exit 2
corrupt "$(git rev-parse HEAD:cell/meetings/2024)"
run "$tmp/e6" check --rev HEAD --as-of $asof .
expect_status "a corrupt tree: check --rev" 2 "$st"
expect_grep "a corrupt tree: a message" "cannot read" "$tmp/e6.err"
run "$tmp/e7" audit
expect_status "a corrupt tree: audit" 2 "$st"
expect_empty "a corrupt tree: audit prints no table" "$tmp/e7.out"
corrupt "$(git rev-parse HEAD)"
# libgit2 1.5.1 leaks in git_revparse_single on a corrupt commit.
noleak run "$tmp/e8" check --rev HEAD --as-of $asof .
expect_status "a corrupt commit: check --rev" 2 "$st"
noleak run "$tmp/e9" audit
expect_status "a corrupt commit: audit" 2 "$st"
expect_empty "a corrupt commit: audit prints no table" "$tmp/e9.out"
# An altered blob: a well-formed object of other content under the
# minutes' id. Nothing but a re-hash can tell; git log would not. cb
# re-hashes every blob it reads (libgit2's own re-hash of every object
# is off for speed, so this proves cb's check is there).
cd "$tmp/altered" || exit 2
blob=$(git rev-parse HEAD:$f)
other=$(git rev-parse HEAD:cell/meetings/2024/2024-04-05.yaml)
_o=.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
chmod u+w "$_o"
cp .git/objects/$(echo "$other" | cut -c1-2)/$(echo "$other" | cut -c3-) "$_o"
run "$tmp/e13" check --rev HEAD --as-of $asof .
expect_status "an altered blob: check --rev" 2 "$st"
expect_grep "an altered blob: check --rev says it is altered" \
    "does not match its id" "$tmp/e13.err"
run "$tmp/e14" audit
expect_status "an altered blob: audit" 2 "$st"
expect_empty "an altered blob: audit prints no table" "$tmp/e14.out"
expect_grep "an altered blob: audit says it is altered" \
    "does not match its id" "$tmp/e14.err"

echo "# (f) a 20 MB blob at a meeting path"
make_repo "$tmp/big"
cd "$tmp/big" || exit 2
big=cell/meetings/2024/2024-04-10.yaml
{
	cat cell/meetings/2024/2024-04-05.yaml
	head -c 20000000 /dev/zero | tr '\0' '#'
	echo
} >$big
commit "20 MB of minutes"
start=$(date +%s)
timeout 20 "$cb" check --rev HEAD --as-of $asof --format csv . \
    >"$tmp/f1.out" 2>"$tmp/f1.err"
st=$?
expect_status "a 20 MB blob: check --rev, in time" 1 "$st"
expect_grep "a 20 MB blob: [syntax/limits]" "$big,1,1,error,syntax/limits" \
    "$tmp/f1.out"
timeout 20 "$cb" check --staged --as-of $asof --format csv . \
    >"$tmp/f2.out" 2>"$tmp/f2.err"
expect_status "a 20 MB blob: check --staged, in time" 1 "$?"
expect_grep "a 20 MB blob: --staged [syntax/limits]" "syntax/limits" \
    "$tmp/f2.out"
echo "# more" >>$big
commit "the 20 MB minutes changed"
timeout 20 "$cb" audit --format csv >"$tmp/f3.out" 2>"$tmp/f3.err"
st=$?
if [ "$st" -le 1 ]; then
	ok "a 20 MB blob: audit, in time (status $st)"
else
	ko "a 20 MB blob: audit status $st"
fi
echo "a 20 MB blob: $(($(date +%s) - start)) s in all"
# The size comes from the object header: a huge blob is never loaded.
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$cb"; then
	for c in "check --rev HEAD --as-of $asof ." "audit --format csv"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f %M -o "$tmp/rss" "$cb" $c >/dev/null 2>&1
		kb=$(tail -1 "$tmp/rss")
		if [ "$kb" -lt 16000 ]; then
			ok "a 20 MB blob: cb ${c%% *} never loads it (${kb} kB)"
		else
			ko "a 20 MB blob: cb ${c%% *} peaks at ${kb} kB"
		fi
	done
else
	echo "skip: peak memory (no /usr/bin/time, or a sanitizer build)"
fi

echo "# (g) bad revisions"
cd "$tmp/big" || exit 2
for rev in nope 'HEAD~999' '..' '' 'HEAD^{blob}' '-v'; do
	run "$tmp/g" check --rev "$rev" --as-of $asof .
	expect_status "check --rev '$rev'" 2 "$st"
	expect_empty "check --rev '$rev': no findings" "$tmp/g.out"
	run "$tmp/g" audit --rev "$rev"
	expect_status "audit --rev '$rev'" 2 "$st"
	expect_empty "audit --rev '$rev': no table" "$tmp/g.out"
	run "$tmp/g" meet list --rev "$rev" --as-of $asof .
	expect_status "meet list --rev '$rev'" 2 "$st"
done
# In the user's language (the library's git messages are translated too).
LC_ALL=vi_VN.UTF-8 "$cb" check --rev nope --as-of $asof . 2>"$tmp/g.err"
expect_grep "check --rev nope, in Vietnamese" \
    "'nope' không phải là một phiên bản của kho này" "$tmp/g.err"
LC_ALL=vi_VN.UTF-8 "$cb" audit --rev nope 2>"$tmp/g.err"
expect_grep "audit --rev nope, in Vietnamese" \
    "'nope' không phải là một commit của kho này" "$tmp/g.err"
cd "$tmp/altered" || exit 2
LC_ALL=vi_VN.UTF-8 "$cb" audit >/dev/null 2>"$tmp/g.err"
expect_grep "an altered blob, in Vietnamese" \
    "không khớp với mã của nó" "$tmp/g.err"
cd "$tmp/big" || exit 2
# Paths outside the repository are not read from the revision.
run "$tmp/g" check --rev HEAD --as-of $asof /etc
expect_status "check --rev HEAD /etc" 2 "$st"
run "$tmp/g" check --rev HEAD --as-of $asof ../..
expect_status "check --rev HEAD ../.. (outside)" 2 "$st"

finish
