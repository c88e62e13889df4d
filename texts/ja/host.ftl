# `netlearn ifaces`、`netlearn gateway`、`netlearn port` (src/app/host): 表の見出し、欄の言葉、注記。
# ../en/host.ftl と同じメッセージ。

## 共通
host-note = 注: { $note }

## ifaces
host-col-index = #
host-col-interface = インターフェース
host-col-state = 状態
host-col-mac = MAC
host-col-mtu = MTU
host-col-address = アドレス
host-col-network = ネットワーク
host-col-scope = スコープ
host-iface-loopback = { $name } (ループバック)
host-state-up-no-carrier = 有効、キャリアなし
host-state-up = 有効
host-state-down = 無効
host-state-unknown = ?
host-no-address = (アドレスなし)
host-scope-loopback = ループバック (ホスト)
host-scope-link-local = リンクローカル
host-scope-unique-local = ユニークローカル (ULA)
host-scope-private = プライベート (RFC 1918)
host-scope-shared-nat = 共有 (キャリアグレード NAT)
host-scope-documentation = ドキュメント用
host-scope-multicast = マルチキャスト
host-scope-unspecified = 未指定
host-scope-global = グローバル
host-loopback-stays =
    ループバック (loopback) に送ったものは、このマシンの外に出ません。そのままプロトコルスタックを
    上って、このマシンに戻ってきます。
host-loopback-v4 =
    IPv4 は 127.0.0.0/8 のブロック全体 (約 1670 万個のアドレス) をループバックに充てています。
    ふつう使うのは 127.0.0.1 ですが、どの 127.x.y.z でも同じように働きます。
host-loopback-v6 = IPv6 のループバックアドレスは ::1/128 のただ 1 つです。
host-loopback-name =
    「localhost」は両方を指す名前です (RFC 6761)。記事のサーバーのように 127.0.0.1 に
    バインドしたサーバーには、このマシンからしか接続できません。
host-loopback-no-v6 =
    このマシンには ::1 がありません。IPv6 が無効になっているので、応答するのは 127.0.0.1 だけです。
host-problem-addresses = if-addrs: { $error }
host-problem-no-links = netdev がインターフェースを 1 つも返しませんでした (MAC と MTU はわかりません)

## gateway
host-gateway-what =
    デフォルトゲートウェイ (default gateway) は、このマシンがつながっているどのネットワークにも
    宛先がないパケットを、すべて受け渡す先のルーターです。このマシンから直接届く必要があるので、
    このマシンと同じネットワークのどれかにいなければなりません。
host-gateway-none =
    デフォルトルートがありません。このマシンから届くのは、このマシンがつながっているネットワークだけです。
host-col-family = ファミリー
host-col-gateway = ゲートウェイ
host-col-metric = メトリック
host-col-on-link = オンリンクのサブネット
host-col-this-host = このホスト
host-col-gateway-mac = ゲートウェイの MAC
host-col-destination = 宛先
host-col-kind = 種別
host-point-to-point = (ポイントツーポイント)
host-routes-heading = ルーティングテーブル (最長一致の経路を優先し、同じならメトリックの小さいほう):
host-route-default = { $destination } (デフォルト)
host-kind-on-link = オンリンク
host-kind-via-gateway = ゲートウェイ経由
host-kind-local = ローカル
host-kind-multicast = マルチキャスト
host-kind-unreachable = 到達不能
host-gateway-unreadable = デフォルトゲートウェイを読めませんでした ({ $problem })
host-gateway-no-default =
    { $family } のデフォルトルートがありません。このマシンのネットワークの外にある { $family } の
    宛先には届きません
host-routes-linux-only = --routes は /proc/net/route を読みますが、これは Linux にしかありません
host-route-unreadable = { $path } を読めません: { $error }
host-route-bad-line = { $file } の { $line } 行目: { $reason }
host-route-bad-field-count = フィールドが { $found } 個あります。{ $expected } 個のはずです
host-route-bad-hex = { $field } の { $text } は { $digits } 桁の 16 進数ではありません
host-route-bad-metric = metric の { $text } が数ではありません
host-route-bad-mask = mask の { $mask } は 1 のビットが連続していません
host-route-bad-prefix = prefix の { $text } が 0 から 0x80 の範囲にありません

