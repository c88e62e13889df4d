# `netlearn dns`: DNS サーバーに届かなかった理由。../en/dns.ftl と同じメッセージ。

dns-server-one = DNS サーバー { $server }
dns-server-many = DNS サーバー { $servers }
dns-no-route-ipv6 =
    { $which } への経路がありません: このマシンには外へ出る IPv6 の経路がありません
    (`netlearn gateway` で確かめられます)
dns-no-route-offline =
    { $which } への経路がありません: このマシンはオフラインのようです (デフォルトルートが
    ありません。`netlearn gateway` で確かめられます)
dns-no-route-host =
    { $which } への経路がありません (ホストに到達できません): このマシンがオフラインか、
    そのサーバーのネットワークが止まっているようです (`netlearn gateway` で確かめられます)

## DNS サーバーとのやりとりが失敗した理由。$limit、$total、$each は時間 ("5 s" など)。
dns-timeout = { $limit } 以内に応答がありません
dns-port-unreachable =
    ポート到達不能 (port unreachable): ホストが ICMP で応答しました。その UDP ポートで
    待ち受けているものはありません
dns-connection-refused = 接続拒否 (connection refused): その TCP ポートで待ち受けているものはありません
dns-network-unreachable = ネットワーク到達不能 (network unreachable): このマシンにはそのアドレスへの経路がありません
dns-host-unreachable = ホスト到達不能 (host unreachable): そのアドレスへの経路が見つかりませんでした
dns-tls-failed = TLS に失敗しました: { $reason }
dns-https-failed = DNS over HTTPS に失敗しました: { $reason }
dns-https-io = 通信中のエラーです: { $error }
dns-no-tls-settings = TLS の設定がありません
dns-bad-tls-name = { $name } は TLS のサーバー名として正しくありません
dns-https-no-answer = サーバーが応答を送ってきませんでした
dns-cannot-encode = 問い合わせを組み立てられません: { $what }
dns-query-too-long = 問い合わせが TCP で送るには長すぎます
dns-closed-without-answer = サーバーが応答せずに接続を閉じました
dns-malformed = サーバーの応答が壊れています: { $what } ({ $detail })
dns-malformed-points-forward = 圧縮された名前のポインターが、メッセージの後ろのほうを指しています
dns-malformed-overlapping = 圧縮された名前どうしが重なっています
dns-malformed-ends-in-record = レコードの途中で終わっています
dns-malformed-rdata-length = レコードのデータの長さが長さフィールドと合いません
dns-malformed-name-too-long = DNS で許されるより長い名前があります
dns-malformed-unknown-label = 名前に未知のラベル形式が使われています
dns-malformed-duplicate-edns = EDNS レコードが 2 つ以上あります
dns-malformed-other = デコードできないレコードがあります
dns-truncated-retry-timeout =
    UDP の応答が切り詰められていました。TCP での問い直しは時間切れです ({ $limit } 以内に応答がありません)
dns-truncated-retry-failed = UDP の応答が切り詰められていました。TCP での問い直しに失敗しました: { $reason }
dns-timeouts = { $total } のあいだ応答がありません ({ $each } ずつ { $count } 回試しました)
dns-tries = { $what } ({ $count } 回)
dns-at-server = { $server } ({ $transport }): { $what }
dns-no-server = 問い合わせるサーバーがありません
dns-no-name = 問い合わせる名前がありません

## 問い合わせにどう応答したかについての注記。$path は hosts ファイル。
dns-note-truncated =
    UDP の応答が切り詰められていました (TC フラグ: { $payload } バイトを超えています)。TCP で
    問い直しました
dns-note-hosts-file = { $path } から回答を得ました
dns-note-localhost-loopback =
    { $path } にはこの名前の { $record_type } の行がありません。RFC 6761 により localhost は
    いつもこのマシンのループバックで、DNS には送られません
dns-note-localhost-hosts-file = { $path } から回答を得ました。localhost の名前は DNS には送られません (RFC 6761)
dns-note-hosts-override =
    この名前については { $path } が DNS より優先されます: DNS ({ $server }) の回答は
    { $answers } です
dns-note-localhost-asked =
    アプリケーションは localhost の名前を DNS に問い合わせず (RFC 6761)、このマシンの
    ループバックアドレスを使います。--system を付けると、アプリケーションと同じように名前解決します

## 応答コードの意味。
dns-status-noerror = 名前は存在します
dns-status-nodata = 名前は存在しますが、この種類のレコードはありません
dns-status-nxdomain = そのような名前はありません
dns-status-servfail = サーバーが回答を得られませんでした
dns-status-refused = サーバーがこの問い合わせへの応答を拒否しました
dns-status-formerr = サーバーが問い合わせを理解できませんでした
dns-status-notimp = サーバーがこの種類の問い合わせを実装していません
dns-status-unusual = 見慣れない応答コードです

