/*
 * tablex.h - what xlsx.c reads of a table, whose layout table.c keeps to
 * itself.
 */
#ifndef CB_TABLEX_H
#define CB_TABLEX_H

#include <stddef.h>
#include <stdint.h>

#include "cb/table.h"

/* The table's name (an untranslated msgid: the sheet name). */
const char *cb_table_name_(const cb_table *t);

/* Column `col`'s title (an untranslated msgid). */
const char *cb_table_title_(const cb_table *t, size_t col);

/*
 * Cell (`row`, `col`): its text, its number or fraction num/den, its date.
 * Returns 0 for an empty cell.
 */
int cb_table_cell_(const cb_table *t, size_t row, size_t col, const char **text,
    int64_t *num, int64_t *den, cb_date *date);

/* The number of "about" lines; for `i` below it, line `i`'s key and value. */
size_t cb_table_about_(
    const cb_table *t, size_t i, const char **key, const char **value);

#endif
