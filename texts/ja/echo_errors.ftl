# echo の制限と拒否: サーバーが報告する型付きの値から文にします。

## 接続が閉じた理由 (サーバーのログの「閉じました:」の後)。
echo-reason-idle = { $seconds } 秒間やりとりがありませんでした
echo-reason-shutdown = サーバーが終了処理中です
echo-reason-too-many = 拒否しました: すでに { $max } 個の接続が開いています (--max-conns)
echo-reason-error = エラー: { $message }

## データグラムをエコーせずに捨てた理由 (JSON の invalid_example にも入ります)。
echo-invalid-over-max-frame = { $bytes }のデータグラムが --max-frame { $max } を超えています
echo-invalid-longer-than-fixed =
    { $bytes }のデータグラムは固定長のフレームの { $size } バイトより長いです
echo-invalid-short-for-prefix =
    { $bytes }のデータグラムは 4 バイトの長さ標識より短いです
echo-invalid-prefix-disagrees =
    長さ標識は { $bytes }ですが、データグラムが運んでいるのは { $carried } バイトです
echo-invalid-unnamed-sender =
    送信側が自分のソケットファイルを持たないため、エコーを送り返す先がありません (クライアントの
    ソケットを先にパスへ bind してください)

## Unix データグラムを送信元アドレスへ返さなかった理由: そこにあるファイルがもう送信側自身の
## ソケットではなく、エコーが別のソケットに届くおそれがあります (JSON の
## untrusted_sender_example にも入ります)。
echo-sender-from-uid = uid { $uid } から: { $risk }
echo-sender-no-credentials = カーネルが送信側の資格情報 (credentials) を付けていません
echo-sender-gone = そのアドレスにはもうファイルがありません
echo-sender-link =
    そのアドレスが今はシンボリックリンクになっていて、どのソケットにでもつながりえます
echo-sender-not-socket = そのアドレスはもうソケットではありません
echo-sender-other-owner =
    そのアドレスのソケットは送信側のものではなく uid { $owner } のものです
echo-sender-unreachable = そのアドレスを開けません: { $error }

## netlearn がメモリーに置ける量を超える大きさ (終了コード 2)。
echo-size-over-max =
    1 メッセージあたりの上限 { $max_mib } MiB ({ $max } バイト) を超えています (メッセージは
    1 つずつ丸ごとメモリーに置かれます)
echo-bench-over-memory =
    --connections { $connections } と --size { $size } では、同時にメモリーに置くメッセージが
    { $held } になり、上限の { $max_mib } MiB を超えます: 接続の数を減らすか、--size を
    小さくしてください

## echo bench。
echo-bench-udp-needs-latency =
    UDP には測るストリームも接続もありません: --udp には --mode latency を使ってください
echo-bench-message =
    { $size } バイトのメッセージを { $framing } でフレームにできません: { $error }
echo-bench-no-connection =
    { $peer } への接続を 1 つも開けませんでした: { $first_error }。サーバーが動いているか、
    アドレスとポートが合っているか確かめてください
echo-bench-no-attempt = 一度も試していません
echo-bench-not-inet = { $peer } は IP アドレスとポートではありません
echo-bench-udp-socket = { $peer } に向けた UDP ソケットを用意できませんでした: { $error }
echo-bench-connect = { $peer } への connect に失敗しました: { $error }
echo-bench-send = send に失敗しました: { $error }
echo-bench-sendto = sendto に失敗しました: { $error }
echo-bench-recv = recv に失敗しました: { $error }
echo-bench-exchange = エコーのやりとりに失敗しました: { $error }
echo-bench-connect-exchange = 接続してエコーをやりとりする途中で失敗しました: { $error }
echo-bench-no-echo = { $waited }以内にエコーが返りませんでした
echo-bench-stopped-reading = サーバーが { $waited }の間データを読み取りませんでした
echo-bench-closed-early =
    サーバーは { $bytes }をエコーしたところで接続を閉じました
echo-bench-unframeable = データグラムをフレームにできませんでした
echo-bench-task-panicked = 計測のタスクが異常終了しました (netlearn の不具合です。報告してください)
echo-bench-task-cancelled = 計測のタスクが終わる前に取り消されました

## サーバーのログの警告 (「警告: 」の後)。サーバーは動き続けます。
echo-warning-accept = accept に失敗しました: { $error }
echo-warning-recvfrom = recvfrom に失敗しました: { $error }
echo-warning-sendto = { $peer } への sendto に失敗しました: { $error }
echo-warning-not-loopback =
    { $addr } はループバックアドレスではありません: ほかのマシンからこのエコーサーバーに接続できます

