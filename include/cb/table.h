/*
 * cb/table.h - the tables that cb's reports produce, and their output:
 * aligned text, CSV (RFC 4180, optionally hardened for spreadsheets) and
 * .xlsx workbooks.
 *
 * A table has typed columns: text, whole numbers, dates, and percentages
 * kept as a numerator and a denominator so that reports can be added up
 * exactly. Output is deterministic: the same table gives the same bytes.
 */
#ifndef CB_TABLE_H
#define CB_TABLE_H

#include <stdio.h>

#include "common.h"
#include "date.h"

typedef struct cb_table cb_table;

typedef enum cb_col_type {
	CB_COL_TEXT,
	CB_COL_INT,
	CB_COL_DATE,
	CB_COL_PCT /* num / den, shown as a percentage with one decimal */
} cb_col_type;

/*
 * Create an empty table named `name` (the sheet's name, e.g. "report").
 * Free it with cb_table_free().
 */
CB_EXTERN(int) cb_table_new(cb_table **out, const char *name);
CB_EXTERN(void) cb_table_free(cb_table *t);

/*
 * Add a column: `id` is its stable CSV header, `title` an English msgid
 * translated for text and xlsx output. Both are borrowed (static strings).
 * Returns the column's index, or a negative CB_E* code.
 */
CB_EXTERN(int)
cb_table_add_column(
    cb_table *t, const char *id, const char *title, cb_col_type type);

/* Add an empty row; returns its index, or a negative CB_E* code. */
CB_EXTERN(int) cb_table_add_row(cb_table *t);

/* Set a cell of the last row. Text is copied. Return 0 or CB_ENOMEM. */
CB_EXTERN(int) cb_table_set_text(cb_table *t, int col, const char *s);
CB_EXTERN(int) cb_table_set_int(cb_table *t, int col, int64_t v);
CB_EXTERN(int) cb_table_set_date(cb_table *t, int col, cb_date d);
CB_EXTERN(int) cb_table_set_pct(cb_table *t, int col, int64_t num, int64_t den);

/* Rows and columns, and a cell's text as CSV writes it (caller's buffer). */
CB_EXTERN(size_t) cb_table_rows(const cb_table *t);
CB_EXTERN(size_t) cb_table_columns(const cb_table *t);
CB_EXTERN(const char *) cb_table_column_id(const cb_table *t, size_t col);
CB_EXTERN(cb_col_type) cb_table_column_type(const cb_table *t, size_t col);
CB_EXTERN(int)
cb_table_get_int(const cb_table *t, size_t row, size_t col, int64_t *out);

/* Add a line to the table's "about" sheet (xlsx): a key and a value. */
CB_EXTERN(int) cb_table_about(cb_table *t, const char *key, const char *value);

/* Sort the rows by column `col` (text bytewise, numbers by value), stably. */
CB_EXTERN(void) cb_table_sort(cb_table *t, size_t col);

typedef enum cb_format {
	CB_FORMAT_TEXT,
	CB_FORMAT_CSV,
	CB_FORMAT_CSV_EXCEL, /* BOM, and formulas neutralised (OWASP) */
	CB_FORMAT_XLSX
} cb_format;

/*
 * Write `t` to `fp` as text or CSV. `translate` (may be NULL) translates
 * the column titles of the text form. Returns 0, or CB_EIO on a write
 * error.
 */
CB_EXTERN(int)
cb_table_write(const cb_table *t, cb_format format, FILE *fp,
    cb_translate_fn translate, void *payload);

/*
 * Write tables as one .xlsx workbook at `path` (one sheet a table, then an
 * "about" sheet from the first table's about lines): numbers as numbers,
 * percentages as percentages, dates as dates, a bold frozen header,
 * translated titles, widths that fit the text. `created` fixes the
 * workbook's creation time, so the same tables give the same bytes.
 * Returns 0 or CB_EIO.
 */
CB_EXTERN(int)
cb_table_write_xlsx(const cb_table *const *tables, size_t n, const char *path,
    int64_t created, cb_translate_fn translate, void *payload);

#endif
