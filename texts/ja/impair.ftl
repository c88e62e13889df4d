# `netlearn lab link-test`: わざと損失・帯域制限・遅延を起こすリンク、それぞれの作り方、
# 測った結果。適用できなかったときの理由も。

## 単位 ($value: 表示する数値)。ビット毎秒。日本語の行は「/」でも折り返されるので bps と書きます。
impair-bit = { $value } bps
impair-kbit = { $value } kbps
impair-mbit = { $value } Mbps
impair-gbit = { $value } Gbps

impair-built = == h1 と h2 の間のリンクを作りました ({ $ms } ms)
impair-built-file =
    == { $file } のラボを作りました ({ $ms } ms)。損失・帯域制限・遅延を設定したリンクは { $links } 個です
impair-measured-file = == { $file } の、損失・帯域制限・遅延を設定したリンク ({ $links } 個) を測りました
impair-none = このファイルには、損失・帯域制限・遅延のあるリンクがありません。測るものはありません。

impair-link-title = == { $a } — { $b }: { $asked }
impair-asked-loss = 損失 { $percent }%
impair-asked-rate = 帯域 { $rate }
impair-asked-delay = 遅延 { $ms } ms
impair-list-separator = 、
impair-perfect = 損失も帯域制限も遅延もないリンク

impair-how-rate =
    帯域: 両端の tbf (トークンバケットフィルター) で各方向 { $rate } に制限します。
    バケットは { $burst }、キューは { $queue }までです
impair-how-loss =
    損失: 両端のインターフェースの入口 (ingress) で、nftables の「numgen random mod 10000 < { $points } drop」が
    各方向のフレームの { $percent }% を捨てます
impair-how-delay-netem = 遅延: 両端でカーネルの netem が各方向 { $ms } ms 遅らせます
impair-how-delay-relay =
    遅延: このカーネルには netem がないため、netlearn 自身が隠れた名前空間でリンクの
    フレームを中継し、各方向 { $ms } ms 遅らせて渡します

impair-pings =
    ping { $from } → { $target }: エコー要求 { $sent } 件のうち { $answered } 件に応答があり、
    往復時間は最小 { $min } / 平均 { $avg } / 最大 { $max } ms
impair-pings-none = ping { $from } → { $target }: エコー要求 { $sent } 件のどれにも応答がありません
impair-datagrams =
    データグラム { $from } → { $to }: { $sent } 個のうち { $arrived } 個が届きました (損失 { $percent }%)
impair-transfer =
    TCP { $from } → { $to }: { $bytes }を { $seconds } s で転送しました ({ $goodput })。再送 { $retransmits } 回
impair-transfer-partial =
    TCP { $from } → { $to }: 期限 ({ $seconds } s) までに { $planned }のうち { $bytes }しか
    届きませんでした ({ $goodput })。再送 { $retransmits } 回
impair-transfer-nothing =
    TCP { $from } → { $to }: { $planned }のうち 1 バイトも期限までに届きませんでした
    (接続の確立さえできませんでした)
impair-relay-counted =
    中継: フレームを { $frames } 個運びました。{ $dropped ->
        [0] 捨てたフレームはありません
       *[other] キューがいっぱいで { $dropped } 個を捨てました
    }
impair-not-measured = 測れませんでした: { $why }
impair-no-address = リンクの両端に IPv4 アドレスがありません

impair-bad-loss = { $flag } { $text }: 0 から 100 までの割合 (%) を書いてください (例: 30%、0.5)
impair-bad-rate = { $flag } { $text }: 帯域は 10mbit、512kbit、1gbit のように書いてください
impair-bad-queue = { $flag } { $text }: キューは 4 GiB までです
impair-bad-delay = { $flag } { $text }: 遅延は 10 s までです (20ms、1.5s)

impair-error-qdisc = { $host }/{ $interface }: カーネルが { $kind } を拒否しました: { $error }
impair-error-nft-missing =
    { $host }/{ $interface }: 損失には nft プログラムが必要です (Debian、Ubuntu: apt install nftables)
impair-error-nft-refused = { $host }/{ $interface }: nft が損失のルールを拒否しました: { $said }
impair-error-nft-io = { $host }/{ $interface }: nft を実行できませんでした: { $error }
impair-error-relay =
    { $a } と { $b } の間の遅延の中継を用意できませんでした: { $error }
