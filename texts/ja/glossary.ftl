# 用語集 (`netlearn explain`)。書き方は ../README.md を、各項目の意味は ../en/glossary.ftl を参照。
# 値が日本語の名前、.aliases が別名 (1 行に 1 つ、カタカナ・漢字の言い方)、.definition が説明、
# .standard が規格です。

## 一覧をまとめる層

layer-link = リンク層 (TCP/IP の第 1 層、OSI の第 2 層)
layer-internet = インターネット層 (TCP/IP の第 2 層、OSI の第 3 層)
layer-transport = トランスポート層 (TCP/IP の第 3 層、OSI の第 4 層)
layer-application = アプリケーション層 (TCP/IP の第 4 層、OSI の第 7 層)
layer-socket-api = ソケット API (プログラムと OS の間)
layer-framing = フレーミング (バイトストリーム上のメッセージ)

## 用語 (英語名の順)

term-127-0-0-1 = 127.0.0.1
    .aliases =
        ループバックアドレス
        IPv4 ループバックアドレス
    .definition =
        IPv4 のループバックアドレス (loopback address) です。ここへ送ったパケットはこのマシンから
        外へ出ず、OS がそのまま自分のネットワークスタックへ戻します。127.0.0.0/8 のブロック全体が
        ループバックで、ふつうは 127.0.0.1 を使います。記事のサーバーのように 127.0.0.1 に
        バインドしたサーバーには、このマシンの中からしか接続できません。
    .standard = RFC 1122 3.2.1.3 節、RFC 6890 (特殊用途アドレスの登録簿)

term-address-already-in-use = アドレスが使用中
    .aliases =
        アドレスが使用中
        アドレス使用中
        ポートが使用中
        既に使用されているアドレス
    .definition =
        ほかのソケットがすでにそのアドレスとポートを使っているときに bind() が返すエラーです
        (EADDRINUSE、Python では OSError: [Errno 98])。原因は、まだ動いているサーバーか、Linux では
        SO_REUSEADDR を設定しなかったサーバーが残した TIME_WAIT の接続です。記事の server.py を
        止めてから 1 分以内に起動し直すと起こります。netlearn は、そのポートを使っているものを
        示します。/proc から分かるプログラム名と pid、または TIME_WAIT の接続とその残り時間です。
    .standard = POSIX bind() [EADDRINUSE]

term-af-inet = AF_INET
    .aliases =
        アドレスファミリー
        アドレスファミリ
    .definition =
        socket() に渡すアドレスファミリー (address family) です。AF_INET は IPv4 の
        アドレスとポートの組、AF_INET6 は IPv6 のもの、AF_UNIX はこのマシン上のパスを使います。
        これによって bind() と connect() が受け付けるアドレスの形が決まります。たとえば AF_INET の
        ソケットは ::1 とは通信できません。
    .standard = POSIX socket()、RFC 3493 (AF_INET6)

term-backlog = バックログ
    .aliases =
        バックログ
        接続待ちキュー
        キュー長
    .definition =
        listen() に渡す数です。プログラムが accept() を呼ぶ前に、カーネルが確立してキューに
        並べておける接続の数を決めます。ハンドシェイクはカーネルが行うので、サーバーが忙しくても
        クライアントは接続できます。キューがいっぱいになると、新しい接続は待たされるか失敗します。
        記事の listen(5) は、一度に 1 つのクライアントを相手にするなら十分です。netlearn は 128 を
        使います。
    .standard = POSIX listen()

term-blocking-vs-non-blocking = ブロッキングとノンブロッキング
    .aliases =
        ブロッキング
        ノンブロッキング
        非ブロッキング
        ブロッキングモード
        非同期
    .definition =
        ブロッキング (blocking) の呼び出し (accept、recv、send) は、処理が終わるまで戻ってきません。
        そのため、記事のような 1 スレッドのサーバーは、一度に 1 つのクライアントしか相手にできません。
        ノンブロッキング (non-blocking) のソケットでは、すぐに終わらない呼び出しは待たずに戻り、
        「今はできません」というエラー (EWOULDBLOCK) を返します。そのあいだ、イベントループ (Linux の
        epoll や BSD の kqueue、その上に作られた asyncio や tokio) が多くのソケットをまとめて見張り、
        準備ができたものから処理します。こうして 1 スレッドで何千ものクライアントを扱えます。
        netlearn のサーバーはノンブロッキングです。
    .standard = POSIX O_NONBLOCK、Linux epoll(7)

