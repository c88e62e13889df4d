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
    .possible-values = 使える値
    .help-flag = ヘルプを表示します
    .version-flag = バージョンを表示します
    .help-command = このメッセージか、指定したサブコマンドのヘルプを表示します

# 使い方の行と引数の名前 (<NET> など) の日本語。属性名は clap の英語の名前そのままです。
help-value =
    .OPTIONS = オプション
    .COMMAND = コマンド
    .ARGS = 引数
    .LANG = 言語
    .FORMAT = 形式
    .ADDR = アドレス
    .BIND = アドレス
    .HOST = ホスト
    .HOSTS = ホスト
    .TARGET = 宛先
    .SERVER = サーバー
    .URL = URL
    .NET = ネットワーク
    .MASK = マスク
    .FIRST = 先頭
    .LAST = 末尾
    .EXCLUDED = 除くネットワーク
    .ITEMS = 対象
    .PREFIX = プレフィックス長
    .PORT = ポート
    .PATH = パス
    .FILE = ファイル
    .DIR = ディレクトリ
    .IFACE = インターフェース
    .NAME = 名前
    .VALUE = 値
    .TYPE = 種類
    .TERM = 用語
    .MESSAGE = メッセージ
    .FRAMING = フレーミング
    .MODE = モード
    .OCTAL = 8進数
    .METHOD = メソッド
    .SECONDS = 秒数
    .ALGORITHM = アルゴリズム
    .MISTAKE = 間違い
    .SCENARIO = シナリオ
    .SHELL = シェル
    .TTL = TTL
    .SIZE = サイズ
    .MAX_FRAME = サイズ
    .COUNT = 数
    .CLIENTS = 数
    .CONNECTIONS = 数
    .MESSAGES = 数
    .MAX_CONNS = 数
    .MAX_HOPS = 数
    .TRIES = 数
    .BACKLOG = 数
    .UDP_RATE = 数
    .TIMEOUT = 時間
    .IDLE_TIMEOUT = 時間
    .GRACE = 時間
    .DELAY = 時間
    .DURATION = 時間
    .INTERVAL = 時間
    .MAX_TIME = 時間
    .PERCENT = 割合
    .RATE = 帯域
    .PINGS = 数

help = netlearn
    .about = 自分のマシンで、オフラインで、手を動かしてネットワークを学びます。
    .long =
        はじめてのソケットプログラムに出てくる言葉 (ループバック、TCP、UDP、フレーミング、
        ハーフクローズなど) を、実行できるコマンドと、これからも使える道具で具体的に示します。
    .arg-format = 出力形式: table (人が読む表) か json (ストリームのコマンドでは JSON Lines)
    .arg-json = --format json の短縮形
    .arg-wide =
        パケットの行を省略せず 1 行で示します (リンク層、ttl、win、mss、ペイロードの先頭部分も含めます)
    .arg-lang = 表示の言語: en か ja (既定は LC_ALL、LC_MESSAGES、LANG から決め、なければ en)
    .examples =
        netlearn echo serve                 # 記事のサーバーを、きちんと
        netlearn echo client                # それと通信する (quit で終わります)
        netlearn echo bench --mode latency  # それを測る
        netlearn dns python.org             # dig のように名前を引く
        netlearn completions bash > /etc/bash_completion.d/netlearn
    .pv-lang-en = 英語 (English)
    .pv-lang-ja = 日本語

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
        100 ms 止まったところでメッセージが終わるので、"quit" だけでも使えます)。length は長さ標識
        (u32 ビッグエンディアン)、fixed:N は固定長 (ちょうど N バイト)、raw は接続を閉じる方式で、
        メッセージを区切らずにストリームを届いたまま送り返し、閉じたところで終わります。UDP ではデータグラム 1 つが
        メッセージ 1 つで、送信側へそのまま送り返し、届いたものより大きくはしません。サーバー自身の
        アドレス、よく知られたサービスのポート (1024 未満)、既知のリフレクターからのデータグラムには
        応答せず、送信元 IP アドレスごとに 1 秒に --udp-rate 回までしか応答しません。ほかのエコーサービスと
        のループは断ち切られるか、その速さに抑えられます。捨てたものは 1 秒に 1 行のログにまとめます。
        Unix データグラムのソケット (--unix と --udp) では、エコーを送り返すのは送信側自身のソケット
        ファイルだけです。つまり、カーネルが伝える送信側のユーザーが持つソケットで、シンボリックリンク
        でもサーバー自身のソケットでもないものです。送信側のユーザーごとに 1 秒に --udp-rate 回までしか
        応答しません。

        制限 (どれもオプションで変えられます): 同時に開く接続は 10000 個まで (--max-conns)。1 フレームは
        1MiB までで、超えるとその接続を閉じます (--max-frame)。通信のない状態が 300 秒続いた接続は、
        エコーを読まなくなった相手も含めて閉じます (--idle-timeout)。Ctrl-C/SIGTERM のあと、処理中の
        エコーを終える猶予は 5 秒です (--grace)。2 回目の Ctrl-C/SIGTERM ですぐに終了します (終了
        コード 130)。UDP の応答は、送信元アドレスごとに 1 秒に 1000 個のデータグラムまでです
        (--udp-rate)。ログがサーバーを止めることはありません。遅い読み手や止まった読み手が
        受け取れない行は捨てて数え、読み手がいなくなったら (`| head -1`) 標準エラーに一度だけそう書いて
        サービスを続けます。recv で受け取った内容は記事のサーバーと同じように表示しますが、サーバー
        全体で 1 秒に 20 件までです (残りは数えます)。-q でこれらの行を表示しません。
    .examples =
        netlearn echo serve                   # 127.0.0.1:5008、line フレーミング
        netlearn echo serve --port 0 --trace  # 空いているポートで呼び出しを説明
        netlearn echo serve --framing length --max-frame 64KiB
        netlearn echo serve --udp --port 5009
        netlearn echo serve --unix /tmp/echo.sock --mode 600
        netlearn --json echo serve --port 0   # JSON Lines のログ
    .arg-unix =
        IP のポートの代わりに、このパスの Unix ドメインソケットで待ち受けます (同じマシンのプロセス
        だけが使え、だれが接続できるかはファイルのパーミッションで決まります)。異常終了した実行が
        残したソケットファイルは置き換えます。使用中のソケットや、ソケットでないファイルはエラーに
        なります。ファイルはサーバーの終了時に削除します
    .arg-mode =
        --unix のとき: ソケットファイルのパーミッション (8 進数。例: 600 はこのユーザーだけが接続
        でき、660 はこのユーザーとグループが接続できます)。既定は umask で決まるものです
    .arg-bind =
        バインドするアドレス。ループバック以外のアドレスにはほかのマシンから届きます (警告します)
    .arg-port = バインドするポート。0 ならシステムが空いているポートを選びます (最初の行に表示します)
    .arg-udp = TCP の接続の代わりに UDP のデータグラムを扱います (--unix と一緒なら SOCK_DGRAM のソケット)
    .arg-framing = メッセージのフレーミング: line、length、fixed:N、raw のどれか
    .arg-backlog =
        listen() のバックログ: accept() の前にカーネルがキューに並べておく接続の数。記事は 5 を
        使っていて、一度に 1 つのクライアントを相手にするなら十分です。Python 自身の既定値は 128 です
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
        Ctrl-C/SIGTERM のあと、処理中のエコーを終えるまで待つ時間。過ぎると接続を切ります (2 回目の
        Ctrl-C/SIGTERM ですぐに終了します)
    .arg-udp_rate =
        UDP: 1 つの送信元 IP アドレス (Unix データグラムのソケットでは 1 人のユーザー) に 1 秒あたり
        応答するデータグラムの数。同じ数までのまとまりは許します (0 なら制限なし)。ほかのエコー
        サービスとのループをこの速さに抑えます
    .arg-quiet =
        受け取ったメッセージをログに出しません (既定では recv ごとに、記事のサーバーと同じように
        表示します。1 秒に 20 件までで、残りは数えます)
    .arg-splice =
        Linux で raw フレーミングを使うとき: splice(2) でエコーします (ソケット → パイプ → ソケット。
        バイトはこのプロセスを通ってコピーされません。`echo demo --zero-copy` で両方を比べられます)。
        既定では使いません: ループバックではコピーするより遅く測れたためです (BENCHMARKS.md)
