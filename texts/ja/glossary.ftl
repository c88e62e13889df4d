# Japanese texts: the same messages as ../en/glossary.ftl.ftl.

term-ack = ACK
    .aliases =
        確認応答
        シーケンス番号
    .definition =
        TCP は送るバイトすべてに番号を付けます。セグメントのシーケンス番号 (sequence number, seq) は
        その最初のバイトの番号で、ACK フラグと確認応答番号 (acknowledgement number, ack) は
        「このバイトの手前まではすべて受け取りました。次はこのバイトを送ってください」という意味です。
        送信側は確認応答が来るまで各バイトを手元に残し、来なければ送り直します。これが TCP の信
        頼性の仕組みです。ツールは番号を SYN を 0 とする相対値で表示する (実際の値はランダ
        ムな値から始まる) ため、最初のデータのバイトは seq=1 になります。
    .standard = RFC 9293 3.4 節 (シーケンス番号)

term-fin = FIN
    .aliases =
        FIN フラグ
    .definition =
        「もう送るものはありません」を表す TCP のフラグです。プログラムが shutdown(SHUT_WR) かclose() を
        呼ぶと、その側が FIN を送ります。相手はそれに確認応答し、相手の recv() は 0 を
        返します (ストリームの終わり)。相手は自分の FIN を送るまでは、まだ送信できます。先に FIN を
        送った側は FIN_WAIT_1、FIN_WAIT_2 を経て TIME_WAIT に、もう
        一方は CLOSE_WAIT、LAST_ACK を経て CLOSED になります。
    .standard = RFC 9293 3.6 節 (接続の終了)

term-mac-address = MAC アドレス
    .aliases =
        ハードウェアアドレス
    .definition =
        リンク上のネットワークカードを表す 48 ビットのアドレス (MAC address) で、16 進
        数 6 バイト(02:fc:00:00:00:01) で書きます。イーサネットのフレームは IP ア
        ドレスではなく MAC アドレスで宛先を示します。同じリンク上の IP アドレスへ送るときは、
        まず ARP でその IP アドレスを持つMAC アドレスを尋ね、それ以外の宛先へはデフォル
        トゲートウェイの MAC アドレスへフレームを送ります。ループバックにはカードがないので、そ
        のフレームの MAC アドレスはすべて 0 です。
    .standard = IEEE 802 (EUI-48); RFC 826 (ARP)

term-rst = RST
    .aliases =
        リセット
        接続リセット
    .definition =
        FIN による順序立った終了を経ずに、接続をただちに打ち切る TCP のフラグです。待ち受け
        ていないポートに SYN が来たとき (「接続拒否」)、未読のデータを残したままソケットが閉
        じられたとき、知らない接続宛てのセグメントが届いたときに、カーネルが送ります。送信途中のデー
        タは失われ、相手の次の呼び出しは ECONNRESET (「connection reset by peer」) で
        失敗します。
    .standard = RFC 9293 3.5.2 節 (リセットの生成)

term-syn = SYN
    .aliases =
        SYN フラグ
    .definition =
        接続を開く TCP のフラグで、「シーケンス番号の同期 (synchronise)」を意味し
        ます。クライアントの connect() は最初のシーケンス番号とオプション (MSS、ウィ
        ンドウスケール、SACK、タイムスタンプ) を載せた SYN を送ります。待ち受けているサー
        バーは SYN-ACK で、閉じたポートは RST で応えます。SYN はシーケンスの 1 バ
        イト分に数えられるため、最初のデータのバイトは seq=1 になります。
    .standard = RFC 9293 3.5 節 (接続の確立)

term-three-way-handshake = 3 ウェイハンドシェイク
    .aliases =
        ハンドシェイク
        スリーウェイハンドシェイク
    .definition =
        TCP が接続を開く手順 (three-way handshake) です。クライアントが SYN を
        送り、サーバーがSYN-ACK で応え、クライアントが ACK を送ると、両側が ESTABLISHED に
        なります。これはすべてカーネルが connect() の中で行います。サーバーの accept() は、
        ハンドシェイクが済んだ接続を待ち行列から取り出すだけで、何も送りません。
    .standard = RFC 9293 3.5 節