term-cidr = CIDR
    .aliases =
        サイダー
        プレフィックス
        プレフィックス長
        スラッシュ表記
    .definition =
        クラスレスドメイン間ルーティング (Classless Inter-Domain Routing) です。ネットワークを
        アドレス/プレフィックス長で書きます。たとえば 192.168.0.0/24 は、先頭 24 ビットが
        ネットワークを表し、残りがホストの番号です。古いクラス A/B/C の決まった大きさと違い、
        ネットワークを 2 のべき乗の好きな大きさにできます。経路を短いプレフィックスにまとめる
        (集約する) こともできます。
    .standard = RFC 4632

term-client-socket = クライアントソケット
    .aliases =
        クライアントソケット
        クライアント
    .definition =
        クライアントが作り、サーバーのアドレスとポートへ connect() するソケットです。先に
        bind() しなければ、ローカルのポートは OS が選びます (エフェメラルポート)。送信も受信も
        同じソケットで行い、こちら側には listen() も accept() もありません。
    .standard = POSIX connect()

term-close-the-connection = 接続を閉じる
    .aliases =
        接続を閉じる
        接続を閉じて終わらせる
        切断で区切る
    .definition =
        いちばん単純なフレーミングです。区切りの印は何もなく、送信側が自分の側を閉じる (または
        ハーフクローズする) までに送ったものすべてが 1 つのメッセージです。受信側は recv() が
        0 バイトを返すまで読みます。1 つの接続で送れるのは 1 つのメッセージだけで、HTTP/1.0 は応答をこうして
        終えていました。
    .standard = RFC 1945 (HTTP/1.0 の本文は切断で終わる)

term-connection-refused = 接続拒否
    .aliases =
        接続拒否
        接続が拒否されました
        接続を拒否
    .definition =
        そのポートで待ち受けているソケットがないときに connect() が報告するエラーです
        (ECONNREFUSED、Python では ConnectionRefusedError: [Errno 111])。相手のカーネルが SYN に
        リセット (RST) で応答したということです。UDP では、カーネルが ICMP の「ポート到達不能 (port
        unreachable)」を返し、接続済みの UDP ソケットなら次の呼び出しでそれを受け取ります。たいていの
        原因は、サーバーが動いていないか、別のアドレスやポートで待ち受けていることです。
    .standard = RFC 9293 3.10.7.1 節 (閉じたポートへの RST)、RFC 1122 4.1.3.1 節 (UDP)

term-default-gateway = デフォルトゲートウェイ
    .aliases =
        デフォルトゲートウェイ
        ゲートウェイ
        デフォルトルート
    .definition =
        このマシンがつながっているネットワークのどれにも宛先がないとき、パケットを転送してもらう
        ルーターです。ほかのネットワークへの出口にあたります。このマシンから直接届かなければ
        ならないので、ゲートウェイは自分のサブネットの中にある必要があります。ルーティング
        テーブル (routing table) では、すべての宛先に当てはまる 0.0.0.0/0 (IPv6 では ::/0) の経路が
        ゲートウェイを指しています。この経路をデフォルトルートと呼びます。
    .standard = RFC 1122 3.3.1 節

term-delimiter = 区切り文字
    .aliases =
        区切り文字
        デリミタ
        デリミター
        改行
        行区切り
    .definition =
        決めておいたバイトで各メッセージの終わりを示すフレーミングです。ふつうは改行を使います。
        受信側は区切り文字が来るまでバッファーにためます。メッセージ自体は区切り文字を含んでは
        いけません (含むならエスケープします)。SMTP や Redis のようなテキストのプロトコルや、記事の
        'quit' がこの方式です。
    .standard = RFC 5321 (SMTP の行は CRLF で終わる)

term-dns = DNS
    .aliases =
        ドメインネームシステム
        名前解決
        ネームサーバー
        リゾルバー
        リゾルバ
    .definition =
        ドメインネームシステム (Domain Name System) です。python.org のような名前を、アドレス (A と
        AAAA レコード) やメールサーバー (MX) などに変える分散データベースです。リゾルバー
        (resolver) は UDP のポート 53 でサーバーに問い合わせます (応答が大きいときは TCP を
        使います)。システムは DNS に問い合わせる前に hosts ファイルを見るので、localhost は
        ネットワークにつながっていなくても使えます。
    .standard = RFC 1034、RFC 1035

