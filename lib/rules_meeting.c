/*
 * rules_meeting.c - the plan's rules that one meeting file shows: who was
 * there, how the minutes were kept, whether the day and the content follow
 * the plan. Each rule cites the seed it comes from (see cb-rules(7)).
 */
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "banned.h"

static int
has_member(const cb_mref *list, size_t n, int k)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].member == k)
			return 1;
	return 0;
}

static const char *
member_label(const cb_cell *cell, int k)
{
	const cb_member *m = &cell->members[k];

	return m->name ? m->name : m->id ? m->id : "?";
}

/*
 * Seed 003 ("Các bước sinh hoạt"): attendance is announced, present and
 * absent with the reason. Seed 002 §II.2: attendance above the target.
 */
static void
attendance(
    cb_diag *d, const cb_cell *cell, const cb_plan *plan, const cb_meeting *m)
{
	uint8_t *state = calloc(cell->n_members ? cell->n_members : 1, 1);
	size_t expected = 0, present = 0;

	if (state == NULL) {
		d->oom = 1;
		return;
	}
	for (size_t i = 0; i < m->n_present + m->n_absent; i++) {
		const cb_mref *r = i < m->n_present
		    ? &m->present[i]
		    : &m->absent[i - m->n_present].member;
		uint8_t st = i < m->n_present ? 1 : 2;

		if (r->member < 0)
			continue;
		if (state[r->member] != 0) {
			cb_diag_emit_at(d, CB_RULE_ATTENDANCE_DUPLICATE,
			    r->pos.line, r->pos.column,
			    state[r->member] == st
				? N_("%s is listed twice; keep one entry")
				: N_("%s is listed both as present and as "
				     "absent; "
				     "keep the right one"),
			    r->text);
			continue;
		}
		state[r->member] = st;
	}
	for (size_t i = 0; i < m->n_absent; i++) {
		const cb_absence *a = &m->absent[i];

		if (a->excused == 1 && (a->reason == NULL || !*a->reason))
			cb_diag_emit_at(d, CB_RULE_ATTENDANCE_NO_REASON,
			    a->pos.line, a->pos.column,
			    N_("%s is absent with "
			       "excuse but no 'reason'; write the reason"),
			    a->member.text ? a->member.text : "?");
	}
	for (size_t k = 0; k < cell->n_members; k++) {
		if (!cb_member_expected(&cell->members[k], m->date))
			continue;
		expected++;
		if (state[k] == 1)
			present++;
		if (state[k] == 0)
			cb_diag_emit_at(d, CB_RULE_ATTENDANCE_UNACCOUNTED,
			    m->pos_present.line, m->pos_present.column,
			    N_("%s (%s) is a member on this date but is "
			       "neither "
			       "present nor absent; add them to 'present' or "
			       "to "
			       "'absent' with the reason"),
			    cell->members[k].id ? cell->members[k].id : "?",
			    member_label(cell, (int)k));
	}
	if (plan->attendance_target > 0 && expected > 0 &&
	    present * 100 < (size_t)plan->attendance_target * expected)
		cb_diag_emit_at(d, CB_RULE_ATTENDANCE_BELOW_TARGET,
		    m->pos_present.line, m->pos_present.column,
		    N_("%zu of %zu members present (%zu%%), below the plan's "
		       "target of %d%%"),
		    present, expected, present * 100 / expected,
		    plan->attendance_target);
	free(state);
}

/* Seed 003: the chair runs the meeting, a recorder is named at the start. */
static void
chair_recorder(cb_diag *d, const cb_meeting *m, const cb_mref *who,
    cb_rule rule, const char *key)
{
	if (who->text == NULL)
		cb_diag_emit_at(d, rule, who->pos.line ? who->pos.line : 1,
		    who->pos.column ? who->pos.column : 1,
		    N_("the minutes name no '%s'; "
		       "add the member who held that role"),
		    key);
	else if (who->member >= 0 && !m->attendance_unknown &&
	    !has_member(m->present, m->n_present, who->member))
		cb_diag_emit_at(d, rule, who->pos.line, who->pos.column,
		    N_("the %s, %s, is not in 'present'"), key, who->text);
}

