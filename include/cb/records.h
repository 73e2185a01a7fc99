/*
 * cb/records.h - the records of a cell as typed structures.
 *
 * Each reader takes the bytes of one file, reports what is malformed through
 * a cb_reporter, and returns the record as far as it could be read: a field
 * that is missing or malformed is left unset (NULL, 0, an unset cb_date, or
 * -1 where noted), so a caller can still use the rest. Every record owns
 * its memory (one arena) and is freed whole by its _free function; all
 * pointers inside are borrowed from it. Text is UTF-8; the names and
 * references that are compared (member names, member references) are
 * NFC-normalised, other text is kept as written.
 */
#ifndef CB_RECORDS_H
#define CB_RECORDS_H

#include "common.h"
#include "date.h"
#include "finding.h"

/* A place in a file: 1-based line, column in code points of the NFC line. */
typedef struct cb_pos {
	uint32_t line, column;
} cb_pos;

typedef enum cb_cell_type {
	CB_CELL_TYPE_UNSET = 0,
	CB_CELL_VILLAGE,
	CB_CELL_RESIDENTIAL,
	CB_CELL_AGENCY,
	CB_CELL_ENTERPRISE,
	CB_CELL_SCHOOL,
	CB_CELL_ARMED,
	CB_CELL_OTHER,
	CB_CELL_TYPE_COUNT
} cb_cell_type;

typedef enum cb_member_status {
	CB_STATUS_UNSET = 0,
	CB_STATUS_OFFICIAL,
	CB_STATUS_PROBATIONARY
} cb_member_status;

enum {
	CB_ROLE_SECRETARY = 1 << 0,
	CB_ROLE_DEPUTY = 1 << 1,
	CB_ROLE_COMMITTEE = 1 << 2
};

typedef enum cb_left_reason {
	CB_LEFT_UNSET = 0,
	CB_LEFT_TRANSFERRED,
	CB_LEFT_DIED,
	CB_LEFT_REMOVED,
	CB_LEFT_OTHER
} cb_left_reason;

typedef struct cb_member {
	const char *id;	  /* [A-Za-z0-9._-]+ */
	const char *name; /* NFC */
	cb_member_status status;
	cb_date joined;
	unsigned roles;	     /* CB_ROLE_* bits */
	cb_date exempt_from; /* unset: not exempt */
	const char *exempt_reason;
	cb_date left; /* unset: still a member */
	cb_left_reason left_reason;
	cb_pos pos; /* the member's entry */
} cb_member;

typedef struct cb_cell {
	const char *code, *name, *committee;
	cb_cell_type type;
	int grassroots; /* 1, 0, or -1 when not given */
	cb_member *members;
	size_t n_members;
	cb_pos members_pos; /* the `members` key, or 1:1 */
	struct cb_cell_private *priv;
} cb_cell;

/*
 * Read cell.yaml from `len` bytes at `data`; `path` names it in findings.
 * Reports the syntax/ and schema/ rules, and roster/duplicate-id and roster/dates.
 * `as_of` (the end of the checked period) decides who is a current member
 * for roster/no-secretary; pass an unset date to skip that rule.
 * On return 0, `*out` is the cell (free it with cb_cell_free()), or NULL
 * when the file is unusable (the reason was reported). Returns CB_ENOMEM
 * when out of memory.
 */
CB_EXTERN(int)
cb_cell_read(cb_cell **out, const char *data, size_t len, const char *path,
    cb_date as_of, const cb_reporter *rep);
CB_EXTERN(void) cb_cell_free(cb_cell *cell);

/*
 * Find the member that the reference `ref` names on the roster: a member
 * id, or a full name (compared after NFC normalisation) that exactly one
 * member has. Returns the index, -1 when no member matches, -2 when two or
 * more members have that name.
 */
CB_EXTERN(int) cb_cell_find_member(const cb_cell *cell, const char *ref);

/* Whether member `m` is expected at a meeting on `date` (cb-records(5)). */
CB_EXTERN(int) cb_member_expected(const cb_member *m, cb_date date);

typedef enum cb_meeting_kind {
	CB_KIND_UNSET = 0,
	CB_KIND_REGULAR,
	CB_KIND_THEMATIC,
	CB_KIND_EXTRAORDINARY
} cb_meeting_kind;

