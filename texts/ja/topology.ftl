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
