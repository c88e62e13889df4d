# Japanese texts: the same messages as ../en/learn.ftl.ftl.

tour-wire = 10. 何が流れたか
    .text =
        2 節の呼び出しの裏にあるパケットを lo から読み取ったものです。connect() の下
        に 3 ウェイハンドシェイク (three-way handshake) があり、accept() の
        下には何もありません。メッセージとそのエコー、それぞれの確認応答、shutdown(SHUT_WR) の
        下のクライアントの FIN、エコーの後のサーバーの FIN、そして両側が入る TCP の状態
        が見えます。パケットを見るには root 権限か、起動時に作るプライベートなネットワーク名前
        空間が必要です (デモを単独で実行すると作られます)。どちらも使えない場合は、デモが最初の行
        でその理由を伝えます。

tour-lab = 11. ラボ：ルーターのある本物のネットワーク
    .text =
        ここまでは、すべてこのマシンの中だけで起きていました。`netlearn lab` は、小さな本物の
        ネットワークを一瞬で組み立てます。2 つのサブネットにホスト h1 と h2 があり、その間に
        ルーター（router）r1 があります。各ホストはカーネルのネットワーク名前空間
        （network namespace）です。h1 からの ping は TTL 63 で届き（r1 が 1 減らしました）、
        traceroute は途中の r1 を示します。`netlearn lab` を実行すると、DNS や ARP も含めた
        一連の流れをパケットと一緒に見られます。
