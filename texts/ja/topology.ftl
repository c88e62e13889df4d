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
# ✗ のあと: その間違いで何が起きるか。
lab-picture-why-mask =
    マスクが /{ $prefix } なので、{ $host } は { $wrong_network } を自分のネットワークだと考えます。
    しかしこの線が運ぶのは { $network } です。{ $host } はルーターの向こうのホストを、ゲートウェイに
    送らずに ARP で直接探してしまいます
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
lab-file-duplicate-address = { $address } が 2 回出てきます。アドレスはすべて別々でなければなりません
lab-file-host-count = ホストが { $count } 台です。トポロジーのホストは 1 から { $max } 台です ([host.名前] の表)
lab-file-unlinked = ホスト「{ $name }」はどのリンクにもつながっていません
# ファイルのラボができたとき: 大きさと、かかった時間。
lab-file-built = == { $file } のラボ: { $hosts } 個のホスト、{ $links } 個のケーブル ({ $ms } ms)
lab-file-reach-title = == どのホストからも、ほかのホストすべてに ping します (エコー要求を 1 回ずつ):
# ラボの中の ping 1 回: 送信側、宛先、アドレス、返ってきたもの。
lab-file-reach = {"  "}{ $from } → { $to } ({ $address }): { $answer }
lab-file-reached = { $ms } ms で応答がありました
lab-file-time-exceeded = { $from } で TTL が尽きました (経路がループしていませんか？)
lab-file-unreachable = { $from } から到達不能と知らされました
lab-file-silence = { $ms } ms 待っても応答がありません
lab-file-not-sent = 送れませんでした: { $why }
lab-file-no-pinger = ホストの中で ICMP のソケットを開けませんでした
lab-file-torn-down = == 片付けました ({ $ms } ms)。何も残っていません。
