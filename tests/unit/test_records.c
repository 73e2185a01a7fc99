/* Each record kind read into its struct, and what each reader reports. */
#include "harness.h"

static struct seen seen;
static cb_reporter rep = { record, &seen, NULL, NULL };
static const cb_date as_of = { 2024, 12, 31 };

static const char roster[] =
    "cell:\n"
    "  code: TT-03\n"
    "  name: Chi bộ thôn Tân Thành\n"
    "  type: village\n"
    "  grassroots: false\n"
    "members:\n"
    "  - id: DV001\n"
    "    name: Nguyễn Văn An\n"
    "    status: official\n"
    "    joined: 1998-03-03\n"
    "    roles: [secretary]\n"
    "  - id: DV002\n"
    "    name: Trần Thị Bình\n"
    "    status: probationary\n"
    "    joined: 2024-03-05\n"
    "  - id: DV003\n"
    "    name: Lê Văn Cường\n"
    "    status: official\n"
    "    joined: 1975-01-01\n"
    "    exempt: {from: 2021-06-01, reason: Tuổi cao}\n"
    "  - id: DV004\n"
    "    name: Trần Thị Bình\n"
    "    status: official\n"
    "    joined: 2005-09-02\n"
    "    left: {date: 2024-07-15, reason: transferred}\n";

static cb_cell *
load_roster(void)
{
	cb_cell *c = NULL;

	memset(&seen, 0, sizeof(seen));
	assert_int_equal(cb_cell_read(&c, roster, sizeof(roster) - 1,
			     "cell.yaml", as_of, &rep),
	    0);
	assert_non_null(c);
	if (seen.n)
		dump(&seen);
	assert_int_equal(seen.n, 0);
	return c;
}

static void
cell_typed(void **state)
{
	cb_cell *c = load_roster();

	(void)state;
	assert_string_equal(c->code, "TT-03");
	assert_int_equal(c->type, CB_CELL_VILLAGE);
	assert_int_equal(c->grassroots, 0);
	assert_int_equal(c->n_members, 4);
	assert_int_equal(c->members[0].roles, CB_ROLE_SECRETARY);
	assert_int_equal(c->members[1].status, CB_STATUS_PROBATIONARY);
	assert_int_equal(c->members[2].exempt_from.year, 2021);
	assert_int_equal(c->members[3].left_reason, CB_LEFT_TRANSFERRED);
	assert_int_equal(c->members[1].pos.line, 12);

	cb_date before = { 2024, 3, 4 }, on = { 2024, 3, 5 },
		late = { 2024, 7, 16 };

	assert_false(cb_member_expected(&c->members[1], before));
	assert_true(cb_member_expected(&c->members[1], on));
	assert_false(cb_member_expected(&c->members[2], on));
	assert_true(cb_member_expected(&c->members[3], on));
	assert_false(cb_member_expected(&c->members[3], late));
	assert_int_equal(cb_cell_find_member(c, "DV003"), 2);
	assert_int_equal(cb_cell_find_member(c, "Lê Văn Cường"), 2);
	assert_int_equal(cb_cell_find_member(c, "Trần Thị Bình"), -2);
	assert_int_equal(cb_cell_find_member(c, "DV099"), -1);
	cb_cell_free(c);
}

static void
roster_rules(void **state)
{
	static const char text[] =
	    "cell: {code: A, name: B, type: village}\n"
	    "members:\n"
	    "  - {id: DV001, name: A, status: official, joined: 2000-01-01}\n"
	    "  - {id: DV001, name: B, status: official, joined: 2000-01-01}\n"
	    "  - {id: DV003, name: C, status: official, joined: 2000-01-01,"
	    " left: {date: 1999-01-01}}\n"
	    "  - {id: DV004, name: D, status: official, joined: 2000-01-01,"
	    " exempt: {from: 1999-06-01}}\n"
	    "  - {id: 'DV 5', name: E, status: official, joined: 2000-01-01}\n";
	cb_cell *c;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_cell_read(&c, text, sizeof(text) - 1, "cell.yaml", as_of, &rep),
	    0);
	assert_true(has(&seen, CB_RULE_ROSTER_DUPLICATE_ID, 4));
	assert_true(has(&seen, CB_RULE_ROSTER_DATES, 5));
	assert_true(has(&seen, CB_RULE_ROSTER_DATES, 6));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 7));
	assert_true(has(&seen, CB_RULE_ROSTER_NO_SECRETARY, 2));
	assert_false(has(&seen, CB_RULE_ROSTER_DUPLICATE_ID, 3));
	cb_cell_free(c);
}

