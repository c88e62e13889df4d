# `netlearn explain` (用語集の項目のまわり) と `netlearn tour`。../en/learn.ftl と同じメッセージ。

list-separator = {"、"}

## explain

explain-list-intro = 用語集です。`netlearn explain 用語` で 1 つの項目とそのライブデモを表示します。
explain-standard = 規格:
explain-aliases = 別名:
explain-see-also = 関連:
explain-try = 試す:
explain-and = ほかに:
explain-not-found = { $word } は用語集にありません。`netlearn explain` で一覧を表示できます
explain-did-you-mean = { $word } は用語集にありません。{ $suggestions } のことですか？`netlearn explain` で一覧を表示できます
explain-several = { $word } に当てはまる項目が複数あります: { $terms }。言葉を足して絞り込むか、`netlearn explain` で一覧を表示してください
explain-more = ほか { $count } 件
explain-or = {" か "}
explain-demo-failed = (このデモはここでは実行できませんでした: { $error })

## tour

tour-echo = 正しく作ったエコーサーバー
    .text =
        記事のサーバーは 127.0.0.1:5008 にバインド (bind) し、接続を待ち受け (listen)、
        クライアントを 1 つ受け付けて (accept)、recv() が返したものをそのまま送り返します。ここでは
        同じ呼び出しを、空いているポートで実際に実行します。サーバーとクライアントは 1 つのプロセスの
        中にあり、1 行が 1 回のソケット (socket) 呼び出しです (Python での書き方を添えます)。送受信
        されるバイトは、そのフレーミング (framing) と一緒に表示します (改行がメッセージの終わりです)。
tour-half-close = ハーフクローズ:「もう送りません」
    .text =
        shutdown(SHUT_WR) は、クライアントの送信側だけを閉じます (ハーフクローズ、half-close)。
        サーバーの recv() は 0 バイトを返します (ストリームの終わり) が、サーバーはそれでもエコーを
        送り返せます。HTTP のクライアントは、こうして要求を送り終えたことを伝えます。
tour-udp = TCP と UDP
    .text =
        同じエコーを UDP で行います。connect も listen も accept もなく、1 つのデータグラム
        (datagram) がそのまま 1 つのメッセージなので、フレーミングは要りません (その代わり再送も
        ありません)。

tour-blocking = ブロッキングとノンブロッキング
    .text =
        ブロッキング (blocking) の recv() は、データが届くまでプログラムを止めます。ソケットを
        ノンブロッキング (s.setblocking(False)) にすると、まだ何も届いていないときの recv() は
        待たずに EWOULDBLOCK (Python では BlockingIOError) を返します。プログラムはそのあと、
        select/poll でソケットが読めるようになるのを待ちます。デモのサーバーは 100 ms 遅れて
        応答するので、両方の違いがよく見えます。

tour-loopback = ループバック: 127.0.0.1 のありか
    .text =
        ここまでの通信は、すべてループバックインターフェース (loopback interface) を通りました。
        ここを通るパケットは、このマシンの外へ出ません。
tour-interfaces = ネットワークの中のこのマシン
    .text =
        すべてのインターフェースとそのアドレスです。MAC アドレスと MTU はイーサネット (Ethernet、
        リンク層) の部分で、アドレス/プレフィックスはそれぞれが属するサブネット (subnet) を表します。
tour-gateway = デフォルトゲートウェイ
    .text =
        ほかのネットワーク宛てのパケットは、デフォルトゲートウェイ (default gateway) に送られます。
        上のサブネットのどれかの中にあるルーターで、ほかのネットワークへの出口にあたります。
tour-localhost = プログラムと同じやり方で localhost を名前解決する
    .text =
        システムは DNS に問い合わせる前に hosts ファイルを見ます。RFC 6761 により localhost はどこでも
        ループバックを指すので、ネットワークがまったくなくても名前解決 (name resolution) できます。
tour-http = HTTP: 記事の要求を自分のマシンで
    .text =
        記事は生のソケットで python.org に要求 (request) を送り、shutdown(SHUT_WR) を呼んで、
        応答を最後まで読みます。ここでは同じやりとりを 127.0.0.1 の小さな Web サーバーに対して
        行います。要求のバイト (>)、応答 (<)、本文の区切り方、そしてサーバー側から見た様子を
        表示します。
tour-addresses = ここまでに出てきたアドレス
    .text =
        127.0.0.1 と ::1 について、それぞれがどの特殊用途ブロックに属し、どんな書き方ができるかを
        示します。
tour-own-subnet = 続いて、このホスト自身のサブネットを、サブネット計算機のように計算します:
tour-no-subnet =
    このマシンにはループバック以外のアドレスがありません (ネットワークにつながっていません)。
    そのため自分のサブネットもありませんが、エコーのデモのように自分自身とは通信できます。
tour-message-echo = こんにちは
tour-message-half-close = さようなら
tour-message-udp = データグラム
tour-not-run = (ここでは実行しません: { $why }。)
tour-not-run-again = (ここでは実行しません: 上で述べたとおり、ループバックが停止しています。)
tour-step-failed = (この手順はここでは実行できませんでした: { $error })
tour-press-enter = -- Enter キーで次のセクションへ進みます --
tour-next =
    次は: `netlearn explain` ですべての用語とそれぞれのライブデモを一覧できます。
    `netlearn echo serve` と `netlearn echo client` は記事のプログラムを正しく作り直したものです。
    `netlearn cidr`、`netlearn dns`、`netlearn ip` は、これからも使える道具です。
    `netlearn lab up` はラボを動かし続けるので、その中で自由に試せます。
    `netlearn lab --mistake mask` は、マスクを間違えると何が壊れるかを見せます。

## ライブデモが実行できない理由

live-loopback-down =
    ループバックインターフェース { $name } が停止しているため、127.0.0.1 に届きません。root で
    `ip link set { $name } up` を実行すると有効になります
live-demo-unparsed = デモ `{ $command }` は netlearn が受け付けるコマンドラインではありません: { $error }
live-demo-nested = デモ `{ $command }` は、用語集かツアーを自分の中で実行してしまいます
live-loopback-unreachable = このマシンでは 127.0.0.1 に届きません ({ $error })

tour-wire = 何が流れたか
    .text =
        セクション 2 の呼び出しの裏で流れたパケットを、lo から読み取りました。connect() の下には
        3ウェイハンドシェイク (three-way handshake) があり、accept() の下には何もありません。
        メッセージとそのエコー、それぞれへの確認応答、shutdown(SHUT_WR) で送られるクライアントの
        FIN、エコーのあとのサーバーの FIN、そして両側の TCP の状態の移り変わりが見えます。
        パケットを見るには、root 権限か、起動時に作るプライベートなネットワーク名前空間 (network
        namespace) が必要です (デモを単独で実行すると作られます)。どちらも使えない場合は、デモが
        最初の行でその理由を伝えます。

tour-lab = ラボ: ルーターのある本物のネットワーク
    .text =
        ここまでは、すべてこのマシンの中だけで起きていました。`netlearn lab` は、小さな本物の
        ネットワークを一瞬で組み立てます。2 つのサブネットにホスト h1 と h2 があり、その間に
        ルーター (router) r1 があります。各ホストはカーネルのネットワーク名前空間
        (network namespace) です。h1 からの ping は TTL 63 で届き (r1 が 1 減らしたのです)、
        traceroute には途中の r1 が現れます。`netlearn lab` を実行すると、DNS や ARP も含めた
        一連の流れをパケットと一緒に見られます。
