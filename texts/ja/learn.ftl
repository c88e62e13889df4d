# Japanese texts: the same messages as ../en/learn.ftl.ftl.

tour-wire = 10. 何が流れたか
    .text =
        2 節の呼び出しの裏にあるパケットを lo から読み取ったものです。connect() の下に 3 ウェイ
        ハンドシェイク (three-way handshake) があり、accept() の下には何もありません。メッセージと
        そのエコー、それぞれの確認応答、shutdown(SHUT_WR) の下のクライアントの FIN、エコーの後の
        サーバーの FIN、そして両側が入る TCP の状態が見えます。パケットを見るには root 権限か、起動時に
        作るプライベートなネットワーク名前空間が必要です (デモを単独で実行すると作られます)。
        どちらも使えない場合は、デモが最初の行でその理由を伝えます。
