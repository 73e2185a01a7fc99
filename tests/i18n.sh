#!/bin/sh
# Every message that cb can show has a Vietnamese translation: extract the
# messages from the sources and compare them with po/vi.po.
set -u
top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top" || exit 1
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
    --keyword=ngettext:1,2 --keyword=dngettext:2,3 --add-comments=TRANSLATORS -o "$tmp/cb.pot" \
    lib/*.c cmd/*.c || exit 1
fail=0
if ! msgcmp po/vi.po "$tmp/cb.pot" 2>"$tmp/cmp"; then
	echo "FAIL: messages without a Vietnamese translation in po/vi.po:"
	cat "$tmp/cmp"
	fail=1
fi
if ! msgfmt --check -o /dev/null po/vi.po 2>"$tmp/fmt"; then
	echo "FAIL: msgfmt --check po/vi.po:"
	cat "$tmp/fmt"
	fail=1
fi
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/vi.po | grep -c '^msgid' || true)
if [ "$fuzzy" -gt 0 ]; then
	echo "FAIL: $fuzzy fuzzy entries in po/vi.po"
	fail=1
fi
n=$(grep -c '^msgid' "$tmp/cb.pot")
if [ $fail -eq 0 ]; then echo "1 passed, 0 failed ($n messages)"; else echo "0 passed, 1 failed"; fi
exit $fail
