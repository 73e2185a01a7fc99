#!/bin/sh
# cb check --cache prints exactly what a check without it prints: after a
# meeting file changes, is added or removed, after the roster, the plan or
# the language changes, with -j, and with a damaged cache file. Each state
# is checked twice with the cache: the first run re-reads what changed,
# the second takes whole cells from their seals (nothing read at all).
set -u
cb=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
pass=0
fail=0
cp -R "$top/examples/dang-uy-xa-nghia-an" "$tmp/office"
# Files changed in the last moments are not cached (cb_stamp_racy).
sleep 1
mkdir "$tmp/cache"
cell=$tmp/office/chi-bo-tan-thanh
ok() {
	pass=$((pass + 1))
}
bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}
# matches WHAT FILE: FILE says byte for byte what $tmp/plain says.
matches() {
	if cmp -s "$tmp/plain" "$2"; then
		ok
	else
		bad "$1"
		diff "$tmp/plain" "$2" | head -5
	fi
}
# cached_twice WHAT ARGS...: cb check --cache ARGS, twice (the second run
# takes cells from their seals), each compared with $tmp/plain; paths
# under $dir (when set) are shown as under $tmp/office. The cache is
# $tmp/cache, or $cache_opt when set.
cached_twice() {
	what=$1
	shift
	for run in first second; do
		"$cb" check "${cache_opt:---cache=$tmp/cache}" \
		    --as-of 2026-01-02 "$@" >"$tmp/cached" 2>&1
		[ -n "${dir:-}" ] &&
		    sed -i "s|^${dir%/}/|$tmp/office/|" "$tmp/cached"
		matches "$what ($run cached run): the cached check differs" \
		    "$tmp/cached"
	done
}
# same WHAT ARGS...: the office checked with ARGS, without and with the
# cache.
same() {
	what=$1
	shift
	"$cb" check --as-of 2026-01-02 "$@" "$tmp/office" >"$tmp/plain" 2>&1
	cached_twice "$what" "$@" "${dir:-$tmp/office}"
}
same "first run (fills the cache)"
same "second run (all from the cache)"
[ -n "$(ls "$tmp/cache")" ] && ok ||
    bad "the cache directory is empty"
