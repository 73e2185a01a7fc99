#!/bin/sh
# The spreadsheets cb writes, read back by readers that share no code with
# it:
#  (a) the .xlsx workbooks, by python3's standard library alone (zipfile,
#      xml.etree): titles, typed numbers equal to the CSV's, percentages as
#      numbers with a 0.0% format, dates as dates, the "about" sheet, the
#      frozen header row, the same bytes twice;
#  (b) the CSV files (plain and --excel), by libcsv in strict mode
#      (tests/reports/csvdump.c) and by python's csv module, which must
#      read the same rows; --excel starts with a BOM and neutralises cells
#      a spreadsheet would run, plain CSV keeps them as they are.
#
# usage: sh readback.sh CB [CSVDUMP]   (CSVDUMP: the build's tests/csvdump)
set -u
cb=$1
csvdump=${2:-$(dirname "$cb")/tests/csvdump}
py=/usr/bin/python3
# shellcheck source=tests/reports/lib.sh
. "$(dirname "$0")/lib.sh"
# run WHAT CMD...: run, status 0 expected, stderr kept in $tmp/err
run() {
	what=$1
	shift
	"$@" 2>"$tmp/err"
	st=$?
	if [ $st -ne 0 ]; then
		bad "$what: status $st: $(head -3 "$tmp/err")"
		return 1
	fi
	return 0
}

[ -x "$py" ] || {
	echo "FAIL no $py"
	exit 1
}

# ---- the records: a snapshot of the examples, and a tricky cell ----
mkdir "$tmp/ex"
for office in dang-uy-xa-nghia-an dang-uy-phuong-minh-khai \
    dang-uy-khoi-co-quan-quang-binh; do
	cp -R "$examples/$office" "$tmp/ex/" || exit 1
done
# The tricky cell: text a spreadsheet would run, quotes, commas, a line
# break, spaces at the ends.
mkdir "$tmp/tricky"
cp -R "$examples/dang-uy-phuong-minh-khai" "$tmp/tricky/office" || exit 1
tc=$tmp/tricky/office/chi-bo-to-dan-pho-so-3
sed -i \
    -e "s/^  name: Chi bộ Tổ dân phố số 3\$/  name: '=Chi bộ \"A\", thôn B'/" \
    -e "s/^    name: Vũ Đình Lộc\$/    name: '+Vũ, \"Lộc\"'/" \
    -e "s/^    name: Ngô Thị Mến\$/    name: '@Ngô Thị Mến '/" \
    "$tc/cell.yaml"
sed -i \
    -e 's/^    topic: Góp ý dự thảo các văn kiện trình Đại hội XIV của Đảng$/    topic: "-Góp ý dự thảo,\\ndòng hai"/' \
    "$tc/plans/2025.yaml"
n=$(grep -c "=Chi bộ \"A\", thôn B\|+Vũ, \"Lộc\"\|@Ngô Thị Mến " "$tc/cell.yaml")
m=$(grep -c 'topic: "-Góp ý dự thảo,\\ndòng hai"' "$tc/plans/2025.yaml")
if [ "$n" -ne 3 ] || [ "$m" -ne 1 ]; then
	echo "FAIL setup: the tricky cell was not made ($n names, $m topics)"
	exit 1
fi

# ---- (a) xlsx ----
cat >"$tmp/xlsx.py" <<'EOF'
# usage: xlsx.py KIND BOOK.xlsx TABLE.csv
# KIND: report | attend | thematic | meetings. Checks the first sheet of
# BOOK against the rows of TABLE (the same command's CSV output). Prints
# one "ok ..." or "FAIL ..." line a check.
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
RELNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TITLES = {
    "report": ["Code", "Cell", "Type", "Months", "Regular", "On time",
               "Thematic", "Thematic due", "Present", "Expected",
               "Attendance %", "Unexcused", "Over limit", "Resolutions",
               "Complete", "Upper visits", "Admissions", "Errors",
               "Warnings", "Members", "Good or better", "Excellent",
               "Cell rating", "Period"],
    "attend": ["Id", "Member", "Expected", "Present", "Excused",
               "Unexcused", "Attendance %", "Spoke", "Flags", "Cell code"],
    "thematic": ["Year", "Quarter", "Planned topic", "Planned category",
                 "Date", "Topic", "Category", "Presenter", "Announced",
                 "Reported", "Status", "Cell code"],
    "meetings": ["Date", "Kind", "Present", "Expected", "Resolutions",
                 "Findings", "File"],
}
SHEET = {"report": "report", "attend": "attendance", "thematic": "thematic",
         "meetings": "meetings"}
