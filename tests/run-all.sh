#!/bin/sh
# Every test, as CI runs it: a -Werror build and an ASan+UBSan build each
# run the whole ctest suite; valgrind checks cb over the examples and over
# a git history of them; clang builds the libFuzzer target and fuzzes the
# reader for a short time.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
stage() {
	name=$1
	shift
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		echo "=== $name FAILED"
		failed=$((failed + 1))
	fi
}
build() {
	dir=$1
	shift
	cmake -S . -B "$dir" -DCB_WERROR=ON "$@" >/dev/null &&
	    cmake --build "$dir" -j"$jobs" >/dev/null
}
suite() {
	build "$@" && (cd "$1" && ctest --output-on-failure -j"$jobs")
}
valgrind_examples() {
	valgrind -q --leak-check=full --errors-for-leak-kinds=all \
	    --error-exitcode=99 build-ci/cb check --as-of 2026-01-02 examples/ \
	    tests/cases >/dev/null 2>"$top/build-ci/valgrind.log"
	st=$?
	# 0 or 1 are cb's own answers; 99 is valgrind's.
	if [ $st -ge 2 ]; then cat "$top/build-ci/valgrind.log"; return 1; fi
}
# The git paths too: a packed history and a loose commit on top (one
# meeting file changed), read by cb check --rev on two threads and by cb
# audit. Valgrind's CPU has no
# SHA extensions, so this also runs libgit2's hash in their place.
valgrind_git() {
	_r="$top/build-ci/vg-repo"
	rm -rf "$_r" && mkdir -p "$_r" && cp -R examples/. "$_r" &&
	    (cd "$_r" && git init -q && git add -A &&
		git -c user.name=ci -c user.email=ci@example.invalid \
		    commit -qm one && git gc -q &&
		_m=$(git ls-files "*/meetings/*.yaml" | head -n 1) &&
		echo "# a loose change" >>"$_m" && git add -A &&
		git -c user.name=ci -c user.email=ci@example.invalid \
		    commit -qm two) || return 1
	for _cmd in "check -j2 --rev HEAD --as-of 2026-01-02 ." "audit"; do
		# shellcheck disable=SC2086
		(cd "$_r" && valgrind -q --leak-check=full \
		    --errors-for-leak-kinds=all --error-exitcode=99 \
		    "$top/build-ci/cb" $_cmd) >/dev/null \
		    2>"$top/build-ci/valgrind-git.log"
		st=$?
		if [ $st -ge 2 ]; then
			echo "cb $_cmd: status $st"
			cat "$top/build-ci/valgrind-git.log"
			return 1
		fi
	done
}
fuzz() {
	CC=clang build build-fuzz -DCB_FUZZ=ON -DCMAKE_C_COMPILER=clang &&
	    rm -rf build-fuzz/corpus && cp -r tests/fuzz/corpus build-fuzz/corpus &&
	    build-fuzz/tests/fuzz_read -max_total_time="${CB_FUZZ_SECONDS:-60}" \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 build-fuzz/corpus \
	    2>build-fuzz/fuzz.log
	st=$?
	tail -3 build-fuzz/fuzz.log
	return $st
}
stage "build -Werror, ctest" suite build-ci
stage "build ASan+UBSan, ctest" env ASAN_OPTIONS=detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    sh -c "cmake -S . -B build-asan -DCB_WERROR=ON -DCB_SANITIZE=ON >/dev/null && cmake --build build-asan -j$jobs >/dev/null && cd build-asan && ctest --output-on-failure -j$jobs"
stage "valgrind: cb check over examples and cases" valgrind_examples
stage "valgrind: cb check --rev and cb audit on a git history" valgrind_git
stage "libFuzzer: the reader" fuzz
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
