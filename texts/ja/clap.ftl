# コマンドラインの誤り (clap のエラー) と値の読み取りのメッセージ。
# { $arg } は '--port <PORT>' のような引数、{ $value } は入力された値です。

clap-error = エラー
clap-usage = 使い方
clap-more-information = 詳しくは '{ $help }' を実行してください。
clap-tip = ヒント
clap-unknown-argument = '{ $arg }' という引数はありません
clap-unknown-option = '{ $arg }' というオプションはありません
# メッセージとヒントの間。
clap-tip-joiner = 。
clap-similar-argument = よく似た引数があります: { $names }
clap-similar-subcommand = よく似たサブコマンドがあります: { $names }
clap-similar-value = よく似た値があります: { $names }
clap-pass-as-value = '{ $arg }' を値として渡すには '{ $use }' と書きます
clap-subcommand-flag-exists = '{ $command }' があります
clap-remove-dashes = サブコマンド '{ $arg }' があります。使うには前の '--' を取り除きます
clap-missing-value = '{ $arg }' には値が必要ですが、指定されていません
clap-invalid-value = { $arg } の値 '{ $value }' は使えません
clap-possible-values = 使える値: { $values }
clap-invalid-value-because = { $arg } の値 '{ $value }' が正しくありません: { $reason }
# netlearn の値の読み取りが断った値: $reason が値そのものと、代わりに書くものを言います。
clap-invalid-value-reason = { $arg }: { $reason }
clap-invalid-subcommand = '{ $name }' というサブコマンドはありません
clap-missing-required = 必要な引数が指定されていません: { $args }
clap-missing-subcommand = '{ $name }' にはサブコマンドが必要です
clap-subcommands = サブコマンド: { $names }
clap-conflict = '{ $arg }' は '{ $other }' と一緒には使えません
clap-conflict-repeat = '{ $arg }' は 1 回しか指定できません
clap-conflict-subcommand = サブコマンド '{ $name }' は '{ $other }' と一緒には使えません
clap-too-many-values = '{ $arg }' の値 '{ $value }' は余分です。これ以上の値はとりません
clap-wrong-number = '{ $arg }' には値が { $expected } 個必要ですが、{ $actual } 個でした
clap-too-few = '{ $arg }' には値が少なくとも { $expected } 個必要ですが、{ $actual } 個でした
clap-no-equals = '{ $arg }' に値を渡すには等号 (=) が必要です
clap-invalid-utf8 = 引数が正しい UTF-8 ではありません
clap-out-of-range = { $value } は { $range } の範囲にありません
clap-range-between = { $min } から { $max } までの数を指定してください
clap-range-at-least = { $min } 以上の数を指定してください
clap-int-empty = 数が空です
clap-int-invalid-digit = 数字でない文字があります
clap-int-too-large = 大きすぎます
clap-int-too-small = 小さすぎます
clap-int-zero = 0 は使えません

value-size-unit = サイズ '{ $text }' が正しくありません: 単位 '{ $unit }' は使えません (B、KiB、MiB、GiB のどれかを使ってください)
value-size-number = サイズ '{ $text }' が正しくありません: 512、64KiB、1MiB のように、バイト数を整数で指定してください
value-duration-unit = 時間 '{ $text }' が正しくありません: 単位 '{ $unit }' は使えません (ms、s、m、h、d のどれかを使ってください)
value-duration-number = 時間 '{ $text }' が正しくありません: 500ms、30s、5m のように、数と単位で指定してください
value-duration-too-long = 時間 '{ $text }' が正しくありません: 上限の 7 日 (7d) を超えています
value-duration-zero = 時間 '{ $text }' が正しくありません: 0 より長い時間を指定してください
value-target-port = アドレス '{ $text }' が正しくありません: ポート '{ $port }' が 0 から 65535 の数ではありません
value-target-form = アドレス '{ $text }' が正しくありません: HOST:PORT、[IPv6]:PORT、IP アドレス、またはポート番号を指定してください
value-target-no-addresses = アドレス '{ $text }' が正しくありません: この名前にはアドレスがありません
# $error: the system resolver's reason, as it gives it.
value-target-unresolved = アドレス '{ $text }' の名前を解決できません: { $error }
value-mode-too-large = '{ $text }' は 777 より大きい値です: 読み・書き・実行のビットだけを指定してください
value-mode-octal = '{ $text }' は 600 や 660 のような 8 進数のモードではありません
# An option given before the subcommand that takes it (netlearn cidr --prefix 16); $commands is
# each subcommand's command line with the option, joined by clap-or.
clap-option-of-subcommand =
    '{ $arg }' はサブコマンドのオプションです。{ $commands } のように、サブコマンドの後ろに書きます
clap-or = {" か "}
# --port given to a command that takes the server as one address; $command is the command
# line with the port in the address (netlearn echo client 127.0.0.1:5008).
clap-port-in-address = ポートはサーバーのアドレスに続けて書きます: { $command }
# An unknown option with no similar one: $help is the command's --help.
clap-see-help = 使えるオプションは '{ $help }' で確かめられます
