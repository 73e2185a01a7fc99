#!/bin/sh
# audit.sh CB: `cb audit` on a history made here, commit by commit, by
# three authors: minutes committed on time and late (the plan's
# audit.late_days), changed after approval with and without an amendment,
# deleted for good and deleted then restored; --since, --rev, --format csv,
# the exit status, paths as the user named the directory, a bare clone and
# a shallow one.
set -u
# shellcheck disable=SC2034 # used by lib.sh
cb=${1:?usage: audit.sh CB}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/git/lib.sh
. "$here/lib.sh"

A="Nguyễn Văn An" AE=an@example.org
B="Trần Thị Bình" BE=binh@example.org
C="Lê Văn Cường" CE=cuong@example.org

r=$tmp/r
git init -q "$r"
cd "$r" || exit 2
m=office/cell/meetings/2024

# amend FILE DATE: a new amendments entry (the file has none yet).
amend() {
	cat >>"$1" <<EOF
amendments:
  - date: $2
    by: DV002
    reason: Sửa tên địa điểm ghi nhầm khi viết biên bản.
EOF
}

# edit FILE: a change in the body of the minutes.
edit() {
	sed -i 's/^place: .*/place: Hội trường UBND xã/' "$1"
}

# id: the short id (12) cb audit shows of HEAD.
id() {
	git rev-parse HEAD | cut -c1-12
}

at "2024-01-02T09:00:00+07:00" "$A" "$AE"
write_cell office/cell
write_cell office/other
echo "name: Kế hoạch sinh hoạt chi bộ" >office/plan.yaml
commit "the cells"
at "2024-01-09T20:00:00+07:00" "$A" "$AE"
write_meeting $m/2024-01-05.yaml 2024-01-05
write_meeting office/other/meetings/2024/2024-01-10.yaml 2024-01-10
commit "January"
at "2024-02-06T21:00:00+07:00" "$B" "$BE"
write_meeting $m/2024-02-05.yaml 2024-02-05
commit "February"
c_feb=$(id)
at "2024-03-20T10:00:00+07:00" "$C" "$CE"
write_meeting $m/2024-03-05.yaml 2024-03-05
commit "March, 15 days late"
c_mar=$(id)
at "2024-04-09T10:00:00+07:00" "$B" "$BE"
write_meeting $m/2024-04-05.yaml 2024-04-05
commit "April, 4 days after"
c_apr=$(id)
at "2024-04-15T10:00:00+07:00" "$C" "$CE"
edit $m/2024-02-05.yaml
commit "February changed after approval, no amendment"
c_chg=$(id)
at "2024-04-16T10:00:00+07:00" "$A" "$AE"
edit $m/2024-01-05.yaml
amend $m/2024-01-05.yaml 2024-04-16
commit "January changed with an amendment"
at "2024-05-07T10:00:00+07:00" "$A" "$AE"
write_meeting $m/2024-05-05.yaml 2024-05-05
commit "May"
c_may=$(id)
at "2024-06-07T10:00:00+07:00" "$A" "$AE"
write_meeting $m/2024-06-05.yaml 2024-06-05
commit "June"
at "2024-06-20T10:00:00+07:00" "$C" "$CE"
git rm -q $m/2024-05-05.yaml
commit "May deleted"
c_del=$(id)
at "2024-06-21T10:00:00+07:00" "$B" "$BE"
cp $m/2024-06-05.yaml "$tmp/june.yaml"
git rm -q $m/2024-06-05.yaml
commit "June deleted"
at "2024-06-22T10:00:00+07:00" "$B" "$BE"
cp "$tmp/june.yaml" $m/2024-06-05.yaml
commit "June restored"
at "2024-07-06T10:00:00+07:00" "$A" "$AE"
write_meeting $m/2024-07-05.yaml 2024-07-05 false
commit "July, not approved yet"
at "2024-07-10T10:00:00+07:00" "$C" "$CE"
edit $m/2024-07-05.yaml
commit "July changed before approval"
# 8 days in the committer's zone (+07:00), 7 in UTC.
at "2024-08-13T01:00:00+07:00" "$B" "$BE"
write_meeting $m/2024-08-05.yaml 2024-08-05
commit "August, 8 days after in Hanoi"
at "2024-09-06T10:00:00+07:00" "$A" "$AE"
write_meeting $m/2024-09-05.yaml 2024-09-05
commit "September"
at "2024-09-10T10:00:00+07:00" "$C" "$CE"
git rm -q $m/2024-09-05.yaml
commit "September deleted"
at "2024-09-11T10:00:00+07:00" "$C" "$CE"
write_meeting $m/2024-09-05.yaml 2024-09-05
edit $m/2024-09-05.yaml
commit "September back, changed, without an amendment"
git tag plan7
at "2024-10-01T10:00:00+07:00" "$A" "$AE"
printf 'audit:\n  late_days: 3\n' >>office/plan.yaml
commit "the plan: 3 days"
at "2024-10-02T10:00:00+07:00" "$A" "$AE"
git rm -q office/other/meetings/2024/2024-01-10.yaml
commit "the other cell's minutes deleted"
git tag plan3

