# 初心者が最初に出会うエラーの次の一歩 (src/app/hints.rs)。../en/hints.ftl と同じメッセージ。

hint-in-use = { $addr } ({ $proto }) はすでに使われています: { $what }
hint-in-use-by-program =
    { $program } (pid { $pid }) が { $local } にバインドしています。それを止めるか、--port で別の
    ポートを選んでください (--port 0 ならシステムが空いているポートを選びます)
hint-in-use-by-hidden =
    ほかのプログラムが { $local } にバインドしています (このユーザーからはそのプロセスが見えません。
    `sudo ss -lntup 'sport = :{ $port }'` で分かります)。それを止めるか、--port で別のポートを
    選んでください
hint-in-use-time-wait =
    ポート { $port } を持っているプログラムはなく、閉じた接続が { $connections } 個 TIME_WAIT
    状態で残っているだけです。{ $seconds } 秒以内に消えます。これは SO_REUSEADDR を設定しなかった
    サーバーが残したもので (記事の server.py も設定していません)、Linux では両方が設定したときだけ
    新しいソケットがそのポートを共有できます。待つか、--port で別のポートを選んでください。理由は
    `netlearn explain TIME_WAIT` で分かります
hint-in-use-connections =
    開いている接続 { $connections } 個がポート { $port } を使っています。--port で別のポートを
    選んでください
hint-in-use-unknown =
    ほかのプログラムが使っています (ここからは見えません)。--port で別のポートを選んでください

hint-refused-tcp = 接続が拒否されました (connection refused)
hint-refused-udp = ICMP の「ポート到達不能 (port unreachable)」が返ってきました
hint-refused = { $addr } ({ $proto }) で待ち受けているものはありません: { $how }
hint-refused-start =
    { $addr } ({ $proto }) で待ち受けているものはありません: { $how }。サーバーは動いていますか？
    別の端末で `{ $command }` を実行してサーバーを起動し、もう一度試してください

## Shared by every family: a bad input line quoted in an error, cut because it is long.
# $shown: the escaped start of the line, $length: how many characters the whole line has.
quote-cut = '{ $shown }…' (全部で { $length } 文字)

## Shared by every family: netlearn was started with its standard output closed (`>&-`), so
## whatever it printed would be lost.
stdout-closed = 標準出力が閉じられているため、netlearn の出力を読めません。ファイルか /dev/null にリダイレクトしてください

## Shared by every family: the async runtime (its threads and I/O driver) could not be made, because
## the system refused a thread or a descriptor; the system's own error follows it.
process-no-runtime = 非同期ランタイムを起動できません

## Shared by the servers (echo serve, http serve): their log on standard output, which never
## holds a server up.
server-log-dropped = … ログを { $lines } 行捨てました: ログを読む側がサーバーに追いつけませんでした
server-log-closed =
    サーバーのログをもう書き込めません ({ $why })。サーバーは動き続けます。止めるには Ctrl-C か
    SIGTERM を送ってください
server-log-reader-gone = ログを読んでいたプログラムが終了しました