help-echo-client = echo client
    .about = エコーサーバーと通信します: 端末なら対話的に、それ以外ならバイト単位で正確なパイプとして。
    .long =
        端末では、行編集と履歴つきのプロンプトを出します。1 行ずつ送り、エコーを往復時間と一緒に
        表示します。"quit" で終わります。標準入力がパイプやファイルなら、入力をサーバーに流して、
        エコーをバイト単位で正確に標準出力へ書きます (`cat file | netlearn echo client | cmp - file`)。
        --count を指定すると、生成したメッセージを送って確かめ、まとめを表示します。待ち時間はどれも
        --timeout までです。

        記事の server.py が相手なら --framing raw を使います。記事の client.py と同じく、入力した行を
        改行なしでそのまま送り、Enter 1 回で 1 メッセージになります。
    .examples =
        netlearn echo client                # 127.0.0.1:5008、対話的に
        netlearn echo client 127.0.0.1:5008 --trace
        cat photo.jpg | netlearn echo client --framing length | cmp - photo.jpg
        netlearn echo client --count 100 --size 512
        netlearn echo client --udp 127.0.0.1:5009
        netlearn echo client --framing raw  # 記事の server.py
    .arg-addr =
        サーバーのアドレス: HOST:PORT、[IPv6]:PORT、IP アドレスだけ (ポートは 5008)、
        またはポート番号だけ (ホストは 127.0.0.1)
    .arg-udp = TCP の接続の代わりに UDP のデータグラムを使います (--unix と一緒なら SOCK_DGRAM)
    .arg-unix = IP アドレスの代わりに、このパスの Unix ドメインソケットに接続します
    .arg-framing = メッセージのフレーミング。サーバーと同じにします: line、length、fixed:N、raw
    .arg-count = 生成したメッセージをこの数だけ送り、エコーを 1 つずつ確かめて、まとめを表示します
    .arg-size =
        生成するメッセージ 1 つのペイロード (バイト数。--count のとき)。16MiB まで (メッセージは
        丸ごとメモリーに置かれます)。fixed:N のフレーミングではちょうど N が必要です
    .arg-timeout = 接続と、エコー 1 つを待つ最長の時間
    .arg-trace = すべてのソケット呼び出しを、対応する Python の書き方と一緒に標準エラーで説明します
help-echo-bench = echo bench
    .about = TCP のエコーサーバーに負荷をかけて測ります: スループット、遅延のパーセンタイル、接続の速さ。
    .long =
        届いたバイトがそのまま返ってくることしか仮定しないので、どのエコーサーバー (netlearn、socat、
        ncat、Python) にも使えます。エコーされたバイトはすべて確かめます。時間を計り始める前に
        すべての接続を開きます。標準エラーが端末なら、そこに進み具合の行を描きます。
    .arg-addr =
        サーバーのアドレス: HOST:PORT、[IPv6]:PORT、IP アドレスだけ (ポートは 5008)、
        またはポート番号だけ (ホストは 127.0.0.1)
    .arg-unix = IP アドレスの代わりに、このパスの Unix ドメインソケットのエコーサーバーを測ります
    .arg-mode = 何を測るか
    .pv-mode-throughput = エコーされる MB/s: 各接続がエコーを読み返しながら送り続けます
    .pv-mode-latency = 往復時間とメッセージ/s: 各接続で送信中のメッセージは 1 つだけです
    .pv-mode-connect = 接続/s: 接続し、1 回エコーし、閉じます
    .arg-connections = 同時に開く接続の数 (connect モードでは、同時に接続する作業者の数)
    .arg-duration = 実行する時間 (--messages がなければ既定は 5s)
    .arg-messages = 送るメッセージの合計。接続のあいだで分け合います
    .arg-size =
        メッセージ 1 つのペイロード (バイト数) [既定値: 64。throughput では 64KiB]。16MiB まで。
        すべての接続が同時に持つメッセージは合わせて 256MiB まで (--connections × --size) です
    .arg-framing =
        メッセージのフレーミング: line、length、fixed:N、raw。どのエコーサーバーもどれでも
        エコーします
    .arg-timeout =
        接続 1 回、またはエコー 1 つを待つ最長の時間 (UDP では、過ぎるとそのデータグラムを失われた
        ものと数えます)
    .arg-udp =
        UDP のエコーサーバーを測ります (latency モード: データグラムの往復、失われた数も数えます)
