# `echo demo` 以外のデモの説明 (echo demo 自体は echo.ftl): `echo demo --nonblocking`、
# `echo demo --reset`、`socket demo`、`http demo`。../en/demo.ftl と同じメッセージ。

demo-nb-server =
    エコーサーバーは { $server } (tcp) です。遅いサーバーの代わりに、エコーを毎回 { $delay_ms } ms
    遅らせて返します
demo-nb-nonblocking =
    ノンブロッキング (non-blocking): ここから先、待つ呼び出しはありません。すぐに終えられない
    呼び出しはそう告げるエラーを返し、プログラムは先へ進みます
demo-nb-in-progress =
    ハンドシェイクは始まりましたが、まだ終わっていません。ソケットが書き込み可能になるまで待ち、
    SO_ERROR で接続できたかどうかを確かめます
demo-nb-connected = getsockopt(SO_ERROR) -> 0: 接続できました
demo-nb-would-block =
    recv() はデータなしで { $us } µs 後に戻りました。エコーはまだ届いておらず、呼び出しは待つ
    代わりに「あとでもう一度試してください」と告げます
demo-nb-polled =
    poll() はエコーが届くまで { $ms } ms 眠り、そのあと recv() が受け取りました: { $wire }
    (実際のプログラムはこうして多くのソケットを一度に待ちます。select/poll/epoll や asyncio は
    そのためのものです)
demo-nb-blocking = 同じことをブロッキングのソケット (既定) で行います:
demo-nb-stood-still =
    recv() は { $ms } ms 止まっていました。エコーが来るまで、プログラムはほかに何もできません
    でした
demo-nb-result =
    結果: ノンブロッキングでは { $connect }recv() が { $us } µs 後に EWOULDBLOCK を返し、poll() は
    エコーを { $poll_ms } ms 待ちました。ブロッキングでは recv() が { $blocking_ms } ms 止まって
    いました (サーバーの遅延は { $delay_ms } ms)。{ $echoes }を確認しました
demo-nb-result-connect = connect() が EINPROGRESS を返し、

demo-reset-server =
    サーバーは { $server } (tcp) です。接続を受け付けると、クライアントが送ったものを読まずに
    閉じます
demo-reset-sending = { $bytes }を送信します: { $wire }
demo-reset-closed =
    受信キューに { $bytes }を未読のまま閉じました。データはもう届けられないので、カーネルは
    FIN で終える代わりに接続をリセット (RST) します
demo-reset-recv-fails =
    recv() は失敗します: ConnectionResetError: [Errno 104] Connection reset by peer。リセットは
    途中のデータをすべて捨て、プログラムは次の呼び出しでこのエラーとして受け取ります

demo-socket-refused-free = このポートはさっきまで空いていて、今はどのソケットも待ち受けていません
demo-socket-refused-rst =
    クライアントの SYN にはリセット (RST) が返りました: カーネルはそのポートで待ち受けている
    ソケットを見つけられませんでした。「接続拒否 (connection refused)」の意味はそれだけです
demo-socket-refused-hint = netlearn のクライアントは次のように伝えます: { $hint }
demo-socket-udp-send =
    UDP にはハンドシェイクがないので、誰も待ち受けていなくても send() は成功します。カーネルは
    そのデータグラムに ICMP の「ポート到達不能 (port unreachable)」メッセージで応答します
demo-socket-udp-recv =
    接続済みの UDP ソケットは、その ICMP の応答を次の呼び出しで知らせます: recv() が
    ECONNREFUSED で失敗します。接続していないソケット (connect なしの sendto) には届きません
demo-socket-in-use =
    { $addr } で待ち受けられるソケットは 1 つだけです。SO_REUSEADDR を使っても 2 つ目の
    サーバーは入れません (Linux では、TIME_WAIT の古い接続があっても新しいソケットをバインド
    できるようにするだけです)
demo-socket-round-1 = 1 回目: 記事の server.py のように SO_REUSEADDR を設定しないサーバー
demo-socket-round-2 = 2 回目: netlearn のサーバーと同じく SO_REUSEADDR を設定した同じサーバー
demo-socket-time-wait =
    サーバーが先に接続を閉じた ("quit" のあと) ので、サーバー側は FIN_WAIT から TIME_WAIT に
    移り、60 秒 (最大セグメント寿命の 2 倍) そのままです。この接続の遅れたパケットが新しい接続の
    ものと取り違えられないようにするためです
demo-socket-restart-refused =
    サーバーは待ち受けのソケットを閉じたのに、bind() が失敗します。TIME_WAIT の接続がまだ
    ポート { $port } を使っていて、Linux は古いソケットにも SO_REUSEADDR があったときだけ新しい
    ソケットとのポートの共有を認めるからです。記事の server.py を 1 分以内に再起動すると
    "Address already in use" と言われるのはこのためです
demo-socket-restart-ok =
    両方のソケットに SO_REUSEADDR があれば、TIME_WAIT があってもなくても再起動したサーバーは
    すぐにバインドできます。サーバーのソケットには必ず bind() の前に設定しましょう
demo-socket-holder =
    /proc によると、使っているのは { $program } (pid { $pid }) で、{ $local } で待ち受けています。
    このデモ自身の最初のソケットです。こういうとき、サーバーはもう一方のプログラムを止めるか、
    別のポートを選びます (--port 0 ならシステムが空いているポートを選びます)
demo-socket-holder-unknown = /proc によると: { $holder }
demo-socket-table = {"  "}ポート { $port } のカーネルの表 (/proc/net/tcp) は今こうです:
demo-socket-stopped =
    デモが途中で止まりました: { $error } (ループバックインターフェースは起動していますか?
    `ip link set lo up` で起動できます)
demo-socket-time-left = 。残り { $seconds } 秒、どのプロセスも持っていません

demo-http-server = サーバー: { $url } (デモのページを配信しています。ログは最後にあります)
demo-http-server-log = サーバーのログ:
demo-http-connected = { $peer } に { $local } から接続しました ({ $ms })
demo-http-half-closed =
    shutdown(SHUT_WR): 要求を送り終えたので、こちらの送信側を閉じました (ハーフクローズ)。
    サーバーはそれでも応答を送れます
demo-http-body = 本文 (ボディ): { $framing }
demo-http-body-none = 本文なし (HEAD、1xx、204、304 には本文がありません)
demo-http-cannot-listen = 127.0.0.1 で待ち受けられません
demo-http-body-length = { $bytes }。Content-Length で長さが示されています
demo-http-body-until-close =
    { $bytes }。長さの指定はなく、サーバーが接続を閉じたところで終わりました
demo-http-timings = 所要時間: { $phases }
demo-http-first-byte = 最初のバイトまで { $ms }
demo-http-total = 合計 { $ms }
