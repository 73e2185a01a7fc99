/*
 * cb.h - the umbrella header of libcb, the library behind the cb command.
 *
 * libcb reads the minutes of a party cell (YAML records, see cb-records(5))
 * into typed structures and checks them against the rules of cb-rules(7).
 * It never prints, exits, reads the clock, the locale or the environment:
 * the date that ends the checked period, the translation of messages and
 * the destination of findings are all passed in. It has no global mutable
 * state, so separate objects may be used from separate threads.
 */
#ifndef CB_H
#define CB_H

#include "cb/common.h"
#include "cb/date.h"
#include "cb/rules.h"
#include "cb/finding.h"
#include "cb/records.h"
#include "cb/source.h"
#include "cb/check.h"
#include "cb/table.h"
#include "cb/report.h"
#include "cb/audit.h"

#endif