p=office/cell/meetings/2024
# has FILE PATH RULE: a finding of RULE on PATH; hasnt: none.
has() {
	if grep "^$2:" "$1" | grep -qF "[$3]"; then
		ok "$(basename "$1" .out): $3 on $(basename "$2")"
	else
		ko "$(basename "$1" .out): no $3 on $2"
		show "$1"
	fi
}
hasnt() {
	if grep "^$2:" "$1" | grep -qF "[$3]"; then
		ko "$(basename "$1" .out): $3 on $2"
		grep "^$2:" "$1" | sed 's/^/     | /'
	else
		ok "$(basename "$1" .out): no $3 on $(basename "$2")"
	fi
}
# row FILE PATH WANT: the CSV row of PATH (all columns) is WANT.
row() {
	_got=$(grep "^$2," "$1")
	if [ "$_got" = "$2,$3" ]; then
		ok "$(basename "$1" .out): row of $(basename "$2")"
	else
		ko "$(basename "$1" .out): row of $2 is '$_got', want '$2,$3'"
	fi
}

echo "# cb audit at HEAD (audit.late_days: 3)"
run "$tmp/head" audit
expect_status "audit: errors (changed after approval, deleted)" 1 "$st"
f=$tmp/head.out
has "$f" $p/2024-01-05.yaml audit/late
has "$f" $p/2024-03-05.yaml audit/late
has "$f" $p/2024-04-05.yaml audit/late
has "$f" $p/2024-08-05.yaml audit/late
for d in 02-05 05-05 06-05 07-05 09-05; do
	hasnt "$f" $p/2024-$d.yaml audit/late
done
has "$f" $p/2024-02-05.yaml audit/changed-after-approval
for d in 01-05 03-05 04-05 05-05 06-05 07-05 08-05; do
	hasnt "$f" $p/2024-$d.yaml audit/changed-after-approval
done
# Deleted, then put back changed: a change after approval all the same.
has "$f" $p/2024-09-05.yaml audit/changed-after-approval
has "$f" $p/2024-05-05.yaml audit/deleted
has "$f" office/other/meetings/2024/2024-01-10.yaml audit/deleted
for d in 01-05 02-05 03-05 04-05 06-05 07-05 08-05 09-05; do
	hasnt "$f" $p/2024-$d.yaml audit/deleted
done
expect_grep "audit/late names the commit" "$c_mar" "$f"
expect_grep "audit/late names the author" "by $C <$CE>; the plan allows 3" "$f"
expect_grep "audit/late: 15 days" "first committed 15 days after" "$f"
expect_grep "changed-after-approval names the commit" \
    "changed in commit $c_chg ($C <$CE>, 2024-04-15)" "$f"
expect_grep "deleted names the commit" \
    "deleted in commit $c_del ($C <$CE>, 2024-06-20)" "$f"
expect_grep "audit: summary" "4 warning(s) in 10 meeting files" "$tmp/head.err"
if grep -qF "$(grep -c ': error: ' "$f") error(s)," "$tmp/head.err"; then
	ok "audit: the summary counts the errors shown"
else
	ko "audit: the summary does not count the errors shown"
fi
# Text: the findings, a blank line, then the table with every file.
expect_grep "audit text: the table's header" "Days late" "$f"
expect_grep "audit text: the table lists the deleted file" \
    "$p/2024-05-05.yaml" "$f"
