# パケットの意味の説明 (`netlearn capture`、デモの --wire とラボのパケット) と、デモのパケットの
# まわりの文。../en/wire.ftl と同じメッセージ。

wire-who-client = クライアント
wire-who-server = サーバー
wire-who-this-side = こちら側
wire-who-other-side = 相手側

wire-tcp-offers = 。あわせて、使える機能を伝えています: { $list }
wire-list-separator = 、
wire-tcp-offer-mss = 最大 { $mss } バイトのセグメント (MSS)
wire-tcp-offer-window-scale = ウィンドウスケール { $scale }
wire-tcp-offer-sack = 選択的確認応答 (SACK)
wire-tcp-offer-timestamps = タイムスタンプ
wire-tcp-open =
    { $me }がポート { $port } への接続を求めます (3ウェイハンドシェイクの 1 段階目){ $offers }
wire-tcp-open-accepted =
    { $me }が接続に応じます。SYN に確認応答を返し、自分からも SYN を送ります
    (3ウェイハンドシェイクの 2 段階目)
wire-tcp-handshake-done =
    ハンドシェイクが完了します。クライアントがサーバーの SYN に確認応答を返します (3 段階目)
wire-tcp-data = { $me }が { $bytes }を送ります
wire-tcp-data-range =
    { $me }が { $bytes }を送ります (ストリームの { $first } バイト目から { $last } バイト目まで)
wire-tcp-finish = { $me }には、もう送るデータがありません (FIN)
wire-tcp-refused =
    リセットです。ポート { $port } で待ち受けているソケットがここにはないので、connect() は
    「Connection refused」(接続拒否) で失敗します
wire-tcp-reset =
    リセットです。{ $me }が接続をただちに打ち切ります (未読のデータを残したまま閉じたか、
    相手がもういないためです)
# 確認応答 (ACK) は「ここまで受け取りました」という送信側への知らせです。$ack は次に受け取る
# はずのバイト、$last はその 1 つ前のバイトです。
wire-tcp-ack-fin =
    { $me }が{ $peer }の FIN に確認応答を返します。「送信の終わりを受け取りました」という
    知らせです
wire-tcp-ack-data =
    { $me }が{ $peer }のデータに確認応答を返します。「{ $last } バイト目まですべて
    受け取りました」という知らせで、ack={ $ack } は次に受け取るはずのバイトの番号です
wire-tcp-ack =
    { $me }が{ $peer }の送ったものに確認応答を返します。「ここまで受け取りました」という
    知らせです
wire-tcp-nothing-new =
    { $me }の確認応答です。新しく受け取ったものはありません (重複 ACK、ウィンドウの更新、
    またはキープアライブ)
wire-tcp-and-ack-fin = 。あわせて{ $peer }の FIN に確認応答を返します
wire-tcp-retransmission = 。再送です。このバイトは以前にも送られています
wire-tcp-out-of-order = 。順序が入れ替わっています。このストリームの、これより前のバイトがまだ見えていません
wire-tcp-both-established = 。両側とも ESTABLISHED になります
wire-tcp-both-state = {" → 両側とも "}{ $state }
wire-tcp-side-state = { $side }は { $state }
wire-tcp-states = {" → "}{ $states }

wire-udp =
    { $bytes }のデータグラムです。接続もハンドシェイクも確認応答もなく、まるごと届くか、
    まったく届かないかのどちらかです
wire-dns-no-answer = 回答なし
wire-dns-answer = { $questions } への DNS の応答: { $rcode } ({ $answers })
wire-dns-question =
    DNS の問い合わせです。{ $questions } を尋ねています。問い合わせも応答も、データグラム
    1 個ずつです
wire-icmp-echo-request = ping のエコー要求 (echo request) です。宛先に応答を求めています
wire-icmp-echo-reply = ping へのエコー応答 (echo reply) です。宛先に到達でき、宛先が応答しています
wire-icmp-port-unreachable-about =
    ポート到達不能です。{ $ip } の { $proto } ポート { $port } で待ち受けているソケットがないので、
    カーネルが代わりにこのエラーを返します (UDP ソケットはこれで ECONNREFUSED を受け取ります)
wire-icmp-port-unreachable =
    ポート到達不能です。パケットの宛先のポートで待ち受けているソケットがありません
wire-icmp-fragmentation-needed =
    途中のリンクには大きすぎるうえ、分割 (フラグメント化) も禁じられています。送信側はもっと
    小さいパケットを送る必要があります (経路 MTU 探索)
wire-icmp-packet-too-big =
    途中のリンクには大きすぎます。送信側はもっと小さいパケットを送る必要があります
    (経路 MTU 探索)
wire-icmp-unreachable =
    宛先到達不能です。ルーターか宛先が、パケットを届けられませんでした