static void
minutes(
    cb_diag *d, const cb_cell *cell, const cb_plan *plan, const cb_meeting *m)
{
	char date[11], date2[11];

	chair_recorder(d, m, &m->chair, CB_RULE_MINUTES_CHAIR, "chair");
	chair_recorder(
	    d, m, &m->recorder, CB_RULE_MINUTES_RECORDER, "recorder");
	/* Seed 003: the minutes are read and approved before closing. */
	if (m->approved != 1)
		cb_diag_emit_at(d, CB_RULE_MINUTES_NOT_APPROVED,
		    m->pos_minutes.line, m->pos_minutes.column,
		    N_("the minutes are not marked approved; set 'minutes: "
		       "{approved: true}' once the meeting approved them"));
	else if ((m->chair.member >= 0 &&
		     !has_member(m->signed_by, m->n_signed, m->chair.member)) ||
	    (m->recorder.member >= 0 &&
		!has_member(m->signed_by, m->n_signed, m->recorder.member)))
		cb_diag_emit_at(d, CB_RULE_MINUTES_NOT_APPROVED,
		    m->pos_minutes.line, m->pos_minutes.column,
		    N_("the chair and the recorder must both sign: list both "
		       "in 'minutes: signed'"));

	/* Seed 001: every regular meeting issues a resolution. */
	if (m->kind == CB_KIND_REGULAR && m->n_resolutions == 0)
		cb_diag_emit_at(d, CB_RULE_MINUTES_NO_RESOLUTION,
		    m->pos_resolutions.line, m->pos_resolutions.column,
		    N_("a regular meeting must issue a resolution; add one "
		       "under 'resolutions'"));
	/* Seed 002 §III.3: content, measures, deadline and who does it. */
	for (size_t i = 0; i < m->n_resolutions; i++) {
		const cb_resolution *r = &m->resolutions[i];
		const char *miss[3];
		size_t n = 0;

		if (r->content == NULL || !*r->content)
			miss[n++] = "content";
		if (!cb_date_is_set(r->deadline))
			miss[n++] = "deadline";
		if (r->n_assignees == 0)
			miss[n++] = "assignees";
		if (n == 1)
			cb_diag_emit_at(d,
			    CB_RULE_MINUTES_RESOLUTION_INCOMPLETE, r->pos.line,
			    r->pos.column,
			    N_("resolution %s has "
			       "no '%s'"),
			    r->id ? r->id : "?", miss[0]);
		else if (n == 2)
			cb_diag_emit_at(d,
			    CB_RULE_MINUTES_RESOLUTION_INCOMPLETE, r->pos.line,
			    r->pos.column,
			    N_("resolution %s has "
			       "no '%s' and no '%s'"),
			    r->id ? r->id : "?", miss[0], miss[1]);
		else if (n == 3)
			cb_diag_emit_at(d,
			    CB_RULE_MINUTES_RESOLUTION_INCOMPLETE, r->pos.line,
			    r->pos.column,
			    N_("resolution %s has "
			       "no 'content', 'deadline' or 'assignees'"),
			    r->id ? r->id : "?");
		if (cb_date_is_set(r->deadline) && cb_date_is_set(m->date) &&
		    cb_date_cmp(r->deadline, m->date) < 0)
			cb_diag_emit_at(d,
			    CB_RULE_MINUTES_DEADLINE_BEFORE_MEETING,
			    r->deadline_pos.line, r->deadline_pos.column,
			    N_("the deadline %s is before the meeting (%s)"),
			    cb_date_format(r->deadline, date),
			    cb_date_format(m->date, date2));
	}
	/* Seeds 000, 001, 003: the content every regular meeting has. */
	if (m->kind == CB_KIND_REGULAR) {
		for (int k = 1; k < CB_AGENDA_COUNT; k++) {
			int found = 0;

			if (!(plan->agenda_required & (1u << k)))
				continue;
			for (size_t i = 0; i < m->n_agenda && !found; i++)
				found = m->agenda[i].item == (cb_agenda_item)k;
			if (!found)
				cb_diag_emit_at(d,
				    CB_RULE_MINUTES_AGENDA_REQUIRED,
				    m->pos_agenda.line, m->pos_agenda.column,
				    N_("the plan requires the agenda item '%s' "
				       "at every regular meeting; add it to "
				       "'agenda'"),
				    cb_agenda_item_name((cb_agenda_item)k));
		}
	}
	if (cell == NULL)
		return;
	/* Only official members vote (Party Charter). */
	if (m->has_vote && !m->attendance_unknown) {
		long votes = 0;
		size_t official = 0;

		votes += m->vote_for > 0 ? m->vote_for : 0;
		votes += m->vote_against > 0 ? m->vote_against : 0;
		votes += m->vote_abstain > 0 ? m->vote_abstain : 0;
		for (size_t i = 0; i < m->n_present; i++) {
			int k = m->present[i].member;

			if (k >= 0 &&
			    cell->members[k].status == CB_STATUS_OFFICIAL &&
			    !has_member(m->present, i, k))
				official++;
		}
		if ((size_t)votes > official)
			cb_diag_emit_at(d, CB_RULE_MINUTES_VOTE_COUNT,
			    m->pos_vote.line, m->pos_vote.column,
			    N_("%ld votes counted but only %zu official "
			       "members "
			       "are present (probationary members do not "
			       "vote)"),
			    votes, official);
	}
	for (size_t i = 0; i < m->n_admissions; i++) {
		const cb_mref *a = &m->admissions[i];

		if (a->member < 0 || !cb_date_is_set(m->date))
			continue;
		const cb_member *mb = &cell->members[a->member];

		if (!cb_date_is_set(mb->joined) ||
		    cb_date_cmp(mb->joined, m->date) != 0)
			cb_diag_emit_at(d, CB_RULE_MINUTES_ADMISSION,
			    a->pos.line, a->pos.column,
			    N_("%s is admitted "
			       "here, but the roster says joined %s; set "
			       "'joined' "
			       "to this meeting's date"),
			    a->text,
			    cb_date_is_set(mb->joined)
				? cb_date_format(mb->joined, date)
				: "?");
	}
}