INT = {
    "report": {"months", "regular_held", "regular_on_time", "thematic_held",
               "thematic_expected", "attendance_present",
               "attendance_expected", "unexcused_absences",
               "members_over_unexcused_limit", "resolutions",
               "resolutions_complete", "upper_visits", "admissions",
               "errors", "warnings", "members", "members_good_or_better",
               "members_excellent"},
    "attend": {"expected", "present", "absent_excused", "absent_unexcused",
               "contributions"},
    "thematic": {"year", "quarter"},
    "meetings": {"present", "expected", "resolutions", "findings"},
}
PCT = {"report": ("attendance_pct", "attendance_present",
                  "attendance_expected"),
       "attend": ("attendance_pct", "present", "expected")}
DATES = {"thematic": {"date", "announced", "reported"},
         "meetings": {"date"}}

kind, book, table = sys.argv[1:4]
fails = 0


def check(cond, what):
    global fails
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        fails += 1


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def text_of(si):
    # A shared string: <t> or rich runs <r><t>.
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def days_to_date(serial):
    import datetime
    return (datetime.date(1899, 12, 30) +
            datetime.timedelta(days=int(serial))).isoformat()


with open(table, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, strict=True))
ids, data = rows[0], rows[1:]

z = zipfile.ZipFile(book)
check(z.testzip() is None, "%s: the zip is sound" % book)
names = set(z.namelist())
wb = ET.fromstring(z.read("xl/workbook.xml"))
sheets = wb.findall("m:sheets/m:sheet", NS)
snames = [s.get("name") for s in sheets]
check(snames == [SHEET[kind], "about"],
      "sheets are %s, about: %s" % (SHEET[kind], snames))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels.iter(RELNS + "Relationship")}


def sheet_xml(s):
    t = target[s.get("{%s}id" % NS["r"])]
    return ET.fromstring(z.read("xl/" + t.lstrip("/").replace("xl/", "", 1)))


shared = []
if "xl/sharedStrings.xml" in names:
    sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
    shared = [text_of(si) for si in sst.findall("m:si", NS)]
styles = ET.fromstring(z.read("xl/styles.xml"))
numfmts = {int(n.get("numFmtId")): n.get("formatCode")
           for n in styles.findall("m:numFmts/m:numFmt", NS)}
xfs = styles.findall("m:cellXfs/m:xf", NS)


def fmt_of(c):
    s = int(c.get("s", "0"))
    nid = int(xfs[s].get("numFmtId", "0"))
    return numfmts.get(nid, "builtin:%d" % nid)


ws = sheet_xml(sheets[0])
cells = {}
for row in ws.findall("m:sheetData/m:row", NS):
    r = int(row.get("r")) - 1
    for c in row.findall("m:c", NS):
        cells[(r, col_index(c.get("r")))] = c


def value(c):
    """(type, python value) of a cell element."""
    t = c.get("t", "n")
    if c.find("m:f", NS) is not None:
        return ("formula", c.find("m:f", NS).text)
    if t == "s":
        return ("s", shared[int(c.find("m:v", NS).text)])
    if t == "inlineStr":
        return ("s", text_of(c.find("m:is", NS)))
    if t == "str":
        return ("s", c.find("m:v", NS).text or "")
    v = c.find("m:v", NS)
    return (t, None if v is None else float(v.text))


# The header: the English titles. A report for a quarter or a month has
# no rating columns.
if kind == "report" and "members" not in ids:
    TITLES["report"] = TITLES["report"][:19] + ["Period"]