wire-icmp-time-exceeded =
    時間超過です。途中で TTL (ホップ数の上限) が 0 になりました。traceroute はこのしくみを
    利用しています
wire-icmp-router-solicitation = ホストが、同じリンクのルーターに名乗り出るよう求めています
wire-icmp-router-advertisement = ルーターが、自分とこのリンクのプレフィックスを知らせています
wire-icmp-neighbor-solicitation =
    近隣探索 (IPv6 で ARP にあたるもの) です。このアドレスを持っているのは誰か、を尋ねています
wire-icmp-neighbor-advertisement =
    近隣探索 (IPv6 で ARP にあたるもの) です。このアドレスを持つ MAC アドレスを知らせています
wire-icmp-other = netlearn が説明に対応していない ICMP メッセージです
wire-arp-request =
    ARP です。{ $asker } がリンク上の全員に、{ $target } を持っているのはどの MAC アドレスかを
    尋ねています
wire-arp-reply =
    ARP です。{ $sender } が「自分の MAC アドレスは { $mac } です」と応答しています。尋ねた側は
    これでフレームを送れます
wire-arp-other = netlearn が説明に対応していない ARP の操作です
wire-ip-fragment =
    大きな IP パケットの断片 (フラグメント) です。トランスポート層のヘッダーは最初の断片に
    入っています
wire-ip-other = IP プロトコル番号 { $protocol } のパケットです。netlearn はこれを解読しません
wire-link-other = netlearn が解読しないリンク層のフレームです
wire-undecodable =
    このバイト列は、あるはずのヘッダーの形になっていません。キャプチャが途中で切れているか、
    パケットが壊れています

count-packets =
    { $count ->
       *[other] { $n } 個のパケット
    }

wire-captured = { $packets }をキャプチャしました。カーネルが捨てたパケット: { $dropped } 個
wire-read = { $packets }を読み込みました
wire-read-shown = { $packets }を読み込み、{ $shown } 個を表示しました
wire-evicted =
    { $connections }を忘れました。netlearn が同時に追跡する TCP の接続は { $limit } 個までで、
    それを超えると、最も長く使われていない接続 (閉じた接続が先) から忘れます。忘れた接続の
    その後のパケットは、キャプチャが接続の途中から始まったものとして説明します

wire-refusal =
    今回はパケットを表示できません: { $why }。sudo で実行すると見られます (root は lo で
    キャプチャできます)。下のソケットの呼び出しは、どちらでも同じです
wire-why-sysctl-off =
    このカーネルでは、特権のないユーザー名前空間が無効になっています (sysctl
    kernel.unprivileged_userns_clone か user.max_user_namespaces が 0 です)
wire-why-unshare-refused =
    専用のネットワーク名前空間を作ることが拒否されました (EPERM)。Docker の既定のような、
    コンテナーの seccomp プロファイルが禁じています
wire-why-apparmor =
    専用の名前空間は作れましたが、AppArmor がその権限 (capability) を与えません (Ubuntu の
    kernel.apparmor_restrict_unprivileged_userns = 1)
wire-why-no-capabilities = 専用の名前空間は作れましたが、権限 (capability) が得られません
wire-why-no-namespace = 専用のネットワーク名前空間がありません: { $error }
wire-why-not-linux = パケットのキャプチャには Linux が必要です
wire-not-prepared =
    今回はパケットを表示できません。root でないときは、netlearn の起動時に入る専用のネットワーク
    名前空間の中でパケットを見ますが、今回はこのデモとして起動していません。デモを単独で (または
    sudo で) 実行すると見られます
wire-capture-failed = 今回はパケットを表示できません。lo でのキャプチャに失敗しました: { $error }
wire-accept-sent-nothing =
    accept() の下にはパケットがありません。accept() が呼ばれる前に、カーネルが
    3ウェイハンドシェイクを終えていました (パケットは connect() の下にあります)。accept() は、準備の
    できた接続を待ち受けのキューから取り出すだけです
wire-tls-handshake =
    。TLS のハンドシェイクのレコードです。hello は平文で流れ、そこで合意した鍵でその後のすべてが
    暗号化されます
wire-tls-change-cipher-spec =
    。TLS の change-cipher-spec とその後です。ここから先のペイロードは暗号化されています
wire-tls-application-data =
    。TLS のアプリケーションデータです。暗号化されていて、読めるのは両端だけです (HTTP の要求と
    応答はこの形で流れます)
wire-tls-alert = 。TLS のアラート (片側が終わるときの close_notify) で、暗号化されています
wire-tls-other = 。TLS のレコードです。ペイロードは暗号化されていて、読めるのは両端だけです
wire-reset-unread =
    リセットです。{ $closer }が { $unread }を未読のまま閉じたので、そのカーネルは FIN で
    終える代わりに接続を打ち切ります。相手の次の recv() は ECONNRESET で失敗します{ $states }
