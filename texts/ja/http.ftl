# netlearn http get: サーバーとの TLS に失敗した理由。
http-tls-failed = { $host } との TLS に失敗しました: { $reason }
http-tls-broken = ハンドシェイクに失敗しました: { $error }
http-tls-bad-server-name = { $host } は TLS のサーバー名として使えません
http-tls-no-settings = https:// の URL なのに TLS の設定が渡されていません

## netlearn http get: the verdict on the server's certificate chain (a `*` line, and JSON's
## `verification`). $reason: why the chain would have been refused (tls-* in tls.ftl).
http-verified-trusted = 検証しました: 証明書チェーンは信頼できる CA にたどり着き、このホストの名前を含んでいます
http-verified-anyway = 検証しました (--insecure がなくても、このチェーンは検証に通っていました)
http-not-verified = 検証していません (--insecure): { $reason }

## Sizes: a limit in plain bytes (KiB, MiB and GiB are written as symbols).
http-size-bytes = { $n } バイト

## A URL that is not an http:// or https:// target. $url is the text as given, quoted.
http-target-invalid = { $url } は URL ではありません: { $reason }
http-target-scheme =
    { $url }: 使えるのは http:// と https:// だけで、{ $scheme }:// は使えません
http-target-no-host = { $url } にはホストがありません。http://example.com/ のように書いてください

## A response that cannot be read.
http-wire-bad-head = 応答が HTTP ではありません: { $reason }
http-head-header-name = ヘッダー名に使えない文字があります
http-head-header-value = ヘッダーの値に使えない文字があります
http-head-new-line = 改行 (CRLF) があるべきところに別の文字があります
http-head-status = ステータスコードが正しくありません
http-head-token = メソッドや語があるべきところに使えない文字があります
http-head-too-many-headers = ヘッダーが多すぎます
http-head-version = HTTP のバージョンが正しくありません
http-wire-head-too-large = 応答のヘッダー部が上限の { $limit } を超えています
http-wire-too-many-interim = 本当の応答の前に中間応答 (1xx) が上限の { $limit } 個を超えて届きました
http-wire-bad-length = Content-Length の { $value } は数ではありません
http-wire-conflicting-length =
    Content-Length に { $first } と { $second } の 2 つの違う値があり、本文の終わりが決まりません
http-wire-body-too-large = 本文が上限の { $limit } を超えています
http-wire-chunk-extensions-too-large = チャンクの拡張が合計で上限の { $limit } を超えています
http-wire-trailers-too-large =
    最後の チャンクのあとのトレーラーのフィールドが上限の { $limit } を超えています
http-wire-bad-chunk = チャンク形式の符号化 (chunked transfer coding) が壊れています: { $problem }
http-chunk-data-without-crlf = チャンクのデータのあとに CRLF がありません
http-chunk-line-without-crlf = チャンクのサイズの行かトレーラーの行が CRLF で終わっていません
http-chunk-size-line-too-long = チャンクのサイズの行が { $limit } より長くなっています
http-chunk-not-hex = チャンクのサイズ { $size } は 16 進数ではありません

## netlearn http get: an exchange that failed.
http-resolve = { $host } の名前解決ができません: { $error }
http-no-addresses = { $host } の名前解決ができません: アドレスが 1 つもありません
http-connect = { $addr } に接続できません: { $reason }
http-connection-refused =
    接続を拒否されました。そのポートで待ち受けているものはありません。サーバーが動いているか、
    ポート番号が合っているかを確かめてください (手元で試すなら、別の端末で
    netlearn http serve を起動します)
http-timeout = { $phase }で { $after }のあいだ何も届かず、タイムアウトしました
http-deadline = { $phase }の途中で打ち切りました: やりとり全体が上限の { $limit } を超えました
http-phase-resolving = 名前解決
http-phase-connecting = 接続
http-phase-tls-handshake = TLS ハンドシェイク
http-phase-sending-request = 要求の送信
http-phase-half-closing = ハーフクローズ
http-phase-waiting-for-response = 応答の待機
http-phase-reading-body = 本文の読み込み
http-speaks-tls =
    { $addr } は平文の HTTP ではなく TLS で応答しました。このポートでは TLS を使います。
    { $suggestion } を試してください
