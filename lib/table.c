/*
 * table.c - typed tables and their text and CSV forms.
 *
 * Percentages are kept as numerator and denominator and printed with one
 * decimal, rounded half up in integer arithmetic, so the same counts always
 * print the same digits and reports add up exactly (cb report merge).
 */
#include <stdlib.h>
#include <string.h>

#include "cb/table.h"
#include "tablex.h"
#include "buf.h"
#include "text.h"
#include "banned.h"

struct cell {
	uint8_t set;
	char *text;
	int64_t num, den;
	cb_date date;
};

struct column {
	const char *id, *title;
	cb_col_type type;
};

struct cb_table {
	char *name;
	struct column *cols;
	size_t ncols, capcols;
	struct cell **rows; /* rows[r][c] */
	size_t nrows, caprows;
	char **about; /* key, value pairs */
	size_t nabout;
};

int
cb_table_new(cb_table **out, const char *name)
{
	cb_table *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (t == NULL || (t->name = strdup(name)) == NULL) {
		free(t);
		return CB_ENOMEM;
	}
	*out = t;
	return 0;
}

void
cb_table_free(cb_table *t)
{
	if (t == NULL)
		return;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c].text);
		free(t->rows[r]);
	}
	for (size_t i = 0; i < 2 * t->nabout; i++)
		free(t->about[i]);
	free(t->about);
	free(t->rows);
	free(t->cols);
	free(t->name);
	free(t);
}

int
cb_table_add_column(
    cb_table *t, const char *id, const char *title, cb_col_type type)
{
	if (t->nrows > 0)
		return CB_EINVAL;
	if (t->ncols == t->capcols) {
		size_t cap = t->capcols ? t->capcols * 2 : 16;
		struct column *c = realloc(t->cols, cap * sizeof(*c));

		if (c == NULL)
			return CB_ENOMEM;
		t->cols = c;
		t->capcols = cap;
	}
	t->cols[t->ncols].id = id;
	t->cols[t->ncols].title = title;
	t->cols[t->ncols].type = type;
	return (int)t->ncols++;
}

int
cb_table_add_row(cb_table *t)
{
	if (t->nrows == t->caprows) {
		size_t cap = t->caprows ? t->caprows * 2 : 32;
		struct cell **r = realloc(t->rows, cap * sizeof(*r));

		if (r == NULL)
			return CB_ENOMEM;
		t->rows = r;
		t->caprows = cap;
	}
	t->rows[t->nrows] =
	    calloc(t->ncols ? t->ncols : 1, sizeof(struct cell));
	if (t->rows[t->nrows] == NULL)
		return CB_ENOMEM;
	return (int)t->nrows++;
}

static struct cell *
last(cb_table *t, int col)
{
	if (t->nrows == 0 || col < 0 || (size_t)col >= t->ncols)
		return NULL;
	return &t->rows[t->nrows - 1][col];
}

int
cb_table_set_text(cb_table *t, int col, const char *s)
{
	struct cell *c = last(t, col);
	char *p;

	if (c == NULL)
		return CB_EINVAL;
	if ((p = strdup(s ? s : "")) == NULL)
		return CB_ENOMEM;
	free(c->text);
	c->text = p;
	c->set = 1;
	return 0;
}

int
cb_table_set_int(cb_table *t, int col, int64_t v)
{
	struct cell *c = last(t, col);

	if (c == NULL)
		return CB_EINVAL;
	c->num = v;
	c->set = 1;
	return 0;
}

int
cb_table_set_date(cb_table *t, int col, cb_date d)
{
	struct cell *c = last(t, col);

	if (c == NULL)
		return CB_EINVAL;
	c->date = d;
	c->set = cb_date_is_set(d);
	return 0;
}

int
cb_table_set_pct(cb_table *t, int col, int64_t num, int64_t den)
{
	struct cell *c = last(t, col);

	if (c == NULL)
		return CB_EINVAL;
	c->num = num;
	c->den = den;
	c->set = 1;
	return 0;
}

size_t
cb_table_rows(const cb_table *t)
{
	return t->nrows;
}

size_t
cb_table_columns(const cb_table *t)
{
	return t->ncols;
}