typedef enum cb_agenda_item {
	CB_AGENDA_UNSET = 0,
	CB_AGENDA_NEWS,
	CB_AGENDA_DIRECTIVES,
	CB_AGENDA_IDEOLOGY,
	CB_AGENDA_RESIDENCE,
	CB_AGENDA_TASKS_REVIEW,
	CB_AGENDA_TW4,
	CB_AGENDA_ANTICORRUPTION,
	CB_AGENDA_DISCUSSION,
	CB_AGENDA_NEXT_TASKS,
	CB_AGENDA_SUPERIOR,
	CB_AGENDA_ADMISSION,
	CB_AGENDA_OTHER,
	CB_AGENDA_COUNT
} cb_agenda_item;

typedef enum cb_category {
	CB_CATEGORY_UNSET = 0,
	CB_CATEGORY_HCM,
	CB_CATEGORY_DEGRADATION,
	CB_CATEGORY_PARTY_BUILDING,
	CB_CATEGORY_CAPACITY,
	CB_CATEGORY_DIRECTIVES,
	CB_CATEGORY_POLITICAL_TASK,
	CB_CATEGORY_TRADITION,
	CB_CATEGORY_COUNT
} cb_category;

typedef enum cb_review_status {
	CB_REVIEW_UNSET = 0,
	CB_REVIEW_DONE,
	CB_REVIEW_PARTIAL,
	CB_REVIEW_NOT_DONE
} cb_review_status;

/* A reference to a member, as written and as resolved. */
typedef struct cb_mref {
	const char *text; /* NFC; NULL when absent */
	int member;	  /* roster index; -1 unknown, -2 ambiguous */
	cb_pos pos;
} cb_mref;

typedef struct cb_guest {
	const char *name, *title;
	int upper; /* 1 when an upper-committee member */
	cb_pos pos;
} cb_guest;

typedef struct cb_absence {
	cb_mref member;
	int excused; /* 1, 0, or -1 when not given */
	const char *reason;
	cb_pos pos;
} cb_absence;

typedef struct cb_agenda_entry {
	cb_agenda_item item;
	const char *notes;
	cb_pos pos;
} cb_agenda_entry;

typedef struct cb_review {
	cb_date ref_date;   /* the meeting that issued the resolution */
	const char *ref_id; /* its id */
	cb_review_status status;
	const char *notes;
	cb_pos pos; /* the `ref` value */
} cb_review;

typedef struct cb_contribution {
	cb_mref member;
	const char *summary;
	cb_pos pos;
} cb_contribution;

typedef struct cb_resolution {
	const char *id; /* as text: `1` and "1" are the same id */
	const char *content, *measures;
	cb_date deadline;
	cb_mref *assignees;
	size_t n_assignees;
	cb_pos pos, deadline_pos;
} cb_resolution;

typedef struct cb_amendment {
	cb_date date;
	cb_mref by;
	const char *reason;
	cb_pos pos;
} cb_amendment;

typedef struct cb_thematic {
	int present; /* the meeting has a `thematic` mapping */
	const char *topic, *conclusion;
	cb_category category;
	cb_mref presenter;
	cb_date announced, reported;
	cb_pos pos, announced_pos, category_pos;
} cb_thematic;

typedef struct cb_meeting {
	cb_meeting_kind kind;
	cb_date date;
	int start, end; /* minutes after midnight, or -1 */
	cb_date papers_posted;
	const char *place;
	cb_mref chair, recorder;
	cb_guest *guests;
	size_t n_guests;
	cb_mref *present;
	size_t n_present;
	cb_absence *absent;
	size_t n_absent;
	cb_agenda_entry *agenda;
	size_t n_agenda;
	cb_review *review;
	size_t n_review;
	cb_contribution *contributions;
	size_t n_contributions;
	cb_resolution *resolutions;
	size_t n_resolutions;
	int has_vote;
	int vote_for, vote_against, vote_abstain; /* -1 when not given */
	cb_mref *admissions;
	size_t n_admissions;
	int approved; /* 1, 0, or -1 when not given */
	/* `present` or `absent` is malformed: who attended is not known. */
	int attendance_unknown;
	cb_mref *signed_by;
	size_t n_signed;
	cb_amendment *amendments;
	size_t n_amendments;
	cb_thematic thematic;
	/* Where keys are (1:1 when absent), for findings about them. */
	cb_pos pos_kind, pos_date, pos_present, pos_agenda, pos_review,
	    pos_resolutions, pos_vote, pos_minutes, pos_start, pos_papers,
	    pos_admissions;
	struct cb_meeting_private *priv;
} cb_meeting;