header = [value(cells[(0, i)])[1] if (0, i) in cells else None
          for i in range(len(ids))]
check(header == TITLES[kind], "header row holds the titles: %s" % header)
check(len(ids) == len(TITLES[kind]), "the CSV has %d columns" % len(ids))
check(not any((0, i) in cells for i in range(len(ids), len(ids) + 5)),
      "nothing right of the header")
# The frozen header row.
pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
check(pane is not None and pane.get("ySplit") == "1" and
      pane.get("state") == "frozen" and pane.get("xSplit") is None,
      "the header row is frozen (pane ySplit=1)")
# Column widths for every column.
widths = {}
for col in ws.findall("m:cols/m:col", NS):
    for i in range(int(col.get("min")), int(col.get("max")) + 1):
        widths[i - 1] = float(col.get("width"))
check(all(i in widths and widths[i] >= 8 for i in range(len(ids))),
      "every column has a width")
# Rows: as many as in the CSV, each cell typed.
maxrow = max(r for r, _ in cells)
check(maxrow == len(data), "%d data rows (CSV: %d)" % (maxrow, len(data)))
bad_cells = []
for r, rec in enumerate(data, start=1):
    for i, cid in enumerate(ids):
        want = rec[i]
        c = cells.get((r, i))
        got = value(c) if c is not None else ("blank", None)
        where = "%s row %d %s" % (kind, r, cid)
        if cid in INT.get(kind, ()):
            ok = (got[0] == "n" and want != "" and got[1] == int(want) and
                  float(got[1]).is_integer())
            if want == "":
                ok = got[0] == "blank"
        elif kind in PCT and cid == PCT[kind][0]:
            num = int(rec[ids.index(PCT[kind][1])])
            den = int(rec[ids.index(PCT[kind][2])])
            if den == 0:
                ok = got[0] == "blank" and want == ""
            else:
                ok = (got[0] == "n" and got[1] == num / den and
                      fmt_of(c) == "0.0%" and
                      # the CSV's one decimal, rounded half up
                      want == "%d.%d" % divmod((num * 2000 + den) //
                                               (2 * den), 10))
        elif cid in DATES.get(kind, ()):
            if want == "":
                ok = got[0] == "blank"
            else:
                ok = (got[0] == "n" and days_to_date(got[1]) == want and
                      fmt_of(c) == "yyyy-mm-dd")
        else:
            ok = (got == ("s", want)) or (want == "" and got[0] == "blank")
        if not ok:
            bad_cells.append("%s: xlsx %r, csv %r" % (where, got, want))
check(not bad_cells, "every cell typed and equal to the CSV's (%d wrong%s)"
      % (len(bad_cells), ": " + "; ".join(bad_cells[:5]) if bad_cells else ""))
# No formulas anywhere: text is text, even when it starts with '='.
check(all(c.find("m:f", NS) is None for c in cells.values()),
      "no formulas")
# The about sheet: key, value pairs, "made by" among them.
about = sheet_xml(sheets[1])
keys = []
for row in about.findall("m:sheetData/m:row", NS):
    cs = row.findall("m:c", NS)
    if cs:
        keys.append(value(cs[0])[1])
if kind == "meetings" and not keys:
    # cb meet list fills no about sheet (reported); the sheet exists.
    print("note the about sheet of cb meet list is empty")
else:
    check("made by" in keys and "period" in keys and
          ("as of" in keys or "merged from" in keys),
          "the about sheet says what made it: %s" % keys)
sys.exit(1 if fails else 0)
EOF

