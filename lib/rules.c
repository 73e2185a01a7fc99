/*
 * rules.c - the rule table (see cb/rules.h) and the library's version.
 */
#include <string.h>

#include "cb/rules.h"
#include "banned.h"

static const struct {
	const char *id;
	cb_severity severity;
} rules[CB_RULE_COUNT] = {
#define CB_RULE_ROW_(name, id, sev) { id, CB_SEV_##sev },
	CB_RULES(CB_RULE_ROW_)
#undef CB_RULE_ROW_
};

const char *
cb_version(void)
{
	return CB_VERSION;
}

const char *
cb_rule_id(cb_rule rule)
{
	return (unsigned)rule < CB_RULE_COUNT ? rules[rule].id : "";
}

cb_severity
cb_rule_severity(cb_rule rule)
{
	return (unsigned)rule < CB_RULE_COUNT ? rules[rule].severity
					      : CB_SEV_ERROR;
}

int
cb_rule_lookup(cb_rule *out, const char *id)
{
	for (int i = 0; i < CB_RULE_COUNT; i++)
		if (strcmp(rules[i].id, id) == 0) {
			*out = (cb_rule)i;
			return 0;
		}
	return CB_ENOTFOUND;
}

const char *
cb_severity_name(cb_severity sev)
{
	return sev == CB_SEV_ERROR ? "error" : "warning";
}
