## ラダー図 (`--ladder`): 矢印とその周りの言葉。フラグ、状態名 (RFC 9293 の SYN-SENT、
## TIME-WAIT)、ソケット呼び出しはどの言語でもそのままです。

# 前に送ったデータをもう一度送った矢印の先頭に付けます。
ladder-retransmission = [再送]
# 抜けている部分より先に届いた矢印の先頭に付けます。
ladder-out-of-order = [順序違い]
# TCP の接続を開いた側と、開かれた側の列の上に書きます。
ladder-client = クライアント
ladder-server = サーバー
# 端が多すぎて横に並べられないページで、やり取りごとの先頭に書きます (番号と両端)。
ladder-conversation = ── { $n }: { $a } ⇄ { $b }