# xlsx KIND CSV-ARGS...: the same command as xlsx (-o, and to stdout) and
# as CSV, then checked by xlsx.py.
nx=0
xlsx() {
	kind=$1
	shift
	nx=$((nx + 1))
	d=$tmp/x$nx-$kind
	mkdir -p "$d"
	run "$kind: -o r.xlsx" "$cb" "$@" --format xlsx -o "$d/r.xlsx" || return
	run "$kind: csv" "$cb" "$@" --format csv >"$d/r.csv" || return
	if "$py" "$tmp/xlsx.py" "$kind" "$d/r.xlsx" "$d/r.csv" >"$d/log" 2>&1; then
		ok
	else
		bad "$kind: the workbook read back:"
		grep -v '^ok' "$d/log" | head -20
	fi
	# The same bytes: again, and to stdout.
	run "$kind: again" "$cb" "$@" --format xlsx -o "$d/r2.xlsx" &&
	    if cmp -s "$d/r.xlsx" "$d/r2.xlsx"; then ok; else
		    bad "$kind: two runs give different workbooks"
	    fi
	run "$kind: to stdout" "$cb" "$@" --format xlsx >"$d/r3.xlsx" &&
	    if cmp -s "$d/r.xlsx" "$d/r3.xlsx"; then ok; else
		    bad "$kind: the workbook on stdout differs from -o's"
	    fi
}

xlsx report report --year 2025 $asof "$tmp/ex"
xlsx report report --quarter 2025-Q3 $asof "$tmp/ex" "$tmp/tricky"
xlsx attend attend --year 2025 $asof "$tmp/ex/dang-uy-xa-nghia-an" "$tmp/tricky"
xlsx thematic thematic --year 2025 $asof "$tmp/tricky"
xlsx meetings meet list --year 2024 $asof "$tmp/ex/dang-uy-phuong-minh-khai"
# A merged report too.
if run "merge: inputs" "$cb" report --year 2025 $asof --format csv \
    "$tmp/ex/dang-uy-xa-nghia-an" >"$tmp/m1.csv" &&
    run "merge: inputs" "$cb" report --year 2025 $asof --format csv \
	"$tmp/tricky" >"$tmp/m2.csv"; then
	xlsx report report merge "$tmp/m1.csv" "$tmp/m2.csv"
fi
# -o onto an existing workbook: refused, the file unchanged; --force
# replaces it.
d=$tmp/x1-report
sum=$(cksum <"$d/r.xlsx")
"$cb" report --month 2025-01 $asof --format xlsx -o "$d/r.xlsx" \
    "$tmp/ex" 2>"$tmp/err"
st=$?
if [ $st -eq 2 ] && [ "$(cksum <"$d/r.xlsx")" = "$sum" ] &&
    grep -q "exists" "$tmp/err"; then ok; else
	bad "-o onto an existing .xlsx: status $st, $(cat "$tmp/err")"
fi
if run "--force" "$cb" report --month 2025-01 $asof --format xlsx \
    -o "$d/r.xlsx" --force "$tmp/ex" &&
    [ "$(cksum <"$d/r.xlsx")" != "$sum" ]; then ok; else
	bad "--force did not replace the workbook"
fi
# Not onto a terminal (script(1) gives it one, where there is script).
if command -v script >/dev/null 2>&1; then
	script -qec "\"$cb\" report --year 2025 $asof --format xlsx \"$tmp/ex\"" \
	    /dev/null </dev/null >"$tmp/tty" 2>&1
	st=$?
	if [ $st -eq 2 ] && grep -q 'not for the terminal' "$tmp/tty" &&
	    ! grep -q 'PK' "$tmp/tty"; then ok; else
		bad "xlsx onto a terminal: status $st: $(head -c 200 "$tmp/tty")"
	fi
else
	echo "SKIP xlsx onto a terminal: no script(1)"
fi
leftover=$(find "$tmp" -name '*.tmp-*' | head -3)
[ -z "$leftover" ] && ok || bad "temporary files left: $leftover"

# ---- (b) CSV: libcsv and python read the same rows ----
cat >"$tmp/csvpy.py" <<'EOF'
# Print the rows of a CSV file as csvdump does: fields joined by \x1f,
# records ended by \n. A BOM is skipped (utf-8-sig).
import csv
import sys
out = sys.stdout.buffer
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f, strict=True):
        out.write(("\x1f".join(row) + "\n").encode("utf-8"))