term-ethernet = イーサネット
    .aliases =
        イーサネット
        イーサー
        リンク層
    .definition =
        ほとんどのネットワークが使うリンク層です (Wi-Fi もこれにならっています)。同じリンク上の
        マシンの間で、IP パケットをフレームに入れて運びます。宛先は 48 ビットの MAC アドレスで
        示します。
        リンクごとに MTU (運べる最大のパケットの大きさ) があり、従来のイーサネットでは
        1500 バイトです。
    .standard = IEEE 802.3、RFC 894 (イーサネット上の IP)

term-fixed-length = 固定長
    .aliases =
        固定長
        固定長メッセージ
    .definition =
        すべてのメッセージがちょうど N バイトのフレーミングです。受信側は N バイトずつ読むだけで、
        解析するものはありません。その代わり、短いメッセージには詰め物 (パディング) が要り、
        N バイトより長いメッセージは送れません。固定長のレコードを持つバイナリのプロトコルが使います。
    .standard = (慣習で、規格はありません)

term-framing = フレーミング
    .aliases =
        フレーミング
        メッセージの区切り
        メッセージ境界
    .definition =
        TCP が届けるのはメッセージではなくバイトの流れ (バイトストリーム) です。1 回の send() が
        何回かの recv() に分かれて届くことも、2 回分が 1 回で届くこともあります。フレーミングは、
        受信側がメッセージの終わりを見つける方法です。固定長、区切り文字、長さ標識、接続を閉じる、の
        4 つの方法があります。UDP には要りません。データグラムがそのまま 1 つのメッセージだからです。
    .standard = RFC 9293 (TCP はバイトストリーム)

term-ftp = FTP
    .aliases =
        ファイル転送プロトコル
    .definition =
        ファイル転送プロトコル (File Transfer Protocol) です。コマンドは制御用の接続 (TCP のポート
        21) で送り、ファイルは 1 つずつ別のデータ用の接続で送ります (アクティブモードではポート 20、
        パッシブモードではサーバーが示すポート)。Web より古く、パスワードを平文で送るため、
        いまはほとんど SFTP や HTTPS に置き換わっています。
    .standard = RFC 959

term-http = HTTP
    .aliases =
        ハイパーテキスト転送プロトコル
        ウェブ
    .definition =
        ハイパーテキスト転送プロトコル (Hypertext Transfer Protocol) です。クライアントが要求
        (request: メソッド、パス、ヘッダー、必要なら本文) を送り、サーバーが応答 (response:
        ステータス、ヘッダー、本文) を返します。HTTP/1.1 は TCP のポート 80 でやりとりする
        テキストのプロトコルで、メッセージはヘッダーの行と、Content-Length またはチャンク形式で
        区切られます。記事が生のソケットで
        python.org に送った要求も HTTP です。
    .standard = RFC 9110 (意味論)、RFC 9112 (HTTP/1.1)

term-https = HTTPS
    .aliases =
        エイチティーティーピーエス
    .definition =
        TLS の接続の中で HTTP をやりとりするもので、TCP のポート 443 を使います。TLS がバイトを暗号化し、信頼できる
        認証局まで続く証明書チェーンでサーバーが本物であることを証明します。中の HTTP は
        変わりません。
    .standard = RFC 9110 4.2.2 節、RFC 8446 (TLS 1.3)

term-ip = IP
    .aliases =
        インターネットプロトコル
        IP アドレス
        パケット
    .definition =
        インターネットプロトコル (Internet Protocol) です。どのパケットも送信元アドレスと宛先アドレスを
        持ち、ルーターからルーターへと転送されます。届くこと、1 度だけ届くこと、順番どおりに
        届くことは約束されません (それは上の層の TCP が補います)。IPv4 と IPv6 の 2 つの版が
        使われています。
    .standard = RFC 791 (IPv4)、RFC 8200 (IPv6)

term-ipc = IPC
    .aliases =
        プロセス間通信
    .definition =
        プロセス間通信 (Inter-process communication) です。2 つのプログラムがデータをやりとりする
        方法で、パイプ、共有メモリ、Unix ドメインソケット、そしてループバック上の TCP や UDP が
        あります。127.0.0.1 へのソケットも IPC の一つで、地球の裏側のマシンと通信するのと
        同じコードで書けます。
    .standard = POSIX (パイプ、ソケット、共有メモリ)

term-ipv4 = IPv4
    .aliases =
        IPv4 アドレス
        アイピーブイフォー
    .definition =
        IP の第 4 版です。アドレスは 32 ビットで、1 バイトずつ 4 つの 10 進数で書き
        ます (192.168.0.77)。全部で約 43 億個しかなく足りなくなったため、プライベートアドレスと NAT が
        生まれました。特別な範囲 (ループバック、プライベート、文書用など) は IANA の登録簿に
        あります。
    .standard = RFC 791、RFC 6890 (特殊用途アドレス)

