# lib.sh - what the git tests share; sourced by tests/git/*.sh after
# setting `cb` (the binary under test, made absolute here).
#
# Every test works in its own mktemp -d directory, with a HOME of its own
# (no user or system git configuration), a fixed identity and fixed commit
# dates, so that commit ids and outputs are the same on every run.

case $cb in
/*) ;;
*) cb=$(cd "$(dirname "$cb")" && pwd)/$(basename "$cb") ;;
esac
[ -x "$cb" ] || { echo "no cb at $cb"; exit 2; }
command -v git >/dev/null || { echo "git is not installed"; exit 2; }

pass=0
fail=0
tmp=$(mktemp -d)
# Files git writes are read-only; chown'd copies belong to nobody.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/home"

# No user or system configuration may change what git or libgit2 do.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$tmp/home/.gitconfig"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
    GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES CB 2>/dev/null
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC
# In a sanitizer build a report must not pass for exit status 1 (findings):
# it ends cb with status 86, which run() reports.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export GIT_AUTHOR_NAME="Nguyễn Văn An" GIT_AUTHOR_EMAIL=an@example.org
export GIT_COMMITTER_NAME="Nguyễn Văn An" GIT_COMMITTER_EMAIL=an@example.org
export GIT_AUTHOR_DATE="2026-01-01T08:00:00+07:00"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
git config --global core.autocrlf false

ok() {
	pass=$((pass + 1))
	echo "ok   $*"
}

ko() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# show FILE: the first lines of a file, indented, after a failure.
show() {
	sed -n '1,15s/^/     | /p' "$1"
}

# expect_status NAME WANT GOT
expect_status() {
	if [ "$2" = "$3" ]; then
		ok "$1 (status $3)"
	else
		ko "$1: status $3, want $2"
	fi
}

# expect_same NAME FILE1 FILE2
expect_same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		ko "$1: outputs differ"
		diff -u "$2" "$3" | sed -n '1,20s/^/     | /p'
	fi
}

# expect_grep NAME PATTERN FILE (a fixed string)
expect_grep() {
	if grep -qF -- "$2" "$3"; then
		ok "$1"
	else
		ko "$1: no '$2' in the output"
		show "$3"
	fi
}

# expect_nogrep NAME PATTERN FILE (a fixed string)
expect_nogrep() {
	if grep -qF -- "$2" "$3"; then
		ko "$1: '$2' is in the output"
		grep -F -- "$2" "$3" | sed -n '1,5s/^/     | /p'
	else
		ok "$1"
	fi
}

# expect_empty NAME FILE
expect_empty() {
	if [ -s "$2" ]; then
		ko "$1: output not empty"
		show "$2"
	else
		ok "$1"
	fi
}

# run OUT ARGS...: cb with ARGS, stdout in OUT.out, stderr in OUT.err and
# the exit status in $st (also OUT.st).
run() {
	_o=$1
	shift
	"$cb" "$@" >"$_o.out" 2>"$_o.err"
	st=$?
	echo "$st" >"$_o.st"
	if [ "$st" -gt 2 ]; then
		ko "cb $*: exit status $st (crash or sanitizer report)"
		show "$_o.err"
	fi
	return 0
}

# noleak CMD...: CMD without leak detection, for libgit2 1.5's own leaks
# on some error paths (a corrupt commit, a cut history); only there.
noleak() {
	_asan=$ASAN_OPTIONS
	export ASAN_OPTIONS="$_asan:detect_leaks=0"
	"$@"
	ASAN_OPTIONS=$_asan
}

# runin DIR OUT ARGS...: run, in DIR (then back where we were).
runin() {
	_back=$(pwd)
	cd "$1" || exit 2
	shift
	run "$@"
	cd "$_back" || exit 2
}

# at DATE [NAME EMAIL]: the date (and author) of the next commits.
at() {
	export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"
	if [ $# -ge 3 ]; then
		export GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3"
		export GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3"
	fi
}

# commit MESSAGE: commit everything in the current work tree.
commit() {
	if ! { git add -A && git commit -q --no-verify -m "$1"; }; then
		echo "cannot commit '$1'"
		exit 2
	fi
}

# write_cell DIR: a four-member cell roster and a plan beside it.
write_cell() {
	mkdir -p "$1/meetings"
	cat >"$1/cell.yaml" <<'EOF'
cell:
  code: TT-03
  name: Chi bộ thôn Tân Thành
  type: village
  committee: Đảng ủy xã Nghi Phong
  grassroots: false
members:
  - id: DV001
    name: Nguyễn Văn An
    status: official
    joined: 1998-03-03
    roles: [secretary]
  - id: DV002
    name: Trần Thị Bình
    status: official
    joined: 2005-05-19
    roles: [deputy]
  - id: DV003
    name: Lê Văn Cường
    status: official
    joined: 1985-01-01
  - id: DV004
    name: Phạm Thị Dung
    status: official
    joined: 2012-06-15
EOF
}

# write_meeting FILE DATE [APPROVED]: regular minutes of DATE (YYYY-MM-DD),
# approved unless APPROVED is "false"; the folder is made.
write_meeting() {
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<EOF
kind: regular
date: $2
start: "19:30"
end: "21:30"
place: Nhà văn hóa thôn Tân Thành
chair: DV001
recorder: DV002
present: [DV001, DV002, DV003, DV004]
agenda:
  - item: news
  - item: tasks-review
  - item: next-tasks
resolutions:
  - id: 1
    content: Vận động nhân dân làm đường bê tông xóm 2
    deadline: $2
    assignees: [DV003]
minutes:
  approved: ${3:-true}
  signed: [DV001, DV002]
EOF
}

# today_cell DIR: a cell whose only meeting is today's, so that `cb check`
# without --as-of (as hooks run it) finds nothing today.
today_cell() {
	write_cell "$1"
	echo "name: Kế hoạch sinh hoạt chi bộ" >"$1/plan.yaml"
	_d=$(date -u +%Y-%m-%d)
	write_meeting "$1/meetings/${_d%%-*}/$_d.yaml" "$_d"
}

# break_meeting FILE: a YAML syntax error on line 1 ([syntax/yaml]).
break_meeting() {
	sed -i '1s/^kind: regular$/kind: [regular/' "$1"
}

# mktree: a raw tree object from lines "MODE SHA NAME" on stdin, names
# taken as they are (no check at all), entries in git's order.
mktree() {
	perl -e '
	    my @e;
	    while (<STDIN>) {
		chomp;
		my ($m, $s, $n) = split(/ /, $_, 3);
		push @e, [$m, $n, $s];
	    }
	    sub key { $_[0][0] eq "40000" ? "$_[0][1]/" : $_[0][1] }
	    binmode STDOUT;
	    print "$_->[0] $_->[1]\0", pack("H*", $_->[2])
		for sort { key($a) cmp key($b) } @e;' |
	    git hash-object -w -t tree --literally --stdin
}

# mktree_raw: as mktree, but the entries in the order given (a tree no
# git would write).
mktree_raw() {
	perl -e '
	    binmode STDOUT;
	    while (<STDIN>) {
		chomp;
		my ($m, $s, $n) = split(/ /, $_, 3);
		print "$m $n\0", pack("H*", $s);
	    }' |
	    git hash-object -w -t tree --literally --stdin
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