const char *
cb_table_column_id(const cb_table *t, size_t col)
{
	return col < t->ncols ? t->cols[col].id : NULL;
}

cb_col_type
cb_table_column_type(const cb_table *t, size_t col)
{
	return col < t->ncols ? t->cols[col].type : CB_COL_TEXT;
}

int
cb_table_get_int(const cb_table *t, size_t row, size_t col, int64_t *out)
{
	if (row >= t->nrows || col >= t->ncols || !t->rows[row][col].set)
		return CB_ENOTFOUND;
	*out = t->rows[row][col].num;
	return 0;
}

int
cb_table_about(cb_table *t, const char *key, const char *value)
{
	char **a = realloc(t->about, (t->nabout + 1) * 2 * sizeof(*a));

	if (a == NULL)
		return CB_ENOMEM;
	t->about = a;
	a[2 * t->nabout] = strdup(key);
	a[2 * t->nabout + 1] = strdup(value ? value : "");
	if (a[2 * t->nabout] == NULL || a[2 * t->nabout + 1] == NULL) {
		free(a[2 * t->nabout]);
		free(a[2 * t->nabout + 1]);
		return CB_ENOMEM;
	}
	t->nabout++;
	return 0;
}

/* Merge sort on row pointers: stable, no global state for the key. */
static void
sort_rows(
    struct cell **v, struct cell **tmp, size_t n, size_t col, cb_col_type type)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;

	sort_rows(v, tmp, h, col, type);
	sort_rows(v + h, tmp, n - h, col, type);
	while (i < h && j < n) {
		const struct cell *a = &v[i][col], *b = &v[j][col];
		int c;

		if (type == CB_COL_TEXT)
			c = strcmp(
			    a->text ? a->text : "", b->text ? b->text : "");
		else if (type == CB_COL_DATE)
			c = cb_date_cmp(a->date, b->date);
		else
			c = (a->num > b->num) - (a->num < b->num);
		tmp[k++] = c <= 0 ? v[i++] : v[j++];
	}
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void
cb_table_sort(cb_table *t, size_t col)
{
	struct cell **tmp;

	if (col >= t->ncols || t->nrows < 2)
		return;
	if ((tmp = malloc(t->nrows * sizeof(*tmp))) == NULL)
		return;
	sort_rows(t->rows, tmp, t->nrows, col, t->cols[col].type);
	free(tmp);
}

/* A cell as CSV and text show it, into `b` (cleared first). */
static int
format_cell(const struct cell *c, cb_col_type type, cb_buf *b)
{
	char d[11];

	cb_buf_clear(b);
	if (!c->set)
		return cb_buf_put(b, "", 0);
	switch (type) {
	case CB_COL_TEXT:
		return cb_buf_puts(b, c->text ? c->text : "");
	case CB_COL_INT:
		return cb_buf_printf(b, "%lld", (long long)c->num);
	case CB_COL_DATE:
		return cb_buf_puts(b, cb_date_format(c->date, d));
	case CB_COL_PCT:
		if (c->den <= 0)
			return cb_buf_put(b, "", 0);
		/* Tenths of a percent, half up. */
		int64_t tenths = (c->num * 2000 + c->den) / (2 * c->den);

		return cb_buf_printf(b, "%lld.%lld", (long long)(tenths / 10),
		    (long long)(tenths % 10));
	}
	return 0;
}

static const char *
tr(cb_translate_fn translate, void *payload, const char *msgid)
{
	return translate ? translate(msgid, payload) : msgid;
}

static void
put_csv_field(FILE *fp, const char *s, int excel)
{
	/* OWASP CSV injection: a cell that a spreadsheet could run. */
	int neutral = excel && s[0] != '\0' && strchr("=+-@\t\r\n", s[0]);
	int quote = neutral || strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', fp);
	if (neutral)
		fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	if (quote)
		fputc('"', fp);
}

static int
write_csv(const cb_table *t, FILE *fp, int excel)
{
	cb_buf b = CB_BUF_INIT(1 << 20);

	if (excel)
		fputs("\xEF\xBB\xBF", fp);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', fp);
		put_csv_field(fp, t->cols[c].id, excel);
	}
	fputs("\r\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', fp);
			if (format_cell(&t->rows[r][c], t->cols[c].type, &b)) {
				cb_buf_free(&b);
				return CB_ENOMEM;
			}
			put_csv_field(fp, b.ptr ? b.ptr : "", excel);
		}
		fputs("\r\n", fp);
	}
	cb_buf_free(&b);
	return ferror(fp) ? CB_EIO : 0;
}