term-ipv6 = IPv6
    .aliases =
        IPv6 アドレス
        アイピーブイシックス
    .definition =
        IP の第 6 版です。アドレスは 128 ビットで、16 進数のグループで書き、0 が続く部分は :: と
        略します (2001:db8::1)。どのインターフェースにもリンクローカルの fe80:: アドレスがあり、::1
        がループバックです。ブロードキャストはなく、ふつうは NAT もありません。
    .standard = RFC 8200、RFC 4291 (アドレス体系)、RFC 5952 (テキスト表記)

term-length-prefix = 長さ標識
    .aliases =
        長さ標識
        長さプレフィックス
        長さ付き
        長さヘッダー
    .definition =
        各メッセージの先頭にその大きさ (ここでは 4 バイトのビッグエンディアン) を付けるフレーミング
        です。受信側は何バイト待てばよいかが分かります。メッセージにはどんなバイトを入れても
        かまいません。バイナリのプロトコル (TLS のレコード、HTTP/2 のフレーム、TCP 上の DNS) が
        使います。
    .standard = RFC 1035 4.2.2 節 (TCP 上の DNS)、RFC 8446 (TLS のレコード)

term-localhost = localhost
    .aliases =
        ローカルホスト
        hosts ファイル
    .definition =
        このマシンが自分自身を呼ぶ名前です。いつもループバック (127.0.0.1 と ::1) を指します。
        hosts ファイルにそう書かれていて、DNS へ問い合わせないよう RFC 6761 が定めているので、
        ネットワークがまったくなくても使えます。
    .standard = RFC 6761 6.3 節

term-loopback = ループバック
    .aliases =
        ループバック
        ループバックインターフェース
        ループバックインタフェース
    .definition =
        すべてのパケットをこのマシンへ送り返す仮想のネットワークインターフェース (lo) です。
        127.0.0.0/8 と ::1 を受け持ち、いつも有効で、ハードウェアは要りません。記事の
        クライアントとサーバーも、これを通して通信しています。
    .standard = RFC 1122 3.2.1.3 節、RFC 4291 2.5.3 節

term-port = ポート
    .aliases =
        ポート
        ポート番号
        ウェルノウンポート
        エフェメラルポート
        サービス
    .definition =
        マシンの中で 1 つのプログラムのソケットを選ぶ 16 ビットの番号です。アドレスでマシンを、
        ポートでプログラムを見つけます。0〜1023 はシステムポート (HTTP は 80、HTTPS は 443、DNS は
        53)、1024〜49151 は登録済みポート、49152〜65535 はエフェメラルポート (クライアントに
        割り当てられる) です。TCP と UDP のポートは別々です。
    .standard = RFC 6335、IANA のサービス名とポート番号の登録簿

term-server-socket = サーバーソケット
    .aliases =
        サーバーソケット
        サーバソケット
        サーバー
        サーバ
        待ち受けソケット
        リスニングソケット
    .definition =
        接続を待ち受けるソケットです。socket() でソケットを作り、アドレスとポートに bind() し、listen() して、
        ループで accept() します。accept() は待ち受け用のソケットをデータに使うことはなく、
        クライアントごとに新しい接続済みのソケットを返します (記事の conn)。
    .standard = POSIX bind()、listen()、accept()

term-shutdown = シャットダウン
    .aliases =
        ハーフクローズ
        片側クローズ
        片方向の切断
        シャットダウン
    .definition =
        shutdown(SHUT_WR) は TCP の接続の送信方向だけを閉じます (ハーフクローズ、half-close)。
        相手の recv() は 0 を返します (ストリームの終わり)。それでも相手はまだ送信でき、こちらも
        まだ読めます。クライアントが「要求はここまで」と伝えて応答を待つ方法で、記事の HTTP の
        例がそうしています。close() は両方向を閉じます。
    .standard = RFC 9293 3.6 節 (接続を閉じる)、POSIX shutdown()

term-so-reuseaddr = SO_REUSEADDR
    .aliases =
        アドレスの再利用
        アドレス再利用
    .definition =
        bind() の前に setsockopt() で設定するソケットオプションです。Linux では、TIME_WAIT の
        接続がまだ使っているポートに新しいソケットを bind() できるようにします。ただしそれらの接続の
        ソケットにも設定されていた場合だけです。これを設定しても、2 つのサーバーが同じポートで
        待ち受けられるようにはなりません。サーバーは、起動し直したときに 1 分ほど失敗し続けることが
        ないようにこれを設定します。記事の server.py は設定せず、netlearn のサーバーは設定します。
    .standard = POSIX setsockopt() SO_REUSEADDR、Linux socket(7)

