# netlearn http get: サーバーとの TLS に失敗した理由。
http-tls-failed = { $host } との TLS に失敗しました: { $reason }
http-tls-broken = ハンドシェイクに失敗しました: { $error }
http-tls-bad-server-name = { $host } は TLS のサーバー名として使えません
http-tls-no-settings = https:// の URL なのに TLS の設定が渡されていません
