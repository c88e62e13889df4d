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
addr-no-broadcast-31 = なし (/31 は 2 点間のリンク、RFC 3021)
addr-no-broadcast-32 = なし (/32 はホスト 1 台だけのネットワークです)
addr-no-broadcast-v6 = なし (IPv6 にブロードキャストはなく、マルチキャストを使います)
# $class は addr-class-word のどれか、$name は addr-iana-* のどれか (登録簿の名前と、その意味)、
# $block と $rfc は登録簿の書き方のままです。
addr-class-registered = { $class }: IANA の登録名 { $name }、{ $block }、{ $rfc }
addr-class-mixed = { $class } (特殊用途のブロックと一部だけ重なります)
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
    .ipv4 = 32 ビット (2^32、約 43 億)
    .ipv6 = 128 ビット (2^128)

addr-compare-notation = 書き方
    .ipv4 = ドット区切りの 10 進数: 192.0.2.1
    .ipv6 = 16 進数のグループ (0 の連続は ::): 2001:db8::1

addr-compare-header = ヘッダー
    .ipv4 = 20 から 60 バイト (オプション)
    .ipv6 = 40 バイト固定と拡張ヘッダー

addr-compare-header-checksum = ヘッダーのチェックサム
    .ipv4 = あり。ホップごとに計算し直します
    .ipv6 = なし (UDP のチェックサムが必須になります)

addr-compare-fragmentation = フラグメント化
    .ipv4 = 送信側でも途中のルーターでも (DF が立っていなければ)
    .ipv6 = 送信側だけ (Fragment ヘッダー)。リンクは少なくとも 1280 バイトを運びます

addr-compare-hop-count-field = ホップ数のフィールド
    .ipv4 = TTL
    .ipv6 = Hop Limit

addr-compare-broadcast = ブロードキャスト
    .ipv4 = あり (255.255.255.255 と指示ブロードキャスト)
    .ipv6 = なし。かわりにマルチキャスト (ff02::1 は全ノード) とエニーキャストを使います

addr-compare-address-resolution = アドレス解決
    .ipv4 = ARP
    .ipv6 = 近隣探索 (NDP。ICMPv6 を使います)

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
    .ipv4 = 169.254.0.0/16。DHCP サーバーがないときだけ使います
    .ipv6 = fe80::/10。どのインターフェースにも必ずあります

addr-compare-ipv4-inside-ipv6 = IPv6 の中の IPv4
    .ipv4 = -
    .ipv6 = ::ffff:0:0/96 射影 (ソケット)、64:ff9b::/96 NAT64

addr-compare-dns-record = DNS のレコード
    .ipv4 = A
    .ipv6 = AAAA

addr-compare-reverse-dns = DNS の逆引き
    .ipv4 = in-addr.arpa、オクテットごと
    .ipv6 = ip6.arpa、ニブル (4 ビット) ごと

addr-compare-socket-family = ソケットのファミリー
    .ipv4 = AF_INET
    .ipv6 = AF_INET6

## Input that is not an address, network or mask. $input (and $octet, $prefix, $text) arrive
## quoted and escaped: '192.168.1.300'.
addr-error-empty = 入力が空です。アドレスを書いてください (例: 192.168.0.1)
# $value: what the octet means in decimal.
addr-error-leading-zero =
    { $input }: オクテット { $octet } の先頭に 0 があります (8 進数と読むツールも 10 進数と読むツールもあります)。{ $value } と書いてください
addr-error-bad-address =
    { $input } は IPv4 アドレスでも IPv6 アドレスでもありません (例: 192.168.0.1、2001:db8::1)
# $position: 1 for the first octet.
addr-error-octet-too-big =
    { $input }: { $position } 番目のオクテットが { $value } で、255 を超えています。各オクテットは 0 から 255 の数です
addr-error-octet-too-many-digits =
    { $input }: { $position } 番目のオクテットが { $digits } 桁の数で、255 を超えています。各オクテットは 0 から 255 の数です
addr-error-octet-not-number =
    { $input }: { $position } 番目のオクテット { $text } は 0 から 255 の数ではありません
addr-error-octet-empty =
    { $input }: { $position } 番目のオクテットが空です。0 から 255 の数を書いてください
# $length: the octet's length in characters (too long to quote).
addr-error-octet-long =
    { $input }: { $position } 番目のオクテットは { $length } 文字あり、0 から 255 の数ではありません
addr-error-octet-count =
    { $input }: IPv4 アドレスのオクテットは 4 個ですが、これは { $count } 個です (例: 192.168.0.1)
addr-error-bad-prefix = { $input }: プレフィックス長 { $prefix } が数ではありません (例: /24)
# $family: 4 or 6; $max: 32 or 128.
addr-error-prefix-out-of-range =
    { $input }: プレフィックス長 { $prefix } は IPv{ $family } の範囲 (0 から { $max }) を外れています