## 状態の欄と「試したもの」の行での状態。プロトコルの応答コード (と RFC 2308 の NODATA) は
## そのまま書き、短い説明を添えます。どのサーバーからも応答がなかったときの netlearn 自身の
## 言葉は日本語にします。JSON はコードのままです。
dns-status-word-noerror = NOERROR (成功)
dns-status-word-nodata = NODATA (その種類のレコードはありません)
dns-status-word-nxdomain = NXDOMAIN (その名前はありません)
dns-status-word-servfail = SERVFAIL (サーバーの失敗)
dns-status-word-refused = REFUSED (サーバーが拒否)
dns-status-word-formerr = FORMERR (問い合わせの形式の誤り)
dns-status-word-notimp = NOTIMP (未実装)
dns-status-word-other = { $code } (見慣れない応答コード)
dns-status-word-timeout = タイムアウト
dns-status-word-unreachable = 到達不能
dns-status-word-error = エラー

## コマンドのエラー行。
dns-status-from = { $server } からの応答は { $status } ({ $meaning }) です
dns-and-next-step = { $said }。{ $next }

## サーバーをどこから得たか (報告の最初の行)。
dns-source-given = @ で指定
dns-source-system = オペレーティングシステムのネットワーク設定
dns-config-no-nameserver =
    { $source } がないか、サーバーを 1 つも挙げていません。C ライブラリと同じく 127.0.0.1 に
    問い合わせます

## 報告とエラー。
dns-name-required = 調べる名前を指定してください。例: netlearn dns python.org (または -x ADDR)
dns-ca-file-needs-tls = --ca-file は --tls か --https と一緒に使います
dns-settings-unreadable = システムの DNS 設定を読めませんでした
dns-hosts-unreadable = hosts ファイル { $path } を読めません: { $error }
dns-more-failed = {" "}(ほかに { $count } 件が失敗しました)
dns-servers-line = サーバー: { $servers } ({ $source })、{ $transport } で問い合わせます
dns-system-rules-line = システムの規則: hosts ファイル { $hosts }、検索リスト { $search }
dns-search-none = なし
dns-label-note = 注: { $text }
dns-no-records = レコードはありません
dns-col-name = 名前
dns-col-type = タイプ
dns-col-ttl = TTL
dns-col-data = データ
dns-col-query = 問い合わせ
dns-col-status = 状態
dns-col-from = 応答元
dns-col-via = 手段
dns-col-time = 時間
dns-col-size = サイズ
dns-via-file = ファイル
dns-idn-line = idn: { $unicode } は { $ascii } として問い合わせます (punycode、RFC 3492)
dns-search-line = 検索: { $name } は { $asked } として問い合わせました
dns-tried-at = { $at }
dns-tried-line = 試したもの: { $who }、{ $what }
dns-error-line = エラー: { $text }

## 問い合わせにできない語 (`dns WORD...`、`-t TYPE`)。$input は入力した語 (引用符付き)、
## $reason は下の文か hickory 自身のことば。
dns-bad-name = { $input } はドメイン名として正しくありません: { $reason }
dns-bad-name-empty = 空です
dns-bad-name-idna = punycode に変換できません (IDNA)
dns-bad-name-empty-label = 空のラベルがあります (ドットが 2 つ続いているか、先頭がドットです)
dns-bad-name-label-too-long = { $len } バイトのラベルがあります。ラベルは 63 バイトまでです
dns-bad-name-too-long = 名前が { $len } バイトあります。名前は 255 バイトまでです
dns-bad-type =
    { $input } は netlearn が問い合わせられるレコードタイプではありません: { $reason }
    (A、AAAA、MX、TXT などか、TYPE123 のように番号で書きます)
dns-bad-type-number = タイプの番号は 65535 までです
dns-bad-type-mnemonic = そのような名前のレコードタイプはありません
dns-bad-type-zone-transfer = ゾーン転送 (zone transfer) は名前を調べる問い合わせではありません
dns-bad-type-opt = OPT は EDNS のための疑似レコードで、問い合わせるものではありません

## 使えないサーバーの指定 (`@SERVER`、`--server`)。$spec は書かれたとおりのサーバー (引用符付き)。
dns-bad-server =
    { $spec } はサーバーとして使えません: { $reason }。@ のあとにはアドレスかホスト名を、
    必要ならポートを付けて書きます
    (例: @127.0.0.1、@127.0.0.1:5353、@[::1]:53、@dns.example、@https://dns.example/dns-query)
dns-bad-server-not-https = サーバーを URL で書けるのは https:// だけです
dns-bad-server-port-zero = ポート 0 で待ち受けるサーバーはありません
dns-bad-server-port-number = ポートは 1 から 65535 までの数です
dns-bad-server-host-missing = ホストがありません
dns-bad-server-ipv6 = IPv6 アドレスにポートを付けるときは [::1]:53 のように角かっこで囲みます
dns-bad-server-not-host = ホストはアドレスかホスト名です
dns-server-unresolvable = サーバー { $host } が見つかりません: { $reason }
dns-server-no-address = アドレスがありません

## システムのリゾルバーの設定を読めなかったとき。$error と $reason はシステムか hickory のことば。
dns-resolv-conf-unreadable = { $path } を読めません: { $error }
dns-settings-unusable = システムの DNS 設定 ({ $source }) を使えません: { $reason }
dns-resolv-conf-unix-only = resolv.conf ファイルを読むのは Unix だけです