help-echo-demo = echo demo
    .about =
        両端を同時に見ます: 127.0.0.1 (空いているポート) のサーバーとクライアントを 1 つのプロセスで
        動かし、ソケット呼び出し、フレーム、ハーフクローズを順に説明します。
    .long =
        --framing ごとに (繰り返して比べられます) サーバーを 1 つ立て、メッセージが送受信されるときの
        バイトを 16 進数で示します。--clients は複数のクライアントを同時に接続します (記事の
        ブロッキングのサーバーなら 1 つずつ処理します)。--half-close は送信してから
        shutdown(SHUT_WR) を呼び、それでもサーバーが応答することを示します。--udp は同じことを
        データグラムで示します。--reset は未読のデータを残したまま閉じると何が起きるかを示します。
        --wire は各呼び出しの下に、それが引き起こしたパケットを示します。
    .arg-message = エコーするメッセージ
    .arg-framing =
        見せるフレーミング。繰り返すといくつかを比べられます: line、length、fixed:N、raw
    .arg-udp = TCP の代わりに UDP のデータグラムを使います
    .arg-tcp_and_udp = TCP で実行したあと UDP でも実行して比べます
    .arg-half_close =
        送信したあと、クライアント側を shutdown(SHUT_WR) し、ストリームの終わりまでエコーを読みます
    .arg-clients = 同時に接続するクライアントの数 (TCP)
    .arg-timeout = エコーを待つ最長の時間
    .arg-reset =
        サーバーがクライアントの送ったものを読まずに接続を閉じます。カーネルは FIN の代わりに
        リセット (RST) を送り、クライアントの recv() は ECONNRESET で失敗します
    .arg-wire =
        各ソケット呼び出しの下に、それが引き起こしたパケット (SYN、SYN-ACK、ACK、データ、FIN、RST、
        UDP のデータグラム) を、両側がどの TCP の状態に入るかと一緒に説明します。root でなければ、
        デモは専用のユーザー名前空間とネットワーク名前空間の中で動きます。作れないときはその理由を示し、
        パケットなしで動きます
    .arg-ladder =
        やりとりをラダー図で描きます。クライアントとサーバーに 1 本ずつ縦線を引き、パケットごとに
        矢印 (フラグ、相対的な seq/ack、長さ、ペイロード) を描いて、それぞれの端が入る TCP の状態と、
        ソケット呼び出しを、それが起きた位置の余白に書きます。--wire と同じようにキャプチャします
    .arg-link =
        --wire のとき: 各パケットのイーサネットヘッダー、その MAC アドレスと EtherType も示します
        (lo ではどちらのアドレスもゼロです。ループバックのフレームがほかのネットワークカードに
        出会うことはありません)
    .arg-pcap =
        --wire のとき: デモのパケットを FILE に pcapng (ナノ秒のタイムスタンプ) でも書き出します。
        tcpdump -r や Wireshark で読めます
    .arg-unix =
        TCP の代わりに Unix ドメインソケット (ファイル、モード 0600) を使い、続いて socketpair() を
        示します。--udp と一緒なら Unix のデータグラムソケットです
    .arg-nonblocking =
        ブロッキングとノンブロッキング: ノンブロッキングのクライアントの connect (EINPROGRESS) と
        recv (EWOULDBLOCK) はすぐに戻り、poll() が準備ができるのを待ちます。続いて、ブロッキングの
        クライアントの recv がエコーが届くまで止まっているところを示します。サーバーは --delay の
        あとで応答します
    .arg-delay = --nonblocking のとき: デモのサーバーがエコーを返すまでに待つ時間
    .arg-vanish =
        消えるソケット: 閉じたクライアントはすぐに気づかれます。閉じずに止められた (SIGSTOP)
        クライアントでは、サーバーの recv はアイドルタイムアウトまで待ち続けます
    .arg-idle_timeout = --vanish のとき: サーバーのアイドルタイムアウト
    .arg-keepalive = --vanish のとき: サーバーは TCP のキープアライブも有効にします (1 秒ごとに確認)
    .arg-zero_copy =
        ゼロコピー: 同じ raw のエコーを、splice(2) (ソケット → パイプ → ソケット。バイトはサーバーの
        メモリーに入りません) と read() / write() の 2 通りで動かします。それぞれに 1 個の接続で 1 秒間
        データを流し、スループットを比べます
help-cidr = cidr
    .about = サブネット計算機: 1 つのネットワークの説明と、分割、集約、統合、範囲、包含、除外。
    .long =
        受け付ける書き方: 192.168.0.0/24、192.168.0.77/24 (ホスト部のビットが立っていれば、そう
        報告してネットワークを計算します)、172.16.5.4/255.255.240.0 や "172.16.5.4 255.255.240.0"
        (ドット区切りのマスク)、2001:db8::/32、またはアドレスだけ (/32 か /128)。IPv4 と IPv6 は同じ
        処理を通ります。

        約束ごと: IPv4 の /30 までにはブロードキャストアドレスがあり、ネットワークアドレスと
        ブロードキャストアドレスは使えるホストに数えません。/31 は使えるホストが 2 つでブロード
        キャストはなく (RFC 3021)、/32 は 1 つです。IPv6 にはブロードキャストがなく、すべての
        アドレスが使えます (最初のホストはネットワークアドレスです)。分類には IANA の特殊用途
        アドレスの登録簿を使います: プレフィックス全体を含むもっとも細かいブロックです。特殊な
        ブロックと一部だけ重なるときは "mixed"、それ以外は "global" です。IPv4 のオクテットの先頭の
        0 は受け付けません (8 進数として読むかどうか、ツールによって違うためです)。
    .arg-net = ネットワーク: ADDR/LEN、ADDR/MASK、またはアドレスだけ
    .arg-mask = 別の語として書いたドット区切りのネットマスク (172.16.5.4 255.255.240.0)
help-mask = mask
    .about = ネットマスク、プレフィックス長、ワイルドカード、ホスト数を、どれか 1 つから求めます。
    .long =
        受け付ける書き方: 255.255.240.0、/20 か 20 (32 より大きければ IPv6)、または IPv6 のマスク。
        1 のビットが連続していないマスクはエラーになり、その理由を示します。0.0.15.255 のような
        反転した (ワイルドカード、ACL の) マスクは --wildcard のときだけ受け付けます。
    .arg-mask = 255.255.240.0、/20、20、または IPv6 のマスク
    .arg-wildcard =
        ドット区切りのマスクをワイルドカード (反転した) マスクとして読みます: 0.0.15.255 は /20 です
help-ip = ip
    .about =
        1 つのアドレスの説明: 書き方、分類、逆引き名、スコープ。`ip compare` で IPv4 と IPv6 を
        並べて比べます。
    .arg-addr = 説明するアドレス
