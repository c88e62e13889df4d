# `--help` の日本語。英語のヘルプは src/cli/ のドキュメントコメントです。
# help-<コマンドの道筋> (help-echo-serve) に .about (1 行の要約)、.long (長い説明)、
# .arg-<引数の id> (引数のヘルプ) を書きます。

help-heading = ヘルプ
    .usage = 使い方
    .commands = コマンド
    .options = オプション
    .arguments = 引数
    .examples = 例
    .default = 既定値
    .help-flag = ヘルプを表示します
    .version-flag = バージョンを表示します

help = netlearn
    .about = 自分のマシンで、オフラインで、手を動かしてネットワークを学びます。
    .long =
        はじめてのソケットプログラムに出てくる言葉 (ループバック、TCP、UDP、フレーミング、
        ハーフクローズなど) を、実行できるコマンドと、これからも使える道具で具体的に示します。
    .arg-format = 出力形式: table (人が読む表) か json (ストリームのコマンドでは JSON Lines)
    .arg-json = --format json の短縮形
    .arg-lang = 表示の言語: en か ja (既定は LC_ALL、LC_MESSAGES、LANG から決め、なければ en)

help-echo = echo
    .about =
        エコーサーバー、クライアント、負荷生成: ソケット、フレーミング、ハーフクローズを目に
        見える形にします。
help-echo-serve = echo serve
    .about = エコーサーバーを動かします: 並行処理、バイト単位で正確、TCP か UDP、制限と --trace つき。
    .long =
        記事の Python のサーバーと同じく 127.0.0.1:5008 にバインドしますが、何千ものクライアントを同時に
        扱い、メッセージを明示的に区切り (--framing)、クライアントがハーフクローズする前に送ったものを
        すべて送り返し、Ctrl-C や SIGTERM で穏やかに終了します (まとめを表示して終了コード 0)。最初に
        表示する行はいつも `listening on <addr> (<tcp|udp>, <framing>)` です (スクリプトが読むので英語の
        ままです)。--unix PATH のときは
        `listening on PATH (unix|unix-dgram, <framing>, mode <octal>)` です。

        フレーミング (ストリーム上でメッセージがどこで終わるか): line は区切り文字 "\n" です (記事と
        同じく "quit" の行で接続を閉じます。記事のクライアントのように改行なしで送るクライアントでは、
        100 ms 止まったところでメッセージが終わるので、"quit" だけでも使えます)。length は u32
        ビッグエンディアンの長さ標識、fixed:N はちょうど N バイト、raw はメッセージを区切らず、
        ストリームを届いたまま送り返して、閉じたところで終わります。UDP ではデータグラム 1 つが
        メッセージ 1 つで、送り主へそのまま送り返し、届いたものより大きくはしません。サーバー自身の
        アドレス、よく知られたサービスのポート (1024 未満)、既知のリフレクターからのデータグラムには
        答えず、送信元の IP アドレスごとに 1 秒に --udp-rate 回までしか答えません。ほかのエコーサービスと
        のループは断ち切られるか、その速さに抑えられます。捨てたものは 1 秒に 1 行のログにまとめます。

        制限 (どれもオプションで変えられます): --max-conns 同時に開く接続は 10000 まで。--max-frame
        1 フレーム 1MiB まで (超えるとその接続を閉じます)。--idle-timeout 通信のない状態が 300s 続くと
        閉じます (エコーを読まなくなった相手も)。--grace Ctrl-C/SIGTERM のあと処理中のエコーを終える
        猶予 5s。2 回目の Ctrl-C/SIGTERM ですぐに終了します (終了コード 130)。--udp-rate 送信元ごとに
        1 秒 1000 データグラム。ログがサーバーを止めることはありません。遅い読み手や止まった読み手が
        受け取れない行は捨てて数え、読み手がいなくなったら (`| head -1`) 標準エラーに一度だけそう書いて
        サービスを続けます。recv で受け取った内容は記事のサーバーと同じように表示しますが、サーバー
        全体で 1 秒に 20 行までです (残りは数えます)。-q でこれらの行を表示しません。
    .examples =
        netlearn echo serve                   # 127.0.0.1:5008、line フレーミング
        netlearn echo serve --port 0 --trace  # 空いているポートで呼び出しを説明
        netlearn echo serve --framing length --max-frame 64KiB
        netlearn echo serve --udp --port 5009
        netlearn --json echo serve --port 0   # JSON Lines のログ
    .arg-bind =
        バインドするアドレス。ループバック以外のアドレスにはほかのマシンから届きます (警告します)
    .arg-port = バインドするポート。0 ならシステムが空いているポートを選びます (最初の行に表示します)
    .arg-udp = TCP の接続のかわりに UDP のデータグラムを扱います (--unix と一緒なら SOCK_DGRAM のソケット)
    .arg-framing = メッセージのフレーミング: line、length、fixed:N、raw のどれか
    .arg-backlog =
        listen() のバックログ: accept() の前にカーネルがキューに並べておく接続の数。記事は 5 を
        使っていて、一度に 1 クライアントなら十分です。Python 自身の既定値は 128 です
    .arg-trace =
        すべてのソケット呼び出し (socket、bind、listen、accept、recv、send、shutdown、close) を、
        対応する Python の書き方と一緒に説明します
    .arg-max_conns = 同時に開いておく接続の最大数。超えた分は受け付けてから理由を示して閉じます
    .arg-max_frame =
        受け付ける最長のフレーム (バイト数。KiB、MiB、k、M の接尾辞が使えます)。超えるとその接続を
        閉じます
    .arg-idle_timeout =
        この時間なにも通信がなければ接続を閉じます (例: 30s、5m。0 なら閉じません)
    .arg-grace =
        Ctrl-C/SIGTERM のあと、処理中のエコーを終えるまで待つ時間。過ぎると接続を切ります (2 回目の
        Ctrl-C/SIGTERM ですぐに終了します)
    .arg-udp_rate =
        UDP: 1 つの送信元 IP アドレスに 1 秒あたり答えるデータグラムの数。同じ数までのまとまりは
        許します (0 なら制限なし)。ほかのエコーサービスとのループをこの速さに抑えます
    .arg-quiet =
        受け取ったメッセージをログに出しません (既定では recv ごとに、記事のサーバーと同じように
        表示します。1 秒に 20 行までで、残りは数えます)