/*
 * Aligned columns for people: widths in terminal cells (utf8proc), so
 * Vietnamese text with diacritics stays aligned; numbers to the right.
 */
static int
write_text(
    const cb_table *t, FILE *fp, cb_translate_fn translate, void *payload)
{
	size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof(*w));
	cb_buf b = CB_BUF_INIT(1 << 20);

	if (w == NULL)
		return CB_ENOMEM;
	for (size_t c = 0; c < t->ncols; c++)
		w[c] = cb_utf8_width(tr(translate, payload, t->cols[c].title));
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			if (format_cell(&t->rows[r][c], t->cols[c].type, &b))
				goto oom;
			for (size_t k = 0; k < b.len; k++)
				if (b.ptr[k] == '\n' || b.ptr[k] == '\r')
					b.ptr[k] = ' ';
			size_t cw = cb_utf8_width(b.ptr ? b.ptr : "");

			if (cw > w[c])
				w[c] = cw;
		}
	cb_buf line = CB_BUF_INIT(1 << 20);

	for (size_t r = 0; r <= t->nrows; r++) {
		cb_buf_clear(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s;
			int right = t->cols[c].type != CB_COL_TEXT;

			if (r == 0) {
				s = tr(translate, payload, t->cols[c].title);
			} else {
				if (format_cell(&t->rows[r - 1][c],
					t->cols[c].type, &b))
					goto oom2;
				/* A line a row: line breaks become spaces. */
				for (size_t k = 0; k < b.len; k++)
					if (b.ptr[k] == '\n' ||
					    b.ptr[k] == '\r')
						b.ptr[k] = ' ';
				s = b.ptr ? b.ptr : "";
			}
			size_t pad = w[c] - cb_utf8_width(s);

			if (c)
				cb_buf_puts(&line, "  ");
			for (size_t k = 0; right && k < pad; k++)
				cb_buf_putc(&line, ' ');
			cb_buf_puts(&line, s);
			for (size_t k = 0; !right && k < pad; k++)
				cb_buf_putc(&line, ' ');
		}
		/* No trailing blanks (an empty last column). */
		while (line.len && line.ptr[line.len - 1] == ' ')
			line.ptr[--line.len] = '\0';
		if (line.len)
			fwrite(line.ptr, 1, line.len, fp);
		fputc('\n', fp);
	}
	cb_buf_free(&line);
	cb_buf_free(&b);
	free(w);
	return ferror(fp) ? CB_EIO : 0;
oom2:
	cb_buf_free(&line);
oom:
	cb_buf_free(&b);
	free(w);
	return CB_ENOMEM;
}

int
cb_table_write(const cb_table *t, cb_format format, FILE *fp,
    cb_translate_fn translate, void *payload)
{
	switch (format) {
	case CB_FORMAT_TEXT:
		return write_text(t, fp, translate, payload);
	case CB_FORMAT_CSV:
		return write_csv(t, fp, 0);
	case CB_FORMAT_CSV_EXCEL:
		return write_csv(t, fp, 1);
	default:
		return CB_EINVAL;
	}
}

/* ---- what xlsx.c reads (tablex.h) ---- */

const char *
cb_table_name_(const cb_table *t)
{
	return t->name;
}

const char *
cb_table_title_(const cb_table *t, size_t col)
{
	return t->cols[col].title;
}

int
cb_table_cell_(const cb_table *t, size_t row, size_t col, const char **text,
    int64_t *num, int64_t *den, cb_date *date)
{
	const struct cell *c = &t->rows[row][col];

	*text = c->text;
	*num = c->num;
	*den = c->den;
	*date = c->date;
	return c->set;
}

size_t
cb_table_about_(
    const cb_table *t, size_t i, const char **key, const char **value)
{
	if (i < t->nabout) {
		*key = t->about[2 * i];
		*value = t->about[2 * i + 1];
	}
	return t->nabout;
}
