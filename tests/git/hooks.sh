#!/bin/sh
# hooks.sh CB: `cb hook install` writes an executable pre-commit hook,
# never replaces one without --force, and the hook refuses commits that
# add errors however the commit is made. On a server,
# examples/hooks/pre-receive refuses pushes that add errors, shows the
# findings to the pusher, and leaves the branch where it was.
#
# Hooks run cb without --as-of, so the records here are clean today: a
# cell whose only meeting is today's.
set -u
# shellcheck disable=SC2034 # used by lib.sh
cb=${1:?usage: hooks.sh CB}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/git/lib.sh
. "$here/lib.sh"

r=$tmp/r
git init -q "$r"
cd "$r" || exit 2
today_cell cell
commit "a clean cell"
mfile=$(ls cell/meetings/*/*.yaml)
hook=$r/.git/hooks/pre-commit
rm -f .git/hooks/*.sample

echo "# cb hook install"
run "$tmp/i1" hook install
expect_status "hook install" 0 "$st"
if [ -x "$hook" ] && [ -f "$hook" ]; then
	ok "hook install: .git/hooks/pre-commit, executable"
else
	ko "hook install: no executable .git/hooks/pre-commit"
fi
if [ "$(cat "$tmp/i1.out")" = "$(cd "$r/.git/hooks" && pwd -P)/pre-commit" ]
then
	ok "hook install prints the hook's path"
else
	ko "hook install printed '$(cat "$tmp/i1.out")'"
fi
expect_grep "the hook runs cb check --staged" "check --staged" "$hook"
expect_grep "the hook names this cb" "$cb" "$hook"
if sh -n "$hook"; then
	ok "the hook is a valid shell script"
else
	ko "the hook is not a valid shell script"
fi
cp "$hook" "$tmp/hook.1"
run "$tmp/i2" hook install
expect_status "hook install again, without --force" 2 "$st"
expect_grep "hook install again: says so" "--force" "$tmp/i2.err"
expect_same "hook install again: the hook unchanged" "$tmp/hook.1" "$hook"
# Someone's own hook is kept, byte for byte and mode.
printf '#!/bin/sh\n# my own hook\nexit 0\n' >"$hook"
chmod 0700 "$hook"
cp -p "$hook" "$tmp/mine"
run "$tmp/i3" hook install
expect_status "hook install over another hook" 2 "$st"
expect_same "hook install: another hook kept" "$tmp/mine" "$hook"
if [ "$(stat -c %a "$hook")" = 700 ]; then
	ok "hook install: another hook's mode kept"
else
	ko "hook install: another hook's mode changed"
fi
(cd "$r/cell" && "$cb" hook install >"$tmp/i4.out" 2>"$tmp/i4.err")
expect_status "hook install from a subdirectory, hook there" 2 "$?"
expect_same "hook install from a subdirectory: kept" "$tmp/mine" "$hook"
run "$tmp/i5" hook install --force
expect_status "hook install --force" 0 "$st"
expect_same "hook install --force: our hook again" "$tmp/hook.1" "$hook"
if [ -x "$hook" ]; then
	ok "hook install --force: executable"
else
	ko "hook install --force: not executable"
fi
left=$(find .git/hooks -name '.cb-*')
if [ -n "$left" ]; then
	ko "hook install left temporary files: $left"
else
	ok "hook install leaves no temporary file"
fi
run "$tmp/i6" hook install --force --bogus
expect_status "hook install --bogus" 2 "$st"
# The hook speaks the language of the one who installed it.
git init -q "$tmp/vi"
(cd "$tmp/vi" && LANGUAGE=vi LC_ALL=C.UTF-8 "$cb" hook install >/dev/null 2>&1)
expect_grep "a hook installed in Vietnamese speaks it" "lỗi vào biên bản" \
    "$tmp/vi/.git/hooks/pre-commit"
if sh -n "$tmp/vi/.git/hooks/pre-commit"; then
	ok "the Vietnamese hook is a valid shell script"
else
	ko "the Vietnamese hook is not a valid shell script"
fi
mkdir "$tmp/norepo"
runin "$tmp/norepo" "$tmp/i7" hook install
expect_status "hook install outside a repository" 2 "$st"

echo "# the pre-commit hook at work"
head0=$(git rev-parse HEAD)
cp "$mfile" "$tmp/good.yaml"
break_meeting "$mfile"
git add -A
git commit -q -m "a syntax error" >"$tmp/c1.out" 2>&1
expect_status "a commit adding an error is refused" 1 "$?"
expect_grep "the refused commit shows the finding" "[syntax/yaml]" \
    "$tmp/c1.out"
if [ "$(git rev-parse HEAD)" = "$head0" ]; then
	ok "HEAD did not move"
else
	ko "HEAD moved"
fi
cp "$tmp/good.yaml" "$mfile"
echo "# Ghi chú của chi ủy." >>cell/plan.yaml
git add -A
git commit -q -m "a note" >"$tmp/c2.out" 2>&1
expect_status "a commit without errors is accepted" 0 "$?"
if [ "$(git rev-parse HEAD~1)" = "$head0" ]; then
	ok "HEAD moved one commit"
else
	ko "HEAD did not move"
fi
head1=$(git rev-parse HEAD)
# CB in the environment replaces the path written in the hook.
printf '#!/bin/sh\necho called >"%s"\nexec "%s" "$@"\n' "$tmp/called" "$cb" \
    >"$tmp/cbwrap"
chmod +x "$tmp/cbwrap"
break_meeting "$mfile"
git add -A
CB=$tmp/cbwrap git commit -q -m "bad, CB set" >"$tmp/c3.out" 2>&1
expect_status "with CB set, a bad commit is refused" 1 "$?"
if [ -f "$tmp/called" ]; then
	ok "the hook runs \$CB"
else
	ko "the hook ignored \$CB"
fi
git reset -q --hard
# git commit -a and git commit PATH check a temporary index
# (GIT_INDEX_FILE): the hook must check what is committed.
break_meeting "$mfile"
git commit -q -a -m "bad, commit -a" >"$tmp/c4.out" 2>&1
expect_status "git commit -a adding an error is refused" 1 "$?"
[ "$(git rev-parse HEAD)" = "$head1" ] || git reset -q --hard "$head1"
git reset -q --hard
break_meeting "$mfile"
git commit -q -m "bad, commit PATH" -- "$mfile" >"$tmp/c5.out" 2>&1
expect_status "git commit PATH adding an error is refused" 1 "$?"
[ "$(git rev-parse HEAD)" = "$head1" ] || git reset -q --hard "$head1"
git reset -q --hard
# Staged good, work tree bad: what is committed is good.
echo "# Ghi chú thứ hai." >>cell/plan.yaml
git add -A
break_meeting "$mfile"
git commit -q -m "good index, bad work tree" >"$tmp/c6.out" 2>&1
expect_status "good index, bad work tree: accepted" 0 "$?"
git reset -q --hard
# Old errors do not refuse a commit; a new one does, even one that takes
# the place of an old one fixed (a count of errors would let it in).
h_swap=$(git rev-parse HEAD)
sed -i 's/^chair: DV001$/chair: DV999/' "$mfile"
git add -A
git commit -q --no-verify -m "an unknown chair, past the hook"
echo "# Ghi chú thứ ba." >>cell/plan.yaml
git add -A
git commit -q -m "a note, the old error still there" >"$tmp/c8.out" 2>&1
expect_status "old errors, no new one: accepted" 0 "$?"
sed -i '1i # Biên bản.' "$mfile"
git add -A
git commit -q -m "the old error on another line" >"$tmp/c9.out" 2>&1
expect_status "an old error moved to another line: accepted" 0 "$?"
h_old=$(git rev-parse HEAD)
sed -i -e 's/^chair: DV999$/chair: DV001/' -e 's/^recorder: DV002$/recorder: DV998/' "$mfile"
git add -A
git commit -q -m "one error fixed, another made" >"$tmp/c10.out" 2>&1
expect_status "one error fixed and another made: refused" 1 "$?"
expect_grep "the refusal names the new error" "DV998" "$tmp/c10.out"
expect_nogrep "the refusal does not list the fixed one" "DV999" "$tmp/c10.out"
expect_grep "the refusal counts it" "adds 1 error(s)" "$tmp/c10.out"
[ "$(git rev-parse HEAD)" = "$h_old" ] || ko "HEAD moved past the hook"
git reset -q --hard "$h_swap"
# An old error whose message names a line ("first on line 6") is still
# the same error when an edit above moves it.
printf 'place: Hội trường\n' >>"$mfile"
git add -A
git commit -q --no-verify -m "a duplicate key, past the hook"
sed -i '1i # Biên bản.' "$mfile"
git add -A
git commit -q -m "the duplicate moved a line down" >"$tmp/c11.out" 2>&1
expect_status "an old error naming its line, moved: accepted" 0 "$?"
git reset -q --hard "$h_swap"
# A hooks folder set by core.hooksPath is where git looks.
rm -f "$hook"
git config core.hooksPath .githooks
run "$tmp/i8" hook install
if [ "$st" -ne 0 ]; then
	ok "hook install with core.hooksPath: refused (status $st)"
else
	case $(cat "$tmp/i8.out") in
	"$r/.githooks/pre-commit") ok "hook install with core.hooksPath: there" ;;
	*) ko "hook install with core.hooksPath: wrote $(cat "$tmp/i8.out")" ;;
	esac
	head2=$(git rev-parse HEAD)
	break_meeting "$mfile"
	git add -A
	git commit -q -m "bad, core.hooksPath" >"$tmp/c7.out" 2>&1
	expect_status "with core.hooksPath, the installed hook refuses" 1 "$?"
	[ "$(git rev-parse HEAD)" = "$head2" ] ||
	    git reset -q --hard "$head2"
	git reset -q --hard
fi
git config --unset core.hooksPath
rm -rf .githooks
"$cb" hook install --force >/dev/null

echo "# the server: examples/hooks/pre-receive"
srv=$tmp/srv.git
# receive OLD NEW OUT: the server's hook, run by hand on objects already in
# its repository (no quarantine), for refs/heads/main going OLD -> NEW.
receive() {
	(cd "$srv" && echo "$1 $2 refs/heads/main" |
	    CB=$cb sh hooks/pre-receive >"$3" 2>&1)
}
git init -q --bare "$srv"
cp "$top/examples/hooks/pre-receive" "$srv/hooks/pre-receive"
chmod +x "$srv/hooks/pre-receive"
git clone -q "$srv" "$tmp/w" 2>/dev/null
cd "$tmp/w" || exit 2
today_cell cell
commit "a clean cell"
CB=$cb git push origin HEAD:main >"$tmp/p1.out" 2>&1
expect_status "a good push" 0 "$?"
if [ "$(git -C "$srv" rev-parse -q --verify main)" = "$(git rev-parse HEAD)" ]
then
	ok "a good push lands"
else
	ko "a good push did not land"
	show "$tmp/p1.out"
fi
good=$(git rev-parse HEAD)
echo "# Ghi chú." >>cell/plan.yaml
commit "a note"
CB=$cb git push origin HEAD:main >"$tmp/p2.out" 2>&1
expect_status "a second good push" 0 "$?"
good=$(git -C "$srv" rev-parse main)
mfile=$(ls cell/meetings/*/*.yaml)
break_meeting "$mfile"
commit "a syntax error"
CB=$cb git push origin HEAD:main >"$tmp/p3.out" 2>&1
p3=$?
if [ $p3 -ne 0 ]; then
	ok "a bad push fails (status $p3)"