if [ "$(grep "meetings/2024/2024-" "$f" | grep -vc "\[audit/")" -eq 10 ]; then
	ok "audit text: a table row a meeting file (10)"
else
	ko "audit text: not 10 table rows"
fi
if grep -q '^$' "$f"; then
	ok "audit text: a blank line between the findings and the table"
else
	ko "audit text: no blank line before the table"
fi

echo "# the plan's late_days: 7 before the last commits"
run "$tmp/plan7" audit --rev plan7
expect_status "audit --rev plan7" 1 "$st"
f=$tmp/plan7.out
has "$f" $p/2024-03-05.yaml audit/late
# 8 days in the committer's zone: late; measured in UTC it would be 7.
has "$f" $p/2024-08-05.yaml audit/late
hasnt "$f" $p/2024-01-05.yaml audit/late
hasnt "$f" $p/2024-04-05.yaml audit/late
expect_grep "audit --rev plan7: allows 7" "the plan allows 7" "$f"
expect_nogrep "audit --rev plan7: not the other cell's deletion" \
    "office/other/meetings/2024/2024-01-10.yaml:" "$f"
expect_grep "audit --rev plan7: summary" "in 10 meeting files" \
    "$tmp/plan7.err"

echo "# warnings only: exit status 0"
run "$tmp/apr" audit --rev "$c_apr"
expect_status "audit --rev (April: late only)" 0 "$st"
has "$tmp/apr.out" $p/2024-03-05.yaml audit/late
expect_grep "audit --rev (April): summary" \
    "0 error(s), 1 warning(s) in 5 meeting files" "$tmp/apr.err"

echo "# --since"
run "$tmp/since" audit --since 2024-04-01 --format csv
expect_status "audit --since 2024-04-01" 1 "$st"
for d in 01-05 02-05 03-05; do
	expect_nogrep "--since: no $d row" "$p/2024-$d.yaml" "$tmp/since.out"
	expect_nogrep "--since: no $d finding" "$p/2024-$d.yaml" "$tmp/since.err"
done
expect_nogrep "--since: not the other cell's January" "2024-01-10" \
    "$tmp/since.out"
for d in 04-05 05-05 06-05 07-05 08-05 09-05; do
	expect_grep "--since: $d row" "$p/2024-$d.yaml" "$tmp/since.out"
done
has "$tmp/since.err" $p/2024-05-05.yaml audit/deleted
run "$tmp/since2" audit --since 2024-10-01
expect_status "audit --since after every meeting" 0 "$st"
expect_grep "--since after every meeting: none" "in 0 meeting files" \
    "$tmp/since2.err"
run "$tmp/since3" audit --since 2024-13-01
expect_status "audit --since 2024-13-01 (bad date)" 2 "$st"

echo "# --format csv"
run "$tmp/csv" audit --format csv
expect_status "audit --format csv" 1 "$st"
f=$tmp/csv.out
tr -d '\r' <"$f" >"$tmp/csv.lf"
f=$tmp/csv.lf
if [ "$(head -1 "$f")" = "path,meeting_date,first_commit,author,committed,days_late,later_changes,changed_after_approval,deleted" ]; then
	ok "csv: the header"
else
	ko "csv: the header is '$(head -1 "$f")'"
fi
if [ "$(wc -l <"$f")" -eq 11 ]; then
	ok "csv: a row a meeting file (10)"
else
	ko "csv: $(($(wc -l <"$f") - 1)) rows, want 10"
	show "$f"
fi
if awk -F, 'NF != 9 { bad = 1 } END { exit bad }' "$f"; then
	ok "csv: 9 columns in every row"
else
	ko "csv: rows without 9 columns"
fi
# The findings go to stderr: stdout is the table alone.
expect_nogrep "csv: no findings in the table" "[audit/" "$f"
has "$tmp/csv.err" $p/2024-05-05.yaml audit/deleted
row "$f" $p/2024-02-05.yaml "2024-02-05,$c_feb,$B <$BE>,2024-02-06,1,1,1,"
row "$f" $p/2024-03-05.yaml "2024-03-05,$c_mar,$C <$CE>,2024-03-20,15,0,0,"
row "$f" $p/2024-04-05.yaml "2024-04-05,$c_apr,$B <$BE>,2024-04-09,4,0,0,"
row "$f" $p/2024-05-05.yaml "2024-05-05,$c_may,$A <$AE>,2024-05-07,2,0,0,yes"
_june=$(grep "^$p/2024-06-05.yaml," "$f" | cut -d, -f6-)
if [ "$_june" = "2,1,0," ]; then
	ok "csv: June restored: one change, not deleted"
else
	ko "csv: June restored: '$_june', want '2,1,0,'"
fi
_jan=$(grep "^$p/2024-01-05.yaml," "$f" | cut -d, -f5-)
if [ "$_jan" = "2024-01-09,4,1,0," ]; then
	ok "csv: January amended: one change, none after approval"
else
	ko "csv: January amended: '$_jan', want '2024-01-09,4,1,0,'"
fi
_aug=$(grep "^$p/2024-08-05.yaml," "$f" | cut -d, -f5,6)
if [ "$_aug" = "2024-08-13,8" ]; then
	ok "csv: the commit's date in the committer's zone"
else
	ko "csv: August committed '$_aug', want '2024-08-13,8'"
fi
_sep=$(grep "^$p/2024-09-05.yaml," "$f" | cut -d, -f8,9)
if [ "$_sep" = "1," ]; then
	ok "csv: September put back changed: one change after approval"
else
	ko "csv: September put back changed: '$_sep', want '1,'"
fi

echo "# paths as the user named the directory"
runin office "$tmp/office" audit --format csv
expect_grep "from office/: paths from there" "cell/meetings/2024/2024-03-05.yaml," \
    "$tmp/office.out"
expect_nogrep "from office/: no office/ prefix" "office/" "$tmp/office.out"
runin office/cell "$tmp/cell" audit --format csv
expect_grep "from the cell: paths from there" "meetings/2024/2024-03-05.yaml," \
    "$tmp/cell.out"
expect_nogrep "from the cell: not the other cell" "2024-01-10" \
    "$tmp/cell.out"
run "$tmp/named" audit --format csv office/cell
expect_status "audit office/cell" 1 "$st"
expect_grep "audit office/cell: paths as named" \
    "office/cell/meetings/2024/2024-03-05.yaml," "$tmp/named.out"
expect_nogrep "audit office/cell: not the other cell" "office/other" \
    "$tmp/named.out"
expect_nogrep "audit office/cell: not the other cell's finding" \
    "office/other" "$tmp/named.err"
run "$tmp/dot" audit --format csv .
expect_same "audit . = audit" "$tmp/csv.out" "$tmp/dot.out"

echo "# a bare clone"
git clone -q --bare "$r" "$tmp/bare.git"
runin "$tmp/bare.git" "$tmp/bare" audit --format csv
expect_status "bare: audit" 1 "$st"
expect_same "bare: the same table" "$tmp/csv.out" "$tmp/bare.out"

echo "# options cb audit takes"
# --plan FILE: the plan's late_days from FILE, or refused; never ignored.
printf 'name: x\naudit:\n  late_days: 100\n' >"$tmp/plan100.yaml"
run "$tmp/plan" audit --plan "$tmp/plan100.yaml"
if [ "$st" = 2 ] || ! grep -qF "[audit/late]" "$tmp/plan.out"; then
	ok "audit --plan FILE: used or refused"
else
	ko "audit --plan FILE: accepted and ignored"
fi
run "$tmp/plan" audit --plan "$tmp/no-such-plan.yaml"
expect_status "audit --plan with no such file" 2 "$st"
# A plan over 1 MB (comments first) is read whole: its late_days counts.
{
	awk 'BEGIN { for (i = 0; i < 30000; i++)
		printf "# dòng chú thích số %05d của kế hoạch\n", i }'
	printf 'name: x\naudit:\n  late_days: 100\n'
} >"$tmp/plan-big.yaml"
run "$tmp/planbig" audit --plan "$tmp/plan-big.yaml"
expect_status "audit --plan with a 1.5 MB plan (other findings)" 1 "$st"
expect_nogrep "audit --plan with a 1.5 MB plan: its late_days" \
    "[audit/late]" "$tmp/planbig.out"
