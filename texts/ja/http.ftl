# netlearn http get: サーバーとの TLS に失敗した理由。
http-tls-failed = { $host } との TLS に失敗しました: { $reason }
http-tls-expired = 証明書 (certificate) の有効期限が切れています: 有効期間はすでに終わっています
http-tls-not-valid-yet = 証明書はまだ有効ではありません: 有効期間は未来から始まります
http-tls-wrong-name = 名前が違います: この証明書は、問い合わせたホストのものではありません
http-tls-wrong-name-for =
    名前が違います: この証明書は { $expected } のものではなく、{ $names } のものです
http-tls-no-names = 名前がひとつもありません (subjectAltName がありません)
http-tls-unknown-issuer =
    発行者が不明です: 証明書チェーンが信頼している CA にたどり着きません (自己署名か私設 CA の証明書
    です。その CA を --ca-file で渡してください)
http-tls-bad-signature = 署名が不正です: 証明書は、名乗っている鍵で署名されていません
http-tls-revoked = 証明書は CA によって失効 (revoke) されています
http-tls-other-certificate = 証明書が拒否されました: { $what }
http-tls-handshake = TLS ハンドシェイクに失敗しました: { $what }
http-tls-broken = ハンドシェイクに失敗しました: { $error }
http-tls-bad-server-name = { $host } は TLS のサーバー名として使えません
http-tls-no-settings = https:// の URL なのに TLS の設定が渡されていません
