/*
 * summary.c - reduce a meeting record to the few hundred bytes that the
 * cross-file rules need, so memory does not grow with the file's size.
 */
#include <string.h>

#include "summary.h"
#include "banned.h"

static const char *
dup(cb_arena *a, const char *s, int *oom)
{
	char *p = s ? cb_arena_strndup(a, s, strlen(s)) : NULL;

	if (s && p == NULL)
		*oom = 1;
	return p;
}

static void *
array(cb_arena *a, size_t n, size_t size, int *oom)
{
	void *p = n ? cb_arena_alloc(a, n * size) : NULL;

	if (n && p == NULL)
		*oom = 1;
	return p;
}

/* Add member `k` to a list of distinct members. */
static void
add_member(uint16_t *list, uint32_t *n, int k)
{
	if (k < 0 || k > UINT16_MAX)
		return;
	for (uint32_t i = 0; i < *n; i++)
		if (list[i] == k)
			return;
	list[(*n)++] = (uint16_t)k;
}

int
cb_summary_take(cb_arena *a, const char *path, const cb_meeting *m,
    const cb_cell *cell, struct cb_msum *s)
{
	int oom = 0;

	memset(s, 0, sizeof(*s));
	s->path = dup(a, path, &oom);
	s->date = m->date;
	s->kind = m->kind;
	s->start = (int16_t)m->start;
	s->end = (int16_t)m->end;
	s->pos_date = m->pos_date;
	s->pos_start = m->pos_start;
	s->pos_review = m->pos_review;
	s->pos_admissions = m->pos_admissions;
	for (size_t i = 0; i < m->n_guests; i++)
		if (m->guests[i].upper)
			s->upper = 1;
	s->thematic = (uint8_t)m->thematic.present;
	s->category = m->thematic.category;
	s->announced = m->thematic.announced;
	s->reported = m->thematic.reported;
	s->topic = dup(a, m->thematic.topic, &oom);
	s->presenter = dup(a, m->thematic.presenter.text, &oom);
	for (size_t i = 0; i < m->n_resolutions; i++) {
		const cb_resolution *r = &m->resolutions[i];

		if (r->content && *r->content && cb_date_is_set(r->deadline) &&
		    r->n_assignees > 0)
			s->n_res_complete++;
	}
	s->pos_thematic = m->thematic.present ? m->thematic.pos : m->pos_kind;
	s->pos_announced = m->thematic.announced_pos;
	s->pos_category = m->thematic.category_pos;

	s->res_ids = array(a, m->n_resolutions, sizeof(*s->res_ids), &oom);
	for (size_t i = 0; s->res_ids && i < m->n_resolutions; i++)
		if (m->resolutions[i].id)
			s->res_ids[s->n_res++] =
			    dup(a, m->resolutions[i].id, &oom);
	s->refs = array(a, m->n_review, sizeof(*s->refs), &oom);
	for (size_t i = 0; s->refs && i < m->n_review; i++) {
		const cb_review *rv = &m->review[i];

		if (rv->ref_id == NULL)
			continue;
		s->refs[s->n_refs].date = rv->ref_date;
		s->refs[s->n_refs].pos = rv->pos;
		s->refs[s->n_refs++].id = dup(a, rv->ref_id, &oom);
	}
	s->att = array(a, m->n_present + m->n_absent, sizeof(*s->att), &oom);
	for (size_t i = 0; s->att && i < m->n_present; i++) {
		if (m->present[i].member < 0)
			continue;
		s->att[s->n_att].member = (uint16_t)m->present[i].member;
		s->att[s->n_att].state = CB_ATT_PRESENT;
		s->att[s->n_att++].pos = m->present[i].pos;
	}
	for (size_t i = 0; s->att && i < m->n_absent; i++) {
		const cb_absence *ab = &m->absent[i];

		if (ab->member.member < 0 || ab->excused < 0)
			continue;
		s->att[s->n_att].member = (uint16_t)ab->member.member;
		s->att[s->n_att].state =
		    ab->excused ? CB_ATT_EXCUSED : CB_ATT_UNEXCUSED;
		s->att[s->n_att++].pos = ab->pos;
	}
	s->spoke = array(a, m->n_contributions, sizeof(*s->spoke), &oom);
	for (size_t i = 0; s->spoke && i < m->n_contributions; i++)
		add_member(
		    s->spoke, &s->n_spoke, m->contributions[i].member.member);
	s->admitted = array(a, m->n_admissions, sizeof(*s->admitted), &oom);
	for (size_t i = 0; s->admitted && i < m->n_admissions; i++)
		add_member(
		    s->admitted, &s->n_admitted, m->admissions[i].member);
	/* Who was expected, and how many of them came. */
	for (size_t k = 0;
	     cell && cb_date_is_set(m->date) && k < cell->n_members; k++) {
		if (!cb_member_expected(&cell->members[k], m->date))
			continue;
		s->n_expected++;
		for (uint32_t i = 0; i < s->n_att; i++)
			if (s->att[i].member == k &&
			    s->att[i].state == CB_ATT_PRESENT) {
				s->n_present++;
				break;
			}
	}
	return oom ? CB_ENOMEM : 0;
}