help-dns = dns
    .about =
        dig のような DNS の問い合わせ: 回答、応答コード、どのサーバーがどのトランスポートで応答したか、
        かかった時間。
    .long =
        語は dig と同じように振り分けます: @SERVER[:PORT] はサーバー、レコードタイプ (A、AAAA、
        CNAME、MX、NS、TXT、SOA、SRV、PTR、CAA、HTTPS、SVCB、そのほかの名前、または TYPE123) は
        タイプ、それ以外は名前です ("ns" という名前のホストは、ドットをつけて `ns.` と書きます)。
        すべての名前をすべてのタイプで問い合わせます。既定は A と AAAA です。国際化ドメイン名
        (bücher.de) は punycode に変換し、両方の書き方で示します。

        既定では dig と同じ純粋な DNS の問い合わせです: サーバーは /etc/resolv.conf (または
        @SERVER) のもので、hosts ファイルも検索リストも使いません。--system はアプリケーションと
        同じように名前解決します (getaddrinfo): localhost はループバック (RFC 6761)、次に hosts
        ファイル、次に検索リストと ndots を使った DNS で、それぞれの回答がどこから来たかを示します。
        --system なしで localhost を問い合わせても DNS に送りますが、アプリケーションはそこへ送らない
        ことを注記します。

        切り詰められて返ってきた UDP の応答は TCP で問い合わせ直します。相手のいない UDP のポートは、
        ICMP の "port unreachable" が届いた時点で報告します。

        終了コード: 0 すべての名前に回答があった。1 NXDOMAIN、NODATA、SERVFAIL、REFUSED、
        タイムアウト、または届かないサーバー (理由ごとに 1 回、かかった時間と次にすることを添えて
        表示します。サーバーへの経路がなければ、このマシンはオフラインのようです)。2 正しくない
        入力。
    .arg-words = 名前、レコードタイプ、@SERVER[:PORT] を、好きな順に
    .arg-types = 問い合わせるレコードタイプ (繰り返すか、カンマで区切ります)
    .arg-reverse = 逆引き: IPv4 か IPv6 のアドレスの PTR レコード (繰り返せます)
    .arg-server =
        問い合わせるサーバー: HOST[:PORT]、[IPv6]:PORT、または https:// の URL (@SERVER と同じ)
    .arg-tcp = TCP で問い合わせます
    .arg-tls = TLS で問い合わせます (DNS over TLS、RFC 7858。指定がなければポート 853)
    .arg-https =
        HTTPS で問い合わせます (DNS over HTTPS、RFC 8484。指定がなければポート 443 と /dns-query)
    .arg-ca_file =
        --tls と --https で、この PEM ファイルの CA 証明書だけを信頼します (プライベートな CA)
    .arg-tls_name = サーバーの証明書が持つべき名前 (既定は、書かれたとおりのサーバー)
    .arg-short = レコードのデータだけを 1 行に 1 つ表示します (dig +short と同じ)
    .arg-system =
        アプリケーションと同じように名前解決します: localhost、hosts ファイル、次に検索リストつきの
        DNS
    .arg-timeout = 1 つのサーバーからの 1 つの応答を待つ時間
    .arg-tries = あきらめる前にサーバーをひと回りする回数 (dig の +tries)
    .arg-norecurse =
        RD フラグを下ろします: 再帰的な問い合わせをせず、サーバー自身が知っていることを尋ねます
    .arg-resolv_conf = /etc/resolv.conf の代わりにこのファイルを読みます
    .arg-hosts_file = --system のとき、システムの hosts ファイルの代わりにこのファイルを読みます
help-ifaces = ifaces
    .about = このマシンのネットワークインターフェース: アドレスとそのネットワーク、ループバックが先頭。
    .long =
        インターフェースごとに: 番号、名前、up か down、OS が教えてくれれば MAC (イーサネット)
        アドレスと MTU、そしてすべてのアドレスを、そのプレフィックス長、属するネットワーク、
        スコープ (ループバック、リンクローカル、ユニークローカル、プライベート、グローバル) と一緒に
        示します。アドレスは if-addrs から、リンクの情報は netdev から取り、`ip addr` が示す
        アドレスがすべて出るようにまとめます。
    .arg-loopback = ループバックのインターフェースだけを、127.0.0.0/8 と ::1 の説明つきで示します
help-gateway = gateway
    .about = デフォルトゲートウェイ: ほかのネットワーク宛てのパケットの行き先 (IPv4 と IPv6)。
    .long =
        デフォルトルートごとに、ゲートウェイのアドレス、インターフェース、メトリック、ゲートウェイが
        属する直接つながったサブネットを示します (netdev から: Linux では netlink、BSD と macOS では
        sysctl、Windows では Win32 API)。--routes はルーティングテーブル全体を加えます (Linux:
        /proc/net/route と /proc/net/ipv6_route)。デフォルトルートがないのも普通の結果です: この
        マシンは、つながっているネットワークにしか届かないということです。
    .arg-routes = ルーティングテーブル全体も示します (Linux)
