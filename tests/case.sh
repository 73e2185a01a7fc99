#!/bin/sh
# Run one CLI case: tests/cases/NAME/ holds
#   cmd       the arguments of cb, one line (word-split; paths relative to
#             the case directory, whose `in/` usually holds the records)
#   lang      optional: the locale to run under (default C.UTF-8)
#   no-localedir  optional: run without $CB_LOCALEDIR, so cb finds its
#             catalogues itself (the build tree's, for a cb run there)
#   stdout    expected standard output
#   stderr    expected standard error
#   status    expected exit status
# CB_TEST_REGEN=1 rewrites the expected files from what cb does now.
set -u
case_dir=$1
cb=$2
[ -f "$case_dir/cmd" ] || { echo "no cmd in $case_dir"; exit 1; }
lang=C.UTF-8
[ -f "$case_dir/lang" ] && lang=$(cat "$case_dir/lang")
localedir=${CB_LOCALEDIR:-}
[ -f "$case_dir/no-localedir" ] && localedir=
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(
	cd "$case_dir" || exit 99
	# shellcheck disable=SC2046
	env -i PATH="$PATH" TZ=UTC LC_ALL="$lang" LANG="$lang" \
	    CB_LOCALEDIR="$localedir" CB_MANDIR="${CB_MANDIR:-}" \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
	    timeout 60 "$cb" $(cat cmd) >"$out/stdout" 2>"$out/stderr"
	echo $? >"$out/status"
)
if [ "${CB_TEST_REGEN:-}" = 1 ]; then
	cp "$out/stdout" "$out/stderr" "$out/status" "$case_dir/"
	echo "regenerated $case_dir"
	exit 0
fi
fail=0
for f in stdout stderr status; do
	if [ ! -f "$case_dir/$f" ]; then
		echo "missing expected file $case_dir/$f"
		fail=1
	elif ! diff -u "$case_dir/$f" "$out/$f"; then
		fail=1
	fi
done
exit $fail
