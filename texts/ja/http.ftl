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
http-size-bytes = { $n } バイト

## A URL that is not an http:// or https:// target. $url is the text as given, quoted.
http-target-invalid = { $url } は URL ではありません: { $reason }
http-target-scheme =
    { $url }: 使えるのは http:// と https:// だけで、{ $scheme }:// は使えません
http-target-no-host = { $url } にはホストがありません。http://example.com/ のように書いてください

## A response that cannot be read.
http-wire-bad-head = 応答が HTTP ではありません: { $reason }
http-wire-head-too-large = 応答のヘッダー部が上限の { $limit } を超えています
http-wire-too-many-interim = 本当の応答の前に中間応答 (1xx) が上限の { $limit } 個を超えて届きました
http-wire-bad-length = Content-Length の { $value } は数ではありません
http-wire-conflicting-length =
    Content-Length に { $first } と { $second } の 2 つの違う値があり、本文の終わりが決まりません
http-wire-body-too-large = 本文が上限の { $limit } を超えています
http-wire-chunk-extensions-too-large = chunk の拡張が合計で上限の { $limit } を超えています
http-wire-trailers-too-large =
    最後の chunk のあとのトレーラーのフィールドが上限の { $limit } を超えています
http-wire-bad-chunk = chunk 形式の符号化 (chunked transfer coding) が壊れています: { $problem }
http-chunk-data-without-crlf = chunk のデータのあとに CRLF がありません
http-chunk-line-without-crlf = chunk のサイズの行かトレーラーの行が CRLF で終わっていません
http-chunk-size-line-too-long = chunk のサイズの行が { $limit } より長くなっています
http-chunk-not-hex = chunk のサイズ { $size } は 16 進数ではありません

## netlearn http get: an exchange that failed.
http-resolve = { $host } の名前解決ができません: { $error }
http-no-addresses = { $host } の名前解決ができません: アドレスが 1 つもありません
http-connect = { $addr } に接続できません: { $reason }
http-connection-refused =
    接続を拒否されました。そのポートで待ち受けているものはありません。サーバーが動いているか、
    ポート番号が合っているかを確かめてください (手元で試すなら、別の端末で
    netlearn http serve を起動します)
http-timeout = { $phase }で { $after } のあいだ何も届かず、タイムアウトしました
http-deadline = { $phase }の途中で打ち切りました: やり取り全体が上限の { $limit } を超えました
http-phase-resolving = 名前解決
http-phase-connecting = 接続
http-phase-tls-handshake = TLS ハンドシェイク
http-phase-sending-request = リクエストの送信
http-phase-half-closing = ハーフクローズ
http-phase-waiting-for-response = 応答の待機
http-phase-reading-body = 本文の読み込み
http-speaks-tls =
    { $addr } は平文の HTTP ではなく TLS で応答しました。このポートは TLS を話します。
    { $suggestion } を試してください
http-not-tls =
    { $addr } は TLS ではなく平文の HTTP で応答しました。このポートは平文の HTTP を話します。
    { $suggestion } を試してください
http-closed-before-open = 接続が開く前にサーバーが接続を閉じました
http-closed-before-head =
    サーバーが { $received } バイトを送ったところで、応答のヘッダー部が終わる前に接続を閉じました
http-closed-in-body =
    Content-Length が約束した本文 { $promised } バイトのうち { $received } バイトを送ったところで、
    サーバーが接続を閉じました
http-closed-in-chunked-body = chunk 形式の本文の途中でサーバーが接続を閉じました
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

## netlearn http serve: the pages it sends.
http-page-method-not-allowed = このサーバーはファイルを読むだけです: GET と HEAD
http-page-not-found = そのようなファイルはありません
http-page-add-slash = ディレクトリです: 末尾に / を付けてください
http-page-range = このファイルは { $len } バイトです
http-page-cannot-read = このファイルは読めません
http-page-cannot-list = このディレクトリの一覧を作れません
http-listing-title = { $path } の一覧
http-listing-cut = 最初の { $shown } 項目だけを載せています。