static void
meeting_refs(void **state)
{
	/* Names typed in NFD still match the roster's NFC names. */
	static const char text[] =
	    "kind: regular\n"
	    "date: 2024-03-05\n"
	    "chair: Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An\n"
	    "recorder: DV012\n"
	    "present: [DV001, DV002, Trần Thị Bình]\n"
	    "absent:\n"
	    "  - {member: DV004, excused: true, reason: Ốm}\n"
	    "  - DV003\n"
	    "resolutions:\n"
	    "  - id: 1\n"
	    "    content: Thu hoạch vụ mùa\n"
	    "    deadline: 2024-03-30\n"
	    "    assignees: [DV001]\n";
	cb_cell *c = load_roster();
	cb_meeting *m;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_meeting_read(&m, text, sizeof(text) - 1, "m.yaml", c, &rep), 0);
	assert_non_null(m);
	assert_int_equal(m->kind, CB_KIND_REGULAR);
	assert_int_equal(m->chair.member, 0);
	assert_true(has(&seen, CB_RULE_REF_UNKNOWN_MEMBER, 4));
	assert_true(has(&seen, CB_RULE_REF_AMBIGUOUS_NAME, 5));
	assert_true(has(&seen, CB_RULE_SCHEMA_TYPE, 8));
	assert_false(has(&seen, CB_RULE_REF_NOT_MEMBER, 0));
	assert_int_equal(m->n_present, 3);
	assert_int_equal(m->present[1].member, 1);
	assert_int_equal(m->n_resolutions, 1);
	assert_string_equal(m->resolutions[0].id, "1");
	assert_int_equal(m->resolutions[0].deadline.day, 30);
	cb_meeting_free(m);
	cb_cell_free(c);
}

static void
meeting_not_member(void **state)
{
	static const char text[] =
	    "kind: regular\n"
	    "date: 2024-03-04\n"
	    "present: [DV001, DV002]\n"
	    "absent: [{member: DV004, excused: false}]\n";
	static const char later[] = "kind: regular\n"
				    "date: 2024-08-04\n"
				    "present: [DV001, DV002, DV004]\n";
	cb_cell *c = load_roster();
	cb_meeting *m;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_meeting_read(&m, text, sizeof(text) - 1, "m.yaml", c, &rep), 0);
	/* DV002 joined on 2024-03-05: not yet a member on the 4th. */
	assert_true(has(&seen, CB_RULE_REF_NOT_MEMBER, 3));
	assert_int_equal(seen.n, 1);
	cb_meeting_free(m);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_meeting_read(&m, later, sizeof(later) - 1, "m.yaml", c, &rep),
	    0);
	/* DV004 left on 2024-07-15. */
	assert_true(has(&seen, CB_RULE_REF_NOT_MEMBER, 3));
	assert_int_equal(seen.n, 1);
	cb_meeting_free(m);
	cb_cell_free(c);
}

static void
meeting_schema(void **state)
{
	static const char text[] = "kind: reguler\n"
				   "date: 2024-02-30\n"
				   "start: 7:30\n"
				   "recoder: DV001\n"
				   "agenda:\n"
				   "  - item: other\n"
				   "vote: {for: -1}\n"
				   "minutes: {approved: yes}\n"
				   "thematic: {topic: x}\n"
				   "present: DV001\n";
	cb_meeting *m;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_meeting_read(&m, text, sizeof(text) - 1, "m.yaml", NULL, &rep),
	    0);
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 1));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 2));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 3));
	assert_true(has(&seen, CB_RULE_SCHEMA_UNKNOWN_KEY, 4));
	assert_true(has(&seen, CB_RULE_SCHEMA_MISSING_KEY, 6));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 7));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 8));
	assert_true(has(&seen, CB_RULE_SCHEMA_TYPE, 10));
	/* Unknown kind: the thematic block is read, not refused. */
	assert_false(has(&seen, CB_RULE_SCHEMA_UNKNOWN_KEY, 9));
	assert_int_equal(seen.f[1].rule, CB_RULE_SCHEMA_VALUE);
	assert_string_equal(strstr(seen.f[1].message, "did you mean"),
	    "did you mean 'regular'? (one of: regular, thematic, "
	    "extraordinary)");
	cb_meeting_free(m);
}

