# Japanese texts: the same messages as ../en/glossary.ftl.ftl.

term-ack = ACK
    .aliases =
        確認応答
        シーケンス番号
    .definition =
        TCP は送るバイトすべてに番号を付けます。セグメントのシーケンス番号 (sequence number, seq)
        はその最初のバイトの番号で、ACK フラグと確認応答番号 (acknowledgement number, ack) は
        「このバイトの手前まではすべて受け取りました。次はこのバイトを送ってください」という意味です。
        送信側は確認応答が来るまで各バイトを手元に残し、来なければ送り直します。これが TCP の信頼性の
        仕組みです。ツールは番号を SYN を 0 とする相対値で表示する (実際の値はランダムな値から始まる)
        ため、最初のデータのバイトは seq=1 になります。
    .standard = RFC 9293 3.4 節 (シーケンス番号)

term-fin = FIN
    .aliases =
        FIN フラグ
    .definition =
        「もう送るものはありません」を表す TCP のフラグです。プログラムが shutdown(SHUT_WR) か
        close() を呼ぶと、その側が FIN を送ります。相手はそれに確認応答し、相手の recv() は 0 を
        返します (ストリームの終わり)。相手は自分の FIN を送るまでは、まだ送信できます。先に FIN を
        送った側は FIN_WAIT_1、FIN_WAIT_2 を経て TIME_WAIT に、もう一方は CLOSE_WAIT、LAST_ACK を
        経て CLOSED になります。
    .standard = RFC 9293 3.6 節 (接続の終了)

term-mac-address = MAC アドレス
    .aliases =
        ハードウェアアドレス
    .definition =
        リンク上のネットワークカードを表す 48 ビットのアドレス (MAC address) で、16 進数 6 バイト
        (02:fc:00:00:00:01) で書きます。イーサネットのフレームは IP アドレスではなく MAC アドレスで
        宛先を示します。同じリンク上の IP アドレスへ送るときは、まず ARP でその IP アドレスを持つ
        MAC アドレスを尋ね、それ以外の宛先へはデフォルトゲートウェイの MAC アドレスへフレームを
        送ります。ループバックにはカードがないので、そのフレームの MAC アドレスはすべて 0 です。
    .standard = IEEE 802 (EUI-48); RFC 826 (ARP)

term-rst = RST
    .aliases =
        リセット
        接続リセット
    .definition =
        FIN による順序立った終了を経ずに、接続をただちに打ち切る TCP のフラグです。待ち受けて
        いないポートに SYN が来たとき (「接続拒否」)、未読のデータを残したままソケットが閉じられた
        とき、知らない接続宛てのセグメントが届いたときに、カーネルが送ります。送信途中のデータは
        失われ、相手の次の呼び出しは ECONNRESET (「connection reset by peer」) で失敗します。
    .standard = RFC 9293 3.5.2 節 (リセットの生成)

term-syn = SYN
    .aliases =
        SYN フラグ
    .definition =
        接続を開く TCP のフラグで、「シーケンス番号の同期 (synchronise)」を意味します。
        クライアントの connect() は最初のシーケンス番号とオプション (MSS、ウィンドウスケール、
        SACK、タイムスタンプ) を載せた SYN を送ります。待ち受けているサーバーは SYN-ACK で、
        閉じたポートは RST で応えます。SYN はシーケンスの 1 バイト分に数えられるため、最初の
        データのバイトは seq=1 になります。
    .standard = RFC 9293 3.5 節 (接続の確立)

term-three-way-handshake = 3 ウェイハンドシェイク
    .aliases =
        ハンドシェイク
        スリーウェイハンドシェイク
    .definition =
        TCP が接続を開く手順 (three-way handshake) です。クライアントが SYN を送り、サーバーが
        SYN-ACK で応え、クライアントが ACK を送ると、両側が ESTABLISHED になります。これはすべて
        カーネルが connect() の中で行います。サーバーの accept() は、ハンドシェイクが済んだ接続を
        待ち行列から取り出すだけで、何も送りません。
    .standard = RFC 9293 3.5 節

term-ttl = TTL
    .aliases =
        生存時間
        ホップリミット
    .definition =
        すべての IP パケットにあるカウンター (IPv4 の Time To Live、IPv6 の Hop Limit) です。
        経路上のルーターが 1 ずつ減らし、0 で転送することになるルーターはパケットを捨てて ICMP の
        「time exceeded」を返します。こうしてルーティングのループでパケットが永遠に回り続けることを
        防ぎます (traceroute はまさにこれを利用します)。Linux は 64 から始めます。ループバックでは
        どのルーターも触れません。
    .standard = RFC 791 (IPv4)、RFC 8200 (IPv6 のホップリミット)