term-arp = ARP
    .aliases =
        アドレス解決プロトコル
        ARPテーブル
    .definition =
        ARP（Address Resolution Protocol、アドレス解決プロトコル）は、同じリンク上にある
        IPv4 アドレスの持ち主の MAC アドレスを調べるしくみです。ホストはリンク上の全員に
        「192.0.2.1 を持っているのは誰ですか」とブロードキャストで尋ね、持ち主が
        「192.0.2.1 は 02:00:00:00:01:01 です」と答えます。答えはしばらく ARP テーブルに
        保存されます。宛先が別のサブネットにあるときは、宛先ではなくゲートウェイの MAC
        アドレスを尋ねます。IPv6 では近隣探索（Neighbour Discovery、ICMPv6）が同じ役目を
        果たします。
    .standard = RFC 826; RFC 4861（IPv6 の近隣探索）

term-destination-host-unreachable = Destination Host Unreachable
    .aliases =
        宛先ホスト到達不能
    .definition =
        途中のホスト（多くはこのマシン自身）が、次の転送先の MAC アドレスを ARP で尋ねても
        答えが返ってこなかったときに ping が表示するメッセージです。ICMP のタイプ 3、
        コード 1 にあたります。プログラムからは EHOSTUNREACH（No route to host）として
        見えます。原因はたいてい、アドレスの間違い、相手の停止、または間違ったサブネット
        マスクのせいで遠くのアドレスが同じリンク上にあるように見えていることです。
    .standard = RFC 792; RFC 1122 3.2.2.1 節

term-network-is-unreachable = Network is unreachable
    .aliases =
        ネットワーク到達不能
    .definition =
        ルーティングテーブルに宛先への経路がないときにプログラムが受け取るエラー
        （ENETUNREACH）です。宛先がこのマシンのどのサブネットにもなく、デフォルト
        ゲートウェイもない場合に起こります。パケットは送り出されず、回線には何も流れません。
        自分のサブネット上にないゲートウェイを設定しようとしたときも、カーネルは同じエラーで
        拒否します。
    .standard = POSIX の connect(2) と sendto(2) のエラー; RFC 1122 3.3.1 節

term-ping = ping
    .aliases =
        ICMP エコー
        エコー要求
        エコー応答
    .definition =
        ICMP（Internet Control Message Protocol）は、IP と並んでネットワーク自身の
        メッセージを運ぶプロトコルです。ping が送って受け取るエコー要求（echo request）と
        エコー応答（echo reply）、宛先到達不能（Destination Unreachable）、時間超過
        （Time Exceeded）などがあります。ping の応答には TTL と往復時間が表示されます。
        応答が返ってくれば経路は往復とも通じています。返ってこなくても、ファイアウォールが
        ICMP を捨てているだけのこともあります。
    .standard = RFC 792（ICMP）; RFC 4443（ICMPv6）

term-router = ルーター
    .aliases =
        ルータ
        ルーティング
        転送
    .definition =
        ルーター（router）は、複数のネットワークにまたがってパケットを中継するマシンです。
        宛先ごとにルーティングテーブルを引き、TTL を 1 減らし、次のリンク用の新しい
        イーサネットヘッダーを付けて送り出します。Linux のマシンは
        net.ipv4.ip_forward = 1 のときだけ転送し、そうでなければ他のホスト宛てのパケットを
        黙って捨てます。
    .standard = RFC 1812（IPv4 ルーターの要件）

term-traceroute = traceroute
    .aliases =
        トレースルート
        経路追跡
    .definition =
        ホストまでの途中にあるルーターを調べる方法です。TTL を 1、2、3 … としたパケットを
        送ると、TTL が尽きたルーターがパケットを捨て、自分のアドレスから ICMP の時間超過
        （Time Exceeded）を返します。こうして TTL ごとに 1 つずつ中継点（hop）がわかり、
        最後に宛先自身が応答します。応答しない中継点は * と表示されます。
    .standard = RFC 1393（IP オプション版）; RFC 792（時間超過）


term-ttl = TTL
    .aliases =
        生存時間
        ホップリミット
        時間超過
    .definition =
        すべての IP パケットにあるカウンター (IPv4 の Time To Live、IPv6 の Hop Limit) で
        す。経路上のルーターが 1 ずつ減らし、0 で転送することになるルーターはパケットを捨てて ICMP の
        「time exceeded」を返します。こうしてルーティングのループでパケットが永遠に回り
        続けることを防ぎます (traceroute はまさにこれを利用します)。Linux は 64 か
        ら始めるので、63 で届いた応答はルーターを 1 つ通ってきたことになります。ループバックではどのルーターも触れません。
    .standard = RFC 791 (IPv4)、RFC 8200 (IPv6 のホップリミット)
