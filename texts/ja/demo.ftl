# `echo demo` 以外のデモの説明 (echo demo 自体は echo.ftl): `echo demo --nonblocking`、
# `echo demo --reset`、`socket demo`、`http demo`。../en/demo.ftl と同じメッセージ。

demo-nb-server =
    エコーサーバーが { $server } (tcp) で待ち受けています。遅いサーバーに見立てて、エコーを毎回
    { $delay_ms } ms 遅らせて返します
demo-nb-nonblocking =
    ノンブロッキング (non-blocking): ここから先、待つ呼び出しはありません。すぐに終わらない
    呼び出しは、そのことをエラーで知らせてすぐに戻り、プログラムは先へ進みます
demo-nb-in-progress =
    ハンドシェイクは始まりましたが、まだ終わっていません。ソケットが書き込み可能になるのを待ち、
    SO_ERROR で接続できたかどうかを確かめます
demo-nb-connected = getsockopt(SO_ERROR) -> 0: 接続できました
demo-nb-would-block =
    recv() はデータなしで { $us } µs 後に戻りました。エコーはまだ届いていません。呼び出しは待つ
    代わりに「あとでもう一度試してください」と知らせたのです
demo-nb-polled =
    poll() はエコーが届くまで { $ms } ms 待ち、届いたところで recv() がそれを受け取りました:
    { $wire } (実際のプログラムは、こうして多くのソケットを同時に待ちます。select、poll、epoll
    や asyncio は、そのためのしくみです)
demo-nb-blocking = 同じことをブロッキングのソケット (既定) で行います:
demo-nb-stood-still =
    recv() は { $ms } ms のあいだ戻ってきませんでした。エコーが届くまで、プログラムはほかに何も
    できませんでした
demo-nb-result =
    結果: ノンブロッキングでは { $connect }recv() が { $us } µs 後に EWOULDBLOCK を返し、poll() が
    エコーを { $poll_ms } ms 待ちました。ブロッキングでは recv() が { $blocking_ms } ms の
    あいだ戻ってきませんでした (サーバーの遅延は { $delay_ms } ms)。{ $echoes }を確認しました
demo-nb-result-connect = connect() が EINPROGRESS を返し、

demo-reset-server =
    サーバーが { $server } (tcp) で待ち受けています。接続を受け付けると、クライアントが送ったものを読まずに
    閉じます
demo-reset-sending = { $bytes }を送信します: { $wire }
demo-reset-closed =
    受信キューに { $bytes }を未読のまま残して閉じました。このデータはもう誰にも渡せないので、
    カーネルは FIN で穏やかに終える代わりに、接続をリセット (RST) します
demo-reset-recv-fails =
    recv() は ConnectionResetError: [Errno 104] Connection reset by peer で失敗します。リセットは
    途中のデータをすべて捨ててしまいます。プログラムはリセットされたことを、次の呼び出しが返す
    このエラーで知ります

demo-socket-refused-free = このポートが空いていることは先ほど確かめました。いまも、このポートで待ち受けているソケットはありません
demo-socket-refused-rst =
    クライアントの SYN にはリセット (RST) が返ってきました。カーネルが、そのポートで待ち受けている
    ソケットを見つけられなかったのです。「接続拒否 (connection refused)」の意味はそれだけです
demo-socket-refused-hint = netlearn のクライアントは、これを次のように伝えます: { $hint }
demo-socket-udp-send =
    UDP にはハンドシェイクがないので、誰も待ち受けていなくても send() は成功します。カーネルは
    そのデータグラムに、ICMP の「ポート到達不能 (port unreachable)」で応答します
demo-socket-udp-recv =
    接続済みの UDP ソケットは、その ICMP の応答を次の呼び出しで知らせます。recv() が
    ECONNREFUSED で失敗するのです。接続していないソケット (connect なしで sendto したもの) には
    知らされません
demo-socket-in-use =
    { $addr } で待ち受けられるソケットは 1 つだけです。SO_REUSEADDR を設定しても、2 つ目の
    サーバーが同じアドレスで待ち受けることはできません。Linux で SO_REUSEADDR が許すのは、
    TIME_WAIT の古い接続が残っているポートに、新しいソケットをバインドすることだけです
