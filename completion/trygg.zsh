#compdef trygg
# zsh completion for trygg(1), installed as _trygg in a folder of $fpath.
#
# The bash completion decides (commands, verbs, options and their values,
# district names, the IDs of the district on the line): this runs it in
# bash, which Debian always has, so that the shells complete alike.  Its
# path is filled in when trygg is built.

_trygg() {
	local -a out
	out=("${(@f)$(bash -c '. "$1" && shift && _trygg_complete_words "$@"' trygg \
		'@BASH_COMPLETION@' "${(@Q)words[1,CURRENT-1]}" "${(Q)PREFIX}" 2>/dev/null)}")
	out=(${out:#})
	case $out[1] in
	@files) _files ;;
	@dirs) _directories ;;
	@nospace) compadd -U -S '' -- "${(@)out[2,-1]}" ;;
	*) compadd -U -- "${(@)out}" ;;
	esac
}

_trygg "$@"
