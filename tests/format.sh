#!/bin/sh
# The C sources follow .clang-format (KNF: tabs, 80 columns).
set -u
cd "$1" || exit 2
if ! command -v clang-format >/dev/null; then
	echo "clang-format is not installed (apt-get install clang-format)"
	exit 1
fi
if clang-format --dry-run -Werror lib/*.c lib/*.h cmd/*.c cmd/*.h \
    include/*.h include/cb/*.h tests/unit/*.c tests/unit/*.h \
    tests/fuzz/*.c 2>&1 | head -40 | grep .; then
	echo "0 passed, 1 failed (run clang-format -i on the files above)"
	exit 1
fi
echo "1 passed, 0 failed"