/*
 * Read a meeting file. `cell` (may be NULL) is the roster that member
 * references are resolved against: with it, ref/unknown-member,
 * ref/ambiguous-name and ref/not-member are reported; without it they are
 * not and every cb_mref.member is -1. Ownership as for cb_cell_read().
 */
CB_EXTERN(int)
cb_meeting_read(cb_meeting **out, const char *data, size_t len,
    const char *path, const cb_cell *cell, const cb_reporter *rep);
CB_EXTERN(void) cb_meeting_free(cb_meeting *m);

typedef struct cb_day_window {
	int from, to; /* days of the month, inclusive */
} cb_day_window;

/* The upper committee's plan (plan.yaml), defaults filled in. */
typedef struct cb_plan {
	const char *name; /* NULL for the built-in defaults */
	cb_day_window days;
	cb_day_window by_type[CB_CELL_TYPE_COUNT]; /* from 0: not set */
	int thematic_per_quarter;
	int thematic_announce;
	int attendance_target; /* percent; 0 = not checked */
	int unexcused_limit;
	int contributions_per_year;
	unsigned agenda_required; /* bit (1 << cb_agenda_item) */
	int upper_every_months;
	int duration_regular, duration_combined;
	int papers_days_before;
	int audit_late_days;
	struct cb_plan_private *priv;
} cb_plan;

/* Fill `plan` with the Party Charter's defaults (cb-records(5)). */
CB_EXTERN(void) cb_plan_defaults(cb_plan *plan);

/* The day window that applies to a cell of `type`. */
CB_EXTERN(cb_day_window) cb_plan_window(const cb_plan *plan, cb_cell_type type);

/* Read plan.yaml. Ownership as for cb_cell_read(). */
CB_EXTERN(int)
cb_plan_read(cb_plan **out, const char *data, size_t len, const char *path,
    const cb_reporter *rep);
/*
 * Read the plan in file `path`, of at most CB_MAX_FILE bytes, as
 * cb_plan_read() does. Returns what cb_plan_read() returns, an errno value
 * when the file cannot be read, or -1 when it is larger than the limit.
 */
CB_EXTERN(int)
cb_plan_load(cb_plan **out, const char *path, const cb_reporter *rep);
CB_EXTERN(void) cb_plan_free(cb_plan *plan);

typedef struct cb_tplan_quarter {
	int quarter; /* 1..4 */
	const char *topic;
	cb_category category;
	cb_mref presenter;
	cb_pos pos;
} cb_tplan_quarter;

/* The year's thematic plan (plans/YYYY.yaml). */
typedef struct cb_tplan {
	int year; /* 0 when not given */
	cb_tplan_quarter *quarters;
	size_t n_quarters;
	struct cb_tplan_private *priv;
} cb_tplan;

/* Read plans/YYYY.yaml; `cell` as for cb_meeting_read(). */
CB_EXTERN(int)
cb_tplan_read(cb_tplan **out, const char *data, size_t len, const char *path,
    const cb_cell *cell, const cb_reporter *rep);
CB_EXTERN(void) cb_tplan_free(cb_tplan *tp);

typedef enum cb_rating {
	CB_RATING_UNSET = 0,
	CB_RATING_EXCELLENT,
	CB_RATING_GOOD,
	CB_RATING_DONE,
	CB_RATING_FAILED
} cb_rating;

typedef struct cb_member_rating {
	cb_mref member;
	cb_rating rating;
} cb_member_rating;

/* The year's ratings (ratings/YYYY.yaml). */
typedef struct cb_ratings {
	int year;
	cb_rating cell;
	cb_member_rating *members;
	size_t n_members;
	struct cb_ratings_private *priv;
} cb_ratings;

/* Read ratings/YYYY.yaml; `cell` as for cb_meeting_read(). */
CB_EXTERN(int)
cb_ratings_read(cb_ratings **out, const char *data, size_t len,
    const char *path, const cb_cell *cell, const cb_reporter *rep);
CB_EXTERN(void) cb_ratings_free(cb_ratings *r);

/* Names of enum values as written in the records. Static storage. */
CB_EXTERN(const char *) cb_meeting_kind_name(cb_meeting_kind k);
CB_EXTERN(const char *) cb_agenda_item_name(cb_agenda_item i);
CB_EXTERN(const char *) cb_category_name(cb_category c);
CB_EXTERN(const char *) cb_cell_type_name(cb_cell_type t);

#endif
