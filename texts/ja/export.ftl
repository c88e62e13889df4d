# `lab export --containerlab`: 書き出したファイルの先頭のコメントと、1 行のまとめ。

export-header-title = netlearn が書き出した containerlab のトポロジーです。
export-header-source-builtin = ラボ: netlearn に組み込みのラボ。
export-header-source-mistake = ラボ: netlearn に組み込みのラボに、間違い { $mistake } を組み込んだもの。
export-header-source-file = ラボ: トポロジーのファイル { $file }。
export-header-deploy = 起動するには (containerlab には Docker と root の権限が必要です):
export-header-destroy = 片付けるには:
export-header-nodes =
    各ホストは Linux のコンテナー ({ $image }) です。eth0 は containerlab の管理用インター
    フェースなので、ラボのインターフェースは eth1、eth2 … になります。
export-header-exec =
    各ノードの exec は、管理用ネットワークのデフォルトルートを消してから、ラボと同じアドレス、
    転送の設定、デフォルトゲートウェイを設定します。
# Between the items of a list (interfaces, ports).
export-separator = 、
export-header-renamed = ラボとは名前の違うインターフェース:
export-header-bridge = { $container } (ブリッジ: LAN のスイッチです。ポートは { $ports })
export-header-impaired = わざと品質を落としたリンク: 両端に tc netem を exec で設定します。あとで変えるには:
export-header-queue =
    netem のキューの長さはパケットの数で決めます: { $bytes } バイトを、最大長のフレーム { $packets } 個分としました。
export-header-unstarted =
    起動しないもの: { $host } の DNS サーバー (ゾーン lab.)。イメージに DNS サーバーが
    入っていないためです。そのコンテナーに dnsmasq を入れれば、次のコマンドで動きます:
export-header-shell = ノードの中のシェル:

export-wrote =
    { $file } に書き出しました: ノード { $nodes } 台、リンク { $links } 個。起動するには: { $command }
export-cannot-write = containerlab のファイル { $file } を書き込めません: { $cause }
export-cannot-export = ラボを書き出せません: リンクに { $host }:{ $interface } がありますが、ラボにはありません

help-lab-export = lab export
    .about = ラボを containerlab のトポロジーのファイルとして書き出し、コンテナーで (このマシンでも、何台かのマシンにまたがっても) 動かせるようにします。
    .arg-containerlab =
        containerlab のトポロジーのファイルを FILE に書き出します (「-」なら標準出力へ)。ホストごとに
        Linux のコンテナーを 1 台置き、リンク、アドレス、経路、転送の設定、わざと落としたリンクの品質
        (netem) を書き込みます
    .arg-topology = 組み込みのラボではなく、このトポロジーのファイルのラボを書き出します
    .arg-mistake = 組み込みのラボに、先にこの間違いを組み込みます
    .pv-mistake-mask =
        h1 のマスクが 240.0.0.0 (/4): h2 が直接つながっているように見え、ARP に応答が返りません
    .pv-mistake-gateway = h1 にデフォルトゲートウェイがない: "Network is unreachable"
    .pv-mistake-gateway-off-subnet =
        h1 のゲートウェイが r1 の遠い側のアドレスで、h1 のサブネットの外: カーネルが経路を拒否します
    .pv-mistake-no-forwarding = r1 が転送しない: エコー要求はルーターで消えます
