/*
 * xlsx.c - tables as an .xlsx workbook (libxlsxwriter): numbers as
 * numbers, percentages as percentages, dates as dates, a bold frozen
 * header, widths that fit the text, and an "about" sheet. The creation
 * time is set by the caller, so the same tables give the same bytes.
 */
#include <string.h>
#include <xlsxwriter.h>

#include "cb/table.h"
#include "diag.h"
#include "tablex.h"
#include "text.h"
#include "banned.h"

static const char *
tr(cb_translate_fn translate, void *payload, const char *msgid)
{
	return translate ? translate(msgid, payload) : msgid;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
static void
sheet_name(const char *in, char *out, size_t size)
{
	size_t n = 0, chars = 0;

	for (const char *p = in; *p && chars < 31;) {
		size_t k = 1;

		while ((p[k] & 0xC0) == 0x80)
			k++;
		if (n + k + 1 > size)
			break;
		if (k == 1 && strchr("[]:*?/\\", *p))
			out[n++] = '-';
		else
			memcpy(out + n, p, k), n += k;
		p += k;
		chars++;
	}
	out[n] = '\0';
}

static double
width_of(const char *s)
{
	double w = (double)cb_utf8_width(s) + 2;

	return w < 8 ? 8 : w > 60 ? 60 : w;
}

static int
write_sheet(lxw_workbook *wb, const cb_table *t, lxw_format *bold,
    lxw_format *pct, lxw_format *datefmt, cb_translate_fn translate,
    void *payload)
{
	char name[128];
	size_t ncols = cb_table_columns(t), nrows = cb_table_rows(t);
	lxw_worksheet *ws;

	sheet_name(
	    tr(translate, payload, cb_table_name_(t)), name, sizeof(name));
	if ((ws = workbook_add_worksheet(wb, name)) == NULL)
		return CB_EIO;
	for (size_t c = 0; c < ncols; c++) {
		const char *title =
		    tr(translate, payload, cb_table_title_(t, c));
		double w = width_of(title);

		worksheet_write_string(ws, 0, (lxw_col_t)c, title, bold);
		for (size_t r = 0; r < nrows; r++) {
			const char *text;
			int64_t num, den;
			cb_date d;
			char buf[32];

			if (!cb_table_cell_(t, r, c, &text, &num, &den, &d))
				continue;
			lxw_row_t row = (lxw_row_t)(r + 1);

			switch (cb_table_column_type(t, c)) {
			case CB_COL_TEXT:
				worksheet_write_string(ws, row, (lxw_col_t)c,
				    text ? text : "", NULL);
				if (text && width_of(text) > w)
					w = width_of(text);
				break;
			case CB_COL_INT:
				worksheet_write_number(
				    ws, row, (lxw_col_t)c, (double)num, NULL);
				snprintf(
				    buf, sizeof(buf), "%lld", (long long)num);
				if (width_of(buf) > w)
					w = width_of(buf);
				break;
			case CB_COL_PCT:
				if (den > 0)
					worksheet_write_number(ws, row,
					    (lxw_col_t)c,
					    (double)num / (double)den, pct);
				break;
			case CB_COL_DATE: {
				lxw_datetime dt = { d.year, d.month, d.day, 0,
					0, 0 };

				worksheet_write_datetime(
				    ws, row, (lxw_col_t)c, &dt, datefmt);
				if (w < 12)
					w = 12;
				break;
			}
			}
		}
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (nrows > 0 && ncols > 0)
		worksheet_autofilter(
		    ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
	return 0;
}

static int
write_about(lxw_workbook *wb, const cb_table *t, lxw_format *bold,
    cb_translate_fn translate, void *payload)
{
	const char *key, *value;
	size_t n = cb_table_about_(t, 0, &key, &value);
	double kw = 10, vw = 10;
	char name[128];
	lxw_worksheet *ws;

	sheet_name(tr(translate, payload, N_("about")), name, sizeof(name));
	if ((ws = workbook_add_worksheet(wb, name)) == NULL)
		return CB_EIO;
	for (size_t i = 0; i < n; i++) {
		cb_table_about_(t, i, &key, &value);
		key = tr(translate, payload, key);
		worksheet_write_string(ws, (lxw_row_t)i, 0, key, bold);
		worksheet_write_string(ws, (lxw_row_t)i, 1, value, NULL);
		if (width_of(key) > kw)
			kw = width_of(key);
		if (width_of(value) > vw)
			vw = width_of(value);
	}
	worksheet_set_column(ws, 0, 0, kw, NULL);
	worksheet_set_column(ws, 1, 1, vw, NULL);
	return 0;
}

int
cb_table_write_xlsx(const cb_table *const *tables, size_t n, const char *path,
    int64_t created, cb_translate_fn translate, void *payload)
{
	lxw_workbook_options opts = { 0 };
	lxw_doc_properties props = { 0 };
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	int rc = 0;

	if (wb == NULL)
		return CB_EIO;
	props.created = (time_t)created;
	props.comments = "cb " CB_VERSION;
	workbook_set_properties(wb, &props);

	lxw_format *bold = workbook_add_format(wb);
	lxw_format *pct = workbook_add_format(wb);
	lxw_format *datefmt = workbook_add_format(wb);

	format_set_bold(bold);
	format_set_num_format(pct, "0.0%");
	format_set_num_format(datefmt, "yyyy-mm-dd");
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = write_sheet(
		    wb, tables[i], bold, pct, datefmt, translate, payload);
	if (rc == 0 && n > 0)
		rc = write_about(wb, tables[0], bold, translate, payload);
	if (workbook_close(wb) != LXW_NO_ERROR)
		rc = CB_EIO;
	return rc;
}