# $fault: one of the addr-mask-fault texts.
addr-error-not-a-netmask = { $input } は正しいネットマスクではありません: { $fault }
addr-error-mask-on-ipv6 =
    { $input }: ドット区切りのネットマスクは IPv4 アドレスにしか使えません。IPv6 では /64 のようにプレフィックス長を書いてください
addr-mask-fault-inverted = ワイルドカード (反転した) マスクのようです
# $bit: counted from 1 at the left.
addr-mask-fault-gap =
    1 のビットが連続していません (ビット { $bit } が 0 なのに、その後ろに 1 があります)。ネットマスクは 1 が N 個並び、その後ろがすべて 0 です
addr-mask-fault-not-contiguous =
    1 のビットが連続していません。ネットマスクは 1 が N 個並び、その後ろがすべて 0 です
# `netlearn mask` given an inverted mask; $error is addr-error-not-a-netmask.
addr-error-pass-wildcard = { $error }。--wildcard を付けると、ワイルドカードマスクとして読みます

## List operations (cidr split, supernet, range) that cannot be done.
addr-error-split-prefix =
    { $net } を /{ $prefix } に分割できません: 新しいプレフィックス長は /{ $current } より長く、/{ $max } 以下にしてください
addr-error-too-many-subnets =
    { $net } を /{ $prefix } に分割するとサブネットが 2^{ $exponent } 個になります。一覧にするのは 2^{ $limit } 個までです
addr-error-cannot-hold-subnets = { $net } には { $wanted } 個のサブネットは入りません
addr-error-cannot-hold-hosts = { $net } には使えるホストアドレスが { $wanted } 個もありません
addr-error-supernet-prefix =
    スーパーネットのプレフィックス長 /{ $prefix } は /{ $current } より短くしてください
addr-error-mixed-families = { $first } と { $last } は IP のバージョンが違います

## A bad line of a list (cidr merge, contains, exclude read from standard input).
# $error: one of the addr-error texts.
addr-line-error = { $line } 行目: { $error }
# $head: the line's first bytes, escaped.
addr-line-not-text = { $line } 行目は UTF-8 のテキストではありません: '{ $head }'
addr-line-not-text-cut =
    { $line } 行目は UTF-8 のテキストではありません: '{ $head }…' ({ $len } バイトのうち最初の { $shown } バイトを表示)
addr-line-too-long = { $line } 行目は { $max } バイトより長いため、読みませんでした ({ $len } バイト)

## cidr and ip given too little, or two things that do not go together.
addr-error-network-required = ネットワークを指定してください (例: netlearn cidr 192.168.0.0/24)
addr-error-address-required = アドレスを指定してください (例: netlearn ip 127.0.0.1)
# $net: a network with its prefix length, e.g. 10.0.0.0/8.
addr-error-prefix-and-mask =
    '{ $net }' にはもうプレフィックス長があります。/LEN か、別の語のマスクか、どちらか一方を書いてください
addr-error-mask-not-ipv4 =
    ドット区切りのネットマスクは IPv4 にしか使えません ('{ $addr }' は IPv6 です)。/64 のようにプレフィックス長を書いてください
addr-error-range-of-network =
    '{ $net }' はネットワークです。範囲には 2 つのアドレスを書いてください (例: netlearn cidr range 10.0.0.1 10.0.0.10)
addr-error-no-networks = ネットワークがありません。引数か標準入力で渡してください
# $first: the first bad line (addr-line-* text); $count: how many there were.
addr-error-bad-lines = { $first } (読めない行は全部で { $count } 行)
addr-error-more-bad-lines = ... ほかに読めない行が { $count } 行あります
addr-error-entries-unread =
    { $entries } 件のうち { $count } 件を読めませんでした (上を見てください。--skip-invalid を付けると、それらを除いて続けます)

## A prefix's class (IANA special-purpose registry slug; JSON keeps the slug).
addr-class-word-6to4 = 6to4
addr-class-word-amt = AMT
addr-class-word-anycast = エニーキャスト
addr-class-word-as112 = AS112
addr-class-word-benchmarking = ベンチマーク用
addr-class-word-broadcast = ブロードキャスト
addr-class-word-deprecated-6to4-relay = 廃止された 6to4 リレー
addr-class-word-deprecated-orchid = 廃止された ORCHID
addr-class-word-discard = 破棄用
addr-class-word-documentation = ドキュメント用
addr-class-word-drone-det = ドローンの識別子 (DET)
addr-class-word-dummy = ダミー
addr-class-word-ietf-protocol = IETF プロトコル用
addr-class-word-ipv4-mapped = IPv4 射影
addr-class-word-link-local = リンクローカル
addr-class-word-loopback = ループバック
addr-class-word-multicast = マルチキャスト
addr-class-word-nat64 = NAT64
addr-class-word-nat64-discovery = NAT64 の検出用
addr-class-word-nat64-local = NAT64 のローカル用
addr-class-word-orchid-v2 = ORCHIDv2
addr-class-word-private = プライベート
addr-class-word-reserved = 予約済み
addr-class-word-service-continuity = サービス継続用
addr-class-word-shared = 共有 (CGN 用)
addr-class-word-srv6 = SRv6
addr-class-word-teredo = Teredo
addr-class-word-this-host = このホスト
addr-class-word-this-network = このネットワーク
addr-class-word-unique-local = ユニークローカル
addr-class-word-unspecified = 未指定
addr-class-word-mixed = 混在
addr-class-word-global = グローバル

