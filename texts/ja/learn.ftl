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
