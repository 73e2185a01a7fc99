/*
 * csvdump - read a CSV file with libcsv, strictly (CSV_STRICT |
 * CSV_STRICT_FINI), as RFC 4180 reads it: a leading UTF-8 BOM is skipped,
 * and spaces around unquoted fields are kept (libcsv's default would trim
 * them). Prints each record's fields joined by \x1f, a \n after each
 * record, so that tests/reports/readback.sh can compare it with Python's
 * csv module. Exit status 1 if the file is not valid CSV, 2 on other
 * errors.
 *
 * usage: csvdump FILE
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state {
	size_t fields; /* in the current record */
};

static void
field(void *s, size_t len, void *data)
{
	struct state *st = data;

	if (st->fields++)
		putchar('\x1f');
	if (len)
		fwrite(s, 1, len, stdout);
}

static void
record(int c, void *data)
{
	struct state *st = data;

	(void)c;
	putchar('\n');
	st->fields = 0;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
main(int argc, char **argv)
{
	struct csv_parser p;
	struct state st = { 0 };
	char *buf = NULL;
	size_t len = 0, cap = 0, n, off = 0;
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: csvdump FILE\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	for (;;) {
		if (len == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (nb == NULL) {
				fprintf(stderr, "csvdump: out of memory\n");
				return 2;
			}
			buf = nb;
		}
		if ((n = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		perror(argv[1]);
		return 2;
	}
	fclose(fp);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "csvdump: csv_init failed\n");
		return 2;
	}
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, buf + off, len - off, field, record, &st) !=
		len - off ||
	    csv_fini(&p, field, record, &st) != 0) {
		fflush(stdout);
		fprintf(stderr, "%s: not valid CSV: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		csv_free(&p);
		free(buf);
		return 1;
	}
	csv_free(&p);
	free(buf);
	return fflush(stdout) == 0 ? 0 : 2;
}
