# Japanese texts: the same messages as ../en/glossary.ftl.ftl.

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
        TTL（Time To Live、生存時間）は、IPv4 ヘッダーにあるカウンターです（IPv6 では
        ホップリミット）。ルーターを通るたびに 1 ずつ減り、0 になるとパケットは捨てられ、
        送り主には ICMP の時間超過（Time Exceeded）が返されます。これでパケットが永遠に
        ループすることはありません。Linux は 64 で送るので、63 で届いた応答は
        ルーターを 1 つ通ってきたことになります。
    .standard = RFC 791; RFC 8200（ホップリミット）