run "$tmp/plan7" audit
expect_grep "audit without --plan: [audit/late] (the test above can fail)" \
    "[audit/late]" "$tmp/plan7.out"

echo "# a merge: the history along first parents"
git checkout -q -b side
at "2024-10-06T10:00:00+07:00" "$B" "$BE"
write_meeting $p/2024-10-05.yaml 2024-10-05
commit "October, on a branch"
git checkout -q main
at "2024-10-07T10:00:00+07:00" "$A" "$AE"
git merge -q --no-ff --no-edit side
run "$tmp/merge" audit --format csv
expect_status "audit after a merge" 1 "$st"
if [ "$(grep -c "^$p/2024-10-05.yaml," "$tmp/merge.out")" = 1 ]; then
	ok "audit after a merge: the merged file once"
else
	ko "audit after a merge: the merged file not once"
	show "$tmp/merge.out"
fi

echo "# a shallow clone"
git clone -q --depth 1 "file://$r" "$tmp/shallow"
runin "$tmp/shallow" "$tmp/sh" audit --format csv
if [ "$st" -le 1 ]; then
	ok "shallow: audit works (status $st)"
else
	ko "shallow: audit status $st"
	show "$tmp/sh.err"
fi
expect_grep "shallow: the warning" "shallow" "$tmp/sh.err"
expect_grep "shallow: the table" "$p/2024-03-05.yaml," "$tmp/sh.out"
git clone -q --depth 3 "file://$r" "$tmp/shallow3"
runin "$tmp/shallow3" "$tmp/sh3" audit --format csv
if [ "$st" -le 1 ]; then
	ok "shallow (depth 3): audit works (status $st)"