void
cb_rules_meeting(cb_diag *d, const cb_cell *cell, const cb_plan *plan,
    const cb_meeting *m, cb_date as_of)
{
	char buf[11], buf2[11];

	if (!cb_date_is_set(m->date))
		return;
	/* schedule/future is a cell rule (rules_cell.c): what one file
	 * shows must not depend on --as-of, so that it can be cached. */
	(void)as_of;
	/* Seeds 000 §II.3, 001, 003: the days the plan sets, per type. */
	if (m->kind == CB_KIND_REGULAR) {
		cb_day_window w = cb_plan_window(
		    plan, cell ? cell->type : CB_CELL_TYPE_UNSET);

		if (m->date.day < w.from || m->date.day > w.to) {
			if (w.from == w.to)
				cb_diag_emit_at(d,
				    CB_RULE_SCHEDULE_REGULAR_WINDOW,
				    m->pos_date.line, m->pos_date.column,
				    N_("held on day %d; the plan sets regular "
				       "meetings on day %d of the month"),
				    m->date.day, w.from);
			else
				cb_diag_emit_at(d,
				    CB_RULE_SCHEDULE_REGULAR_WINDOW,
				    m->pos_date.line, m->pos_date.column,
				    N_("held on day %d; the plan sets regular "
				       "meetings from day %d to day %d of the "
				       "month"),
				    m->date.day, w.from, w.to);
		}
	}
	/* Guidance 42-HD/BTCTW: papers reach members ahead of the meeting. */
	if (plan->papers_days_before > 0 && m->kind != CB_KIND_EXTRAORDINARY &&
	    m->kind != CB_KIND_UNSET) {
		cb_date latest = cb_date_from_days(
		    cb_date_to_days(m->date) - plan->papers_days_before);

		if (!cb_date_is_set(m->papers_posted))
			cb_diag_emit_at(d, CB_RULE_SCHEDULE_PAPERS_LATE,
			    m->pos_papers.line, m->pos_papers.column,
			    N_("no 'papers_posted': the plan wants the papers "
			       "out %d day(s) before the meeting"),
			    plan->papers_days_before);
		else if (cb_date_cmp(m->papers_posted, latest) > 0)
			cb_diag_emit_at(d, CB_RULE_SCHEDULE_PAPERS_LATE,
			    m->pos_papers.line, m->pos_papers.column,
			    N_("papers went out on %s; the plan wants them out "
			       "by %s"),
			    cb_date_format(m->papers_posted, buf),
			    cb_date_format(latest, buf2));
	}
	/* Seed 003: a thematic meeting has a topic, a presenter and ends
	 * with the chair's conclusion. */
	if (m->kind == CB_KIND_THEMATIC) {
		const cb_thematic *t = &m->thematic;
		const char *miss[4];
		size_t n = 0;

		if (t->topic == NULL)
			miss[n++] = "topic";
		if (t->category == CB_CATEGORY_UNSET)
			miss[n++] = "category";
		if (t->presenter.text == NULL)
			miss[n++] = "presenter";
		if (t->conclusion == NULL)
			miss[n++] = "conclusion";
		if (!t->present)
			cb_diag_emit_at(d, CB_RULE_THEMATIC_INCOMPLETE,
			    m->pos_kind.line, m->pos_kind.column,
			    N_("a thematic meeting needs a 'thematic' block "
			       "with topic, category, presenter and "
			       "conclusion"));
		for (size_t i = 0; t->present && i < n; i++)
			cb_diag_emit_at(d, CB_RULE_THEMATIC_INCOMPLETE,
			    t->pos.line, t->pos.column,
			    N_("the thematic "
			       "block has no '%s'"),
			    miss[i]);
	}
	minutes(d, cell, plan, m);
	if (cell != NULL && !m->attendance_unknown)
		attendance(d, cell, plan, m);
}