## IANA の特殊用途アドレスの登録簿でのブロックの名前 (`ip` と `cidr` の分類の行)。登録簿の名前を
## そのまま書き、分類の言葉 (addr-class-word-*) だけでは意味が伝わらないものには、日本語の意味を
## かっこで添えます。
addr-iana-this-network = "This network"
addr-iana-this-host-on-this-network = "This host on this network"
addr-iana-private-use = Private-Use
addr-iana-shared-address-space = Shared Address Space (共有アドレス空間)
addr-iana-loopback = Loopback
addr-iana-link-local = Link Local
addr-iana-ietf-protocol-assignments = IETF Protocol Assignments
addr-iana-ipv4-service-continuity-prefix = IPv4 Service Continuity Prefix
addr-iana-ipv4-dummy-address = IPv4 dummy address
addr-iana-port-control-protocol-anycast = Port Control Protocol Anycast (ポート制御プロトコル PCP 用)
addr-iana-traversal-using-relays-around-nat-anycast = Traversal Using Relays around NAT Anycast (NAT 越えのリレー TURN 用)
addr-iana-nat64-dns64-discovery = NAT64/DNS64 Discovery
addr-iana-documentation-test-net-1 = Documentation (TEST-NET-1)
addr-iana-as112-v4 = AS112-v4 (逆引きの問い合わせを引き受ける AS112 用)
addr-iana-amt = AMT (自動マルチキャストトンネリング)
addr-iana-deprecated-6to4-relay-anycast = Deprecated (6to4 Relay Anycast)
addr-iana-direct-delegation-as112-service = Direct Delegation AS112 Service (AS112 の直接委任サービス)
addr-iana-benchmarking = Benchmarking
addr-iana-documentation-test-net-2 = Documentation (TEST-NET-2)
addr-iana-documentation-test-net-3 = Documentation (TEST-NET-3)
addr-iana-multicast = Multicast
addr-iana-reserved = Reserved
addr-iana-limited-broadcast = Limited Broadcast (限定ブロードキャスト)
addr-iana-unspecified-address = Unspecified Address
addr-iana-loopback-address = Loopback Address
addr-iana-ipv4-mapped-address = IPv4-mapped Address
addr-iana-ipv4-ipv6-translat = IPv4-IPv6 Translat. (IPv4 と IPv6 の変換用)
addr-iana-discard-only-address-block = Discard-Only Address Block
addr-iana-dummy-ipv6-prefix = Dummy IPv6 Prefix
addr-iana-teredo = TEREDO (Teredo トンネリング)
addr-iana-dns-sd-service-registration-protocol-anycast-address = DNS-SD Service Registration Protocol Anycast Address (DNS-SD のサービス登録プロトコル用)
addr-iana-as112-v6 = AS112-v6 (逆引きの問い合わせを引き受ける AS112 用)
addr-iana-deprecated-previously-orchid = Deprecated (previously ORCHID)
addr-iana-orchidv2 = ORCHIDv2 (暗号ハッシュによる識別子)
addr-iana-drone-remote-id-protocol-entity-tags-dets-prefix = Drone Remote ID Protocol Entity Tags (DETs) Prefix
addr-iana-documentation = Documentation
addr-iana-6to4 = 6to4 (IPv6 を IPv4 で運ぶ方式)
addr-iana-segment-routing-srv6-sids = Segment Routing (SRv6) SIDs (セグメントルーティングの SID)
addr-iana-unique-local = Unique-Local
addr-iana-link-local-unicast = Link-Local Unicast

## `ip compare` の RFC 欄の出典。$rfc は RFC ("RFC 8200")、$section、$first、$second は節の番号。
addr-cite-section = { $rfc } の { $section } 節
addr-cite-sections = { $rfc } の { $first } 節と { $second } 節

## cidr contains, one line per item after the item: whether it lies in the network.
# $net: the network asked about, e.g. "10.0.0.0/8".
addr-contains-inside = { $net } の内側
addr-contains-outside = { $net } の外側
