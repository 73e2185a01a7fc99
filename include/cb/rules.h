/*
 * cb/rules.h - the rule table: every finding cb can report.
 *
 * One list, CB_RULES(), names each rule once: its enum constant, its stable
 * identifier (a contract: users' --ignore lists and editors depend on it)
 * and its severity. Everything else (the man page cb-rules(7), the spec and
 * the tests) is checked against this list.
 */
#ifndef CB_RULES_H
#define CB_RULES_H

#include "common.h"

typedef enum cb_severity { CB_SEV_WARNING = 1, CB_SEV_ERROR = 2 } cb_severity;

/* clang-format off */
#define CB_RULES(X) \
	X(SYNTAX_YAML,            "syntax/yaml",            ERROR) \
	X(SYNTAX_ENCODING,        "syntax/encoding",        ERROR) \
	X(SYNTAX_DUPLICATE_KEY,   "syntax/duplicate-key",   ERROR) \
	X(SYNTAX_ALIAS,           "syntax/alias",           ERROR) \
	X(SYNTAX_LIMITS,          "syntax/limits",          ERROR) \
	X(SCHEMA_UNKNOWN_KEY,     "schema/unknown-key",     ERROR) \
	X(SCHEMA_MISSING_KEY,     "schema/missing-key",     ERROR) \
	X(SCHEMA_TYPE,            "schema/type",            ERROR) \
	X(SCHEMA_VALUE,           "schema/value",           ERROR) \
	X(SCHEMA_FILE_NAME,       "schema/file-name",       ERROR) \
	X(ROSTER_DUPLICATE_ID,    "roster/duplicate-id",    ERROR) \
	X(ROSTER_DATES,           "roster/dates",           ERROR) \
	X(ROSTER_NO_SECRETARY,    "roster/no-secretary",    WARNING) \
	X(REF_UNKNOWN_MEMBER,     "ref/unknown-member",     ERROR) \
	X(REF_AMBIGUOUS_NAME,     "ref/ambiguous-name",     ERROR) \
	X(REF_NOT_MEMBER,         "ref/not-member",         ERROR) \
	X(REF_UNKNOWN_RESOLUTION, "ref/unknown-resolution", ERROR) \
	X(ATTENDANCE_UNACCOUNTED, "attendance/unaccounted", ERROR) \
	X(ATTENDANCE_DUPLICATE,   "attendance/duplicate",   ERROR) \
	X(ATTENDANCE_NO_REASON,   "attendance/no-reason",   WARNING) \
	X(ATTENDANCE_BELOW_TARGET, "attendance/below-target", WARNING) \
	X(ATTENDANCE_UNEXCUSED_LIMIT, "attendance/unexcused-limit", ERROR) \
	X(MINUTES_CHAIR,          "minutes/chair",          ERROR) \
	X(MINUTES_RECORDER,       "minutes/recorder",       ERROR) \
	X(MINUTES_NOT_APPROVED,   "minutes/not-approved",   WARNING) \
	X(MINUTES_NO_RESOLUTION,  "minutes/no-resolution",  ERROR) \
	X(MINUTES_RESOLUTION_INCOMPLETE, "minutes/resolution-incomplete", ERROR) \
	X(MINUTES_DEADLINE_BEFORE_MEETING, "minutes/deadline-before-meeting", ERROR) \
	X(MINUTES_REVIEW_MISSING, "minutes/review-missing", ERROR) \
	X(MINUTES_AGENDA_REQUIRED, "minutes/agenda-required", ERROR) \
	X(MINUTES_VOTE_COUNT,     "minutes/vote-count",     ERROR) \
	X(MINUTES_ADMISSION,      "minutes/admission",      ERROR) \
	X(SCHEDULE_REGULAR_MISSING, "schedule/regular-missing", ERROR) \
	X(SCHEDULE_REGULAR_WINDOW, "schedule/regular-window", ERROR) \
	X(SCHEDULE_REGULAR_EXTRA, "schedule/regular-extra", WARNING) \
	X(SCHEDULE_FUTURE,        "schedule/future",        ERROR) \
	X(SCHEDULE_COMBINED_OVERLAP, "schedule/combined-overlap", ERROR) \
	X(SCHEDULE_UPPER_ABSENT,  "schedule/upper-absent",  WARNING) \
	X(SCHEDULE_TOO_SHORT,     "schedule/too-short",     ERROR) \
	X(SCHEDULE_PAPERS_LATE,   "schedule/papers-late",   WARNING) \
	X(THEMATIC_MISSING,       "thematic/missing",       ERROR) \
	X(THEMATIC_INCOMPLETE,    "thematic/incomplete",    ERROR) \
	X(THEMATIC_NOT_ANNOUNCED, "thematic/not-announced", ERROR) \
	X(THEMATIC_OFF_PLAN,      "thematic/off-plan",      WARNING) \
	X(MEMBER_CONTRIBUTIONS,   "member/contributions",   WARNING) \
	X(AUDIT_LATE,             "audit/late",             WARNING) \
	X(AUDIT_CHANGED_AFTER_APPROVAL, "audit/changed-after-approval", ERROR) \
	X(AUDIT_DELETED,          "audit/deleted",          ERROR)
/* clang-format on */

typedef enum cb_rule {
#define CB_RULE_ENUM_(name, id, sev) CB_RULE_##name,
	CB_RULES(CB_RULE_ENUM_)
#undef CB_RULE_ENUM_
	    CB_RULE_COUNT
} cb_rule;

/* The identifier of `rule`, e.g. "ref/unknown-member". Static storage. */
CB_EXTERN(const char *) cb_rule_id(cb_rule rule);

/* The severity of `rule`. */
CB_EXTERN(cb_severity) cb_rule_severity(cb_rule rule);

/* Find the rule named `id`. Returns 0 and sets `out`, or CB_ENOTFOUND. */
CB_EXTERN(int) cb_rule_lookup(cb_rule *out, const char *id);

/* "error" or "warning". Static storage; never translated. */
CB_EXTERN(const char *) cb_severity_name(cb_severity sev);

#endif