wire-http-packets =
    流れたもの: lo 上の { $packets }を順に示します。connect() の 3ウェイハンドシェイク、
    要求と応答のセグメントとそれぞれの確認応答、最後に close() の FIN です:
wire-dropped =
    キャプチャは { $packets }を取りこぼしました。netlearn が読む前に、カーネルが
    捨てました

## Capture files netlearn cannot read, captures it cannot start, frames it cannot decode.
# $bytes: the file's first four bytes, e.g. "[74, 68, 69, 73]".
wire-file-wrong-magic =
    pcap のファイルでも pcapng のファイルでもありません (先頭のバイトが { $bytes } です)
wire-file-empty = ファイルが空です
wire-file-unknown-link-type =
    リンクタイプ { $number } は netlearn が読めないものです (読めるのは イーサネット、Linux cooked
    SLL/SLL2、raw IP です)
# $part: one of wire-part-*.
wire-file-truncated = { $part }の途中でファイルが終わっています
wire-file-too-long =
    { $part }が { $claimed } バイトあると書かれていますが、許される大きさは { $limit } バイトまでです
wire-file-unknown-interface =
    インターフェース { $number } のパケットがありますが、そのインターフェースはファイルのどこにも記述されていません
wire-file-section-byte-order = pcapng のセクションヘッダーのバイト順が不明です
wire-file-section-length = pcapng のセクションヘッダーの長さがありえない値です
wire-file-block-length = pcapng のブロックの長さがありえない値です
# $block: one of wire-block-*.
wire-file-short-block = { $block }がヘッダーより短くなっています
wire-file-packet-past-block = { $block }のパケットがブロックの終わりをはみ出しています
wire-file-too-many-interfaces = 1 つのセクションに { $limit } 個を超えるインターフェースがあります
# $error: one of the wire-file-* texts; $read: whole packet records read before it.
wire-file-error-after = { $error } ({ $read } 個のパケットを読んだ後)
wire-part-file-header = ファイルヘッダー
wire-part-pcap-file-header = pcap のファイルヘッダー
wire-part-packet-header = パケットのヘッダー
wire-part-packet = パケット
wire-part-packet-record = パケットのレコード
wire-part-section-header = セクションヘッダー
wire-part-block-header = ブロックのヘッダー
wire-part-block = ブロック
wire-part-pcapng-block = pcapng のブロック
wire-block-enhanced-packet = 拡張パケットブロック (enhanced packet block)
wire-block-simple-packet = 簡易パケットブロック (simple packet block)
wire-block-packet = パケットブロック (packet block)
wire-block-interface-description = インターフェース記述ブロック (interface description block)
# $name: the interface given to --iface.
wire-live-no-permission =
    { $name } でパケットをキャプチャするには CAP_NET_RAW が必要ですが、このプロセスにはありません:
    root で実行する (sudo netlearn capture ...) か、代わりにキャプチャファイルを読んでください
    (netlearn capture --read FILE)
wire-live-no-such-interface =
    --iface { $name }: ここにはそのようなインターフェースはありません (netlearn ifaces で一覧を表示できます)
# $error: one of wire-live-* below, or the system's error text.
wire-live-failed = { $name } でのキャプチャに失敗しました: { $error }
wire-live-not-linux =
    ライブキャプチャには Linux のパケットソケットが必要です。代わりにキャプチャファイルを読んでください
    (netlearn capture --read FILE)
wire-live-needs-cap-net-raw = パケットソケットを開くには CAP_NET_RAW が必要です
wire-live-no-interface-called = { $name } というインターフェースはありません
# $hardware: the ARPHRD_ number from /sys/class/net/NAME/type.
wire-live-unknown-hardware =
    インターフェース { $name } のリンクタイプは { $hardware } で、netlearn はこれを解読できません
wire-live-unreadable-hardware = インターフェース { $name } の種類 (type) を読み取れません
wire-undecodable-cut-short = パケットが途中で切れていて、ヘッダーを読み切れません ({ $what })
wire-undecodable-bad-header = ヘッダーの値が正しくありません ({ $what })
# $needs: the header's length; $has: the frame's.
wire-undecodable-short-ethernet =
    イーサネットのヘッダーには { $needs } バイト必要ですが、フレームは { $has } バイトしかありません
wire-undecodable-short-sll =
    Linux cooked (SLL) ヘッダーには { $needs } バイト必要ですが、フレームは { $has } バイトしかありません
wire-undecodable-short-sll2 =
    Linux cooked (SLL2) ヘッダーには { $needs } バイト必要ですが、フレームは { $has } バイトしかありません
wire-undecodable-raw-ip-version = raw IP パケットの IP バージョンが { $version } です
wire-undecodable-empty-raw-ip = raw IP パケットが空です

## capture --read: its output (standard output) could not be written; the system's error follows.
wire-cannot-write = パケットを書き出せません
