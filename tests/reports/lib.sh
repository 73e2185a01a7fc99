# lib.sh - what the tests/reports/*.sh scripts share, sourced after `cb`
# is set: $here (this folder), $examples, $tmp (removed at exit), a fixed
# locale and time zone, --as-of as $asof, the pass and fail counters and
# ok/bad to count.
# shellcheck shell=sh
# shellcheck disable=SC2034 # used by the scripts that source this
here=$(cd "$(dirname "$0")" && pwd)
examples=$here/../../examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ
asof=--as-of=2026-01-02
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}
bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}
