#!/bin/sh
# Install, with apt-get, the Debian 12 packages cb needs and that are
# missing: those to build it, and with --test those to run every test.
# Runs as root (or through sudo when it is there). Does nothing when all
# are installed.
set -eu
build="build-essential cmake pkg-config gettext libyaml-dev libcsv-dev
libgit2-dev libutf8proc-dev libxlsxwriter-dev"
test="mandoc man-db libcmocka-dev locales clang clang-format valgrind bash-completion python3
python3-yaml python3-jsonschema"
want=$build
[ "${1:-}" = --test ] && want="$build $test"
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "installing:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The Vietnamese goldens run under vi_VN.UTF-8.
if [ "${1:-}" = --test ] && ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
	echo "generating the vi_VN.UTF-8 locale"
	$sudo sed -i 's/^# *\(vi_VN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	grep -q '^vi_VN.UTF-8 UTF-8' /etc/locale.gen ||
		echo 'vi_VN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
	$sudo locale-gen >/dev/null
fi