http-not-tls =
    { $addr } は TLS ではなく平文の HTTP で応答しました。このポートでは平文の HTTP を使います。
    { $suggestion } を試してください
http-closed-before-open = 接続が開く前にサーバーが接続を閉じました
http-closed-before-head =
    サーバーが { $received } バイトを送ったところで、応答のヘッダー部が終わる前に接続を閉じました
http-closed-in-body =
    Content-Length が約束した本文 { $promised } バイトのうち { $received } バイトを送ったところで、
    サーバーが接続を閉じました
http-closed-in-chunked-body = チャンク形式の本文の途中でサーバーが接続を閉じました
http-network = ネットワークのエラーです: { $error }
http-flag-changes-it = { $error } ({ $flag } で変えられます)

## netlearn http serve: why a request was refused (the log's note) and why a connection failed.
http-path-bad-encoding = パスが正しいパーセントエンコーディングの UTF-8 ではありません
http-path-traversal = パスが公開しているディレクトリの外へ出ようとしています ("..")
http-path-forbidden-character = パスに使えない文字 (NUL かバックスラッシュ) が入っています
http-refused-link-outside = シンボリックリンクが公開しているディレクトリの外を指しています
http-refused-not-regular = 通常のファイルではないので公開しません: { $kind }
http-kind-fifo = FIFO (名前付きパイプ)
http-kind-char-device = キャラクターデバイス
http-kind-block-device = ブロックデバイス
http-kind-socket = ソケット
http-kind-other = その他の種類のファイル
http-kind-directory-for-file = ファイルと入れ替わったディレクトリ
http-conn-tls-timeout = TLS ハンドシェイクが時間内に終わりませんでした
http-conn-tls-failed = TLS ハンドシェイクに失敗しました: { $error }
http-conn-incomplete = 要求が終わる前にクライアントが接続を閉じました
http-conn-head-too-large = 要求のヘッダー部 (要求行とヘッダー) が大きすぎます ({ $what })
http-conn-head-timeout = 要求のヘッダー部 (要求行とヘッダー) が時間内に届きませんでした ({ $what })
http-conn-malformed = 正しい HTTP/1.1 の要求ではありません ({ $what })

## netlearn http serve: the pages it sends.
http-page-method-not-allowed = このサーバーはファイルを読むだけです: GET と HEAD
http-page-not-found = そのようなファイルはありません
http-page-add-slash = ディレクトリです: 末尾に / を付けてください
http-page-range = このファイルは { $len } バイトです
http-page-cannot-read = このファイルは読めません
http-page-cannot-list = このディレクトリの一覧を作れません
http-listing-title = { $path } の一覧
http-listing-cut = 最初の { $shown } 件だけを載せています。

## netlearn http get: the `*` lines around an exchange (the demo's share demo-http-* in
## demo.ftl) and its usage errors. $ms is a duration already written with its unit (http-ms);
## quoted values and names came from the network or the command line, escaped.
http-ms = { $ms } ms
http-get-resolved = 名前解決の結果: { $addresses } ({ $ms })
# $version: TLSv1_3 and the like; $suite: the cipher suite's name; $alpn: the protocol agreed.
http-get-tls = { $version }、暗号スイート { $suite }、ALPN { $alpn } ({ $ms })
http-get-alpn-none = なし
# $role: http-get-cert-server for the first certificate, http-get-cert-chain for the others.
http-get-cert = 証明書 { $n } ({ $role }): { $subject }
http-get-cert-server = サーバー
http-get-cert-chain = チェーン
# The next three lines are indented under http-get-cert and aligned with each other.
http-get-cert-issuer = 発行者:   { $issuer }
http-get-cert-names = 名前:     { $names }
http-get-cert-valid = 有効期間: { $from } から { $until } まで
http-get-interim = (途中経過の { $status } の応答です。本当の応答はこの後に来ます)
# $note: one of the two texts after it.
http-get-binary = { $bytes } バイトのバイナリデータ ({ $note })
http-get-binary-not-terminal =
    端末には書き出しません。そのままのバイト列は、出力をリダイレクトするかパイプに渡すと得られます
