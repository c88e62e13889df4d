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
    ポート到達不能 (port unreachable): ホストが ICMP で答えました。その UDP ポートで
    待ち受けているものはありません
dns-connection-refused = 接続拒否 (connection refused): その TCP ポートで待ち受けているものはありません
dns-network-unreachable = ネットワーク到達不能 (network unreachable): このマシンにはそのアドレスへの経路がありません
dns-host-unreachable = ホスト到達不能 (host unreachable): そのアドレスへの道が見つかりませんでした
dns-tls-failed = TLS に失敗しました: { $reason }
dns-https-failed = DNS over HTTPS に失敗しました: { $reason }
dns-no-tls-settings = TLS の設定がありません
dns-bad-tls-name = { $name } は TLS のサーバー名として正しくありません
dns-https-no-answer = サーバーが応答を送ってきませんでした
dns-cannot-encode = 問い合わせを組み立てられません: { $what }
dns-query-too-long = 問い合わせが TCP で送るには長すぎます
dns-closed-without-answer = サーバーが応答せずに接続を閉じました
dns-malformed = サーバーの応答が壊れています: { $what } ({ $detail })
dns-malformed-points-forward = 圧縮された名前が後ろを指しています
dns-malformed-overlapping = 圧縮された名前どうしが重なっています
dns-malformed-ends-in-record = レコードの途中で終わっています
dns-malformed-rdata-length = レコードのデータの長さが長さフィールドと合いません
dns-malformed-name-too-long = DNS で許されるより長い名前があります
dns-malformed-unknown-label = 名前に未知のラベル形式が使われています
dns-malformed-duplicate-edns = EDNS レコードが 2 つ以上あります
dns-malformed-other = デコードできないレコードがあります
dns-truncated-retry-timeout =
    UDP の応答が切り詰められていました。TCP での問い直しは時間切れです ({ $limit } 以内に応答がありません)
dns-truncated-retry-failed = UDP の応答が切り詰められていました。TCP での問い直しに失敗しました: { $reason }
dns-timeouts = { $total } のあいだ応答がありません: { $each } ずつ { $count } 回試しました
dns-tries = { $what } ({ $count } 回)
dns-at-server = { $server } ({ $transport }): { $what }
dns-no-server = 問い合わせるサーバーがありません
dns-no-name = 問い合わせる名前がありません

## 問い合わせにどう答えたかについての注記。$path は hosts ファイル。
dns-note-truncated =
    UDP の応答が切り詰められていました (TC フラグ: { $payload } バイトを超えています)。TCP で
    問い直しました
dns-note-hosts-file = { $path } から答えました
dns-note-localhost-loopback =
    { $path } にはこの名前の { $record_type } の行がありません。RFC 6761 により localhost は
    いつもこのマシンのループバックで、DNS には送られません
dns-note-localhost-hosts-file = { $path } から答えました。localhost の名前は DNS には送られません (RFC 6761)
dns-note-hosts-override =
    この名前については { $path } が DNS より優先されます: DNS ({ $server }) の答えは
    { $answers } です
dns-note-localhost-asked =
    アプリケーションは localhost の名前を DNS に送りません (RFC 6761)。このマシンの
    ループバックで答えます。--system を付けると同じように名前解決します

## 応答コードの意味。
dns-status-noerror = 名前は存在します
dns-status-nodata = 名前は存在しますが、この種類のレコードはありません
dns-status-nxdomain = そのような名前はありません
dns-status-servfail = サーバーは答えを得られませんでした
dns-status-refused = サーバーはこの問い合わせに答えることを拒みました
dns-status-formerr = サーバーは問い合わせを理解できませんでした
dns-status-notimp = サーバーはこの種類の問い合わせを実装していません
dns-status-unusual = 見慣れない応答コードです

## TLS の証明書やハンドシェイクが拒まれた理由。
tls-expired = 証明書の有効期限が切れています: 有効期間は現在より前に終わっています
tls-not-valid-yet = 証明書はまだ有効ではありません: 有効期間は未来に始まります
tls-wrong-name = 名前が違います: 証明書は問い合わせたホストのものではありません
tls-wrong-name-for = 名前が違います: 証明書は { $expected } のものではなく、{ $names } のものです
tls-no-names = 名前をひとつも持ちません (subjectAltName がありません)
tls-unknown-issuer =
    発行者が不明です: 証明書チェーンが信頼する認証局 (CA) にたどり着きません (自己署名か
    プライベート CA の証明書なら、その CA を --ca-file で渡してください)
tls-bad-signature = 署名が不正です: 証明書は名乗っている鍵で署名されていません
tls-revoked = 証明書は認証局によって失効させられています
tls-other-certificate = 証明書が拒否されました: { $what }
tls-handshake = TLS のハンドシェイクに失敗しました: { $what }

## コマンドのエラー行。
dns-status-from = { $server } からの答えは { $status } ({ $meaning }) です
dns-and-next-step = { $said }。{ $next }

## サーバーをどこから得たか (報告の最初の行)。
dns-source-given = @ で指定
dns-source-system = オペレーティングシステムのネットワーク設定
dns-config-no-nameserver =
    { $source } がないか、サーバーを 1 つも挙げていません。C ライブラリと同じく 127.0.0.1 に
    問い合わせます

## 報告とエラー。
dns-name-required = 調べる名前が必要です。例: netlearn dns python.org (または -x ADDR)
dns-ca-file-needs-tls = --ca-file は --tls か --https と一緒に使います
dns-settings-unreadable = システムの DNS 設定を読めませんでした
dns-hosts-unreadable = hosts ファイル { $path } を読めません: { $error }
dns-more-failed = {" "}(ほかに { $count } 件が失敗しました)
dns-servers-line = サーバー: { $servers } ({ $source })、{ $transport }
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
dns-idn-line = idn: { $unicode } は { $ascii } として問い合わせます (punycode、RFC 3492)
dns-search-line = 検索: { $name } は { $asked } として問い合わせました
dns-tried-at = { $at }
dns-tried-line = 試したもの: { $who } { $what }
dns-error-line = エラー: { $text }