static void
plans_and_ratings(void **state)
{
	static const char plan[] = "name: Kế hoạch 176-KH/HU\n"
				   "regular:\n"
				   "  days: {from: 3, to: 7}\n"
				   "  by_type:\n"
				   "    village: {from: 3, to: 3}\n"
				   "agenda: {required: [tw4, anticorruption]}\n"
				   "attendance: {target: 95}\n";
	static const char tplan[] =
	    "year: 2024\n"
	    "quarters:\n"
	    "  - {quarter: 1, topic: A, category: hcm}\n"
	    "  - {quarter: 1, topic: B, category: degradation}\n";
	static const char ratings[] =
	    "year: 2024\n"
	    "cell: good\n"
	    "members: {DV001: excellent, DV099: good, DV003: bad}\n";
	cb_plan *p;
	cb_tplan *t;
	cb_ratings *r;
	cb_cell *c = load_roster();

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(
	    cb_plan_read(&p, plan, sizeof(plan) - 1, "plan.yaml", &rep), 0);
	assert_int_equal(seen.n, 0);
	assert_int_equal(cb_plan_window(p, CB_CELL_VILLAGE).to, 3);
	assert_int_equal(cb_plan_window(p, CB_CELL_AGENCY).to, 7);
	assert_int_equal(p->attendance_target, 95);
	assert_int_equal(p->unexcused_limit, 3);
	assert_int_equal(p->thematic_per_quarter, 1);
	assert_true(p->agenda_required & (1u << CB_AGENDA_TW4));
	cb_plan_free(p);

	assert_int_equal(cb_tplan_read(&t, tplan, sizeof(tplan) - 1,
			     "plans/2024.yaml", c, &rep),
	    0);
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 4));
	assert_int_equal(t->n_quarters, 2);
	assert_int_equal(t->quarters[1].category, CB_CATEGORY_DEGRADATION);
	cb_tplan_free(t);

	memset(&seen, 0, sizeof(seen));
	assert_int_equal(cb_ratings_read(&r, ratings, sizeof(ratings) - 1,
			     "ratings/2024.yaml", c, &rep),
	    0);
	assert_int_equal(r->cell, CB_RATING_GOOD);
	assert_int_equal(r->members[0].rating, CB_RATING_EXCELLENT);
	assert_true(has(&seen, CB_RULE_REF_UNKNOWN_MEMBER, 3));
	assert_true(has(&seen, CB_RULE_SCHEMA_VALUE, 3));
	cb_ratings_free(r);
	cb_cell_free(c);
}

static void
rule_table(void **state)
{
	cb_rule r;

	(void)state;
	assert_int_equal(cb_rule_lookup(&r, "ref/unknown-member"), 0);
	assert_int_equal(r, CB_RULE_REF_UNKNOWN_MEMBER);
	assert_string_equal(
	    cb_rule_id(CB_RULE_MEMBER_CONTRIBUTIONS), "member/contributions");
	assert_int_equal(
	    cb_rule_severity(CB_RULE_ROSTER_NO_SECRETARY), CB_SEV_WARNING);
	assert_int_not_equal(cb_rule_lookup(&r, "ref/nope"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cell_typed),
		cmocka_unit_test(roster_rules),
		cmocka_unit_test(meeting_refs),
		cmocka_unit_test(meeting_not_member),
		cmocka_unit_test(meeting_schema),
		cmocka_unit_test(plans_and_ratings),
		cmocka_unit_test(rule_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