## port
# Where the services come from when no services file has entries.
host-port-built-in-table = 組み込みの表 (IANA の登録簿の抜粋)
host-port-meaning = ポート { $port } は{ $meaning }
host-range-system =
    システムポート (ウェルノウンポート、0-1023) です。IANA が割り当てます。Unix でこのポートに
    バインドするには特権が要ります。
host-range-user = ユーザーポート (登録済みポート、1024-49151) です。申請に応じて IANA が登録します。
host-range-dynamic =
    動的ポート (エフェメラルポート、49152-65535) です。IANA が割り当てることはなく、クライアントの
    ソケットが一時的に使います。
host-range-system-short = システム
host-range-user-short = ユーザー
host-range-dynamic-short = 動的
host-port-unregistered = { $source } にはこのポートのサービスが登録されていません
host-port-two-protocols =
    (TCP と UDP のポート番号は別々です。5008/tcp と 5008/udp は別のポートです)
host-port-source = 出典: { $source }
host-port-unused = 今このマシンでポート { $port } を使っているソケットはありません
host-port-used = このマシンで今このポートを使っているもの:
host-col-port = ポート
host-col-proto = プロトコル
host-col-service = サービス
host-col-aliases = 別名
host-col-range = 範囲
host-col-description = 説明
host-col-local = ローカル
host-col-remote = リモート
host-col-process = プロセス
host-port-process = { $program } (pid { $pid })
host-port-gone-in = なし ({ $seconds } 秒後に消えます)
host-port-entries =
    { $source } から { $count ->
       *[other] { $n } 件
    }
host-port-empty = ポートが空です。番号 (80) か名前 (http) を指定してください
host-port-too-big = { $input } はポートではありません。ポート番号は 0 から 65535 (16 ビット) です
host-port-no-such-name = { $source } に { $name } という名前のサービスはありません{ $hint }
host-port-did-you-mean = 。もしかして { $names } のことですか？

## netlearn port: what each service of the built-in table is (its DESCRIPTION; JSON keeps the
## English). The id after host-service- is the service's IANA name.
host-service-echo = エコー (RFC 862): 受け取ったものをそのまま送り返します
host-service-discard = ディスカード (RFC 863): 受け取ったものを捨てます
host-service-daytime = デイタイム (RFC 867): 今の日時を文字で返します
host-service-ftp-data = FTP のデータ接続 (RFC 959)
host-service-ftp = FTP の制御接続 (RFC 959)
host-service-ssh = セキュアシェル (Secure Shell、RFC 4251)
host-service-telnet = Telnet (RFC 854)
host-service-smtp = メールの転送 (SMTP、RFC 5321)
host-service-domain = ドメインネームシステム (DNS、RFC 1035)
host-service-bootps = DHCP サーバー (RFC 2131)
host-service-bootpc = DHCP クライアント (RFC 2131)
host-service-tftp = 簡易ファイル転送 (TFTP、RFC 1350)
host-service-http = ウェブの HTTP (RFC 9110)
host-service-pop3 = メールの受信 (POP3、RFC 1939)
host-service-ntp = 時刻の同期 (NTP、RFC 5905)
host-service-imap = メールボックスへのアクセス (IMAP、RFC 9051)
host-service-snmp = ネットワーク機器の監視 (SNMP、RFC 3411)
host-service-ldap = ディレクトリサービス (LDAP、RFC 4511)
host-service-https = TLS の上の HTTP、UDP では QUIC の上の HTTP/3 (RFC 9110、9114)
host-service-submissions = TLS を使ったメールの送信 (RFC 8314)
host-service-syslog = ログの送信 (Syslog、RFC 5426)
host-service-submission = メールの送信 (RFC 6409)
host-service-ldaps = TLS を使った LDAP
host-service-domain-s = TLS を使った DNS (RFC 7858) と QUIC を使った DNS (RFC 9250)
host-service-imaps = TLS を使った IMAP (RFC 8314)
host-service-pop3s = TLS を使った POP3 (RFC 8314)
host-service-ms-sql-s = Microsoft SQL Server
host-service-openvpn = OpenVPN
host-service-mqtt = MQTT
host-service-mysql = MySQL
host-service-rdp = リモートデスクトップ (ms-wbt-server)
host-service-postgresql = PostgreSQL
host-service-mdns = マルチキャスト DNS (RFC 6762)
host-service-amqp = AMQP
host-service-redis = Redis
host-service-http-alt = HTTP の代わりのポート
