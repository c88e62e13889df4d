# echo の制限と拒否: サーバーが報告する型付きの値から文にします。

## 接続が閉じた理由 (サーバーのログの「閉じました:」の後)。
echo-reason-idle = { $seconds } 秒間やり取りがありませんでした
echo-reason-shutdown = サーバーが終了処理中です
echo-reason-too-many = 拒否しました: すでに { $max } 個の接続が開いています (--max-conns)
echo-reason-error = エラー: { $message }

## データグラムをエコーせずに捨てた理由 (JSON の invalid_example にも入ります)。
echo-invalid-over-max-frame = { $len } バイトのデータグラムが --max-frame { $max } を超えています
echo-invalid-longer-than-fixed =
    { $len } バイトのデータグラムは固定長フレームの { $size } バイトより長いです
echo-invalid-short-for-prefix =
    { $len } バイトのデータグラムは 4 バイトの長さプレフィックスより短いです
echo-invalid-prefix-disagrees =
    長さプレフィックスは { $declared } バイトですが、データグラムが運んでいるのは { $carried } バイトです
echo-invalid-unnamed-sender =
    送信元が自分のソケットファイルを持たないため、エコーを送り返す先がありません (クライアントの
    ソケットを先にパスへ bind してください)

## echo bench。
echo-bench-udp-needs-latency =
    UDP には測るストリームも接続もありません: --udp には --mode latency を使ってください

## サーバーのログの警告 (「警告: 」の後)。サーバーは動き続けます。
echo-warning-accept = accept に失敗しました: { $error }
echo-warning-recvfrom = recvfrom に失敗しました: { $error }
echo-warning-sendto = { $peer } への sendto に失敗しました: { $error }
echo-warning-not-loopback =
    { $addr } はループバックアドレスではありません: ほかのマシンからこのエコーサーバーに接続できます

## フレームの途中で相手が閉じたときに残っていたもの (「[conn N] 」の後)。
echo-tail = { $tail } (それでも { $bytes } をエコーしました)
echo-tail-unterminated = 最後の { $bytes } に改行がありませんでした
echo-tail-short-frame = 最後のフレームは { $expected } のうち { $len } バイトでした
echo-tail-truncated = フレームが揃うまで { $missing } 足りないままストリームが終わりました

## 送信元ポートを見てデータグラムに応答しない理由 (捨てた件数の行に例として 1 つ)。
echo-risk-port-zero = 送信元ポート 0 は正しい送信元ではないため、応答しません
echo-risk-service = 送信元ポート { $port } ({ $service }) には応答しません
echo-risk-service-rfc = 送信元ポート { $port } ({ $service }、RFC { $rfc }) には応答しません
echo-risk-echo-loop =
    送信元ポート { $port } (echo、RFC 862: 2 つのエコーサーバーが永遠に打ち返し合います) には応答しません
echo-risk-chargen-loop =
    送信元ポート { $port } (chargen、RFC 864: 古典的な echo/chargen のループ) には応答しません
echo-risk-well-known = 送信元ポート { $port } はウェルノウンポートなので応答しません
echo-risk-reflector =
    送信元ポート { $port } ({ $name }) は既知のリフレクター (reflector) なので応答しません

## Framing: a --framing value that is not one, and a message a framing cannot carry.
# $value: what was typed, e.g. "lines".
echo-framing-unknown =
    '{ $value }' というフレーミングはありません: line、length、fixed:N、raw のどれかを指定してください
echo-framing-bad-fixed-size =
    固定長のフレームの大きさ '{ $value }' は使えません: 1 から { $max } までのバイト数 (整数) を指定してください
echo-encode-newline-in-line = 行で区切るフレーミング (line) のメッセージには改行のバイトを入れられません
echo-encode-wrong-fixed-size =
    メッセージは { $len } バイトですが、固定長のフレーミングではちょうど { $size } バイトが必要です
echo-encode-too-long-for-prefix =
    メッセージは { $len } バイトあり、u32 の長さプレフィックスで表せる大きさを超えています
