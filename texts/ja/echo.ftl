# エコーサーバーのログ、エコークライアントのヒント、`netlearn echo demo` の説明。
# ../en/echo.ftl と同じメッセージ。count-* は数とその名詞です。

count-bytes =
    { $count ->
       *[other] { $n } バイト
    }
count-frames =
    { $count ->
       *[other] { $n } フレーム
    }
count-echoes =
    { $count ->
       *[other] { $n } 件のエコー
    }
count-messages =
    { $count ->
       *[other] { $n } 件のメッセージ
    }
count-connections =
    { $count ->
       *[other] { $n } 個の接続
    }
count-open-connections =
    { $count ->
       *[other] { $n } 個の開いている接続
    }
count-datagrams =
    { $count ->
       *[other] { $n } 個のデータグラム
    }
unit-byte =
    { $count ->
       *[other] バイト
    }

echo-framing-name-line = 区切り文字 (line)
echo-framing-name-length = 長さ標識 (length)
echo-framing-name-fixed = 固定長 (fixed:{ $size })
echo-framing-name-raw = 接続を閉じる (raw)
echo-duration-ms = { $ms } ms
echo-duration-s = { $seconds } 秒
echo-bench-mode-throughput = スループット (throughput)
echo-bench-mode-latency = 往復時間 (latency)
echo-bench-mode-connect = 接続の速さ (connect)
echo-tag-server = [サーバー]
echo-tag-client = [クライアント]
echo-tag-conn = [接続 { $conn }]
echo-tag-conn-accepted = [接続]
echo-tag-restart = [再起動]
echo-warning = 警告: { $message }
echo-open = { $peer } から接続されました
echo-received = { $bytes }を受信しました:
echo-closed =
    { $peer } との接続を閉じました: { $reason }。受信 { $bytes_in }、送信 { $bytes_out }、{ $frames }、
    { $ms } ms
echo-reason-peer-closed = 相手が送信側を閉じました
echo-reason-quit = 相手が quit を送りました
echo-reason-frame-too-long = { $bytes } のフレームが --max-frame { $max } を超えています
echo-reason-text-as-length =
    先頭の 4 バイトを長さとして読むと { $length } ("{ $text }") になり、--max-frame { $max } を
    超えます。クライアントは --framing line を使っていませんか？ クライアントとサーバーは同じ
    --framing を使う必要があります
echo-shutting-down =
    終了処理中です: 新しい接続は受け付けず、{ $open }を終えます (最大 { $grace })
echo-summary =
    まとめ: { $traffic }、受信 { $bytes_in }、送信 { $bytes_out }、{ $frames }、稼働 { $uptime } 秒

echo-call-recv = recv() -> { $count } バイト
echo-call-recv-end = recv() -> 0 バイト (ストリームの終わり)
echo-call-send = send({ $count } バイト)
echo-call-recvfrom = recvfrom() -> { $peer } から { $count } バイト
echo-call-sendto = sendto({ $count } バイト, { $peer })
echo-call-socketpair = socketpair(AF_UNIX, SOCK_STREAM) -> 互いにつながった 2 個のソケット
echo-call-poll-ready = poll({ $event }, { $timeout_ms } ms) -> { $waited_ms } ms 後に準備ができました
echo-call-poll-timed-out =
    poll({ $event }, { $timeout_ms } ms) -> { $waited_ms } ms 待ってタイムアウトしました
echo-summary-connections = { $connections } (拒否 { $refused }、終了時に切断 { $cut })
echo-summary-datagrams = { $datagrams } (うち破棄 { $dropped })

echo-framing-hint =
    クライアントとサーバーが同じ --framing を使っているか確かめてください (このクライアントは
    { $framing } です。`netlearn echo serve --framing { $framing }` なら合います。記事の server.py
    には --framing raw が必要です)

echo-story-line = 区切り文字: 改行のバイト (0a) でメッセージが終わります
echo-story-length = 長さ標識: 先頭の 4 バイト (ビッグエンディアン) が続くメッセージのバイト数を示します
echo-story-fixed = 固定長: どのメッセージもちょうど { $size }です
echo-story-raw = 接続を閉じる: 区切りの印はなく、送信側が閉じたところでメッセージが終わります
echo-demo-server-tcp = エコーサーバーが { $server } (tcp) で待ち受けています。{ $story }
echo-demo-server-udp =
    エコーサーバーが { $server } (udp) で待ち受けています。listen() も accept() もなく、1 つの
    データグラムが 1 つのメッセージです
echo-demo-clients-at-once =
    { $clients } 個のクライアントが同時に接続しています。サーバーは最初のクライアントが終わるのを
    待たずに全員を受け付けました (1 つずつ処理するブロッキングのサーバーではこうなりません)
echo-demo-sending = { $bytes }を送信します: { $wire }
echo-demo-write-side-closed =
    送信側を閉じました。サーバーはストリームの終わりまで読み、それでもまだ応答を送れます