term-sock-stream = SOCK_STREAM
    .aliases =
        ソケットタイプ
        ストリームソケット
        データグラムソケット
    .definition =
        socket() に渡すソケットタイプ (socket type) です。SOCK_STREAM は信頼性のあるバイト
        ストリーム (AF_INET なら TCP)、SOCK_DGRAM は 1 つずつ独立したデータグラム (UDP) です。
    .standard = POSIX socket()

term-socket = ソケット
    .aliases =
        ソケット
        ソケット API
        バークレーソケット
        ソケット通信
    .definition =
        ネットワーク通信の片方の端を表す、OS のハンドルです。socket(family, type) で作り、bind、
        listen、accept、connect、send、recv、shutdown、close で使います。Python の socket モジュール
        は、これらの呼び出しを薄く包んだものです。
    .standard = POSIX.1 のソケット (4.2BSD から)

term-subnet-mask = サブネットマスク
    .aliases =
        サブネットマスク
        ネットマスク
        マスク
        サブネット
        ワイルドカードマスク
    .definition =
        1 が続いたあとに 0 が続く 32 ビットのパターン (255.255.255.0) で、IPv4 アドレスを
        ネットワーク部とホスト部に分けます。/24 のプレフィックス長と同じことを表します。2 つの
        アドレスのマスクした部分が一致すれば同じサブネットにあり、直接通信します。そうでなければ
        デフォルトゲートウェイを通します。
    .standard = RFC 950、RFC 4632

term-tcp = TCP
    .aliases =
        伝送制御プロトコル
        TCP 接続
    .definition =
        伝送制御プロトコル (Transmission Control Protocol) です。接続 (3ウェイハンドシェイク)
        を確立し、それぞれの方向に信頼性のある順序どおりのバイトストリームを運びます。再送、
        フロー制御、輻輳制御も行います。メッセージの境界は保たないので、フレーミングが必要です。
    .standard = RFC 9293

term-tcp-ip = TCP/IP
    .aliases =
        インターネットプロトコルスイート
        TCP/IP モデル
        プロトコルスタック
        OSI 参照モデル
    .definition =
        インターネットのプロトコル群で、中心となる 2 つのプロトコルから名付けられています。
        リンク層 (イーサネット)、インターネット層 (IP)、トランスポート層 (TCP、UDP)、
        アプリケーション層 (DNS、HTTP) があり、上の層のデータはすぐ下の層のデータの中に入れて
        運ばれます。
    .standard = RFC 1122、RFC 1123

term-time-wait = TIME_WAIT
    .aliases =
        タイムウェイト
        TIME-WAIT 状態
    .definition =
        先に閉じた側が、接続が終わったあとにとどまる TCP の状態です。Linux では 60 秒 (最大
        セグメント寿命の 2 倍) で、古い接続の遅れたパケットが新しい接続のものと取り違えられないように
        し、最後の ACK を送り直せるようにします。もうどのプロセスもソケットを持っていないのに、ポートは
        使われたままです。先に閉じて SO_REUSEADDR を設定しないサーバーは、これが切れるまでそのポートで
        起動し直せません。
    .standard = RFC 9293 3.6.1 節 (TIME-WAIT 状態)

term-udp = UDP
    .aliases =
        ユーザーデータグラムプロトコル
        データグラム
    .definition =
        ユーザーデータグラムプロトコル (User Datagram Protocol) です。ポート番号とチェックサムだけを
        付けたデータグラムを 1 つずつ送ります。接続も再送も順序の保証もありません。1 つのデータグラムがそのまま
        1 つのメッセージです。DNS、QUIC、ゲームなど、TCP の保証より速さが大事なときに使います。
    .standard = RFC 768

term-ack = ACK
    .aliases =
        確認応答
        シーケンス番号
    .definition =
        TCP は送るバイトすべてに番号を付けます。セグメントのシーケンス番号 (sequence number, seq) は
        その最初のバイトの番号で、ACK フラグと確認応答番号 (acknowledgement number, ack) は
        「このバイトの手前まではすべて受け取りました。次はこのバイトを送ってください」という意味です。
        送信側は確認応答が来るまで各バイトを手元に残し、来なければ送り直します。これが TCP の信
        頼性の仕組みです。ツールは番号を、SYN を 0 とした相対値で表示します (実際の値はランダ
        ムな値から始まります)。そのため最初のデータのバイトは seq=1 になります。
    .standard = RFC 9293 3.4 節 (シーケンス番号)

