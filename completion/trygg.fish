# fish completion for trygg(1), installed in a vendor_completions.d folder.
#
# The bash completion decides (commands, verbs, options and their values,
# district names, the IDs of the district on the line): this runs it in
# bash, which Debian always has, so that the shells complete alike.  Its
# path is filled in when trygg is built.

function __trygg_complete
    set -l out (bash -c '. "$1" && shift && _trygg_complete_words "$@"' trygg \
        '@BASH_COMPLETION@' (commandline -opc) (commandline -ct) 2>/dev/null)
    switch "$out[1]"
        case @files
            __fish_complete_path (commandline -ct)
        case @dirs
            __fish_complete_directories (commandline -ct) ''
        case @nospace
            printf '%s\n' $out[2..-1]
        case '*'
            printf '%s\n' $out
    end
end

complete -c trygg -f -a '(__trygg_complete)'