sed -i 's/^recorder: DV0../recorder: DV099/' "$cell/meetings/2025/2025-03-05.yaml"
# Files changed in the last moments are not sealed (cb_stamp_racy).
sleep 1
same "a meeting file changed"
ls "$tmp/cache"/*.cbs >/dev/null 2>&1 && ok ||
    bad "no cell was sealed (no .cbs file in the cache)"
# The seal holds paths from the cell: the office named another way.
cd "$tmp" || exit 2
dir=./office/
same "the office named ./office/"
dir=
cd / || exit 2
touch "$cell/meetings/2025/2025-03-05.yaml"
same "a meeting file touched, not changed"
printf 'notes\n' >"$cell/meetings/2025/README.txt"
same "a file that is not a record added"
mkdir "$cell/meetings/2026"
same "an empty year folder added"
sed 's/2025-04-03/2026-01-01/g' "$cell/meetings/2025/2025-04-03.yaml" \
    >"$cell/meetings/2026/2026-01-01.yaml"
same "a meeting of a new year"
rm -r "$cell/meetings/2026"
same "the new year removed"
# A message that names another file, as shown: from the office and from
# inside the cell (the seal is kept per way of naming).
sed 's/2025-04-03/2025-04-21/g' "$cell/meetings/2025/2025-04-03.yaml" \
    >"$cell/meetings/2025/2025-04-21.yaml"
sleep 1
same "a second regular meeting in a month"
grep -q "the first is" "$tmp/plain" && ok ||
    bad "the second meeting was not found (the test needs it)"
cd "$cell" || exit 2
"$cb" check --as-of 2026-01-02 >"$tmp/plain" 2>&1
cached_twice "from inside the cell"
cd / || exit 2
rm "$cell/meetings/2025/2025-04-21.yaml"
# A link to nowhere, whose target comes later: no folder of the cell
# changes, so a cell with a dangling link is never sealed.
mkdir "$tmp/elsewhere"
ln -s "$tmp/elsewhere/m.yaml" "$cell/meetings/2025/2025-06-05.yaml"
sleep 1
same "a dangling link"
sed 's/2025-04-03/2025-06-05/g; s/^recorder: DV0../recorder: DV098/' \
    "$cell/meetings/2025/2025-04-03.yaml" >"$tmp/elsewhere/m.yaml"
sleep 1
same "the link's target came"
rm "$cell/meetings/2025/2025-06-05.yaml"
sed -i 's/^year: 2025/year: 2024/' "$cell/plans/2025.yaml"
same "a year plan changed"
sed -i 's/^year: 2024$/year: 2025/' "$cell/plans/2025.yaml"
cp "$cell/plans/2025.yaml" "$cell/plans/2026.yaml"
same "a year plan added"
rm "$cell/plans/2026.yaml"
mkdir "$cell/ratings.new" && rmdir "$cell/ratings.new"
same "the cell's folder changed"
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
same "another date" --as-of 2025-12-31 -j 2
LC_ALL=vi_VN.UTF-8 same "another language"
for f in "$tmp/cache"/*; do printf 'garbage' >"$f"; done
same "a damaged cache"
for f in "$tmp/cache"/*.cbs; do head -c 100 "$f" >"$f.x" && mv "$f.x" "$f"; done
same "truncated seals"

# In git (--rev, --staged) a cell is sealed by the SHA-1 of every name,
# mode and blob id under it: a commit that changes, adds or renames a file
# in a cell reopens that cell only.
repo=$tmp/repo
git init -q "$repo"
cp -R "$top/examples/dang-uy-xa-nghia-an" "$repo/office"
cd "$repo" || exit 2
gitc() {
	git -c user.name=cb -c user.email=cb@example.org commit -qam "$1"
}
git add -A && gitc "the office"
gm=office/chi-bo-tan-thanh/meetings/2025
# in_git WHAT ARGS...: cb check ARGS . in the repository, without and with
# the cache (twice).
in_git() {
	what=$1
	shift
	"$cb" check --as-of 2026-01-02 "$@" . >"$tmp/plain" 2>&1
	cached_twice "git: $what" "$@" .
}
in_git "--rev HEAD (fills the cache)" --rev HEAD
in_git "--rev HEAD, -j 2" --rev HEAD -j 2
# The seals are what the cached runs print: with a blob of a sealed cell
# gone from the objects, a cached check prints the same (nothing is read),
# while a check without the cache cannot read that file.
blob=$(git rev-parse "HEAD:$gm/2025-04-03.yaml")
obj=.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
mv "$obj" "$tmp/blob"
"$cb" check --cache="$tmp/cache" --rev HEAD --as-of 2026-01-02 . \
    >"$tmp/cached" 2>&1
matches "git: a sealed cell was read again (its blob is gone)" "$tmp/cached"
"$cb" check --rev HEAD --as-of 2026-01-02 . >"$tmp/nocache" 2>&1
if cmp -s "$tmp/plain" "$tmp/nocache"; then
	bad "git: without its blob the check is the same (the test needs it)"
else
	ok
fi
mv "$tmp/blob" "$obj"
sed -i 's/^recorder: DV0../recorder: DV099/' "$gm/2025-03-05.yaml"
gitc "a meeting file changed"
in_git "a meeting file changed in a commit" --rev HEAD
grep -q DV099 "$tmp/plain" && ok ||
    bad "git: the changed meeting gives no finding (the test needs it)"
# Renamed right after its cell was sealed: the same blobs, another name.
git mv "$gm/2025-03-05.yaml" "$gm/2025-03-06.yaml"
gitc "a meeting file renamed"
in_git "a meeting file renamed" --rev HEAD
in_git "the revision before" --rev HEAD~1
cp "$gm/2025-04-03.yaml" "$gm/2025-04-09.yaml"
git add -A && gitc "a meeting file added"
in_git "a meeting file added" --rev HEAD
sed -i 's/^chair: .*/chair: DV097/' "$gm/2025-04-03.yaml"
git add "$gm/2025-04-03.yaml"
in_git "--staged, a change staged" --staged
git reset -q
in_git "--staged, nothing staged" --staged
git checkout -q -- .
# Without a directory, the cache goes into the repository's git directory:
# .git/cb-cache, or cb-cache in a bare repository (a server's).
"$cb" check --cache --rev HEAD --as-of 2026-01-02 . >/dev/null 2>&1
[ -n "$(ls .git/cb-cache 2>/dev/null)" ] && ok ||
    bad "git: --cache did not fill .git/cb-cache"
git clone -q --bare "$repo" "$tmp/bare.git"
cd "$tmp/bare.git" || exit 2
"$cb" check --rev HEAD --as-of 2026-01-02 . >"$tmp/plain" 2>&1
cache_opt=--cache cached_twice "git: bare" --rev HEAD .
[ -n "$(ls cb-cache 2>/dev/null)" ] && ok ||
    bad "git: --cache did not fill cb-cache in a bare repository"
cd / || exit 2

# --cache=DIR: made with its parents; a file there is refused, not
# silently read without a cache.
"$cb" check --cache="$tmp/deep/er/cache" --as-of 2026-01-02 "$tmp/office" \
    >/dev/null 2>&1
if [ -d "$tmp/deep/er/cache" ] && [ -n "$(ls "$tmp/deep/er/cache")" ]; then
	ok "--cache=DIR: its missing parents are made"
else
	bad "--cache=DIR: not made with its parents"
fi
: >"$tmp/a-file"
"$cb" check --cache="$tmp/a-file" --as-of 2026-01-02 "$tmp/office" \
    >/dev/null 2>"$tmp/cfile.err"
st=$?
if [ $st -eq 2 ] && grep -q "is not a folder" "$tmp/cfile.err"; then
	ok "--cache=FILE: refused (status 2)"
else
	bad "--cache=FILE: status $st, $(cat "$tmp/cfile.err")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
