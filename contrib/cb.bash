# bash completion for cb(1): commands, subcommands, options, option values
# and rule ids (from `cb check --list-rules`). Installed by CMake into
# share/bash-completion/completions/cb.

_cb()
{
	local cur prev words cword
	_init_completion || return

	local cmd="" sub="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=${words[i]}
			elif [[ -z $sub && ( $cmd == meet || $cmd == report ) ]]; then
				sub=${words[i]}
			fi
			;;
		esac
	done

	case $prev in
	--only | --ignore)
		local ids
		ids=$("${words[0]}" check --list-rules 2>/dev/null | cut -d' ' -f1)
		ids+=" $(printf '%s\n' $ids | sed 's|/.*|/*|' | sort -u)"
		COMPREPLY=($(compgen -W "$ids" -- "$cur"))
		return
		;;
	--format)
		if [[ $cmd == check ]]; then
			COMPREPLY=($(compgen -W "text csv json" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "text csv xlsx" -- "$cur"))
		fi
		return
		;;
	--kind)
		COMPREPLY=($(compgen -W "regular thematic extraordinary" -- "$cur"))
		return
		;;
	--plan | -o | --output | --schema)
		_filedir
		return
		;;
	--as-of | --from | --to | --date | --year | --quarter | --month)
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "attend check help meet report thematic --help --version" -- "$cur"))
		return
	fi

	local common="--as-of --plan --format --excel -o --output --force --help -h"
	local opts=""
	case $cmd in
	check) opts="--as-of --from --format --only --ignore --warnings-as-errors --quiet --plan --list-rules --help -h" ;;
	attend) opts="--year --quarter --from --to $common" ;;
	thematic) opts="--year $common" ;;
	report)
		if [[ -z $sub && $cur != -* ]]; then
			COMPREPLY=($(compgen -W "merge" -- "$cur"))
			_filedir -d
			COMPREPLY+=($(compgen -W "merge" -- "$cur"))
			return
		fi
		if [[ $sub == merge ]]; then
			opts="--format --excel -o --output --force --help -h"
			[[ $cur != -* ]] && { _filedir csv; return; }
		else
			opts="--quarter --month --year $common"
		fi
		;;
	meet)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "new list" -- "$cur"))
			return
		fi
		if [[ $sub == new ]]; then
			opts="--date --kind --as-of --plan --schema --help -h"
		else
			opts="--year $common"
		fi
		;;
	help)
		COMPREPLY=($(compgen -W "attend check meet report thematic records rules" -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		_filedir
	fi
} && complete -F _cb cb
