# `netlearn lab` (案内つきのシナリオと各 --mistake)、`lab up|run|shell`、`lab ping|trace`、
# このマシンでの `netlearn ping|trace` (src/app/lab/text.rs)。../en/lab.ftl と同じメッセージ。
# アドレス、ホスト名 (h1、r1、h2、dns)、MAC アドレス、時間、数はプレースホルダーで渡されます。

## シナリオの各手順: 見出し (`== ...`) と本文。

lab-build-title = ラボを組み立てます: ホスト 4 台、ケーブル 3 本、スイッチ 1 台 ({ $ms } ms)
lab-build =
    各ホストは Linux カーネルのネットワーク名前空間 (network namespace) で、インターフェース、
    アドレス、経路 (route)、ARP テーブルをそれぞれ自分で持っています。各ケーブルは veth ペアで、
    両端に MAC アドレスがあります。r1 のもう一方の側はブリッジ (bridge、スイッチのこと) で、
    h2 と dns をつないでいます。r1 は両側の間でパケットを転送します。h1、h2、dns は、自分の
    サブネットにない宛先へのパケットをすべて r1 に送ります。r1 がデフォルトゲートウェイだから
    です。

lab-dns-title = h1 が { $name } を名前解決します
lab-dns =
    h1 はラボの DNS サーバー { $server } に { $name } の A レコードを尋ね (ポート 53 へ UDP の
    データグラムを 1 つ送ります)、{ $ms } ms で { $answers } という回答を受け取ります。名前は
    人のためのものです。この後のパケットが運ぶのはアドレスだけです。
lab-dns-no-address = アドレスなし

lab-route-title = h1 が { $destination } への送り先を決めます
lab-route-network =
    h1 のアドレス { $address }/{ $prefix } のマスクは { $mask } です。h1 のネットワークは
    { $address } AND { $mask } = { $network } です。
lab-route-destination = { $destination } AND { $mask } = { $destination_network }: { $verdict }
lab-route-on-link =
    同じネットワークなので、{ $destination } はオンリンク (on-link、同じリンク上) と見なされ
    ます。h1 は ARP で { $destination } 自身の MAC アドレスを尋ね、{ $interface } から直接
    送ります。
lab-route-gateway =
    { $network }/{ $prefix } (マスク { $mask }) の中にはないので、デフォルトゲートウェイ
    { $gateway } に送ります。
lab-route-no-route =
    { $network }/{ $prefix } の中になく、h1 にはデフォルトゲートウェイもありません。
    { $destination } への経路はありません。

lab-arp-title = ARP: { $asked } を持っているのは誰か
lab-arp =
    イーサネットのフレームには宛先の MAC アドレスが要りますが、h1 が知っているのは IP アドレス
    { $asked } だけです。そこで ff:ff:ff:ff:ff:ff 宛てに「{ $asked } を持っているのは誰ですか？」と
    ブロードキャストし、r1 が「{ $asked } の MAC アドレスは { $mac } です」と応答します{ $gateway ->
        [yes] {" (r1 の eth0 の MAC アドレスです)"}
       *[other] {" (これは r1 の eth0 の MAC アドレスではありません)"}
    }。h1 はこれを ARP テーブルに保存し、ゲートウェイへ送るすべてのフレームに入れます。IP の
    宛先は 198.51.100.20 のままです。
lab-arp-unanswered = h1 は「{ $asked } を持っているのは誰ですか？」と尋ねましたが、応答はありませんでした。

lab-ping-title = ping: h1 から h2 への ICMP エコーと TTL
lab-ping-arrival = h2 には TTL { $ttl } で届きます
lab-ping-arrival-unseen = h2 に届いたところはキャプチャできませんでした
lab-ping =
    エコー要求は TTL { $sent } で h1 を出ます。r1 は転送するときに TTL を 1 減らすので、
    { $arrival }。h2 のエコー応答も TTL 64 で出発し、{ $ms } ms 後に TTL { $ttl } で h1 に
    届きます。ルーターはどれも TTL を 1 ずつ減らし、0 になったパケットを捨てます。そのため、
    パケットがいつまでもループし続けることはありません。