EOF
cat >"$tmp/excel.py" <<'EOF'
# usage: excel.py PLAIN.csv EXCEL.csv: the same rows, except that --excel
# prefixes ' to a cell starting with = + - @ tab CR LF; PLAIN has no BOM,
# EXCEL has one; every record has the header's width; records end in CRLF.
import csv
import sys
plain, excel = sys.argv[1:3]
fails = []
pb = open(plain, "rb").read()
eb = open(excel, "rb").read()
if pb.startswith(b"\xef\xbb\xbf"):
    fails.append("plain CSV starts with a BOM")
if not eb.startswith(b"\xef\xbb\xbf"):
    fails.append("--excel does not start with the UTF-8 BOM")
if eb[3:4] == b"\xef":
    fails.append("--excel has two BOMs")
for name, b in (("plain", pb), ("excel", eb)):
    if not b.endswith(b"\r\n"):
        fails.append("%s: the last record does not end in CRLF" % name)
p = list(csv.reader(open(plain, newline="", encoding="utf-8"), strict=True))
e = list(csv.reader(open(excel, newline="", encoding="utf-8-sig"),
                    strict=True))
if len(p) != len(e):
    fails.append("%d rows plain, %d with --excel" % (len(p), len(e)))
for rows, name in ((p, "plain"), (e, "excel")):
    for i, r in enumerate(rows):
        if len(r) != len(rows[0]):
            fails.append("%s row %d: %d fields, header %d" %
                         (name, i + 1, len(r), len(rows[0])))
for i, (a, b) in enumerate(zip(p, e)):
    for j, (x, y) in enumerate(zip(a, b)):
        want = "'" + x if x[:1] and x[0] in "=+-@\t\r\n" else x
        if y != want:
            fails.append("row %d field %d: plain %r, excel %r (want %r)" %
                         (i + 1, j + 1, x, y, want))
for f in fails[:10]:
    print("FAIL " + f)
sys.exit(1 if fails else 0)
EOF

# csvpair NAME CMD...: the command's CSV and --excel CSV, each read by
# csvdump and by python, the same; and the two forms agree.
csvpair() {
	name=$1
	shift
	d=$tmp/c-$name
	mkdir -p "$d"
	run "$name: csv" "$cb" "$@" --format csv >"$d/plain.csv" || return
	run "$name: --excel" "$cb" "$@" --excel >"$d/excel.csv" || return
	for f in plain excel; do
		if ! "$csvdump" "$d/$f.csv" >"$d/$f.libcsv" 2>"$tmp/err"; then
			bad "$name ($f): libcsv (strict) rejects it: $(cat "$tmp/err")"
		elif ! "$py" "$tmp/csvpy.py" "$d/$f.csv" >"$d/$f.py" 2>"$tmp/err"; then
			bad "$name ($f): python's csv rejects it: $(tail -1 "$tmp/err")"
		elif ! cmp -s "$d/$f.libcsv" "$d/$f.py"; then
			bad "$name ($f): libcsv and python read different rows"
			diff "$d/$f.libcsv" "$d/$f.py" | cat -A | head -6
		elif [ "$(wc -l <"$d/$f.py")" -lt 2 ]; then
			bad "$name ($f): no rows"
		else
			ok
		fi
	done
	if "$py" "$tmp/excel.py" "$d/plain.csv" "$d/excel.csv" >"$d/log" 2>&1; then
		ok
	else
		bad "$name: plain and --excel CSV:"
		head -10 "$d/log"
	fi
}

na=$tmp/ex/dang-uy-xa-nghia-an
csvpair report-year report --year 2025 $asof "$tmp/ex"
csvpair report-quarter report --quarter 2024-Q3 $asof "$tmp/ex"
csvpair report-month report --month 2025-10 $asof "$tmp/ex"
csvpair attend attend --year 2024 $asof "$tmp/ex"
csvpair attend-range attend --from 2024-09-01 --to 2025-02-28 $asof "$na"
csvpair thematic thematic --year 2025 $asof "$tmp/ex"
csvpair meetings meet list $asof "$tmp/ex"
csvpair tricky-report report --year 2025 $asof "$tmp/tricky" "$na"
csvpair tricky-attend attend --year 2025 $asof "$tmp/tricky"
csvpair tricky-thematic thematic --year 2025 $asof "$tmp/tricky"
csvpair tricky-merge report merge "$tmp/m1.csv" "$tmp/m2.csv"