else
	ko "a bad push succeeds"
fi
if [ "$(git -C "$srv" rev-parse main)" = "$good" ]; then
	ok "a bad push: the branch did not move"
else
	ko "a bad push: the branch moved"
fi
expect_grep "a bad push: the refusal is shown" "remote: cb: push to" \
    "$tmp/p3.out"
if grep "^remote: " "$tmp/p3.out" | grep -qF "[syntax/yaml]"; then
	ok "a bad push: the findings are shown to the pusher"
else
	ko "a bad push: no findings in the push output"
	show "$tmp/p3.out"
fi
if [ -n "$(ls "$srv/cb-cache" 2>/dev/null)" ]; then
	ok "the server keeps its cache in cb-cache/ (--cache in a bare repo)"
else
	ko "the server has no cb-cache/"
fi
# A new branch with errors is refused as well.
if ! CB=$cb git push origin HEAD:refs/heads/bad >"$tmp/p4.out" 2>&1 &&
    ! git -C "$srv" rev-parse -q --verify bad >/dev/null; then
	ok "a new branch with errors is refused"
else
	ko "a new branch with errors was accepted"
fi
# The script itself, run by hand on objects already in the repository
# (no quarantine): it counts errors before and after.
(cd "$srv" && git fetch -q "$tmp/w" "+HEAD:refs/incoming/x")
bad=$(git rev-parse HEAD)
receive "$good" "$bad" "$tmp/h1.out"
expect_status "pre-receive by hand: a bad update refused" 1 "$?"
expect_grep "pre-receive by hand: the findings" "[syntax/yaml]" "$tmp/h1.out"
receive "$good" "$good" "$tmp/h2.out"
expect_status "pre-receive by hand: a good update accepted" 0 "$?"
(cd "$srv" && echo "$good 0000000000000000000000000000000000000000 refs/heads/x" |
    CB=$cb sh hooks/pre-receive >"$tmp/h3.out" 2>&1)
