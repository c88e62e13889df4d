## ラボの図 (`netlearn lab`): ネットワークごとにつながっているものを示し、間違いに印を付けます。

# ネットワークのプレフィックスのあとに、それを運ぶものを書きます。
lab-picture-cable = ケーブル
lab-picture-switch = { $host } の { $interface } にあるスイッチ
# ネットワークをつなぐホストのあとの括弧の中。
lab-picture-router = ルーター
lab-picture-router-off = 転送しないルーター
# ホストの下: 自分のネットワークにない宛先をどこへ送るか。
lab-picture-gateway = デフォルトゲートウェイ { $gateways }
lab-picture-no-gateway = デフォルトゲートウェイなし
lab-picture-no-gateway-v4 = IPv4 のデフォルトゲートウェイなし
lab-picture-gateway-v6 = IPv6 のデフォルトゲートウェイ { $gateways }
# ✗ のあと: その間違いで何が起きるか。
lab-picture-why-mask =
    マスクが /{ $prefix } なので、{ $host } は { $wrong_network } を自分のネットワークだと考えます。
    しかし、{ $host } が実際につながっているネットワークは { $network } です。{ $host } はルーターの
    向こうのホストを、ゲートウェイに送らずに ARP で直接探してしまいます
lab-picture-why-no-gateway =
    { $host } にはデフォルトゲートウェイがありません。自分のネットワークにしか届かず、ほかの宛先への
    パケットはすぐに「Network is unreachable」で失敗します
lab-picture-why-gateway-off =
    { $gateway } は { $host } のどのネットワークにもありません。ゲートウェイは直接届く相手でなければ
    ならないので、カーネルは経路を受け付けず、{ $host } は外に出られません
lab-picture-why-not-forwarding =
    { $host } は 2 つのネットワークをつないでいますが、転送しません。向こう側へのパケットはここで
    止まります (net.ipv4.ip_forward = 0)

## `lab --topology FILE`: ファイルから組み立てるラボ。
# ファイルの間違い: 場所 (ファイル:行:桁) と、何が違うか。
lab-file-error = { $file }:{ $line }:{ $column }: { $problem }
lab-file-unreadable = トポロジーのファイル { $file } を読めません: { $cause }
lab-file-syntax = トポロジーとして読めません: { $words }
lab-file-unknown-host = リンクにホスト「{ $name }」がありますが、[host.{ $name }] で宣言されていません
lab-file-bad-name =
    ホスト名「{ $name }」: a-z、0-9、「-」を 1 から { $max } 文字で書いてください
lab-file-bad-address =
    「{ $text }」はプレフィックス長の付いたアドレスではありません (例: 「10.0.1.10/24」)
lab-file-bad-gateway = ゲートウェイ「{ $text }」はアドレスではありません (例: 「10.0.1.1」)
lab-file-lonely-link = リンクには少なくとも 2 台のホストが要ります (「名前 = アドレス」を 1 行ずつ)
lab-file-lan-without-router =
    3 台以上のホストをつなぐリンクは LAN です。そのスイッチを置くために、うち 1 台はルーター
    (router = true) でなければなりません
lab-file-duplicate-address = アドレス { $address } が 2 回使われています。アドレスはすべて別々にしてください
lab-file-host-count = ホストが { $count } 台あります。トポロジーに置けるホストは 1 台から { $max } 台までです ([host.名前] の表)
lab-file-unlinked = ホスト「{ $name }」はどのリンクにもつながっていません
# ファイルのラボができたとき: 大きさと、かかった時間。
lab-file-built = == { $file } のラボ: ホスト { $hosts } 台、ケーブル { $links } 個 ({ $ms } ms)
lab-file-reach-title = == どのホストからも、ほかのホストすべてに ping します (エコー要求を 1 回ずつ):
# ラボの中の ping 1 回: 送信側、宛先、アドレス、返ってきたもの。
lab-file-reach = {"  "}{ $from } → { $to } ({ $address }): { $answer }
lab-file-reached = { $ms } ms で応答がありました
lab-file-time-exceeded = { $from } で TTL が尽きました (経路がループしていませんか？)
lab-file-unreachable = { $from } から「到達不能」(ICMP Destination Unreachable) が返りました
lab-file-silence = { $ms } ms 待っても応答がありません
lab-file-not-sent = 送れませんでした: { $why }
lab-file-no-pinger = ホストの中で ICMP のソケットを開けませんでした
lab-file-torn-down = == 片付けました ({ $ms } ms)。何も残っていません。
lab-file-reserved-name =
    ホスト名「{ $name }」: { $keys } はリンクの品質 (損失・帯域・遅延) を設定するキーなので、
    ホスト名にはできません