lab-ping-failed = エコー要求は TTL { $sent } で出ていきましたが、{ $answer }。

## 1 つの問い合わせに返ってきたもの (ping、traceroute、シナリオ)。$kind は ping が表示する
## ICMP のメッセージ名 ("Destination Host Unreachable")、$error はシステムの言葉です。

lab-answer-echo = { $from } から応答 (TTL { $ttl }、{ $ms } ms)
lab-answer-time-exceeded = { $from } が Time Exceeded (時間超過) を返しました
lab-answer-unreachable = { $from } が { $kind } を返しました
lab-answer-silence = 応答は返ってきませんでした
lab-answer-not-sent = カーネルが送信を拒否しました: { $error }

lab-trace-title = traceroute: h2 までの途中にいるのは誰か
lab-trace-hop = TTL { $ttl }: { $address }
lab-trace-hop-named = TTL { $ttl }: { $address } ({ $host })
lab-trace-hop-silent = TTL { $ttl }: 応答なし
lab-trace-separator = 、
lab-trace =
    traceroute は TTL を 1、2、… としたエコー要求を送ります。TTL が尽きたルーターはパケットを
    捨て、自分のアドレスから ICMP の Time Exceeded (時間超過) を返すので、TTL ごとに中継点
    (hop) が 1 つずつわかります。結果は { $hops } です。

lab-echo-title = h1 のエコークライアントが h2 のエコーサーバーと通信します
lab-echo =
    ルーターを越えて動く記事のプログラムです。192.0.2.10 から 198.51.100.20 のポート 5008 へ
    TCP の接続を開き (r1 を通る 3ウェイハンドシェイク)、{ $message } という行を送ると、
    { $matches ->
        [yes] { $ms } ms で、1 バイトも違わずにエコーが返ってきました
       *[other] { $ms } ms で、違うものが返ってきました
    }。その後、接続を閉じました。TCP から r1 は見えません。ルーティングは TCP より下の層で
    行われるからです。

lab-http-title = h1 から h2 への HTTP の GET
lab-http =
    h1 は新しい TCP の接続を開いて GET http://198.51.100.20/ を送り、{ $ms } ms 後に
    ステータス { $status } の応答と { $bytes } バイトの HTML を受け取りました。Web のページ
    だからといって、特別な道を通るわけではありません。このパケットも ping と同じく、
    ルーティング、ARP、TTL のしくみによって r1 を越えて届けられています。

lab-teardown-title = ラボを片付けます ({ $ms } ms、全体で { $total_ms } ms)
lab-teardown =
    名前空間のファイル記述子を閉じるだけで済みます。カーネルが各名前空間を、その
    インターフェース、アドレス、経路ごと削除します (最後はバックグラウンドで終わります)。
    /run/netns には何もマウントしておらず、このマシン自身のネットワークには何も触れていません。

lab-captured-on = { $at } でキャプチャしたパケット:
lab-step-failed-mark = {"  [失敗]"}

## --mistake: 何が間違っていて、それが何を引き起こすか。

lab-mistake-mask = 間違い: h1 のマスクが 255.255.255.0 ではなく 240.0.0.0 (/4) です
lab-mistake-gateway = 間違い: h1 にデフォルトゲートウェイがありません
lab-mistake-gateway-off-subnet = 間違い: h1 のゲートウェイ 198.51.100.1 が h1 のサブネットの外にあります
lab-mistake-no-forwarding = 間違い: r1 がパケットを転送しません (ip_forward = 0)