term-fin = FIN
    .aliases =
        FIN フラグ
    .definition =
        「もう送るものはありません」を表す TCP のフラグです。プログラムが shutdown(SHUT_WR) か close() を
        呼ぶと、その側が FIN を送ります。相手はそれに確認応答し、相手の recv() は 0 を
        返します (ストリームの終わり)。相手は自分の FIN を送るまでは、まだ送信できます。先に FIN を
        送った側は FIN_WAIT_1、FIN_WAIT_2 を経て TIME_WAIT に、もう
        一方は CLOSE_WAIT、LAST_ACK を経て CLOSED になります。
    .standard = RFC 9293 3.6 節 (接続の終了)

term-mac-address = MAC アドレス
    .aliases =
        ハードウェアアドレス
    .definition =
        リンク上のネットワークカードを表す 48 ビットのアドレス (MAC address) で、16 進
        数 6 バイト (02:fc:00:00:00:01) で書きます。イーサネットのフレームは IP ア
        ドレスではなく MAC アドレスで宛先を示します。同じリンク上の IP アドレスへ送るときは、
        まず ARP でその IP アドレスを持つ MAC アドレスを尋ね、それ以外の宛先へはデフォル
        トゲートウェイの MAC アドレスへフレームを送ります。ループバックにはカードがないので、そ
        のフレームの MAC アドレスはすべて 0 です。
    .standard = IEEE 802 (EUI-48)、RFC 826 (ARP)

term-rst = RST
    .aliases =
        リセット
        接続リセット
    .definition =
        FIN による順序立った終了を経ずに、接続をただちに打ち切る TCP のフラグです。待ち受け
        ていないポートに SYN が来たとき (「接続拒否」)、未読のデータを残したままソケットが閉
        じられたとき、知らない接続宛てのセグメントが届いたときに、カーネルが送ります。送信途中のデー
        タは失われ、相手の次の呼び出しは ECONNRESET (「connection reset by peer」) で
        失敗します。
    .standard = RFC 9293 3.5.2 節 (リセットの生成)

term-syn = SYN
    .aliases =
        SYN フラグ
    .definition =
        接続を開く TCP のフラグで、「シーケンス番号の同期 (synchronise)」を意味し
        ます。クライアントの connect() は最初のシーケンス番号とオプション (MSS、ウィ
        ンドウスケール、SACK、タイムスタンプ) を載せた SYN を送ります。待ち受けているサー
        バーは SYN-ACK で、閉じたポートは RST で応答します。SYN はシーケンスの 1 バ
        イト分に数えられるため、最初のデータのバイトは seq=1 になります。
    .standard = RFC 9293 3.5 節 (接続の確立)

term-three-way-handshake = 3ウェイハンドシェイク
    .aliases =
        ハンドシェイク
        スリーウェイハンドシェイク
        3ウェイハンドシェーク
        スリーウェイハンドシェーク
    .definition =
        TCP が接続を開く手順 (three-way handshake) です。クライアントが SYN を
        送り、サーバーが SYN-ACK で応答し、クライアントが ACK を送ると、両側が ESTABLISHED に
        なります。これはすべてカーネルが connect() の中で行います。サーバーの accept() は、
        ハンドシェイクが済んだ接続を待ち受けのキューから取り出すだけで、何も送りません。
    .standard = RFC 9293 3.5 節

term-arp = ARP
    .aliases =
        アドレス解決プロトコル
        ARPテーブル
    .definition =
        アドレス解決プロトコル (Address Resolution Protocol) は、同じリンクにつながっている相手の
        IPv4 アドレスから、その MAC アドレスを調べるプロトコルです。イーサネットのフレームを送るには、宛先の
        MAC アドレスが必要だからです。ホストはリンク上のすべてのマシンに「192.0.2.1 を持っているのは
        誰ですか？」とブロードキャストで尋ね、そのアドレスを持つマシンだけが「192.0.2.1 の MAC
        アドレスは 02:00:00:00:01:01 です」と応答します。結果はしばらく ARP テーブルに保存されます。
        宛先が別のサブネットにあるときに尋ねるのは、宛先ではなくゲートウェイの MAC アドレスです。
        IPv6 では、近隣探索 (Neighbour Discovery、ICMPv6) が同じ役目を果たします。
    .standard = RFC 826、RFC 4861 (IPv6 の近隣探索)