demo-socket-round-1 = 1 回目: 記事の server.py と同じく、SO_REUSEADDR を設定しないサーバー
demo-socket-round-2 = 2 回目: 同じサーバーに、netlearn のサーバーと同じく SO_REUSEADDR を設定します
demo-socket-time-wait =
    先に接続を閉じたのはサーバーです ("quit" を受け取ったあと)。そのためサーバー側の接続は
    FIN_WAIT を経て TIME_WAIT になり、そのまま 60 秒 (最大セグメント寿命の 2 倍) 残ります。
    遅れて届いたこの接続のパケットが、同じポートの新しい接続のものと取り違えられないように
    するためです
demo-socket-restart-refused =
    待ち受けのソケットはもう閉じたのに、bind() は失敗しました。TIME_WAIT の接続がまだポート
    { $port } を使っているからです。Linux では、古いソケットにも SO_REUSEADDR が設定されて
    いたときだけ、新しいソケットがそのポートを一緒に使えます。記事の server.py を止めてから
    1 分以内に起動し直すと "Address already in use" になるのは、このためです
demo-socket-restart-ok =
    古いソケットにも新しいソケットにも SO_REUSEADDR が設定されていれば、TIME_WAIT の接続が
    残っていても、起動し直したサーバーはすぐにバインドできます。サーバーのソケットには、必ず
    bind() の前に設定しましょう
demo-socket-holder =
    /proc で調べると、このポートを使っているのは { $program } (pid { $pid }) で、{ $local } で
    待ち受けています。このデモが最初に作ったソケットです。実際にこうなったときは、そのプログラムを
    止めるか、サーバーに別のポートを使わせます (--port 0 を指定すると、システムが空いている
    ポートを選びます)
demo-socket-holder-unknown = /proc で調べた結果: { $holder }
demo-socket-table = {"  "}ポート { $port } の接続の状態 (カーネルの表 /proc/net/tcp):
demo-socket-stopped =
    デモが途中で止まりました: { $error } (ループバックインターフェースは起動していますか？
    `ip link set lo up` で起動できます)
demo-socket-time-left = {" "}(残り { $seconds } 秒。持ち主のプロセスはもうありません)

demo-http-server = サーバー: { $url } (デモのページを配信しています。ログは最後に表示します)
demo-http-server-log = サーバーのログ:
demo-http-connected = { $local } から { $peer } に接続しました ({ $ms })
demo-http-half-closed =
    shutdown(SHUT_WR): 要求を送り終えたので、こちらの送信側を閉じました (ハーフクローズ)。
    サーバーはそれでも応答を送れます
demo-http-body = 本文 (ボディ): { $framing }
demo-http-body-none = 本文なし (HEAD への応答と、1xx、204、304 の応答には本文がありません)
demo-http-cannot-listen = 127.0.0.1 で待ち受けられません
demo-http-body-length = { $bytes }。長さは Content-Length で示されています
demo-http-body-until-close =
    { $bytes }。長さの指定はなく、サーバーが接続を閉じたところで終わりました
demo-http-timings = 所要時間: { $phases }
demo-http-first-byte = 最初のバイトまで { $ms }
demo-http-total = 合計 { $ms }

## echo demo --zero-copy

demo-zc-intro =
    ゼロコピー (zero-copy): 同じ raw のエコーサーバーを 127.0.0.1 で 2 回動かし、それぞれに 1 個の
    接続で { $seconds }間データを流します
demo-zc-no-splice =
    このシステムには splice(2) がありません。どちらのサーバーもコピーするので、2 つの値はほぼ同じ
    になるはずです
demo-zc-splice =
    splice(2): ソケット → パイプ → 同じソケット。バイトはサーバーのメモリーに入りません: { $rate }
    ({ $bytes } をエコー)
demo-zc-copy =
    read() + write(): ソケット → サーバーのバッファー → ソケット。どのバイトも 2 回コピーします:
    { $rate } ({ $bytes } をエコー)
demo-zc-result =
    結果: splice はコピーする場合の { $ratio } 倍の速さでエコーしました (同じプロセスにいる
    クライアントは、送るバイトと読むバイトを今もコピーしています)
demo-zc-mismatch = 送ったものと違うエコーが返ってきました