lab-route-refused-title = h1: default via { $gateway } は拒否されました
lab-route-refused =
    h1 に「default via { $gateway }」を追加しようとしましたが、カーネルに拒否されました:
    { $error }。ゲートウェイは直接届く場所、つまりホスト自身のサブネットのどれかの中に
    ある必要があります。h1 は ARP でその MAC アドレスを調べなければならないからです。{ $gateway } は
    198.51.100.0/24 にあり、h1 はそこにいません。そのため h1 にはデフォルトルートがありません。

lab-outcome-mask =
    h1 は 198.51.100.20 が自分と同じリンクの上にあると思い込んでいるので、ゲートウェイではなく
    198.51.100.20 自身の MAC アドレスを ARP で尋ねます。「198.51.100.20 を持っているのは誰ですか？」
    には { $unanswered } 回とも応答がなく (h1 のケーブルの先に、そのアドレスを持つマシンはありません)、
    ping の結果は「{ $seen }」です。直し方: マスクを 255.255.255.0 (/24) にすれば、パケットは
    192.0.2.1 に送られます。
lab-outcome-gateway =
    198.51.100.20 への経路がないので、パケットは h1 から出ていきません (「{ $seen }」)。ping は
    「Network is unreachable」と表示します。直し方: h1 自身のサブネットにあるゲートウェイを指定して、
    「default via 192.0.2.1」を追加します。
lab-outcome-no-forwarding =
    エコー要求は h1 を出て r1 に届きます (ゲートウェイの ARP は通じます)。しかし r1 はもうルーターでは
    ないので、他のホスト宛てのパケットを黙って捨てます。結果は「{ $seen }」です。h1 からは
    パケットが失われたか、ファイアウォールに止められたように見えます。直し方は r1 で
    net.ipv4.ip_forward = 1 にすることです。

lab-mistake-failed =
    --mistake { $mistake } のラボが、想定どおりに失敗しませんでした。上の手順を見てください
lab-scenario-failed = ラボのシナリオの手順の 1 つが、想定どおりに動きませんでした。上を見てください

## エラーと `lab up`。

lab-cannot-build = ここではラボを組み立てられません: { $reason }
lab-refusal =
    各ホストは Linux のネットワーク名前空間で、それには root 権限か、専用のユーザー名前空間
    (user namespace) が必要です。しかし、{ $why }
lab-refusal-sysctl =
    このカーネルでは特権のないユーザー名前空間が無効になっています (sysctl
    kernel.unprivileged_userns_clone か user.max_user_namespaces が 0)。管理者に有効にして
    もらうか、root でラボを実行してください
lab-refusal-seccomp =
    ユーザー名前空間の作成が拒否されました (EPERM)。コンテナーの中では、ランタイムの seccomp
    プロファイル (Docker の既定) がこれを禁じています。ホストの上で、--privileged か unshare を
    許すプロファイルで起動したコンテナーの中で、または root でラボを実行してください
lab-refusal-apparmor =
    ユーザー名前空間は作れましたが、AppArmor がその権限 (capability) を与えません (Ubuntu
    24.04 の kernel.apparmor_restrict_unprivileged_userns = 1)。sudo でラボを実行するか、
    userns を許す AppArmor のプロファイルを netlearn に与えてください
lab-refusal-no-capabilities =
    ユーザー名前空間は作れましたが、権限 (capability) がありません。sudo でラボを実行してください
lab-refusal-failed = ユーザー名前空間がありません: { $error }。sudo でラボを実行してください
lab-refusal-unsupported = ラボには Linux のネットワーク名前空間が必要です

lab-up-ready =
    ラボが動いています: h1 192.0.2.10、r1 192.0.2.1 と 198.51.100.1、h2 198.51.100.20
    (ポート 5008 でエコー、80 で HTTP)、dns 198.51.100.53 (h1.lab、h2.lab、r1.lab、dns.lab に応答します)。
lab-up-step-in =
    別の端末から中に入れます: netlearn lab shell h1、または netlearn lab run h1 -- netlearn
    echo client 198.51.100.20 (lab run と lab shell は、動いている間このラボに加わります)。