term-destination-host-unreachable = Destination Host Unreachable
    .aliases =
        宛先ホスト到達不能
    .definition =
        途中のホスト (多くはこのマシン自身) が、次の転送先の MAC アドレスを ARP で尋ねても
        応答が返ってこなかったときに ping が表示するメッセージです。ICMP のタイプ 3、
        コード 1 にあたります。プログラムからは EHOSTUNREACH (No route to host) として
        見えます。原因はたいてい、アドレスの間違い、相手の停止、または間違ったサブネット
        マスクのせいで遠くのアドレスが同じリンク上にあるように見えていることです。
    .standard = RFC 792、RFC 1122 3.2.2.1 節

term-network-is-unreachable = Network is unreachable
    .aliases =
        ネットワーク到達不能
    .definition =
        ルーティングテーブルに宛先への経路がないときにプログラムが受け取るエラー
        (ENETUNREACH) です。宛先がこのマシンのどのサブネットにもなく、デフォルト
        ゲートウェイもない場合に起こります。パケットは送り出されず、回線には何も流れません。
        自分のサブネット上にないゲートウェイを設定しようとしたときも、カーネルは同じエラーで
        拒否します。
    .standard = POSIX の connect(2) と sendto(2) のエラー、RFC 1122 3.3.1 節

term-ping = ping
    .aliases =
        ICMP エコー
        エコー要求
        エコー応答
    .definition =
        ICMP (Internet Control Message Protocol) は、IP と並んでネットワーク自身の
        メッセージを運ぶプロトコルです。ping が送って受け取るエコー要求 (echo request) と
        エコー応答 (echo reply)、宛先到達不能 (Destination Unreachable)、時間超過
        (Time Exceeded) などがあります。ping の応答には TTL と往復時間が表示されます。
        応答が返ってくれば経路は往復とも通じています。返ってこなくても、ファイアウォールが
        ICMP を捨てているだけのこともあります。
    .standard = RFC 792 (ICMP)、RFC 4443 (ICMPv6)

term-router = ルーター
    .aliases =
        ルータ
        ルーティング
        転送
    .definition =
        ルーター (router) は、複数のネットワークにまたがってパケットを中継するマシンです。
        宛先ごとにルーティングテーブルを引き、TTL を 1 減らし、次のリンク用の新しい
        イーサネットヘッダーを付けて送り出します。Linux のマシンは
        net.ipv4.ip_forward = 1 のときだけ転送し、そうでなければ他のホスト宛てのパケットを
        黙って捨てます。
    .standard = RFC 1812 (IPv4 ルーターの要件)

term-traceroute = traceroute
    .aliases =
        トレースルート
        経路追跡
    .definition =
        ホストまでの途中にあるルーターを調べる方法です。TTL を 1、2、3 … としたパケットを
        送ると、TTL が尽きたルーターがパケットを捨て、自分のアドレスから ICMP の時間超過
        (Time Exceeded) を返します。こうして TTL ごとに 1 つずつ中継点 (hop) がわかり、
        最後に宛先自身が応答します。応答しない中継点は * と表示されます。
    .standard = RFC 1393 (IP オプション版)、RFC 792 (時間超過)


term-ttl = TTL
    .aliases =
        生存時間
        ホップリミット
        時間超過
    .definition =
        すべての IP パケットにあるカウンター (IPv4 の Time To Live、IPv6 の Hop Limit) で
        す。経路上のルーターが 1 ずつ減らし、0 になるとそのルーターはパケットを転送せずに
        捨てて、ICMP の時間超過 (Time Exceeded) を返します。こうしてルーティングのループで
        パケットが永遠に回り続けることを防ぎます (traceroute はまさにこれを利用します)。Linux は
        64 から始めるので、63 で届いた応答はルーターを 1 つ通ってきたことになります。ループバック
        ではルーターを通らないので、TTL は減りません。
    .standard = RFC 791 (IPv4)、RFC 8200 (IPv6 のホップリミット)

