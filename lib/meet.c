/*
 * meet.c - the template of the next meeting's minutes (cb meet new).
 *
 * The template is YAML that cb check reads: blank fields are YAML nulls,
 * which the readers treat as absent, so the template is reported for what
 * is still missing, and is accepted once the secretary fills it in.
 * Comments are in Vietnamese: the template is for the cell's secretary.
 */
#include <stdlib.h>
#include <string.h>

#include "cb/report.h"
#include "buf.h"
#include "diag.h"
#include "cellview.h"
#include "fs.h"
#include "banned.h"

static const char *
tr(const cb_report_opts *o, const char *msgid)
{
	return o->translate ? o->translate(msgid, o->translate_payload) : msgid;
}

struct meet {
	const cb_report_opts *o;
	cb_date date;
	cb_meeting_kind kind;
	const char *schema;
	const char *dir;
	cb_buf out;
	char *relpath;
	int found, oom, rc;
	char *err;
	size_t errsize;
};

/* YAML-safe text for a plain scalar in a comment or a value. */
static void
put_text(cb_buf *b, const char *s)
{
	for (; s && *s; s++)
		cb_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* A double-quoted YAML scalar. */
static void
put_quoted(cb_buf *b, const char *s)
{
	cb_buf_putc(b, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			cb_buf_putc(b, '\\');
		if (*s == '\n')
			cb_buf_puts(b, "\\n");
		else
			cb_buf_putc(b, *s);
	}
	cb_buf_putc(b, '"');
}

static const struct cb_msum *
previous_regular(const struct cb_cell_view *v, cb_date before)
{
	const struct cb_msum *prev = NULL;

	for (size_t i = 0; i < v->n_sums; i++)
		if (!v->sums[i].unknown && v->sums[i].kind == CB_KIND_REGULAR &&
		    cb_date_cmp(v->sums[i].date, before) < 0)
			prev = &v->sums[i];
	return prev;
}

/* The resolutions of the meeting in `path`, read again for their text. */
static cb_meeting *
reread(const char *path)
{
	char *buf;
	size_t len;
	cb_meeting *m = NULL;

	if (cb_fs_read(path, 8u << 20, &buf, &len) != 0)
		return NULL;
	if (cb_meeting_read(&m, buf, len, path, NULL, NULL) != 0)
		m = NULL;
	free(buf);
	return m;
}

static int
name_taken(const char *dir, const char *rel)
{
	char *p = cb_path_join(dir, rel);
	int taken =
	    p == NULL || cb_fs_kind(p) != CB_KIND_NONE || cb_fs_is_link(p);

	free(p);
	return taken;
}

static int
meet_hook(const struct cb_cell_view *v, void *payload)
{
	struct meet *mt = payload;
	const cb_cell *cell = v->cell;
	const cb_plan *plan = v->plan;
	cb_buf *b = &mt->out;
	char d[11], d2[11];
	cb_date date = mt->date;

	if (mt->found++)
		return 0;
	if (cell == NULL) {
		snprintf(mt->err, mt->errsize, "%s",
		    tr(mt->o,
			N_("cell.yaml cannot be read; run cb check and "
			   "fix it first")));
		mt->rc = CB_EINVAL;
		return 1;
	}
	cb_day_window w = cb_plan_window(plan, cell->type);
	const struct cb_msum *last = NULL;

	for (size_t i = 0; i < v->n_sums; i++)
		if (!v->sums[i].unknown && v->sums[i].kind == CB_KIND_REGULAR)
			last = &v->sums[i];
	if (!cb_date_is_set(date)) {
		/* The next due month: after the last regular meeting. */
		int y = v->as_of.year, m = v->as_of.month;

		if (last) {
			y = last->date.year;
			m = last->date.month + 1;
			if (m == 13) {
				m = 1;
				y++;
			}
		}
		int day = w.from < 1 ? 1 : w.from;

		if (day > cb_date_month_days(y, m))
			day = cb_date_month_days(y, m);
		date = (cb_date){ (int16_t)y, (int8_t)m, (int8_t)day };
	}
	cb_date_format(date, d);

	/* A name no file has: a second meeting that day gets a suffix. */
	cb_buf rel = CB_BUF_INIT(4096);
	const char *suffix = mt->kind == CB_KIND_THEMATIC ? "-chuyen-de"
	    : mt->kind == CB_KIND_EXTRAORDINARY		  ? "-bat-thuong"
							  : "";

	for (int k = 1; k < 100; k++) {
		cb_buf_clear(&rel);
		cb_buf_printf(&rel, "meetings/%.4s/%s%s", d, d, suffix);
		if (k > 1)
			cb_buf_printf(&rel, "-%d", k);
		cb_buf_puts(&rel, ".yaml");
		if (!name_taken(v->realdir, rel.ptr))
			break;
	}
	mt->relpath = cb_buf_detach(&rel);

	const struct cb_msum *prev = previous_regular(v, date);

	if (mt->schema)
		cb_buf_printf(
		    b, "# yaml-language-server: $schema=%s\n", mt->schema);
	cb_buf_printf(b, "# Biên bản sinh hoạt %s — ",
	    mt->kind == CB_KIND_THEMATIC	    ? "chuyên đề"
		: mt->kind == CB_KIND_EXTRAORDINARY ? "bất thường"
						    : "định kỳ");
	put_text(b, cell->name ? cell->name : cell->code);
	cb_buf_printf(b, " — %s.\n", d);
	cb_buf_puts(b,
	    "# Điền vào các chỗ để trống, xóa dòng không dùng; "
	    "xong thì chạy: cb check\n");
	cb_buf_printf(b, "kind: %s\n", cb_meeting_kind_name(mt->kind));
	cb_buf_printf(b,
	    "date: %s              # ngày họp, trùng với tên "
	    "tệp\n",
	    d);
	cb_buf_puts(b,
	    "start:                        # giờ bắt đầu, dạng "
	    "\"19:30\"\n");
	cb_buf_puts(b, "end:                          # giờ kết thúc\n");
	if (plan->papers_days_before > 0)
		cb_buf_printf(b,
		    "papers_posted:                # ngày gửi tài "
		    "liệu; kế hoạch: trước ít nhất %d ngày\n",
		    plan->papers_days_before);
	cb_buf_puts(b, "place:                        # địa điểm\n");

	/* The secretary chairs by default. */
	const cb_member *sec = NULL;

	for (size_t k = 0; k < cell->n_members; k++)
		if ((cell->members[k].roles & CB_ROLE_SECRETARY) &&
		    cb_member_expected(&cell->members[k], date))
			sec = &cell->members[k];
	if (sec && sec->id) {
		cb_buf_printf(b, "chair: %s", sec->id);
		cb_buf_puts(b, "                  # chủ trì: ");
		put_text(b, sec->name);
		cb_buf_putc(b, '\n');
	} else {
		cb_buf_puts(b, "chair:                        # chủ trì\n");
	}
	cb_buf_puts(b,
	    "recorder:                     # thư ký (mã đảng "
	    "viên)\n");
	cb_buf_puts(b,
	    "guests:                       # đại biểu, ví dụ:\n"
	    "#  - {name: Họ Tên, title: Đảng ủy viên, upper: true}\n");
	cb_buf_puts(b,
	    "# Có mặt: chuyển người vắng sang 'absent' kèm lý do.\n"
	    "present:\n");
	for (size_t k = 0; k < cell->n_members; k++) {
		const cb_member *m = &cell->members[k];

		if (!m->id || !cb_member_expected(m, date))
			continue;
		cb_buf_printf(b, "  - %s", m->id);
		cb_buf_puts(b, "    # ");
		put_text(b, m->name);
		cb_buf_putc(b, '\n');
	}
	cb_buf_puts(b,
	    "absent:                       # vắng mặt, ví dụ:\n"
	    "#  - {member: DV007, excused: true, reason: Ốm}\n");
	cb_buf_puts(b, "agenda:\n");
	for (int k = 1; k < CB_AGENDA_COUNT; k++) {
		int required = (plan->agenda_required & (1u << k)) != 0;

		if (mt->kind == CB_KIND_REGULAR &&
		    (required || k == CB_AGENDA_NEWS ||
			k == CB_AGENDA_TASKS_REVIEW ||
			k == CB_AGENDA_NEXT_TASKS))
			cb_buf_printf(b, "  - item: %s%s\n",
			    cb_agenda_item_name((cb_agenda_item)k),
			    required ? "    # kế hoạch bắt buộc" : "");
	}
	if (mt->kind != CB_KIND_REGULAR)
		cb_buf_puts(b, "  - item: discussion\n");
	if (mt->kind == CB_KIND_REGULAR && prev != NULL) {
		cb_meeting *pm = reread(prev->path);

		cb_buf_printf(b,
		    "review:                       # kiểm điểm "
		    "nghị quyết kỳ trước (%s)\n",
		    cb_date_format(prev->date, d2));
		for (uint32_t r = 0; r < prev->n_res; r++) {
			const char *content = NULL;

			for (size_t x = 0; pm && x < pm->n_resolutions; x++)
				if (pm->resolutions[x].id &&
				    !strcmp(pm->resolutions[x].id,
					prev->res_ids[r]))
					content = pm->resolutions[x].content;
			cb_buf_printf(
			    b, "  - ref: %s/%s", d2, prev->res_ids[r]);
			if (content) {
				cb_buf_puts(b, "    # ");
				put_text(b, content);
			}
			cb_buf_puts(b,
			    "\n    status:                   # done | "
			    "partial | not-done\n    notes:\n");
		}
		cb_meeting_free(pm);
	}
	if (mt->kind == CB_KIND_THEMATIC) {
		const struct cb_tplan_sum *tp = NULL;
		int q = (date.month + 2) / 3;

		for (size_t i = 0; i < v->n_tplans; i++)
			if (v->tplans[i].year == date.year)
				tp = &v->tplans[i];
		cb_buf_puts(b, "thematic:\n  topic: ");
		if (tp && tp->topic[q - 1])
			put_quoted(b, tp->topic[q - 1]);
		cb_buf_puts(b, "\n  category: ");
		if (tp && tp->category[q - 1])
			cb_buf_puts(b, cb_category_name(tp->category[q - 1]));
		cb_buf_puts(b,
		    "        # hcm | degradation | party-building | "
		    "capacity | directives | political-task | "
		    "tradition\n  presenter: ");
		if (tp && tp->presenter[q - 1])
			put_text(b, tp->presenter[q - 1]);
		cb_buf_puts(b,
		    "                   # người trình bày đề dẫn\n"
		    "  announced: ");
		if (prev)
			cb_buf_puts(b, cb_date_format(prev->date, d2));
		cb_buf_puts(b,
		    "        # ngày buổi họp đã thông báo chuyên đề\n"
		    "  conclusion:                 # kết luận của "
		    "chủ trì\n  reported:                   # ngày "
		    "gửi đề dẫn lên cấp trên\n");
	}
	cb_buf_puts(b,
	    "contributions:                # ý kiến phát biểu, "
	    "ví dụ:\n#  - {member: DV003, summary: ...}\n");
	if (mt->kind != CB_KIND_THEMATIC)
		cb_buf_puts(b,
		    "resolutions:                  # nghị quyết\n"
		    "  - id: 1\n"
		    "    content:                  # nội dung\n"
		    "    measures:                 # biện pháp\n"
		    "    deadline:                 # thời hạn, "
		    "YYYY-MM-DD\n"
		    "    assignees: []             # người thực hiện\n");
	cb_buf_puts(b,
	    "minutes:\n"
	    "  approved: false              # true khi biên bản đã "
	    "được thông qua\n"
	    "  signed: []                   # chủ trì và thư ký ký\n");
	if (b->ptr == NULL || mt->relpath == NULL)
		mt->oom = 1;
	return mt->oom;
}

int
cb_meet_template(const cb_report_opts *o, const char *dir, cb_date date,
    cb_meeting_kind kind, const char *schema, char **relpath, char **text,
    char *err, size_t errsize)
{
	struct meet mt;
	cb_checker *c;
	cb_reporter rep = { NULL, NULL, NULL, NULL };
	char *cy = cb_path_join(dir, "cell.yaml");
	int rc;

	*relpath = *text = NULL;
	err[0] = '\0';
	if (cy == NULL)
		return CB_ENOMEM;
	if (cb_fs_kind(cy) != CB_KIND_FILE) {
		snprintf(err, errsize, "%s: %s", dir,
		    tr(o,
			N_("no cell.yaml "
			   "here; run cb meet new in a cell's directory")));
		free(cy);
		return CB_EINVAL;
	}
	free(cy);
	memset(&mt, 0, sizeof(mt));
	mt.o = o;
	mt.date = date;
	mt.kind = kind ? kind : CB_KIND_REGULAR;
	mt.schema = schema;
	mt.out = (cb_buf)CB_BUF_INIT(1 << 20);
	mt.err = err;
	mt.errsize = errsize;
	if ((rc = cb_checker_new(&c)) != 0)
		return rc;
	cb_checker_set_reporter(c, &rep);
	cb_checker_set_as_of(c, o->as_of);
	cb_checker_set_io_error(c, o->io_error, o->io_payload);
	if (o->plan_file)
		rc = cb_checker_set_plan_file(c, o->plan_file);
	cb_checker_set_cell_hook(c, meet_hook, &mt);
	if (rc == 0)
		rc = cb_checker_run(c, dir, NULL);
	cb_checker_free(c);
	if (mt.rc)
		rc = mt.rc;
	else if (mt.oom)
		rc = CB_ENOMEM;
	else if (rc == CB_EUSER)
		rc = 0;
	if (rc == 0 && mt.found) {
		*relpath = mt.relpath;
		*text = cb_buf_detach(&mt.out);
		return 0;
	}
	free(mt.relpath);
	cb_buf_free(&mt.out);
	if (rc == 0) {
		snprintf(err, errsize, "%s: %s", dir, tr(o, N_("not a cell")));
		rc = CB_EINVAL;
	}
	return rc;
}
