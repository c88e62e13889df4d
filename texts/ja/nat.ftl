## `netlearn lab nat`: アドレスを書き換えるルーター (NAT) の後ろのプライベート LAN。ルーターの
## 両側でのキャプチャ、コネクショントラッキングのエントリ、外側から入れないこと。

nat-build-title = NAT のラボ: プライベート LAN の h1 と h2、ルーター r1、外側の srv ({ $ms } ms)
nat-build =
    h1 (10.0.0.10) と h2 (10.0.0.20) はプライベートアドレス (RFC 1918: 10.0.0.0/8、
    172.16.0.0/12、192.168.0.0/16) を持っています。どの家庭や会社でも使ってよいアドレスなので、
    インターネットのルーターはこれを運びません。h1 と h2 のデフォルトゲートウェイである r1 は、
    外側にアドレスを 1 つ (203.0.113.1) 持ち、eth1 から転送するパケットはすべて、送信元アドレスを
    このアドレスにして送り出します。1 つのアドレスの後ろに多くのホストがいる形です。これが NAT
    (ネットワークアドレス変換) で、この種類はマスカレード (masquerade) や NAPT とも呼ばれます。
    外側の srv (203.0.113.80) では、netlearn のエコーサーバーがポート 5008 で動いています。
    インターネットのどのホストとも同じく、srv には LAN への経路がありません (下の図の ✗)。
nat-ruleset = r1 のルールです (nftables の言葉で書いてあり、`nft -f` がそのまま読めます):

nat-pairs-title = h1 と h2 が srv と通信します: r1 は行きも帰りもアドレスを書き換えます
nat-pairs =
    h1 と h2 はどちらもポート { $port } から srv のポート 5008 へ TCP の接続を開き、1 行を
    送ります。srv はそれをそのまま送り返します。r1 の両側でキャプチャしたので、各パケットは
    2 回ずつ現れます。行きでは、r1 が h1 の送信元アドレスとポート { $h1 } を自分の
    { $h1_outside } に置き換えます。srv には r1 しか見えず、r1 に応答します。帰りでは、r1 が
    宛先を { $h1 } に戻して、パケットを h1 へ渡します。TCP のシーケンス番号は書き換えられない
    ので、どの 2 行が同じパケットかはそれでわかります。
nat-pair-legend =
    各組は、r1 に入ったときのパケットと、r1 から出たときのパケットです。{ $inside } が LAN 側、
    { $outside } が外側です。{ $pairs } 組のうち { $shown } 組を示します。データのない確認応答と、
    2 つ目の接続のデータも、同じように書き換えられています (--json ですべて見られます)。
nat-connection = { $host } の接続:
nat-rewritten = r1 が書き換えた部分
nat-port-rewritten =
    h2 もポート { $port } を選びましたが、同じサーバーへの接続 (h1 の接続) が { $taken } を
    すでに使っていました。そこで r1 は h2 の接続に { $outside } を割り当てました。r1 は必要なら
    ポートも書き換え、ポートで接続を見分けます。
nat-port-kept = h2 の接続は { $outside } として r1 を出ました。アドレスは書き換えられ、ポートはそのままです。
nat-private-outside = r1 の外側でプライベートアドレスのパケットが見えました。マスカレードのルールが働いていません。
nat-exchange-failed = { $host } は srv と通信できませんでした: { $error }

nat-conntrack-title = r1 のコネクショントラッキング: 応答が帰り道を見つけるしくみ
nat-conntrack =
    r1 は、接続の最初のパケットが通ったときに、その接続を書き留めます。書き留める先はカーネルの
    conntrack テーブルで、ここでは r1 の中で /proc/net/nf_conntrack から読みました
    (`conntrack -L` でも同じものが見られます)。エントリには、向きごとに 1 つずつ、アドレスと
    ポートの組 (タプル) が 2 つあります:
nat-conntrack-original = original: { $host } が送ったままの形です。書き換える前の、{ $inside } から { $server } への接続です。
nat-conntrack-reply =
    reply: 応答が r1 に届くときの形です。{ $server } から、r1 自身のアドレスである { $outside }
    へ向かいます。これに一致したパケットは宛先が { $inside } に書き戻され、{ $host } へ渡されます。