http-get-binary-body-flag = --body を付けるとそのまま書き出します
http-get-more = … 残り { $bytes } バイトあります (--body ですべて表示します)
http-get-escaped =
    本文の制御文字は、端末ではエスケープして表示しています。正確なバイト列は出力をパイプに渡すと得られます
# $sizes: the chunks' sizes, "5, 5"; $listed: http-get-chunks-listed when only the first are.
http-get-chunked =
    { $bytes } バイト。チャンク形式の転送 (chunked transfer coding) で、{ $sizes } バイトの
    チャンクが { $chunks } 個{ $listed }、最後にサイズ 0 のチャンクが来ました
http-get-chunks-listed = {" "}(最初の { $count } 個だけ示しています)
# The phases of the timings line (demo-http-timings): dns, connect and tls are protocol and call names.
http-get-phase-dns = 名前解決 { $ms }
http-get-phase-connect = 接続 { $ms }
http-get-phase-tls = TLS { $ms }
http-get-fail = サーバーが { $status } { $reason } を返しました (--fail)
# $header: the --header value as typed, quoted.
http-get-header-form = ヘッダー { $header } は "Name: value" の形で書きます
http-get-header-token = ヘッダー { $header }: 名前はトークン、値は 1 行でなければなりません
http-get-tls-flags = --ca-file と --insecure は https:// の URL に使います

## netlearn http serve: its first lines, one log line per request or connection that ended
## badly, and the summary. $conn is the connection's number, $peer the client's address,
## $seconds a duration with its unit (echo-duration-*).
http-serve-listening = HTTP サーバーが { $local } で待ち受けています ({ $scheme }、公開するディレクトリ: { $dir })
http-serve-open = ブラウザで { $url } を開くか、netlearn http get { $url } を実行してください
http-serve-certificate =
    { $names } 用の証明書を使い捨ての CA で作りました。クライアントは --ca-file { $ca } でこれを
    信頼します
http-serve-not-loopback =
    警告: { $addr } はループバックアドレスではありません。ほかのマシンからこのサーバーに接続できます
http-serve-descriptors =
    警告: 開けるファイル記述子は { $limit } 個までです。--max-conns { $max } では、
    ダウンロード 1 つにつき約 2 個必要です
# $reason: the status's reason phrase (OK, Not Found), as HTTP names it; $ms: milliseconds.
http-serve-request = [接続 { $conn }] { $method } { $path } -> { $status } { $reason }、{ $bytes } バイト、{ $ms } ms ({ $peer })
# A refused request's line with why (http-path-*, http-refused-*, or the system's words).
http-serve-request-note = { $line }: { $note }
# $message: http-conn-* or hyper's words.
http-serve-conn-error = [接続 { $conn }] { $peer }: { $message }
http-serve-refused = { $peer } を断りました: すでに { $max } 個の接続が開いています (--max-conns)
http-serve-cut-idle = [接続 { $conn }] { $peer }: { $seconds }の間なにも届かなかったので切断しました (--idle-timeout)
http-serve-cut-grace = [接続 { $conn }] { $peer }: { $seconds }の猶予の後も開いていたので切断しました (--grace)
http-serve-shutting-down =
    終了処理中です: { $open } 個の接続が開いていて、猶予は { $grace }です。もう一度 Ctrl-C を押すと
    すぐに終了します
http-serve-demo-stopped = デモが終わったので、サーバーを止めます
http-serve-summary = { $connections } 個の接続で { $requests } 件の要求に応答しました
# Each is added to http-serve-summary when its count is not zero.
http-serve-summary-refused = 、{ $count } 件を断りました (--max-conns)
http-serve-summary-cut-idle = 、{ $count } 件を無通信で切断しました (--idle-timeout)
http-serve-summary-cut-at-grace = 、{ $count } 件を終了時に切断しました (--grace)
http-serve-summary-errors = 、{ $count } 件がエラーで終わりました
http-serve-summary-dropped = 、ログを { $count } 行捨てました
# $dir: the directory as given; $error: the system's words.
http-serve-cannot-serve = { $dir } を公開できません: { $error }
http-serve-not-a-directory = { $dir } を公開できません: ディレクトリではありません
http-serve-cannot-write = { $file } に書き込めません
http-serve-task-failed = サーバーのタスクが失敗しました
