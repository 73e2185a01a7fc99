#!/bin/bash
# The bash completion (contrib/cb.bash) completes commands, subcommands,
# options, option values and rule ids.
set -u
cb=$1
top=$2
if [ ! -f /usr/share/bash-completion/bash_completion ]; then
	echo "bash-completion is not installed (apt-get install bash-completion)"
	echo "0 passed, 1 failed"
	exit 1
fi
# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion
# shellcheck disable=SC1091
source "$top/contrib/cb.bash"
pass=0
fail=0
complete_line() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_cb cb "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
	want=$1
	shift
	got=$(complete_line "$@")
	if [[ " $got " == *" $want "* ]]; then
		pass=$((pass + 1))
	else
		echo "FAIL: '$*' completes to '$got', not '$want'"
		fail=$((fail + 1))
	fi
}
cd "$top" || exit 2
expect check "$cb" ch
expect thematic "$cb" th
expect new "$cb" meet ""
expect list "$cb" meet l
expect merge "$cb" report me
expect --format "$cb" report --for
expect xlsx "$cb" report --format ""
expect json "$cb" check --format ""
expect ref/unknown-member "$cb" check --only ref/unknown-m
expect "schedule/*" "$cb" check --ignore sched
expect thematic "$cb" meet new --kind th
expect --warnings-as-errors "$cb" check --warn
expect rules "$cb" help ru
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
