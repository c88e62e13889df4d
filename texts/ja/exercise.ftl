## netlearn lab exercise と lab check: 組み込みのラボで解く、採点つきの演習。

# `lab exercise` without a name: one line per exercise, then how to start one.
exercise-list-line = { $name }  { $topic }
exercise-topic-mask = サブネットマスク (ip addr)
exercise-topic-gateway = デフォルトゲートウェイ (ip route)
exercise-topic-dns = 名前解決に使う DNS サーバー (/etc/resolv.conf)
exercise-topic-forwarding = 転送するルーター (/proc/sys/net/ipv4/ip_forward)
exercise-topic-firewall = ファイアウォールのルール (nft)
exercise-list-start =
    netlearn lab exercise 名前 で始めます (Ctrl-C を押すまでラボは動き続けます)。別の端末から
    直して、netlearn lab check で採点します。

# `lab exercise NAME`, once the broken lab is up.
exercise-started = 演習 { $name }: ラボが動いています。その中のどこかが壊れています。
exercise-task-mask =
    課題: h1 から r1 (192.0.2.1) には届くのに、h2 (198.51.100.20) には届きません。
    原因を突き止め、ラボの中から直してください。
exercise-task-gateway =
    課題: h1 から h2 (198.51.100.20) に届きません。ping は「Network is unreachable」
    (ネットワークに到達できません) で失敗します。原因を突き止め、ラボの中から直してください。
exercise-task-dns =
    課題: h1 はアドレス (198.51.100.20) でなら h2 に届きますが、h2.lab という名前を引けません。
    原因を突き止め、ラボの中から直してください。
exercise-task-forwarding =
    課題: h1 から r1 (192.0.2.1) には届きますが、その先には届きません。h2 (198.51.100.20)
    からは何も返ってきません。原因を突き止め、ラボの中から直してください。
exercise-task-firewall =
    課題: h1 から h2 (198.51.100.20) への ping は通りますが、h1 のエコークライアントは h2 の
    ポート 5008 のエコーサーバーとやりとりできません。原因を突き止め、ラボの中から直してください。
exercise-how =
    作業は別の端末でします: netlearn lab shell h1 で h1 の中のシェルが開きます (r1、h2、dns でも
    同じです)。netlearn lab run h1 -- ip addr のようにすると、そのホストでコマンドを 1 つ実行
    できます。直したら netlearn lab check で採点します。各ホストには自分の /etc/resolv.conf が
    あります。
exercise-cannot-break = 演習 { $name } を準備できません: { $error }
exercise-nft-missing =
    nft プログラムがインストールされていません (Debian と Ubuntu では nftables パッケージです)
exercise-nft-refused = nft がルールを拒否しました: { $said }

## lab check: one line per check, a hint under each that fails, then the verdict.

exercise-no-lab =
    動いている演習がありません。netlearn lab exercise 名前 で始めてから (netlearn lab exercise
    で一覧が出ます)、別の端末で netlearn lab check を実行してください
exercise-not-exercise =
    動いているラボ (pid { $pid }) はただの lab up で、演習ではありません。Ctrl-C で止めてから、
    netlearn lab exercise 名前 で演習を始めてください
exercise-unknown = 動いているラボの演習 { $name } は、この netlearn の知らないものです
exercise-check-ping = { $from } から { $target } ({ $to }) に ping が届く
exercise-check-echo =
    { $from } から { $target } ({ $to } のポート { $port }) のエコーサーバーに送った行が返ってくる
exercise-check-resolve =
    { $from } が { $name } を名前解決できる (DNS サーバー { $server })
exercise-check-resolve-none = { $from } が { $name } を名前解決できる
exercise-failed = { $check }: { $why }
exercise-why-connect-timeout = 接続の要求 (SYN) に { $ms } ms 待っても応答がありません
exercise-why-connect-refused = そのポートで接続を受け付けているものがありません
exercise-why-connect = 接続できませんでした: { $error }
exercise-why-no-echo =
    接続はできましたが、行が戻ってきません (時間内に { $sent } バイト中 { $received } バイト)