help-port = port
    .about = よく知られたポートとサービス: 番号か名前で、TCP と UDP を分けて表示します。
    .long =
        システムのサービスのデータベース (/etc/services) を引き、なければ組み込みの IANA の登録簿の
        抜粋を使います。番号が RFC 6335 のどの範囲にあるかも示します: システム (0-1023)、ユーザー
        (1024-49151)、動的 (49152-65535)。
    .arg-port = ポート番号 (80) かサービス名 (http)
    .arg-list = 知っているサービスをすべて一覧にします
    .arg-services_file = /etc/services の代わりに読むサービスのファイル
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
        学ぶための tcpdump です。インターフェースを流れるパケットや、キャプチャファイルの中の
        パケットを 1 行に 1 個ずつ示し、続けてその意味をやさしい言葉で説明します。
    .long =
        TCP のストリームは最初から最後まで追いかけます。シーケンス番号と確認応答番号は、
        Wireshark と同じく SYN を 0 とした相対値で示します。各パケットには、それを送った側が移る
        TCP の状態を添え、再送されたセグメントと順番の入れ替わったセグメントには印をつけます。
        UDP、ICMP と ICMPv6 (エコー、到達不能、時間超過)、ARP (who-has、is-at)、UDP の上の DNS
        も説明します。

        --read は、tcpdump や Wireshark が書き出す pcap と pcapng のファイル (マイクロ秒と
        ナノ秒、イーサネット、Linux cooked SLL/SLL2、生の IP) を読みます。少しずつ読んで
        処理するので、ファイルが大きくても使うメモリーは増えません。ライブキャプチャは
        パケットソケット (AF_PACKET、Linux) を開くので、CAP_NET_RAW (root 権限) が必要です。
        --write は、表示したパケットをナノ秒のタイムスタンプつきの pcapng で保存します。最後に、
        tcpdump と同じく、キャプチャしたパケットの数と、カーネルが捨てたパケットの数を示します。

        終了コード: 0 成功。1 キャプチャに失敗した (権限がないなど)。2 入力が正しくない (読めない
        キャプチャファイル、存在しないインターフェースなど)。
    .arg-iface = キャプチャするインターフェース (ライブキャプチャのとき)
    .arg-port = このポートとやりとりするパケットだけを示します (TCP か UDP。そのポートについての ICMP のエラーも示します)
    .arg-host = このアドレスとやりとりするパケットだけを示します
    .arg-count = この数のパケットを示したら止めます (絞り込んだあとの数)
    .arg-duration = ライブキャプチャをこの時間で止めます (例: 10s、2m)
    .arg-write = 表示したパケットを、この pcapng ファイルにも保存します (ナノ秒のタイムスタンプつき)
    .arg-read = キャプチャする代わりに、pcap か pcapng のファイルからパケットを読みます (- なら標準入力から)
    .arg-link = リンク層も示します (MAC アドレスと EtherType)
    .arg-ladder =
        パケットをラダー図で描きます。端 (アドレス:ポート) ごとに縦線を 1 本引き、パケットごとに
        フラグ、相対的な seq/ack、長さ、ペイロードを書いた矢印を描いて、それぞれの端が入る TCP の
        状態 (RFC 9293 の名前) を書き添えます
    .arg-mermaid = ラダー図を Mermaid のシーケンス図として FILE に書き出します (- なら標準出力)
    .arg-svg = ラダー図を SVG の画像として FILE に書き出します (- なら標準出力)。ブラウザーで開けます
help-completions = completions
    .about = シェルの補完スクリプトを出力します。
    .arg-shell = 補完スクリプトを作るシェル
help-man = man
    .about = マニュアルページ (roff) を標準出力に出力します。
help-cidr-split = cidr split
    .about = ネットワークを同じ大きさのサブネットに分けます (プレフィックス、個数、サブネットごとのホスト数で指定)。
    .arg-prefix = 各サブネットのプレフィックス長
    .arg-count = 少なくともこの数のサブネット (2 のべき乗に切り上げます)
    .arg-hosts = それぞれ少なくともこの数の使えるホストを持つ、できるだけ小さいサブネット
help-cidr-supernet = cidr supernet
    .about = 外側のネットワーク (1 ビット短いもの、または --prefix の長さのもの) を求めます。
    .arg-prefix = スーパーネットのプレフィックス長
help-cidr-merge = cidr merge
    .about = 一覧をまとめ (集約し)、最小の CIDR の並びにします。IPv4 が IPv6 より先です。
    .long =
        引数を読みます。引数がない (または "-") ときは標準入力を読みます: 1 行に 1 つ、ネットワーク、
        アドレス、または範囲 A-B を書きます。空行と # のコメントは読み飛ばします。正しくない行は
        その行番号とともに報告し、--skip-invalid がなければコマンドは失敗します (終了コード 2)。
    .arg-items = まとめるネットワーク (既定は標準入力)
    .arg-skip_invalid = 正しくない行を標準エラーに報告して、続けます
help-cidr-range = cidr range
    .about = 範囲を CIDR ブロックにします (アドレス 2 つ)。ネットワーク 1 つなら最初と最後のアドレスを示します。
    .arg-first = 最初のアドレス、またはネットワーク
    .arg-last = 最後のアドレス
