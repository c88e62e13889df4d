# `ftp demo` (src/learn/demo/ftp.rs)、`echo demo --unix` (src/learn/demo/unix.rs)、
# `echo demo --vanish` (src/learn/demo/vanish.rs) の説明。../en/lessons.ftl と同じメッセージ。
# FTP のコマンド、ソケットの呼び出し、フラグはそのままにします。

## ftp demo: 説明を、デモが話す順に。

ftp-server =
    FTP サーバー (netlearn 自身のもので、このプロセスの中で動きます) が { $addr } で動いて
    います。{ $first } と { $second } の入った、自分だけが読める一時ディレクトリを公開しています
ftp-control =
    制御用の接続 (control connection) です。コマンドと応答は 1 行ずつのテキストで、1 つずつ
    やりとりします
ftp-password =
    いまパスワードが平文のままネットワークを通りました。パケットを見られる人なら誰でも読めます
    (FTPS は TLS を加えたものです。SFTP は SSH の上で動く別のプロトコルです)
ftp-type-i =
    TYPE I: バイナリ ("image") で、どのバイトもそのまま送ります。TYPE A だと行末が書き換え
    られます
ftp-active =
    アクティブモード (active mode) では、データ用の接続をサーバーのほうから張ります。クライアントが
    ポートを開いて待ち受け、その場所を PORT h1,h2,h3,h4,p1,p2 でサーバーに伝えます
ftp-active-nat =
    { $p1 } × 256 + { $p2 } = { $port } なので、サーバーは { $local } へ接続してきます。NAT の
    内側にあるクライアントなら、このアドレスはプライベートアドレスで、外のサーバーからは届き
    ません。届いたとしても、ファイアウォールには外から突然入ってくる接続に見えて止められます。
    アクティブモードがそうした場所で動かず、パッシブモードが使われるのはこのためです
ftp-active-bounce =
    このサーバーが接続する先は、制御用の接続の相手と同じアドレス ({ $client }) の、
    ポート { $lowest } 以上に限ります (RFC 2577)。そうしないと、PORT でサーバーに第三のマシンへ接続させてファイルを
    送り込ませたり (FTP バウンス攻撃)、応答の違いからそのマシンのどのポートが開いているかを
    調べたりできてしまいます
ftp-pasv =
    PASV の応答は、サーバーがデータ用の接続を待つ場所を示します。アドレスは { $ip }、ポートは
    p1 × 256 + p2 = { $p1 } × 256 + { $p2 } = { $port } です
ftp-epsv =
    EPSV (RFC 2428) はポート { $port } だけを示します。アドレスは制御用の接続と同じです。
    この方法は IPv6 でも NAT 越しでも使えます
ftp-retrieved =
    { $file } が欠けずに届きました: { $bytes }で、サーバーのディスクにあるものと同じです
ftp-stored = { $file } がサーバーのディレクトリに入りました。1 バイトも違いません
ftp-transfers =
    { $count } 回の転送に、データ用の接続を { $count } 個使いました。制御用の接続は、ログイン
    から QUIT までずっと同じ 1 つです

## ftp demo: データ用の接続 (ftp-tag-data の後) と最後の行。

# データ用の接続の行の先頭に付ける印。
ftp-tag-data = [データ]

ftp-data-opened-passive =
    接続が開きました: クライアント { $local } -> サーバー { $peer } (パッシブモード: クライアント
    から接続しました)
ftp-data-opened-active =
    接続が開きました: サーバー { $peer } -> クライアント { $local } (アクティブモード: サーバー
    から接続してきました)
ftp-data-closed-by-server =
    { $bytes }を送ったあと、サーバーが接続を閉じました。長さは送られていないので、この close が
    データの終わりの印です
ftp-data-closed-by-client =
    クライアントが { $bytes }を送ってから閉じました。この close が、ファイルが終わった
    ことをサーバーに伝えます
ftp-result =
    結果: { $mode ->
        [active] アクティブモード
       *[passive] パッシブモード
    }。制御用の接続を開いたまま、データ用の接続を { $connections } 個開いて
    閉じました。{ $files } 個のファイルを 1 バイトずつ確かめました

## ftp demo --serve。

ftp-listening =
    { $addr } で待ち受けています (ftp、ファイルは { $root })。どのユーザー名とパスワードでも
    ログインできます。Ctrl-C で止めます
ftp-try = 試すには: { $command }
ftp-limits =
    制限: 1 つのアドレスからのセッションは { $per_address } 個まで、全部で { $sessions } 個まで。
    アップロードは 1 ファイル { $file } まで、全部で { $stored } までです。{ $idle } 秒
    何もしないセッションは閉じられます

## ftp demo: うまくいかないとき。

ftp-download-differs = ダウンロードしたファイルがサーバーのものと違います
ftp-upload-differs = サーバーにアップロードされたファイルが、送ったものと違います
ftp-cannot-make-root = FTP サーバーのディレクトリを作れません
ftp-server-cannot-start = デモのサーバーを起動できませんでした
ftp-demo-stopped = デモが途中で止まりました

## echo demo --unix。

unix-server = エコーサーバーがソケットファイル { $path } ({ $proto }) で待ち受けています。{ $story }
unix-permissions =
    ソケットファイルのモードは { $mode }、所有者は uid { $uid } です。connect() にはこのファイル
    への書き込み権限が要るので、接続できるのはこのユーザーだけです (`ls -l` では srw------- と
    表示されます)。0660 にすると、ファイルのグループも接続できます。ポートは使わず、ほかの
    マシンからは届きません
