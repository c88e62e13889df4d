## ラダー図 (`--ladder`): 矢印とその周りの言葉。フラグ、状態名 (RFC 9293 の SYN-SENT、
## TIME-WAIT)、ソケット呼び出しはどの言語でもそのままです。

# 前に送ったデータをもう一度送った矢印の先頭に付けます。
ladder-retransmission = [再送]
# 抜けている部分より先に届いた矢印の先頭に付けます。
ladder-out-of-order = [順序違い]
# TCP の接続を開いた側と、開かれた側の列の上に書きます。
ladder-client = クライアント
ladder-server = サーバー
# 端が多すぎて横に並べられないページで、やりとりごとの先頭に書きます (番号と両端)。
ladder-conversation = ── { $n }: { $a } ⇄ { $b }
# ラダー図と --json を一緒に指定したとき、または標準出力に図を 2 つ出そうとしたとき。
ladder-one-output =
    ラダー図は人が読むためのものか、ファイルに書き出すものです。--ladder、--mermaid -、--svg -
    のうち 1 つだけを指定し、--json は付けないでください
# 図に入りきらないほどパケットが多かったとき、図のファイルを書いたあとに表示します。
ladder-picture-cut = Mermaid と SVG の図には最初の { $kept }だけを描きました
# 図のファイルを書けなかったとき: パスと、システムが返した理由。
ladder-cannot-write-file = { $path } に書き込めません: { $cause }
# FTP のラダー図で、データ用の接続の両端の上に書きます (制御用の接続の両端はクライアントと
# サーバー)。
ladder-client-data = クライアント (データ)
ladder-server-data = サーバー (データ)
# `ftp demo --ladder` の各ラダー図の上: どのデータ用の接続を、制御用の接続と並べて描いたか。
ladder-ftp-page = ── データ用の接続 { $n } (制御用の接続と並べて)