exercise-why-resolver-file = /etc/resolv.conf を読めません: { $error }
exercise-why-no-nameserver =
    /etc/resolv.conf に DNS サーバーが書かれていません (nameserver の行がありません)
exercise-why-dns-silent =
    サーバーから応答がありません (問い合わせ { $tries } 回、それぞれ { $ms } ms 待ちました)
exercise-why-dns-refused =
    { $server } が、ポート 53 では何も待ち受けていないと応答しました (ICMP port unreachable)
exercise-why-dns-error = { $server } に問い合わせられませんでした: { $error }
exercise-why-dns-wrong = サーバーは { $rcode } と応答しましたが、回答に { $expect } がありません
exercise-why-io = 調べられませんでした: { $error }
exercise-hint-mask =
    ヒント: { $host } の { $interface } は { $address } (マスク { $mask }) なので、{ $host } は
    { $first } から { $last } までのすべてのアドレスを自分のネットワークとみなし、ゲートウェイ
    に渡さずに自分で ARP で問い合わせます。r1 のその側のアドレスと比べてください ({ $host } と
    r1 で ip addr)
exercise-hint-no-address =
    ヒント: { $host } の { $interface } にアドレス { $planned } がもうありません ({ $host } で
    ip addr を実行すると、今あるアドレスがわかります)
exercise-hint-no-route =
    ヒント: { $host } には IPv4 のデフォルトルートがないので、自分のネットワーク以外へのパケット
    をどこへ送ればよいかわかりません。{ $host } のルーターは r1 です ({ $host } で ip route)
exercise-hint-wrong-gateway =
    ヒント: { $host } のデフォルトルートは { $gateway } を通りますが、{ $host } のネットワークに
    あるルーターは { $planned } です ({ $host } で ip route)
exercise-hint-not-forwarding =
    ヒント: { $host } は転送していません。net.ipv4.ip_forward が 0 なので、自分宛てでない
    パケットはすべて捨てます ({ $host } で cat /proc/sys/net/ipv4/ip_forward)
exercise-hint-firewall =
    ヒント: { $host } のファイアウォールには、テーブル { $table } のチェーン { $chain } に
    `{ $rule }` というルールがあり、ポート { $port } 宛てに届いたものを捨てます ({ $host } で
    nft -a list ruleset を実行すると、ハンドルつきで表示されます)
exercise-hint-resolver-host =
    ヒント: { $host } の /etc/resolv.conf は問い合わせを { $nameserver } に送りますが、それは
    { $owner } です。{ $owner } で DNS サーバーは動いているでしょうか ({ $host } で
    cat /etc/resolv.conf。ラボのホストの一覧は lab exercise を実行した端末にあります)
exercise-hint-resolver =
    ヒント: { $host } の /etc/resolv.conf は問い合わせを { $nameserver } に送りますが、そこには
    ラボのホストがありません ({ $host } で cat /etc/resolv.conf)
exercise-hint-resolver-none =
    ヒント: { $host } の /etc/resolv.conf に DNS サーバーが書かれていません。
    nameserver アドレス という行が必要です
exercise-hint-same = ヒント: 原因は上と同じです
exercise-hint-look =
    ヒント: h1 のアドレスと経路 (ip addr、ip route)、r1 の転送、h2 のファイアウォール
    (nft list ruleset) を調べてください
exercise-passed =
    { $count } 個のチェックがすべて通りました。演習 { $name } は解けています。lab exercise を
    実行している端末で Ctrl-C を押すと、ラボを片付けます。
exercise-not-yet =
    { $count } 個のチェックのうち { $failed } 個が通っていません。ヒントのところを直して、
    もう一度 netlearn lab check を実行してください。