echo-demo-verified = エコーを確認しました: { $bytes }、1 バイトずつ一致しています
echo-demo-sending-datagram = { $bytes }のデータグラムを 1 つ送信します: { $wire }
echo-demo-verified-datagram =
    エコーを確認しました: { $bytes }のデータグラム 1 つです。接続は一度も確立しておらず、
    失われていたとしても再送する仕組みはありませんでした
echo-demo-result =
    結果: { $proto }、フレーミングは{ $framing }。{ $echoes }を確認しました。サーバーの受信は
    { $bytes_in }、送信は { $bytes_out }、{ $frames }でした
# データグラムでの実行 (--udp、--unix --udp) のあと: メッセージ 1 件がデータグラム 1 個なので、
# フレーミングの名前は出しません。$proto: udp か unix-dgram。$datagrams: 数と名詞 (count-datagrams)。
echo-demo-result-datagram =
    結果: { $proto }、1 つのデータグラムが 1 つのメッセージです (データグラムは送ったときの境界を
    そのまま保つので、メッセージの終わりを示すフレーミングは要りません)。{ $echoes }を確認しました。
    サーバーの受信は { $bytes_in }、送信は { $bytes_out }、{ $datagrams }でした

echo-peer-process = プロセス { $pid } (uid { $uid })
echo-peer-uid = uid { $uid } のプロセス
echo-peer-unnamed = (名前なし)

echo-listening = { $addr } で待ち受けています ({ $proto }、{ $framing })
echo-listening-mode = { $addr } で待ち受けています ({ $proto }、{ $framing }、パーミッション { $mode })
echo-replaced-stale =
    古いソケットファイルを置き換えました: 誰も待ち受けていませんでした (前の実行がファイルを
    消さずに終わった跡です)

echo-dump-more = { $dump } (残りの { $bytes }は表示していません)
echo-messages-not-shown =
    … { $messages }を表示していません (表示は 1 秒に { $rate } 件までです。-q を付けると、これらの行をすべて表示しません)
echo-calls-not-shown =
    … それより前のソケット呼び出し { $calls } 個を表示していません (クライアントが --trace のために
    取っておくのは直近の { $kept } 個までです)
echo-refused = { $peer } を拒否しました: { $reason }
echo-list-separator = 、
echo-dropped = { $period }に { $datagrams }を捨てました: { $parts }
echo-dropped-last-second = 直近 1 秒間
echo-dropped-last-seconds = 直近 { $seconds } 秒間
echo-dropped-over-rate =
    送信元アドレスごとの上限 { $rate } 個/秒 (--udp-rate) を超えたもの { $count } 個 (送信元アドレス { $sources })
echo-dropped-other-sources = ほかの送信元アドレス ({ $count })
echo-dropped-own-address =
    サーバー自身のアドレスからのもの { $count } 個 (応答すると永遠にループします)
echo-dropped-service-ports = サービスのポートからのもの { $count } 個
echo-dropped-service-ports-example =
    サービスのポートからのもの { $count } 個 (例: { $source }: { $risk })
echo-dropped-invalid = 不正なもの { $count } 個
echo-dropped-invalid-example = 不正なもの { $count } 個 (例: { $reason })
echo-dropped-untrusted-sender = 送信元アドレスが送信側自身のソケットではないもの { $count } 個
echo-dropped-untrusted-sender-example =
    送信元アドレスが送信側自身のソケットではないもの { $count } 個 (例: { $reason })

echo-bench-row-server = サーバー
echo-bench-row-mode = モード
echo-bench-row-connections = 接続
echo-bench-row-message = メッセージ
echo-bench-row-elapsed = 経過時間
echo-bench-row-messages = メッセージ数
echo-bench-row-echoed = エコーした量
echo-bench-row-connection-rate = 接続の速さ
echo-bench-row-rtt = 往復時間
echo-bench-row-lost = 失われたもの
echo-bench-row-errors = エラー
echo-bench-row-verified = 検証
echo-bench-row-first-error = 最初のエラー
echo-bench-server = { $peer } ({ $proto }、フレーミング: { $framing })
echo-bench-connected = { $connections } 個中 { $connected } 個が接続しました
echo-bench-connected-one-by-one = { $connected } 個の接続を開いては閉じました (同時に { $connections } 個)
echo-bench-payload = ペイロード { $count ->
       *[other] { $n } バイト
    }
echo-bench-messages = { $messages } 件 (毎秒 { $rate } 件)
echo-bench-connection-rate = 毎秒 { $rate } 接続
echo-bench-rtt =
    最小 { $min } µs、p50 { $p50 } µs、p90 { $p90 } µs、p99 { $p99 } µs、最大 { $max } µs
echo-bench-lost =
    { $count ->
       *[other] { $n } 個のデータグラム
    } (タイムアウトまでにエコーが返りませんでした)
echo-bench-all-matched = エコーされたバイトはすべて一致しました
echo-bench-mismatches =
    { $count ->
       *[other] { $n } 件の不一致
    }
echo-bench-progress =
    { $seconds } s  接続 { $connected }  メッセージ { $messages } 件  { $mb } MB  エラー { $errors }