expect_status "pre-receive by hand: a deletion is not checked" 0 "$?"
# A revision cb cannot read must not pass for a clean one.
if ! (cd "$srv" &&
    echo "$good 1111111111111111111111111111111111111111 refs/heads/main" |
    CB=$cb sh hooks/pre-receive >"$tmp/h4.out" 2>&1); then
	ok "pre-receive by hand: an unreadable revision refused"
else
	ko "pre-receive by hand: an unreadable revision accepted"
fi
# The same on the server: fixing one error does not let another in.
cd "$tmp/w" || exit 2
git reset -q --hard "$good"
mfile=$(ls cell/meetings/*/*.yaml)
sed -i 's/^chair: DV001$/chair: DV999/' "$mfile"
commit "an unknown chair"
old1=$(git rev-parse HEAD)
echo "# Ghi chú." >>cell/plan.yaml
commit "a note, the unknown chair still there"
keep=$(git rev-parse HEAD)
sed -i -e 's/^chair: DV999$/chair: DV001/' -e 's/^recorder: DV002$/recorder: DV998/' "$mfile"
commit "one error fixed, another made"
swap=$(git rev-parse HEAD)
(cd "$srv" && git fetch -q "$tmp/w" "+HEAD:refs/incoming/s")
receive "$keep" "$swap" "$tmp/h7.out"
expect_status "pre-receive: one error fixed and another made, refused" 1 "$?"
expect_grep "pre-receive: the new error is shown" "DV998" "$tmp/h7.out"
expect_nogrep "pre-receive: the fixed one is not" "DV999" "$tmp/h7.out"
receive "$old1" "$keep" "$tmp/h8.out"
expect_status "pre-receive: an old error kept, none added: accepted" 0 "$?"
# Errors under a path with a comma (quoted in CSV) count all the same.
cd "$tmp/w" || exit 2
git reset -q --hard "$good"
git mv cell "chi-bo,so-3"
commit "a comma in the cell's folder"
good2=$(git rev-parse HEAD)
break_meeting "$(ls chi-bo,so-3/meetings/*/*.yaml)"
commit "a syntax error under the comma"
bad2=$(git rev-parse HEAD)
(cd "$srv" && git fetch -q "$tmp/w" "+HEAD:refs/incoming/y")
receive "$good2" "$bad2" "$tmp/h5.out"
expect_status "pre-receive by hand: errors under a quoted path refused" 1 "$?"
# Bad minutes behind a symbolic link: a checkout reads them (cb check
# finds the error there), so the push adds an error.
git reset -q --hard "$good"
mfile=$(ls cell/meetings/*/*.yaml)
mkdir drafts
cp "$mfile" drafts/x.yaml
sed -i 's/^chair: .*/chair: DV999/' drafts/x.yaml
ln -s ../../../drafts/x.yaml "${mfile%.yaml}-b.yaml"
commit "minutes behind a link"
bad3=$(git rev-parse HEAD)
run "$tmp/wt3" check .
expect_status "a checkout of the link: cb check finds the error" 1 "$st"
(cd "$srv" && git fetch -q "$tmp/w" "+HEAD:refs/incoming/z")
receive "$good" "$bad3" "$tmp/h6.out"
expect_status "pre-receive by hand: bad minutes behind a link refused" 1 "$?"

finish