unix-cannot-examine = ソケットファイルを調べられません: { $error }
unix-removed =
    サーバーは終わるときにソケットファイルを削除しました (ファイルは{ $gone ->
        [yes] もうありません
       *[other] まだ残っています
    })。ファイルが残っていると、次の bind() は EADDRINUSE (アドレスが使用中) で失敗します。そのため
    netlearn echo serve --unix は、見つけた古いファイルを置き換えます
unix-peer =
    Unix ドメインソケット (Unix domain socket) のクライアントは自分のアドレスを持ちません。上のサーバー
    は、connect のときにカーネルが記録したプロセスとユーザーでクライアントを知ります
    (SO_PEERCRED)
unix-verified =
    エコーを確認しました: { $bytes }、1 バイトずつ一致しています。TCP も IP もポートも
    使っていません。カーネルが、一方のソケットのバッファーからもう一方のバッファーへ、
    データを直接コピーしたのです
unix-dgram-own-file =
    データグラムのクライアントは、自分用のファイルにも bind します。そうしないと、サーバーには
    エコーを送り返す宛先がありません
unix-dgram-verified =
    エコーを確認しました: { $bytes }のデータグラム 1 つが、送ったとおり欠けずに届きました
    (Unix のデータグラムソケットは UDP と違い、信頼でき、順番も保たれます。マシンの外へ出ない
    からです)
unix-socketpair =
    socketpair() は、最初から互いにつながった 2 個のソケットを作ります。ファイルも bind も
    listen も accept も要りません。親プロセスが一方を持ち、もう一方を起動した子プロセスに
    渡します (多くのプログラムが、こうして補助のプロセスとやりとりします)
unix-socketpair-received = b は a が送った { $bytes }を受け取りました: { $wire }

## echo demo --vanish。

vanish-server =
    エコーサーバーが { $server } (tcp) で待ち受けています。{ $seconds } 秒のあいだ何も受け取らなかった
    接続は閉じます (アイドルタイムアウト){ $keepalive ->
        [yes] {"。さらに、TCP のキープアライブ (keepalive) が、何も送ってこない相手を毎秒確かめます"}
       *[other] {""}
    }
vanish-polite = クライアント 1 は行儀よく終わります。送信し、エコーを読み、close() します
vanish-fin =
    close() で FIN が送られました。サーバーの recv() はすぐに 0 バイトを返し、サーバーも自分の側を
    閉じました (上の [接続 1] の行を見てください)
vanish-frozen-intro =
    クライアント 2 は別のプロセス (netlearn echo client) です。エコーを 1 回受け取った後、
    SIGSTOP で止められます。固まったプログラムや電源の落ちたマシンのように、何も送らず、接続を
    閉じもしません
vanish-frozen = クライアント 2 を止めました (SIGSTOP)
vanish-waiting =
    接続 2 の recv() はまだ待っています。{ $waited } 秒間なにも届いていません (アイドルタイム
    アウトは { $seconds } 秒)
vanish-keepalive =
    キープアライブでは終わりませんでした。止められたプロセスの代わりにカーネルが確認に応答し
    続けるので、接続は生きているように見えます。キープアライブで見つけられるのは、止まった
    マシンや切れた経路です。固まった相手を見つけられるのは、アプリケーション自身のタイム
    アウトだけです
vanish-forever =
    アイドルタイムアウトがなければ、サーバーはいつまでも待ち続けます。Python のソケットプログラミング
    HOWTO の「もしソケットが close せずに姿を消せば、相手ソケットはこちらが遅いだけだと思って
    ハングしてしまうかもしれない」とは、このことです。ここでクライアント 2 のプロセスを終わらせ
    ました
vanish-no-stdin = 子プロセスの標準入力がありません
vanish-no-stdout = 子プロセスの標準出力がありません
vanish-bad-pid = 子プロセスのプロセス ID が範囲外です

## What went wrong talking FTP in ftp demo. $text, $line and $reply come from the server.
ftp-error-connect = { $addr } に接続できません: { $error }
# $limit: the --timeout, e.g. "5s".
ftp-error-timeout = { $limit } 以内に応答がありません
ftp-error-closed = サーバーが制御用の接続を閉じました
ftp-error-line-too-long = 応答の 1 行が { $max } バイトより長くなっています
ftp-error-too-many-lines = 応答が { $max } 行を超えています
ftp-error-not-a-reply = FTP の応答ではありません: { $line }
# $command: the command sent, e.g. "RETR hello.txt"; $code and $text: the server's reply.
ftp-error-refused = { $command } が失敗しました: { $code } { $text }
ftp-error-bad-passive = 次の応答からデータ用のポートを読み取れません: { $reply }
ftp-error-port-needs-ipv4 =
    PORT は IPv4 アドレスを伝えるコマンドですが、データ用の接続を待ち受けるソケットは IPv6 です
ftp-error-too-much-data = データ用の接続で { $limit } バイトを超えるデータが届きました

## `ftp ls` と `ftp get`: どのサーバーにも使える FTP クライアント。
# FTP のアドレスになっていない指定: 何が与えられ、なぜだめか。
ftp-client-bad-target =
    { $target } は FTP のアドレスではありません ({ $why })。ftp://[ユーザー[:パスワード]@]ホスト[:ポート][/パス]
    か ホスト[:ポート][/パス] の形で書いてください (例: 127.0.0.1:2121/hello.txt)
ftp-client-scheme = スキームが ftp ではなく { $scheme } です
ftp-client-unreadable = URL として読めません
ftp-client-no-host = ホストがありません
# ファイル名のない `ftp get`。
ftp-client-no-file = { $target } にはファイルの名前がありません。パスを付けてください (例: { $target }/hello.txt)
# ホスト名からアドレスが得られなかったとき。
ftp-client-no-address = { $host } には接続できるアドレスがありません
# --output のファイルに書けなかったとき。
ftp-client-cannot-write = { $path } に書き込めません: { $cause }