else
	ko "shallow (depth 3): audit status $st"
	show "$tmp/sh3.err"
fi
expect_grep "shallow (depth 3): the warning" "shallow" "$tmp/sh3.err"
expect_grep "shallow (depth 3): the table" "$p/2024-09-05.yaml," "$tmp/sh3.out"
run "$tmp/full" audit --format csv
expect_nogrep "a full clone: no shallow warning" "shallow" "$tmp/full.err"

echo "# bad usage"
run "$tmp/bad" audit --rev nope
expect_status "audit --rev nope" 2 "$st"
expect_empty "audit --rev nope: no table" "$tmp/bad.out"
mkdir "$tmp/norepo"
runin "$tmp/norepo" "$tmp/bad" audit
expect_status "audit outside a repository" 2 "$st"
expect_grep "audit outside a repository: message" "not in a git repository" \
    "$tmp/bad.err"
run "$tmp/bad" audit office/cell office/other
expect_status "audit with two directories" 2 "$st"

echo "# one file, a deleted one, a path that was never there"
run "$tmp/one" audit $p/2024-09-05.yaml
expect_status "audit FILE: its errors" 1 "$st"
has "$tmp/one.out" $p/2024-09-05.yaml audit/changed-after-approval
expect_grep "audit FILE: one meeting file" "in 1 meeting files" "$tmp/one.err"
run "$tmp/gone" audit $p/2024-05-05.yaml
expect_status "audit DELETED-FILE: found in the history" 1 "$st"
has "$tmp/gone.out" $p/2024-05-05.yaml audit/deleted
expect_grep "audit DELETED-FILE: one meeting file" "in 1 meeting files" \
    "$tmp/gone.err"
run "$tmp/typo" audit office/cel
expect_status "audit of a path never there: bad usage" 2 "$st"
expect_grep "audit of a path never there: says so" "neither on disk nor" \
    "$tmp/typo.err"
expect_empty "audit of a path never there: no table" "$tmp/typo.out"
touch "$tmp/taken.csv"
run "$tmp/taken" audit --format csv -o "$tmp/taken.csv"
expect_status "audit -o an existing file: refused" 2 "$st"
expect_nogrep "audit -o an existing file: refused before the audit" \
    "[audit/" "$tmp/taken.err"
run "$tmp/nodir" audit --format csv -o "$tmp/no/such/folder/a.csv"
expect_status "audit -o in a missing folder: refused" 2 "$st"
expect_nogrep "audit -o in a missing folder: refused before the audit" \
    "[audit/" "$tmp/nodir.err"
run "$tmp/folder" audit --format csv -o "$tmp"
expect_status "audit -o a folder: refused" 2 "$st"
expect_grep "audit -o a folder: says it is a folder" "is a folder" \
    "$tmp/folder.err"

finish
