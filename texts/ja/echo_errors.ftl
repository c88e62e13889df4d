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
