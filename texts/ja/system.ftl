# 呼び出しが失敗したときに OS が返したエラー (src/app/text.rs の `system_error`)。
# よく出会うものだけを訳し、ほかは OS の言葉のまま表示します。

# $words は下の system-* のどれか、$errno はこのシステムでの番号。
system-error = { $words } (エラー番号 { $errno })

system-connection-reset = 相手が接続をリセットしました
system-broken-pipe = 相手が閉じた接続に書き込もうとしました
system-connection-refused = 接続を拒否されました
system-connection-aborted = 接続が中断されました
system-timed-out = 接続がタイムアウトしました
system-not-found = そのようなファイルやディレクトリはありません
system-permission-denied = 権限がありません
system-not-permitted = その操作は許可されていません
system-address-in-use = アドレスはすでに使われています
system-address-not-available = 要求されたアドレスを割り当てられません
system-network-unreachable = ネットワークに到達できません
system-host-unreachable = ホストへの経路がありません
system-too-many-files = 開いているファイルが多すぎます
system-too-many-files-in-system = システム全体で開いているファイルが多すぎます
system-out-of-memory = メモリを確保できません
system-no-buffers = 使えるバッファ領域がありません
system-is-a-directory = ディレクトリです
system-not-a-directory = ディレクトリではありません
system-message-too-long = メッセージが長すぎます
system-no-such-device = そのようなデバイスはありません

## errno のない、ライブラリが名付けた失敗 (後ろに「エラー番号」は付きません)。
system-write-zero = 書き込みが 1 バイトも進みませんでした (write zero)
system-unexpected-eof = 予期しないところでデータが終わりました (unexpected end of file)
