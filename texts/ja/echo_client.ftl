# `netlearn echo client`: 止まった理由、プロンプトでの表示、--count の報告。../en/echo_client.ftl と同じメッセージ。

## クライアントが止まった理由 ("netlearn: error: " の後、または --count の報告の result)。
echo-client-connect = { $addr } に接続できません: { $cause }
echo-client-address-does-not-fit =
    { $addr } に接続できません: このアドレスはトランスポート ({ $proto }) に合いません
echo-client-timeout =
    { $waited }待ってもエコーが返ってきません: { $expected } バイトのうち { $received } バイトを受け取りました
echo-client-closed =
    サーバーは { $expected } バイトのうち { $received } バイトをエコーしたところで接続を閉じました
echo-client-other-framing = { $error }: { $hint }
echo-client-unix-nothing-listens =
    { $path } ({ $proto }) で待ち受けているものはありません: { $what }。サーバーは動いていますか？
    別の端末で `netlearn echo serve --unix { $path }{ $udp }` を実行してサーバーを起動し、もう一度
    試してください
echo-client-unix-stale =
    ソケットファイルはありますが、そこで受け付けているサーバーはありません (終了したサーバーが
    消さずに残したものです)
echo-client-unix-missing = そのパスにソケットファイルがありません
echo-client-unix-not-a-socket =
    { $path } はソケットではなく{ $kind }なので、サーバーにはつながりません: --unix には、サーバーが
    待ち受けているソケットファイル (サーバーの最初の行 `listening on PATH` に出ます) を指定するか、
    空いているパスでサーバーを起動してください (例: `netlearn echo serve --unix { $example }{ $udp }`)
echo-client-kind-file = 通常のファイル
echo-client-kind-fifo = FIFO (名前付きパイプ)
echo-client-kind-directory = ディレクトリ
echo-client-kind-other = デバイスなど、ほかの種類のファイル

## クライアント自身の仕組みの失敗。
echo-client-no-editor = 行エディターを起動できません
echo-client-no-terminal = 端末から読み込めません
echo-client-size-not-fixed =
    --size { $size } は --framing fixed:{ $frame } に合いません: 固定長のフレーミングではちょうど
    { $frame } バイトを送ります

## 対話的なプロンプト。
echo-client-connected =
    { $local } から { $peer } に接続しました ({ $proto }、フレーミング (framing) は { $framing }: { $how })。
    メッセージを入力してください。"quit" か Ctrl-D で終わります。
echo-client-how-raw = 各行を改行なしで入力どおりに送ります。記事のクライアントと同じです
echo-client-how-line = 各行を改行つきで送ります
echo-client-how-length = 各行の前に 4 バイトの長さ標識を付けて送ります
echo-client-how-fixed = 各行を埋めて 1 つの固定長のフレームにします
echo-client-echo = エコー: { $echoed }  ({ $us } µs)
echo-client-echo-differs =
    エコー: { $echoed }  ({ $us } µs、送ったものと違います: { $hint })
echo-client-cannot-send = それは送れません: { $reason }
echo-client-datagram-lost = { $error } (データグラムは再送されません。もう一度試してください)
echo-client-server-gone =
    サーバーが接続を閉じました (止められたか、セッションを終えました)。これ以上は送れません
echo-client-server-gone-enter = { $gone }: Enter キーを押すと終わります

## "quit" の後。
echo-client-quit-closed = サーバーが接続を閉じました
echo-client-quit-echoed =
    サーバーは接続を閉じずに "quit\n" を送り返してきました: このサーバーは quit の行では終わりません
    (記事の server.py は recv() で受け取ったものをそのまま "quit" と比べますが、line フレーミングは
    どのメッセージにも改行を付けます。サーバーはその改行もメッセージごとに表示していたはずです)。
    記事のクライアントと同じように改行なしの "quit" を送りました: { $then }。このようなサーバーには
    --framing raw を使ってください。入力したものをそのまま、Enter ごとに 1 つのメッセージとして送ります
echo-client-quit-bare-closed = サーバーが接続を閉じました
echo-client-quit-bare-open = サーバーはまだ閉じないので、こちらの接続を閉じます
echo-client-quit-still-open =
    quit から { $seconds } 秒たってもサーバーが接続を閉じないので、こちらの接続を閉じます
    (サーバーは "quit" で終わりますか？ { $framing } フレーミングでは、クライアントは { $sent } を送りました)

## --count の報告: 行の名前と、その値。
echo-client-row-server = サーバー
echo-client-row-messages = メッセージ
echo-client-row-payload = ペイロード
echo-client-row-rtt = 往復時間
echo-client-row-result = 結果
# --count の報告のサーバーの行: アドレス、トランスポート、--framing の値。
echo-client-server = { $peer } ({ $proto }、{ $framing })
echo-client-messages =
    送信 { $sent }、エコー { $echoed }、不一致 { $mismatched }
echo-client-payload = 各 { $bytes }
echo-client-rtt = 最小 { $min } µs、p50 { $p50 } µs、p99 { $p99 } µs、最大 { $max } µs
echo-client-stopped = 途中で止まりました: { $error }
echo-client-all-matched = すべてのエコーが送ったものと一致しました
echo-client-some-differed = 送ったものと違うエコーがありました: { $hint }
