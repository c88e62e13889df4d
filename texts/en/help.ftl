# `--help` in other languages. English help is the doc comments of src/cli/ and is not repeated
# here; ../ja/help.ftl translates it: message `help-<command path>` (help-echo-serve) with
# .about (the one-line summary), .long (the longer text) and .arg-<argument id> (an argument's
# help). Only the headings below exist in both languages.

help-heading = Help
    .usage = Usage
    .commands = Commands
    .options = Options
    .arguments = Arguments
    .examples = Examples
    .default = default
    .possible-values = Possible values
    .help-flag = Print help
    .version-flag = Print version
    .help-command = Print this message or the help of the given subcommand(s)