## フレームの途中で相手が閉じたときに残っていたもの (「[conn N] 」の後)。
echo-tail = { $tail } (それでも { $bytes }をエコーしました)
echo-tail-unterminated = 最後の { $bytes }に改行がありませんでした
echo-tail-short-frame = 最後のフレームは { $expected }のうち { $len } バイトでした
echo-tail-truncated = フレームが揃うまで { $missing }足りないままストリームが終わりました

## 送信元ポートを見てデータグラムに応答しない理由 (捨てた件数の行に例として 1 つ)。
echo-risk-port-zero = 送信元ポート 0 は正しい送信元ポートではないため、応答しません
echo-risk-service = 送信元ポート { $port } ({ $service }) には応答しません
echo-risk-service-rfc = 送信元ポート { $port } ({ $service }、RFC { $rfc }) には応答しません
echo-risk-echo-loop =
    送信元ポート { $port } (echo、RFC 862: 2 つのエコーサーバーが永遠に打ち返し合います) には応答しません
echo-risk-chargen-loop =
    送信元ポート { $port } (chargen、RFC 864: 古典的な echo/chargen のループ) には応答しません
echo-risk-well-known = 送信元ポート { $port } はウェルノウンポートなので応答しません
echo-risk-reflector =
    送信元ポート { $port } ({ $name }) は既知のリフレクター (reflector) なので応答しません

## Framing: a --framing value that is not one, and a message a framing cannot carry.
# $value: what was typed, e.g. "lines".
echo-framing-unknown =
    '{ $value }' というフレーミングはありません: line、length、fixed:N、raw のどれかを指定してください
echo-framing-bad-fixed-size =
    固定長のフレームの大きさ '{ $value }' は使えません: 1 から { $max } までのバイト数 (整数) を指定してください
echo-encode-newline-in-line = 区切り文字のフレーミング (line) のメッセージには改行のバイトを入れられません
echo-encode-wrong-fixed-size =
    メッセージは { $len } バイトですが、固定長のフレーミングではちょうど { $size } バイトが必要です
echo-encode-too-long-for-prefix =
    メッセージは { $len } バイトあり、u32 の長さ標識で表せる大きさを超えています

## 使えない --unix のソケットファイル (サーバーは起動しません)。
echo-unix-in-use =
    { $path } で待ち受けられません: ほかのサーバーがこのファイルで接続を受け付けています
    (そのサーバーを止めるか、--unix に別のパスを指定してください)
echo-unix-not-a-socket =
    { $path } で待ち受けられません: このパスにはソケットではないファイルがあるので、そのままに
    しておきます (--unix に別のパスを指定してください)
echo-unix-unprobed =
    { $path } で待ち受けられません: ソケットファイルはありますが、サーバーが使っているかどうかを
    確かめられません ({ $error })。ファイルの権限を確かめるか、--unix に別のパスを指定してください
echo-unix-io = { $path } で待ち受けられません: { $error }

## `echo demo` が止まった理由。
echo-demo-error-encode =
    { $framing } のフレーミングではこのメッセージを運べません: { $error }
echo-demo-error-bind = デモのサーバーを起動できませんでした: { $error }
echo-demo-error-client = クライアント { $client }: { $error }
echo-demo-error-timeout =
    クライアント { $client }: { $waited }以内にエコーが最後まで返りませんでした
echo-demo-error-stalled =
    クライアント { $client }: { $step } が { $waited }以内に終わりませんでした
echo-demo-error-mismatch = クライアント { $client }: エコーが送ったものと違います
echo-demo-error-early =
    クライアント { $client }: サーバーが遅らせるより前にエコーが届いたため、recv() は待たずに
    済みました
echo-demo-error-stopped = デモが途中で止まりました

## echo demo に指定されたもの (終了コード 2)。
echo-demo-unframeable = { $framing } のフレーミングでは { $message } を運べません: { $error }
echo-demo-delay-not-shorter =
    --delay { $delay } は --timeout { $timeout } より短くしてください。そうでないと、どの待ち時間も
    タイムアウトになります

## echo serve。
echo-server-stopped = エコーサーバーが途中で止まりました

## いっしょに使えないフラグと、使えないポート。
echo-bench-unix-dgram =
    --unix と --udp: echo bench が測れるのは Unix のストリームソケットだけです。--udp を外してください
echo-fixed-over-max-frame =
    --framing fixed:{ $size } が --max-frame { $max } より大きいです: --max-frame を大きくするか、
    フレームを小さくしてください
echo-cannot-listen = { $addr } (tcp) で待ち受けられません: { $error }
echo-cannot-bind = { $addr } (udp) に bind できません: { $error }