lab-up-owner =
    名前空間はこのプロセス (pid { $pid }) のもので、プロセスが終わると一緒に消えます。Ctrl-C を
    押すと片付けます。
lab-up-down = ラボを止めました ({ $ms } ms)。名前空間は閉じられ、何も残っていません。
lab-already-up = ラボはすでに動いています (pid { $pid })
lab-cannot-join = pid { $pid } のプロセスが動かしているラボ (lab up) に入れません
lab-cannot-build-lab = ラボを組み立てられません
lab-cannot-start-servers = ラボのサーバーを起動できません
lab-cannot-find-self = netlearn 自身のプログラムが見つかりません
lab-cannot-start-child = 子プロセスでラボを始められません
lab-run-needs-command = lab run には -- の後にコマンドが必要です
lab-cannot-run = { $host } で { $program } を実行できません
lab-host-unknown = { $host } はラボのホストではありません。h1、r1、h2、dns のどれかを使ってください
lab-target-unknown =
    { $target } は IPv4 アドレスでもラボの名前 (h1、r1、h2、dns、NAME.lab) でもありません

## ping と trace: 問い合わせごとに 1 行、最後に ping の統計。

lab-ping-line = seq { $seq } (TTL { $ttl }): { $answer }
lab-ping-summary = {"---"} { $target }: 送信 { $sent }、受信 { $received }、パケットロス { $loss }%
lab-no-icmp-socket =
    ping には raw ICMP ソケット (root か CAP_NET_RAW) か ICMP データグラムソケットが必要です。
    後者をカーネルが与えるのは net.ipv4.ping_group_range のグループだけです (ここでは
    "{ $range }"、あなたのグループは { $gid })。sudo で実行するか、一度だけ
    `sudo setcap cap_net_raw+ep $(command -v netlearn)` を実行するか、
    `sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"` でグループに ping を許してください。
    ラボの中 (netlearn lab ping h1 h2) なら、どれもなしで動きます
lab-icmp-socket-failed = ICMP ソケットを開けません: { $error }

## Why the lab could not be built, its servers did not start, or it could not be published.
# $error: the system's error text.
lab-build-namespace = ネットワーク名前空間を作れません: { $error }
# $step: one of lab-step-*.
lab-build-step = { $host }: { $step }: { $error }
lab-build-not-up =
    { $host }: { $step }: { $interface } が { $seconds } 秒以内に使える状態になりませんでした
# $host: quoted, e.g. "h3" or "h1/eth9".
lab-build-unknown-host = トポロジーが、定義されていないホスト { $host } を使っています
lab-step-cable = { $interface } から { $peer } へケーブルをつなぐ
lab-step-configure = 設定
lab-step-wait-for-links = リンクが上がるのを待つ
lab-start-no-host = { $host } というホストはありません
lab-start-not-started = ラボのサーバーが { $seconds } 秒以内に起動しませんでした
lab-publish-cannot-write = { $path } に書き込めません: { $error }
lab-runtime-not-ours =
    { $path } はあなたではなく、ユーザー ID { $owner } のものです。lab up はこのディレクトリに
    状態を置くので、ほかのユーザーが作ったものは使いません (罠かもしれません)。自分で作った
    のでなければ削除するか、XDG_RUNTIME_DIR で自分のディレクトリを指定してください
lab-runtime-not-directory =
    { $path } はディレクトリではなく、シンボリックリンクかファイルです。lab up はこの名前の
    ディレクトリに状態を置き、リンクはたどりません。削除するか、XDG_RUNTIME_DIR で自分の
    ディレクトリを指定してください
# $tries queries were sent, each waited $ms milliseconds.
lab-lookup-no-answer =
    DNS サーバーから応答がありません (問い合わせ { $tries } 回、それぞれ { $ms } ミリ秒待ちました)
