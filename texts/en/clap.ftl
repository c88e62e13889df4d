# Command-line mistakes (clap's errors) and the value parsers' messages. English output uses
# clap's own wording; these English texts mirror it so both languages have every key.

clap-error = error
clap-usage = Usage
clap-more-information = For more information, try '{ $help }'.
clap-tip = tip
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-option = unexpected argument '{ $arg }' found
# Between the message and each tip.
clap-tip-joiner = {" "}
clap-similar-argument = a similar argument exists: { $names }
clap-similar-subcommand = a similar subcommand exists: { $names }
clap-similar-value = a similar value exists: { $names }
clap-pass-as-value = to pass '{ $arg }' as a value, use '{ $use }'
clap-subcommand-flag-exists = '{ $command }' exists
clap-remove-dashes = subcommand '{ $arg }' exists; to use it, remove the '--' before it
clap-missing-value = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-possible-values = possible values: { $values }
clap-invalid-value-because = invalid value '{ $value }' for '{ $arg }': { $reason }
# A value netlearn's own parser refused: $reason names the value and what to write instead.
clap-invalid-value-reason = { $arg }: { $reason }
clap-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-missing-required = the following required arguments were not provided: { $args }
clap-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
clap-subcommands = subcommands: { $names }
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-conflict-repeat = the argument '{ $arg }' cannot be used multiple times
clap-conflict-subcommand = the subcommand '{ $name }' cannot be used with '{ $other }'
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-wrong-number = { $expected } values required for '{ $arg }' but { $actual } were provided
clap-too-few = { $expected } values required by '{ $arg }'; only { $actual } were provided
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-out-of-range = { $value } is not in { $range }
clap-range-between = use a number from { $min } to { $max }
clap-range-at-least = use a number of at least { $min }
clap-int-empty = cannot parse integer from empty string
clap-int-invalid-digit = invalid digit found in string
clap-int-too-large = number too large to fit in target type
clap-int-too-small = number too small to fit in target type
clap-int-zero = number would be zero for non-zero type

value-size-unit = invalid size '{ $text }': unknown unit '{ $unit }' (use B, KiB, MiB, GiB)
value-size-number = invalid size '{ $text }': expected a whole number of bytes such as 512, 64KiB or 1MiB
value-duration-unit = invalid duration '{ $text }': unknown unit '{ $unit }' (use ms, s, m, h, d)
value-duration-number = invalid duration '{ $text }': expected a number such as 500ms, 30s or 5m
value-duration-too-long = invalid duration '{ $text }': longer than the maximum of 7 days (7d)
value-duration-zero = invalid duration '{ $text }': must be more than zero
value-target-port = invalid address '{ $text }': the port '{ $port }' is not a number from 0 to 65535
value-target-form = invalid address '{ $text }': expected HOST:PORT, [IPv6]:PORT, an IP address or a port
value-target-no-addresses = invalid address '{ $text }': the name has no addresses
# $error: the system resolver's reason, as it gives it.
value-target-unresolved = invalid address '{ $text }': { $error }
value-mode-too-large = '{ $text }' is more than 777: give read/write/execute bits only
value-mode-octal = '{ $text }' is not an octal mode like 600 or 660
# An option given before the subcommand that takes it (netlearn cidr --prefix 16); $commands is
# each subcommand's command line with the option, joined by clap-or.
clap-option-of-subcommand = '{ $arg }' belongs to a subcommand: { $commands }
clap-or = {" or "}
# --port given to a command that takes the server as one address; $command is the command
# line with the port in the address (netlearn echo client 127.0.0.1:5008).
clap-port-in-address = the port is part of the server's address: { $command }
# An unknown option with no similar one: $help is the command's --help.
clap-see-help = '{ $help }' lists the options