# The tricky text, byte for byte: faithful in plain CSV, neutralised by
# --excel, a line break kept inside quotes.
expect() { # FILE STRING WHAT
	if grep -qF -- "$2" "$1"; then ok; else
		bad "$3: no $2 in $1"
		grep -n 'B"\|Lộc\|Mến\|dòng' "$1" | head -3
	fi
}
d=$tmp/c-tricky-report
expect "$d/plain.csv" "MK-TDP3,\"=Chi bộ \"\"A\"\", thôn B\",residential," "plain CSV"
expect "$d/excel.csv" "MK-TDP3,\"'=Chi bộ \"\"A\"\", thôn B\",residential," "--excel"
d=$tmp/c-tricky-attend
expect "$d/plain.csv" "DV006,\"+Vũ, \"\"Lộc\"\"\",17," "plain CSV"
expect "$d/excel.csv" "DV006,\"'+Vũ, \"\"Lộc\"\"\",17," "--excel"
expect "$d/plain.csv" "DV007,@Ngô Thị Mến ,17," "plain CSV"
expect "$d/excel.csv" "DV007,\"'@Ngô Thị Mến \",17," "--excel"
d=$tmp/c-tricky-thematic
expect "$d/plain.csv" "2025,4,\"-Góp ý dự thảo," "plain CSV"
expect "$d/excel.csv" "2025,4,\"'-Góp ý dự thảo," "--excel"
if head -c 3 "$tmp/c-tricky-report/excel.csv" | od -An -tx1 |
    grep -q 'ef bb bf'; then ok; else
	bad "--excel does not start with the BOM"
fi

# ---- (c) the commands agree with each other ----
# The report's attendance and unexcused absences are the sums of cb
# attend's; its regular and thematic meetings are cb meet list's.
for office in dang-uy-xa-nghia-an dang-uy-phuong-minh-khai \
    dang-uy-khoi-co-quan-quang-binh; do
	for pr in --year=2024:2024-01-01:2024-12-31 \
	    --year=2025:2025-01-01:2025-12-31 \
	    --quarter=2024-Q3:2024-07-01:2024-09-30 \
	    --quarter=2025-Q1:2025-01-01:2025-03-31 \
	    --month=2025-10:2025-10-01:2025-10-31; do
		p=${pr%%:*}
		range=${pr#*:}
		from=${range%:*}
		to=${range#*:}
		o=$tmp/ex/$office
		"$cb" report $p $asof --format csv "$o" >"$tmp/r.csv" 2>/dev/null
		"$cb" attend --from=$from --to=$to $asof --format csv "$o" \
		    >"$tmp/a.csv" 2>/dev/null
		"$cb" meet list $asof --format csv "$o" >"$tmp/l.csv" 2>/dev/null
		r=$(awk -F, '$1 == "TOTAL" { print $9 "/" $10 " " $12 " " $5 " " $7 }' "$tmp/r.csv")
		a=$(awk -F, 'NR > 1 { e += $3; p += $4; u += $6 }
		    END { print p + 0 "/" e + 0 " " u + 0 }' "$tmp/a.csv")
		l=$(awk -F, -v from="$from" -v to="$to" '
		    NR > 1 && $1 >= from && $1 <= to {
			reg += $2 == "regular"; th += $2 == "thematic" }
		    END { print reg + 0 " " th + 0 }' "$tmp/l.csv")
		[ -n "$r" ] || bad "$office $p: no report"
		if [ "$r" = "$a $l" ]; then ok; else
			bad "$office $p: report '$r', attend and meet list '$a $l'"
		fi
	done
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