help-cidr-contains = cidr contains
    .about = それぞれのアドレスやネットワークが NET の中にあるかを調べます (ないものがあれば終了コード 1)。
    .long =
        項目が指定されなければ、標準入力から 1 行に 1 つ読みます (# のコメントが使えます)。
    .arg-items = 調べるアドレスかネットワーク (既定は標準入力、1 行に 1 つ)
help-cidr-exclude = cidr exclude
    .about = NET から指定したネットワークを除いたものを、最小の CIDR の並びで示します。
    .long =
        ネットワークが指定されなければ、標準入力から 1 行に 1 つ読みます (# のコメントが使えます)。
    .arg-excluded = 取り除くネットワーク (既定は標準入力、1 行に 1 つ)
help-ip-compare = ip compare
    .about = IPv4 と IPv6 を並べて比べます。各行に RFC を添えます。
help-http-get = http get
    .about = URL を生のソケット (http://) か TLS (https://) で取得し、すべてのバイトを示します。
    .long =
        `curl -v` のように表示します: 名前がどこに解決されたか、接続、https:// なら TLS のバージョン、
        暗号スイート、ALPN、サーバーの証明書チェーン (subject、issuer、名前、有効期間) と検証できたか、
        続いて送ったとおりの要求 (> の行)、応答のステータスとヘッダー (< の行)、本文 (--body が
        なければ最初の 2 KiB)、本文の区切り方 (Content-Length、chunked、または接続を閉じること)、
        各段階の時間です。検証に失敗したときは、その理由を平易な言葉で示します: 期限切れ、名前の
        違い、または信頼していない発行者。HTTP の応答があれば終了コードは 0 です (--fail のときは
        4xx/5xx で 1)。
    .arg-url =
        URL: http://HOST[:PORT]/PATH か https://…。HOST[:PORT]/PATH だけなら http:// とみなします
    .arg-method = 要求のメソッド: GET か HEAD
    .arg-headers = 追加する要求ヘッダー。"Name: value" の形で (繰り返せます)
    .arg-half_close = 要求を送ったあと、記事のクライアントと同じようにソケットを shutdown(SHUT_WR) します
    .arg-body = 最初の 2 KiB だけでなく、本文全体を表示します (バイナリでも生のバイトのまま)
    .arg-ca_file = この PEM ファイルの CA 証明書だけを信頼します (プライベートな CA や使い捨ての CA)
    .arg-insecure = 危険: どんな証明書も受け入れます (本来なら拒否した理由は報告します)
    .arg-timeout =
        1 つの段階を待つ最長の時間: 名前解決、接続、TLS のハンドシェイク、応答の読み取り 1 回ごと
        (この時間黙っているサーバーはあきらめます)
    .arg-max_time =
        やりとり全体にかけてよい最長の時間。名前解決から本文の最後のバイトまでです。1 バイトずつ
        少しずつ送ってくるサーバーがクライアントをいつまでも引き止められないようにします (curl と
        同じ)
    .arg-max_body =
        受け付ける最大の応答本文 (例: 512KiB、1GiB)。大きすぎればエラーにし、メモリーを際限なく
        使いません。ほかの上限は固定です: 応答のヘッダー部 64 KiB、中間応答 (1xx) 10 個、チャンクの
        拡張は合計 4 KiB、トレーラーのフィールドは 16 KiB
    .arg-fail = ステータスが 400 以上なら終了コード 1 で終わります
help-http-serve = http serve
    .about = ディレクトリを HTTP/1.1 で公開します (GET と HEAD)。既定では 127.0.0.1 で待ち受けます。
    .long =
        DIR の下のファイルだけを公開します: ".." を含むパスは、エンコードされていてもいなくても
        拒否し、シンボリックリンクで DIR の外へ出ることもできません。ディレクトリは index.html か
        一覧を示します。--tls は、起動時に作った使い捨ての CA の証明書で HTTPS を公開します。CA の
        ファイルの場所を表示するので、`http get --ca-file` に使えます。最初に表示する行はいつも
        `listening on <addr> (<http|https>, serving <dir>)` です。要求はそれぞれログに出します。
        Ctrl-C で止まります。
    .examples =
        netlearn http serve                  # 現在のディレクトリを 127.0.0.1:8000 で
        netlearn http serve --port 0 ./site  # 空いているポートで
        netlearn http serve --tls --port 8443
    .arg-dir = 公開するディレクトリ
    .arg-bind =
        バインドするアドレス。ループバック以外のアドレスにはほかのマシンから届きます (警告します)
    .arg-port = バインドするポート。0 なら空いているポートを選びます (最初の行に表示します)
    .arg-tls = 使い捨ての CA の証明書で HTTPS を公開します
    .arg-max_conns =
        同時に開いておく接続の最大数。超えた分はすぐに閉じて (平文の HTTP なら 503)、ログに出します
    .arg-idle_timeout =
        この時間どちら向きにも 1 バイトも動かなければ接続を切ります: ダウンロードを読まなくなった
        クライアントや、要求を最後まで送らないクライアントです (例: 30s、2m)
    .arg-grace =
        Ctrl-C/SIGTERM のあと、開いているダウンロードが終わるのを待つ時間。過ぎると切ります。
        2 回目のシグナルですぐに終了します
help-http-demo = http demo
    .about = 両側を同時に: 127.0.0.1 (空いているポート) のサーバーと、そこへの要求。オフラインで動きます。
    .arg-tls = HTTPS を使います (このデモのあいだだけ信頼する、使い捨ての CA)
    .arg-half_close = 記事と同じように、クライアントが要求のあとでハーフクローズします
    .arg-wire =
        やりとりのあとに、それが引き起こしたパケットを示します: ハンドシェイク、要求と応答の
        セグメント、FIN (--tls なら暗号化された TLS のレコード)。root でなければ、デモは専用の
        ユーザー名前空間とネットワーク名前空間の中で動きます。作れないときはその理由を示し、パケットなしで
        動きます
    .arg-ladder =
        やり取りのあとに、そのパケットをラダー図で描きます。クライアントとサーバーに 1 本ずつ縦線を
        引き、パケットごとに矢印を描いて、それぞれの端が入る TCP の状態を書き添えます。--wire と
        同じようにキャプチャします
    .arg-pcap =
        --wire のとき: デモのパケットを FILE に pcapng (ナノ秒のタイムスタンプ) でも書き出します。
        tcpdump -r や Wireshark で読めます
help-socket-demo = socket demo
    .about = ソケットの場面を 1 つ 127.0.0.1 で実行し、すべての呼び出しを Python の書き方と結果つきで示します。
    .long =
        refused: だれも待ち受けていないポートへの connect() (TCP はリセットで、UDP は ICMP のエラーで
        応答し、次の recv がそれを報告します)。in-use: 待ち受け中のソケットが持っているポートへの
        2 つ目の bind() と、だれが持っているか。time-wait: 先に閉じたサーバーは自分の側を 60 秒
        TIME_WAIT に残します。SO_REUSEADDR がなければそのポートでの再起動を妨げ、あれば妨げません。
    .arg-scenario = 実行する場面
    .pv-scenario-refused = だれも待ち受けていないところへの connect(): "Connection refused"
    .pv-scenario-in-use = 待ち受け中のソケットがあるところへの bind(): "Address already in use"
    .pv-scenario-time-wait = 閉じた接続が残す TIME_WAIT を、SO_REUSEADDR のありとなしで
    .arg-wire =
        各ソケット呼び出しの下に、それが引き起こしたパケット (SYN、SYN-ACK、RST、ICMP、FIN...) を、
        両側がどの TCP の状態に入るかと一緒に説明します。root でなければ、デモは専用のユーザー名前空間と
        ネットワーク名前空間の中で動きます。作れないときはその理由を示し、パケットなしで動きます
    .arg-ladder =
        シナリオをラダー図で描きます。ソケットごとに縦線を引き、パケットごとに矢印を描いて、
        それぞれの端が入る TCP の状態と、ソケット呼び出しを余白に書きます。--wire と同じように
        キャプチャします
    .arg-pcap =
        --wire のとき: デモのパケットを FILE に pcapng (ナノ秒のタイムスタンプ) でも書き出します。
        tcpdump -r や Wireshark で読めます

help-lab = lab
    .about = このマシンの上に作る小さな本物のネットワークと、その中を歩くガイドつきの見学。
    .long =
        ホスト h1、h2、dns とルーター r1 を、1 秒もかからずに組み立てます。各ホストは Linux の
        ネットワーク名前空間、各ケーブルはそれぞれの MAC アドレスを持つ veth のペア、r1 のもう一方の
        側はブリッジです。アドレスはドキュメント用のプレフィックス (192.0.2.0/24、198.51.100.0/24、
        2001:db8::/32) から取るので、本物のネットワークと取り違えることはありません。サブコマンドが
        なければ、ラボを組み立て、シナリオ (DNS の問い合わせ、サブネットの計算を伴う経路の選択、ARP、
        TTL つきの ping、traceroute、ルーター越しのエコークライアントと HTTP の GET) を実行し、各段階の
        下にパケットを示して、すべてを片付けます。--mistake はよくある間違いを 1 つ組み込み、それが
        どう失敗するかを示します。

        root でなければ専用のユーザー名前空間の中で動きます。ホストのインターフェース、経路、名前空間
        には決して触れず、プロセスより長く残るものはありません (/run/netns のマウントもしません)。

        終了コード: 0 成功 (間違いが予定どおりに失敗したときも成功です)。1 ラボを組み立てられ
        なかった、またはある段階が期待どおりに動かなかった。2 正しくない入力。
    .arg-mistake = 間違いを 1 つラボに組み込み、何が壊れるかを見ます
    .arg-ladder = 各ステップのパケットをラダー図で描きます。ホストごと (ルーターも) に縦線を 1 本引き、パケットごとに矢印を描いて、それぞれの端が入る TCP の状態を書き添えます
    .arg-svg = ラボを SVG の図として FILE にも描きます (ネットワーク、ホスト、アドレス、マスク、ゲートウェイ。間違いは赤で示します)。ブラウザーで開けます
    .arg-topology =
        トポロジーのファイルからラボを組み立てて図に描き、ファイルが期待することを確かめて (期待が
        なければ ping で届くかどうかを確かめて) から片付けます。期待が 1 つでも外れたら終了コードは
        1 です。ファイルは TOML で、[host.名前] の表に router = true、gateway = "アドレス"、
        `services = ["echo", "http", "dns"]` を、リンクごとの [[link]] の表に 名前 =
        "アドレス/プレフィックス長" と `loss`、`rate`、`queue`、`delay` を、[[expect]] の表に
        `from`、`to`、`service`、`reach` を書きます。examples/lab/ にいくつか例があります
    .pv-mistake-mask =
        h1 のマスクが 240.0.0.0 (/4): h2 が直接つながっているように見え、ARP に応答が返りません
    .pv-mistake-gateway = h1 にデフォルトゲートウェイがない: "Network is unreachable"
    .pv-mistake-gateway-off-subnet =
        h1 のゲートウェイが r1 の遠い側のアドレスで、h1 のサブネットの外: カーネルが経路を拒否します
    .pv-mistake-no-forwarding = r1 が転送しない: エコー要求はルーターで消えます
help-lab-up = lab up
    .about = ラボを組み立ててフォアグラウンドで動かし続けます。Ctrl-C で片付けます。
    .arg-duration = Ctrl-C を待たずに、この時間がたったらラボを終えます (例: 30s)
    .arg-topology =
        組み込みのラボの代わりに、このトポロジーのファイルのラボを動かし続けます (`lab up FILE` と
        書いても同じです)
    .arg-file = トポロジーのファイル (--topology と同じ)
help-lab-run = lab run
    .about = ラボのホストの 1 つの中でコマンドを実行します (ネットワークと /etc/resolv.conf はそのホストのもの、ファイルはあなたのもの)。
    .arg-host = ホスト: 動いている lab up のホストのどれか。なければ h1、r1、h2、dns のどれか
    .arg-command = コマンドとその引数 (`--` のあとに)
help-lab-shell = lab shell
    .about = ラボのホストの 1 つの中でシェルを開きます。
    .arg-host = ホスト: 動いている lab up のホストのどれか。なければ h1、r1、h2、dns のどれか
help-lab-ping = lab ping
    .about = ラボのホストから、アドレスかラボの名前へ netlearn の ping を送ります。
    .arg-host = ping を送るホスト: 動いている lab up のホストのどれか。なければ h1、r1、h2、dns のどれか
    .arg-target = IPv4 アドレスかラボの名前 (h2、h2.lab)
    .arg-count = 送るエコー要求の数
    .arg-ttl = 要求の TTL (1 にすると最初のルーターが "Time Exceeded" で応答します)
    .arg-timeout = 応答 1 つを待つ時間
    .arg-interval = 要求と要求のあいだの間隔
help-lab-trace = lab trace
    .about = ラボのホストから、アドレスかラボの名前へ netlearn の traceroute を実行します。
    .arg-host = traceroute を実行するホスト: 動いている lab up のホストのどれか。なければ h1、r1、h2、dns のどれか
    .arg-target = IPv4 アドレスかラボの名前 (h2、h2.lab)
    .arg-max_hops = この数のホップであきらめます
    .arg-timeout = ホップ 1 つの応答を待つ時間
help-lab-exercise = lab exercise
    .about = 採点つきの演習を始めます。どこか 1 か所が壊れたラボを lab up と同じように動かし続けるので、中から (lab shell、lab run) 直して、lab check で採点します。名前を指定しなければ一覧を示します。
    .arg-name = 始める演習
    .arg-duration = Ctrl-C を待たずに、この時間がたったらラボを終えます (例: 30m)
    .pv-name-mask = サブネットマスク
    .pv-name-gateway = デフォルトゲートウェイ
    .pv-name-dns = 名前解決に使う DNS サーバー
    .pv-name-forwarding = 転送するルーター
    .pv-name-firewall = ファイアウォールのルール
help-lab-check = lab check
    .about = 動いている演習を採点します。チェックごとに 1 行、通らないものにはヒントをつけます。すべて通れば終了コード 0、そうでなければ 1 です。
help-lab-link-test = lab link-test
    .about =
        損失・帯域制限・遅延のあるリンク (h1 — h2、またはトポロジーのファイルでそれらを設定した
        リンクのそれぞれ) を作り、どう作ったかを示して、ping、データグラム、TCP の転送で測ります。
    .arg-loss = 各方向で失われるフレームの割合: 30%、0.5
    .arg-rate = 各方向で運べる最大の帯域: 10mbit、512kbit、1gbit (ビット毎秒)
    .arg-queue = 帯域制限のキューで待てるバイト数 (既定: その帯域で 50 ms 分): 64KiB
    .arg-delay = 各方向に加える遅延: 20ms
    .arg-topology = h1 — h2 の代わりに、このトポロジーのファイルで損失・帯域制限・遅延を設定したリンクをそれぞれ試します
    .arg-pings = リンクごとに送るエコー要求の数
help-lab-congestion = lab congestion
    .about =
        TCP の内側をグラフにします: キューのある遅いリンク、次に損失のあるリンクで一括転送を行い、
        送信側の cwnd と RTT を 5 ms ごとに TCP_INFO から読んで、時間に沿って描き、読み解きます。
    .arg-rate = 遅いリンクの帯域 (tc と同じ bit、kbit、mbit、gbit)。100kbit から 1gbit まで
    .arg-queue = 遅いリンクのキューに入る量 (1500B から 64MiB まで。256k は 256KiB)
    .arg-loss = 2 つ目の段階でリンクが失うパケットの割合 (0.1% から 10% まで)
    .arg-seconds = 各段階で送り続ける時間 (例: 1.5 や 800ms。最長 30s)
    .arg-algorithm = 送信側の輻輳制御 (このマシンの既定値は関係ありません)
    .arg-svg = グラフを SVG として FILE にも描きます (- なら、テキストの代わりに標準出力へ)
    .pv-algorithm-reno = 教科書どおり: 損失のたびにウィンドウを半分にし、1 往復ごとに 1 セグメント増やします
    .pv-algorithm-cubic = Linux のふだんの既定値: 損失のたびにウィンドウを 70% にし、3 次曲線で戻します
    .pv-algorithm-bbr = 測った経路の帯域と往復時間に合わせて送り、キューを短く保ちます (カーネルにあれば)
help-ping = ping
    .about = このマシンから ICMP エコー (ping) を送り、応答ごとの TTL を示します。
    .long =
        raw の ICMP ソケット (root か CAP_NET_RAW) を使い、使えなければ、net.ipv4.ping_group_range
        にあなたのグループが含まれるときは ICMP のデータグラムソケットを使います。どちらも使えない
        ときは、どの設定を変えれば使えるかを示します。IPv4 です。
    .arg-target = ping を送る IPv4 アドレス
    .arg-count = 送るエコー要求の数
    .arg-ttl = 要求の TTL (1 にすると最初のルーターが "Time Exceeded" で応答します)
    .arg-timeout = 応答 1 つを待つ時間
    .arg-interval = 要求と要求のあいだの間隔
help-trace = trace
    .about = このマシンからの traceroute: TTL 1、2、3… のプローブと、それぞれに応答したもの。
    .arg-target = 経路を調べる宛先の IPv4 アドレス
    .arg-max_hops = この数のホップであきらめます
    .arg-timeout = ホップ 1 つの応答を待つ時間
help-ftp = ftp
    .about = FTP の制御用の接続とデータ用の接続を、プロセス内のサーバーを相手に実際に動かして見せます。
help-ftp-demo = ftp demo
    .about =
        FTP の 2 つの接続を観察します: 127.0.0.1 で一時ディレクトリを公開する本物の FTP サーバー
        (netlearn 自身のもの) と、やりとりするコマンドと応答をすべて表示するクライアント。
    .long =
        制御用の接続は文字のコマンド (USER、PASS、SYST、PWD、TYPE I、PASV、EPSV、LIST、RETR、STOR、
        QUIT) と 3 桁の応答を運びます。転送のたびに、そのために開いて終わりに閉じるもう 1 つの接続
        (データ用の接続) を使います: 閉じることがファイルの終わりの印です。PASV の応答 (h1,h2,h3,h4,p1,p2)
        を読み解きます: データのポートは p1 × 256 + p2 です。パスワードは平文のまま流れます。
        --active は代わりに PORT を使います: クライアントが待ち受け、サーバーがそこへ接続し返します。
        ファイアウォールや NAT でアクティブモードの FTP が使えなくなるのはこのためです (また、サーバーが
        接続し返すのはクライアント自身のアドレスのポート 1024 以上だけです: RFC 2577)。--serve は
        ほかのクライアント (Python の ftplib、curl、lftp) のためにサーバーを Ctrl-C まで動かし続けます:
        1 つのアドレスからのセッションは 16 個まで、全部で 64 個までで、アップロードには上限があります。
    .arg-active = アクティブモード: クライアントが PORT を送り、サーバーがそこへ接続し返します
    .arg-ladder = デモのあとに、そのパケットをラダー図で描きます。データ用の接続ごとに、制御用の接続の両端を外側に、データ用の接続の両端を内側に並べます
    .arg-serve =
        ほかのクライアントのために、デモのサーバーを Ctrl-C まで動かし続けます (ユーザー名と
        パスワードは何でもかまいません)
    .arg-port = --serve のとき: 待ち受けるポート (0 なら空いているポートで、最初の行に表示します)
    .arg-max_upload =
        --serve のとき: アップロードで作れるファイルの最大の大きさ (超えると 552 で断り、その
        ファイルを消します)
    .arg-max_stored =
        --serve のとき: 公開するディレクトリに置ける合計の大きさ (ファイルとディレクトリは、
        中身のほかに 1 つにつき 4 KiB と数えます)
    .arg-timeout = 応答かデータを待つ最長の時間

help-ftp-ls = ftp ls
    .about =
        どの FTP サーバーでもディレクトリを一覧します。制御用の接続のやりとりは流れるそばから標準
        エラー出力に (curl -v のように)、一覧は標準出力に出します。
    .long =
        TARGET は ftp://[ユーザー[:パスワード]@]ホスト[:ポート][/パス] か ホスト[:ポート][/パス] です。
        ユーザーを書かなければ anonymous でログインします。--active を付けなければパッシブモード
        (EPSV、だめなら PASV) で、付けるとアクティブモード (PORT: サーバーが接続してきます) です。
        やりとりの中のパスワードは **** と表示します。FTP はパスワードを平文のまま送ります。
    .arg-target =
        ftp://[ユーザー[:パスワード]@]ホスト[:ポート][/パス] か ホスト[:ポート][/パス] (ポートを
        省くと 21)
    .arg-active = アクティブモード: クライアントが待ち受けて PORT を送り、サーバーが接続してきます
    .arg-ladder =
        転送のあとに、そのパケットをラダー図で標準エラー出力に描きます。制御用の接続の両端を外側に、
        データ用の接続の両端を内側に並べます (このマシンのループバックにあるサーバー。キャプチャ
        には root か CAP_NET_RAW が要ります)
    .arg-timeout = 接続、応答、データを待つ最長の時間
help-ftp-get = ftp get
    .about =
        どの FTP サーバーからでもファイルを 1 つダウンロードします (RETR、バイナリ)。やりとりは標準
        エラー出力に、ファイルの中身は標準出力に (-o を付ければそのファイルに) 出します。
    .arg-target =
        ftp://[ユーザー[:パスワード]@]ホスト[:ポート]/パス か ホスト[:ポート]/パス (ポートを省く
        と 21)
    .arg-active = アクティブモード: クライアントが待ち受けて PORT を送り、サーバーが接続してきます
    .arg-ladder =
        転送のあとに、そのパケットをラダー図で標準エラー出力に描きます。制御用の接続の両端を外側に、
        データ用の接続の両端を内側に並べます (このマシンのループバックにあるサーバー。キャプチャ
        には root か CAP_NET_RAW が要ります)
    .arg-timeout = 接続、応答、データを待つ最長の時間
    .arg-output = ファイルの中身を標準出力ではなく、このファイルに書きます
    .arg-max_size = 受け取るファイルの最大の大きさ。超えたところで転送をやめ、エラーにします