help-echo-client = echo client
    .about = エコーサーバーと話します: 端末なら対話的に、それ以外ならバイト単位で正確なパイプとして。
help-echo-bench = echo bench
    .about = TCP のエコーサーバーに負荷をかけて測ります: スループット、遅延のパーセンタイル、接続の速さ。
help-echo-demo = echo demo
    .about =
        両端を同時に見ます: 127.0.0.1 (空いているポート) のサーバーとクライアントを 1 つのプロセスで
        動かし、ソケット呼び出し、フレーム、ハーフクローズを順に説明します。
    .long =
        --framing ごとに (繰り返して比べられます) サーバーを 1 つ立て、メッセージが送受信されるときの
        バイトを 16 進数で示します。--clients は複数のクライアントを同時に接続します (記事の
        ブロッキングのサーバーなら 1 つずつ処理します)。--half-close は送信してから
        shutdown(SHUT_WR) を呼び、それでもサーバーが答えることを示します。--udp は同じことを
        データグラムで示します。--reset は未読のデータを残したまま閉じると何が起きるかを示します。
        --wire は各呼び出しの下に、それが引き起こしたパケットを示します。
    .arg-message = エコーするメッセージ
    .arg-framing =
        見せるフレーミング。繰り返すといくつかを比べられます: line、length、fixed:N、raw
    .arg-udp = TCP のかわりに UDP のデータグラムを使います
    .arg-tcp_and_udp = TCP で実行したあと UDP でも実行して比べます
    .arg-half_close =
        送信したあと、クライアント側を shutdown(SHUT_WR) し、ストリームの終わりまでエコーを読みます
    .arg-clients = 同時に接続するクライアントの数 (TCP)
    .arg-timeout = エコーを待つ最長の時間
help-cidr = cidr
    .about = サブネット計算機: 1 つのネットワークの説明と、分割、集約、統合、範囲、包含、除外。
help-mask = mask
    .about = ネットマスク、プレフィックス長、ワイルドカード、ホスト数を、どれか 1 つから求めます。
help-ip = ip
    .about =
        1 つのアドレスの説明: 書き方、分類、逆引き名、スコープ。`ip compare` で IPv4 と IPv6 を
        並べて比べます。
help-dns = dns
    .about =
        dig のような DNS の問い合わせ: 答え、応答コード、どのサーバーがどのトランスポートで答えたか、
        かかった時間。
help-ifaces = ifaces
    .about = このマシンのネットワークインターフェース: アドレスとそのネットワーク、ループバックが先頭。
help-gateway = gateway
    .about = デフォルトゲートウェイ: ほかのネットワーク宛てのパケットの行き先 (IPv4 と IPv6)。
help-port = port
    .about = よく知られたポートとサービス: 番号か名前で、TCP と UDP を分けて表示します。
help-explain = explain
    .about = 用語集: はじめてのソケットプログラムに出てくる言葉を、このマシンで動くライブデモつきで。
    .long =
        用語を指定すると、その定義、層、規格、関連する用語を表示し、続けてデモ (netlearn の
        コマンド、オフライン) を実行します。名前も別名も、日本語の名前やカタカナ・漢字の言い方も、
        全角・半角も、少しの打ち間違いも引けます。指定しなければ、すべての用語を層ごとに表示します。
    .arg-term =
        用語 (大文字・小文字、全角・半角を問いません。別名や近い言葉でも引けます)。指定しなければ
        すべての用語を層ごとに表示します
    .arg-no_demo = デモを実行せずに項目だけを表示します
    .examples =
        netlearn explain
        netlearn explain ループバック
        netlearn explain サブネットマスク
        netlearn explain "default gateway"
        netlearn explain ハーフクローズ --no-demo
