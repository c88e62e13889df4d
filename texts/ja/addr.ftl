# `cidr`、`mask`、`ip`、`ip compare` の人が読む表示 (JSON のキーは変わりません)。

addr-label-address = アドレス
addr-label-version = バージョン
addr-label-cidr = CIDR
addr-label-network = ネットワーク
addr-label-netmask = ネットマスク
addr-label-wildcard = ワイルドカード
addr-label-broadcast = ブロードキャスト
addr-label-first-host = 最初のホスト
addr-label-last-host = 最後のホスト
addr-label-addresses = アドレス数
addr-label-usable-hosts = 使えるホスト数
addr-label-class = 分類
addr-label-globally-reachable = インターネットから届くか
addr-label-binary = 2 進数
addr-label-netmask-binary = マスクの 2 進数
addr-label-reverse-zone = 逆引きゾーン
addr-label-expanded = 省略しない形
addr-label-compressed = 省略した形
addr-label-ipv4-mapped = IPv4 射影アドレス
addr-label-embedded-ipv4 = 埋め込まれた IPv4
addr-label-integer = 整数
addr-label-hex = 16 進数
addr-label-scope = スコープ
addr-label-reverse-pointer = 逆引き名
addr-label-prefix = プレフィックス

addr-host-bits-set = (ホスト部のビットが立っています)
addr-no-broadcast-31 = なし (/31 は 2 点間のリンク、RFC 3021)
addr-no-broadcast-32 = なし (/32 はホスト 1 つです)
addr-no-broadcast-v6 = なし (IPv6 にブロードキャストはなく、マルチキャストを使います)
addr-class-mixed = mixed (特殊用途のブロックと一部だけ重なります)
addr-class-not-special = { $class } (特殊用途ではありません)
addr-yes = はい
addr-no = いいえ
addr-not-applicable = 該当なし
addr-mask-is-ipv6 = 注: /{ $prefix } はどの IPv4 のプレフィックス (0–32) より長いので、IPv6 のマスクです

addr-scope-multicast-scoped = マルチキャスト、{ $name } (スコープ { $nibble })
addr-scope-host = ホスト (このマシンから出ません)
addr-scope-link = リンク (ルーターを越えません)
addr-scope-site = サイト (プライベートネットワーク。インターネットでは経路がありません)
addr-scope-multicast = マルチキャスト
addr-scope-none = なし (「まだアドレスがない」か「どれでも」の意味です)
addr-scope-broadcast = リンク (限定ブロードキャスト)
addr-scope-documentation = なし (ドキュメント専用。本物のネットワークには現れません)
addr-scope-mapped = 埋め込まれた IPv4 アドレスと同じ (IPv6 のソケットから見た IPv4)
addr-scope-global = グローバル

addr-compare-address-size = アドレスの大きさ
    .ipv4 = 32 ビット (2^32、約 43 億)
    .ipv6 = 128 ビット (2^128)

addr-compare-notation = 書き方
    .ipv4 = ドット区切りの 10 進数: 192.0.2.1
    .ipv6 = 16 進数のグループ (0 の連続は ::): 2001:db8::1

addr-compare-header = ヘッダー
    .ipv4 = 20 から 60 バイト (オプション)
    .ipv6 = 40 バイト固定と拡張ヘッダー

addr-compare-header-checksum = ヘッダーのチェックサム
    .ipv4 = あり。ホップごとに計算し直します
    .ipv6 = なし (UDP のチェックサムが必須になります)

addr-compare-fragmentation = フラグメント化
    .ipv4 = 送信元かどのルーターでも (DF が立っていなければ)
    .ipv6 = 送信元だけ (Fragment ヘッダー)。リンクは少なくとも 1280 バイトを運びます

addr-compare-hop-count-field = ホップ数のフィールド
    .ipv4 = TTL
    .ipv6 = Hop Limit

addr-compare-broadcast = ブロードキャスト
    .ipv4 = あり: 255.255.255.255 と指示ブロードキャスト
    .ipv6 = なし: かわりにマルチキャスト (ff02::1 は全ノード) とエニーキャスト

addr-compare-address-resolution = アドレス解決
    .ipv4 = ARP
    .ipv6 = 近隣探索 (NDP、ICMPv6 の上で)

addr-compare-configuration = 設定
    .ipv4 = DHCP (または固定)
    .ipv6 = SLAAC と DHCPv6 のどちらかか両方 (または固定)

addr-compare-control-messages = 制御メッセージ
    .ipv4 = ICMP
    .ipv6 = ICMPv6 (NDP と MLD も運びます)

addr-compare-loopback = ループバック
    .ipv4 = 127.0.0.0/8 (127.0.0.1、localhost)
    .ipv6 = ::1/128 だけ

addr-compare-unspecified-address = 未指定アドレス
    .ipv4 = 0.0.0.0
    .ipv6 = ::

addr-compare-private-addresses = プライベートアドレス
    .ipv4 = 10/8、172.16/12、192.168/16。ふつうは NAT の内側
    .ipv6 = ユニークローカル fc00::/7 (NAT は要りません)

addr-compare-link-local = リンクローカル
    .ipv4 = 169.254.0.0/16。DHCP がないときだけ
    .ipv6 = fe80::/10。どのインターフェースにもいつも

addr-compare-ipv4-inside-ipv6 = IPv6 の中の IPv4
    .ipv4 = -
    .ipv6 = ::ffff:0:0/96 射影 (ソケット)、64:ff9b::/96 NAT64

addr-compare-dns-record = DNS のレコード
    .ipv4 = A
    .ipv6 = AAAA

addr-compare-reverse-dns = DNS の逆引き
    .ipv4 = in-addr.arpa、オクテットごと
    .ipv6 = ip6.arpa、ニブル (4 ビット) ごと

addr-compare-socket-family = ソケットのファミリー
    .ipv4 = AF_INET
    .ipv6 = AF_INET6