nat-conntrack-established =
    ESTABLISHED: r1 は 3ウェイハンドシェイクが済んだのを見ています。[ASSURED]: パケットが両方向に
    流れたので、テーブルがいっぱいになってもこのエントリは消されません。接続の最後のパケットから
    { $seconds } 秒たつと、エントリは消えます。
nat-conntrack-state =
    { $state }: r1 が追いかけてきた、この接続の TCP の状態です。接続の最後のパケットから
    { $seconds } 秒たつと、エントリは消えます。
nat-conntrack-port = { $host } のエントリも同じ形で、「reply」のタプルには { $outside } があります。r1 が選んだポートです。
nat-conntrack-none = r1 のテーブルには { $host } の接続のエントリがありません。
nat-entry-head = { $host }: { $protocol } { $state }、あと { $seconds } 秒で消えます
nat-entry-original = original
nat-entry-reply = reply
nat-conntrack-missing =
    ここでは r1 のコネクショントラッキングのテーブルを読めません。/proc/net/nf_conntrack も
    conntrack のプログラムもありません (Debian: apt install conntrack)。
nat-conntrack-refused = conntrack は r1 のテーブルを表示できませんでした: { $said }
nat-conntrack-unreadable = r1 のコネクショントラッキングのテーブルに、netlearn が読めない行があります ({ $line } 行目:「{ $word }」)。
nat-conntrack-failed = r1 のコネクショントラッキングのテーブルを読めません: { $error }
nat-nft-missing = r1 の NAT のルールを読み込めません: nft のプログラムがインストールされていません (Debian: apt install nftables)。
nat-nft-refused = r1 の NAT のルールを読み込めません。nft の出力: { $said }
nat-nft-failed = r1 の NAT のルールを読み込めません: { $error }
nat-server-failed = srv でエコーサーバーを起動できません: { $error }

nat-outside-title = 外側から: srv は h1 への接続を開けません
nat-outside-private =
    srv → { $target }: { $outcome }。srv には h1 のアドレスへの経路がありません。プライベート
    アドレスは多くのネットワークが同時に使っているので、外側のルーターはこれを運ばず、srv の
    経路表にも自分のネットワーク 203.0.113.0/24 しかありません。それでも h1 はそのあいだずっと
    ポート { $port } で接続を待ち受けています。
nat-outside-router =
    srv → { $target }: { $outcome }。srv から見える LAN への入り口は r1 のアドレスだけですが、
    外側から始まった接続は r1 のテーブルのどのエントリにも一致しません。r1 は何も書き換えず、
    SYN を自分宛てとして受け取り、r1 では何も待ち受けていないので RST で応答します。
    h1 まで届けるには、ポートを内側へ転送するルール (DNAT、「ポートフォワーディング」) が必要です。
nat-outside-lan = そのあいだに LAN ({ $at }) に届いたパケット: { $count } 個。
nat-outcome-connected = 接続できました
nat-outcome-no-route = 「Network is unreachable」(何も送られていません)
nat-outcome-refused = 拒否されました (r1 が RST で応答)
nat-outcome-timed-out = 応答がありません
nat-failed = NAT のラボが期待どおりに動きませんでした ([失敗] の印がついた手順を見てください)

help-lab-nat = lab nat
    .about = NAT: アドレスを書き換えるルーターの後ろにプライベート LAN を置き、ルーターの両側でキャプチャします。
    .long =
        h1 と h2 (10.0.0.0/24) が、nftables でマスカレードするルーター r1 を通って srv (203.0.113.80)
        に届きます。各パケットを r1 に入ったときと出たときの 2 回示し、行きでは送信元アドレスとポートが、
        帰りでは宛先が書き換えられるのを見せます。続けて r1 のコネクショントラッキングのエントリを示し、
        外側の srv からは h1 への接続を開けないことを確かめます。

        終了コード: 0 すべての段階が期待どおりに動いた。1 ラボを組み立てられなかった、またはある段階が
        期待どおりに動かなかった。
    .arg-ladder =
        パケットを並べる代わりにラダー図で描きます。r1 の LAN 側と外側で 1 つずつ描くので、srv が
        通信している相手が r1 だけだとわかります