lab-file-unknown-service = サービス「{ $name }」: { $allowed } のどれかを書いてください
lab-file-bad-loss = loss「{ $text }」: 「20%」のような割合を書いてください (0% から 100%)
lab-file-bad-rate =
    rate「{ $text }」: 「10mbit」のような速さを書いてください (帯域、ビット毎秒: kbit、mbit、gbit)
lab-file-bad-queue = queue「{ $text }」: 「64kB」のような大きさを書いてください (B、kB、KiB、MB、MiB)
lab-file-bad-delay =
    delay「{ $text }」: 「20ms」のような遅延を書いてください (us、ms、s。{ $max } 秒まで)
lab-file-queue-without-rate =
    queue には同じリンクの rate が要ります。パケットがキューで待つのは速さの制限があるときだけです
lab-file-bad-target = to「{ $text }」: このファイルのホストか IPv4 アドレスを書いてください
lab-file-expectation-count =
    期待が { $count } 件あります。トポロジーに書ける期待は { $max } 件までです ([[expect]] の表)
# リストの項目のあいだ (ホスト、サーバー)。
lab-file-list-separator = 、
# lab run/shell/ping/trace に知らないホストが渡されたときと、あるホストの一覧。
lab-host-not-in-default = { $host } はラボのホストではありません。{ $hosts } のどれかを使ってください
lab-host-not-in-running =
    { $host } は動いているラボ (lab up、プロセス { $pid }) のホストではありません。{ $hosts } の
    どれかを使ってください
# ファイルのホストが動かすサーバー: 「h2 (echo 5008、http 80)、dns (dns 53)」。
lab-file-servers = == サーバー: { $servers }
# ファイルが期待すること。1 つずつ確かめます: ✓ 満たした、✗ 満たさない、送信側、宛先、確かめ方
# (ping、echo、http、dns)、そして判定と返ってきたもの。
lab-file-expect-title = == ファイルが期待すること:
lab-file-expect = {"  "}{ $mark } { $from } → { $to } ({ $address }) { $check }: { $verdict }
lab-file-expect-reached = 期待どおり届きました。{ $answer }
lab-file-expect-blocked = 期待どおり届きませんでした。{ $answer }
lab-file-expect-missed = 届くはずが、届きませんでした。{ $answer }
lab-file-expect-leaked = 届かないはずが、届きました。{ $answer }
lab-file-expect-summary = == 期待 { $total } 件のうち { $met } 件を満たしました。
lab-file-connected = { $ms } ms で接続しました
lab-file-http-status = { $ms } ms で HTTP のステータス { $status } が返りました
lab-file-dns-answered = { $ms } ms で DNS サーバーが応答しました
lab-file-dns-silent = DNS の応答がありません (問い合わせ { $tries } 回、各 { $ms } ms)
lab-file-not-http = 応答が HTTP ではありませんでした
lab-file-no-address = そのホストには IPv4 アドレスがありません
# わざと品質を落としたケーブル (ファイルの loss、rate、queue、delay)。lab link-test と同じ言葉です。
lab-file-impaired = == { $a } ── { $b } (わざと品質を落としたリンク): { $what }
lab-file-impaired-loss = 損失 { $percent }%
lab-file-impaired-rate = 帯域 { $kbit } kbps
lab-file-impaired-rate-mbit = 帯域 { $mbit } Mbps
lab-file-impaired-queue = キュー { $bytes }
lab-file-impaired-delay = 遅延 { $ms } ms
# `lab up --topology FILE` でラボができたとき: ホスト (それぞれの IPv4 アドレスとサーバー) と、
# 中に入る方法。
lab-file-up = ラボができました: { $hosts }。
lab-file-up-step-in =
    別の端末から中に入れます: netlearn lab shell { $host }、または netlearn lab run { $host } --
    コマンド (ラボが動いているあいだ、lab run、shell、ping、trace はこのラボのホストで動きます)。