help-tour = tour
    .about = 記事の内容をこのマシンで、オフラインで、数秒でたどるガイドつきの見学です。
    .long =
        127.0.0.1 (空いているポート) でエコーサーバーを起動し、すべてのソケット呼び出しを表示しながら
        エコーします。続いて、ループバック、このホストのアドレスとサブネット、デフォルト
        ゲートウェイ、localhost の名前解決、ここまでに出てきたアドレスの意味を示します。マシンに
        ないもの (IPv6 がない、デフォルトルートがない) は、エラーではなく説明になります。
    .arg-step = セクションごとに Enter キーを待ちます
help-http = http
    .about =
        HTTP と HTTPS を目に見える形に: 要求のバイトそのもの、応答、TLS のハンドシェイク、各段階の
        時間。反対側を見るための小さな静的サーバーもあります。
help-socket = socket
    .about =
        専用のポートで学ぶソケットのレッスン: 拒否された接続、使用中のポート、閉じた接続が残す
        TIME_WAIT、SO_REUSEADDR で何が変わるか。
help-capture = capture
    .about =
        学ぶための tcpdump: インターフェースかキャプチャファイルのパケットを 1 行ずつ名前つきで示し、
        その意味を平易な言葉で説明します。
help-completions = completions
    .about = シェルの補完スクリプトを出力します。
help-man = man
    .about = マニュアルページ (roff) を標準出力に出力します。
help-cidr-split = cidr split
    .about = ネットワークを同じ大きさのサブネットに分けます (プレフィックス、個数、サブネットごとのホスト数で指定)。
help-cidr-supernet = cidr supernet
    .about = 外側のネットワーク (1 ビット短いもの、または --prefix の長さのもの) を求めます。
help-cidr-merge = cidr merge
    .about = 一覧をまとめ (集約し)、最小の CIDR の並びにします。IPv4 が IPv6 より先です。
help-cidr-range = cidr range
    .about = 範囲を CIDR ブロックにします (アドレス 2 つ)。ネットワーク 1 つなら最初と最後のアドレスを示します。
help-cidr-contains = cidr contains
    .about = それぞれのアドレスやネットワークが NET の中にあるかを調べます (ないものがあれば終了コード 1)。
help-cidr-exclude = cidr exclude
    .about = NET から指定したネットワークを除いたものを、最小の CIDR の並びで示します。
help-ip-compare = ip compare
    .about = IPv4 と IPv6 を並べて比べます。各行に RFC を添えます。
help-http-get = http get
    .about = URL を生のソケット (http://) か TLS (https://) で取得し、すべてのバイトを示します。
help-http-serve = http serve
    .about = ディレクトリを HTTP/1.1 で公開します (GET と HEAD)。既定では 127.0.0.1 で待ち受けます。
help-http-demo = http demo
    .about = 両側を同時に: 127.0.0.1 (空いているポート) のサーバーと、そこへの要求。オフラインで動きます。
help-socket-demo = socket demo
    .about = ソケットの場面を 1 つ 127.0.0.1 で実行し、すべての呼び出しを Python の書き方と結果つきで示します。

help-lab = lab
    .about = このマシンの上に作る小さな本物のネットワークと、その中を歩くガイドつきの見学。
help-lab-up = lab up
    .about = ラボを組み立ててフォアグラウンドで動かし続けます。Ctrl-C で片付けます。
help-lab-run = lab run
    .about = ラボのホストの 1 つの中でコマンドを実行します (ネットワークはそのホストのもの、ファイルはあなたのもの)。
help-lab-shell = lab shell
    .about = ラボのホストの 1 つの中でシェルを開きます。
help-lab-ping = lab ping
    .about = ラボのホストから、アドレスかラボの名前へ netlearn の ping を送ります。
help-lab-trace = lab trace
    .about = ラボのホストから、アドレスかラボの名前へ netlearn の traceroute を実行します。
help-ping = ping
    .about = このマシンから ICMP エコー (ping) を送り、応答ごとの TTL を示します。
help-trace = trace
    .about = このマシンからの traceroute: TTL 1、2、3… のプローブと、それぞれに答えたもの。
help-ftp = ftp
    .about = FTP の制御接続とデータ接続を、プロセス内のサーバーを相手に実際に動かして見せます。
help-ftp-demo = ftp demo
    .about =
        FTP の 2 つの接続を観察します: 127.0.0.1 で一時ディレクトリを公開する本物の FTP サーバー
        (libunftp) と、やりとりするコマンドと応答をすべて表示するクライアント。