term-ewouldblock = EWOULDBLOCK
    .aliases =
        EAGAIN
        BlockingIOError
        EINPROGRESS
        リソースが一時的に利用できません
    .definition =
        ノンブロッキング (non-blocking) のソケットで、呼び出しがすぐには終わらないときに返るエラー
        です。まだデータのない recv()、バッファーがいっぱいの send()、接続してくるクライアントのいない
        accept() がこれを返します (Linux では EAGAIN と EWOULDBLOCK は同じ番号です)。ハンドシェイクが
        まだ終わっていない connect() は EINPROGRESS を返します。Python では BlockingIOError になります。
        失敗ではなく、「select/poll でソケットの準備ができたとわかったら、もう一度呼んでください」という
        意味です。
    .standard = POSIX recv()、connect()、errno(3)

term-keepalive = キープアライブ
    .aliases =
        TCP キープアライブ
        SO_KEEPALIVE
        アイドルタイムアウト
    .definition =
        TCP のキープアライブ (keepalive、SO_KEEPALIVE) は、しばらく何も流れていない接続に空の
        確認用パケットを送り、何度か応答がなければ接続を切ります。相手のマシンが止まった場合や、経路
        が切れた場合に気づけます。ただ固まっただけのプログラムでもカーネルは確認に応答するので、サーバー
        は自分でもアイドルタイムアウトを持ちます。どちらもなければ、閉じずに消えた相手をいつまでも待ち
        続けることになります。
    .standard = RFC 1122 4.2.3.6 節、Linux tcp(7) tcp_keepalive_time

term-passive-vs-active-ftp = FTP のパッシブモードとアクティブモード
    .aliases =
        パッシブモード
        アクティブモード
        PASV
        EPSV
        PORT コマンド
    .definition =
        FTP のデータ用の接続を、どちらから張るかの違いです。パッシブモード (passive mode、PASV) では、
        サーバーがポートを開いて待ち受け、その場所を (h1,h2,h3,h4,p1,p2) の形で知らせます (ポート
        番号は p1 × 256 + p2)。クライアントはそこへ接続します。EPSV はポート番号だけを知らせます。
        アクティブモード (active mode、PORT) では逆に、クライアントが待ち受けて、その場所を PORT
        コマンドで伝えます。接続してくるのはサーバーのほうです。外から入ってくるこの接続は
        ファイアウォールや NAT に止められやすいので、いまのクライアントはパッシブモードを使います。
    .standard = RFC 959 (PORT、PASV)、RFC 2428 (EPSV)

term-select-poll = select/poll
    .aliases =
        select
        poll
        epoll
        イベントループ
    .definition =
        多くのソケットのうちどれかが読み書きできるようになるまで待つ呼び出しです (Python では
        select.select([s], [], [], 1.0))。ノンブロッキングのソケットと組み合わせると、1 つのスレッドで
        多くの接続を扱えます。準備ができるまで待ち、準備のできたソケットから recv() します。epoll
        (Linux) や kqueue (BSD) は同じことを何千ものソケットに対して行い、asyncio や tokio はその上に
        作られています。
    .standard = POSIX select()、poll()、Linux epoll(7)

term-unix-domain-socket = Unix ドメインソケット
    .aliases =
        AF_UNIX
        Unix ソケット
        socketpair
        UDS
    .definition =
        同じマシンの上のプログラムどうしが使うソケット (Unix domain socket) で、アドレスとポート
        の代わりにファイルのパスで名前を付けます (AF_UNIX)。呼び出しは TCP と同じ (bind、listen、
        accept、connect、recv、send) で、SOCK_STREAM も SOCK_DGRAM も使えますが、下に IP も
        TCP もないので速く動きます。ファイルのパーミッションで誰が接続できるかが決まり、サーバーは
        相手のプロセスとユーザーを知ることができます (SO_PEERCRED)。socketpair() はファイルなしで、
        最初からつながった 2 つのソケットを作ります。ファイルは close の後も残るので、サーバーが消
        します。
    .standard = POSIX socket(AF_UNIX)、Linux unix(7)

term-zero-copy = ゼロコピー
    .aliases =
        zero-copy
        splice
        splice(2)
        sendfile
    .definition =
        プログラムのメモリーにコピーせずに、2 つのファイル記述子の間でバイトを移すことです。
        splice(2) は、ソケットが受信したデータをパイプへ、パイプからソケットやファイルへ、カーネルの
        中で同じページへの参照として移します。sendfile(2) はファイルをこの方法で送ります。バイトを
        そのまま渡すだけのプログラム (エコーサーバーやプロキシー) は、1 バイトごとに 2 回のコピー
        (read() で自分のバッファーへ、write() でそこから外へ) を省けます。効くのは中身を見なくて
        よいときだけです。バイトを解析するプログラムは読むしかありません。
    .standard = Linux の splice(2)、sendfile(2)、tee(2)
