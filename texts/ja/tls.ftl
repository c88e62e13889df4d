# `dns --tls`、`dns --https`、`http get`、`http serve --tls` で共通の TLS のことば。../en/tls.ftl と同じメッセージ。

## TLS の証明書やハンドシェイクが拒まれた理由。
tls-expired = 証明書の有効期限が切れています: 有効期間は現在より前に終わっています
tls-not-valid-yet = 証明書はまだ有効ではありません: 有効期間は未来に始まります
tls-wrong-name = 名前が違います: 証明書は問い合わせたホストのものではありません
tls-wrong-name-for = 名前が違います: 証明書は { $expected } のものではなく、{ $names } のものです
tls-no-names = 証明書に名前が 1 つもありません (subjectAltName がありません)
tls-unknown-issuer =
    発行者が不明です: 証明書チェーンが信頼する認証局 (CA) にたどり着きません (自己署名か
    プライベート CA の証明書なら、その CA を --ca-file で渡してください)
tls-bad-signature = 署名が不正です: 証明書は名乗っている鍵で署名されていません
tls-revoked = 証明書は認証局によって失効させられています
tls-other-certificate = 証明書が拒否されました: { $what }
tls-handshake = TLS のハンドシェイクに失敗しました: { $what }

## TLS の設定を作れなかった理由。$reason はファイルを読めないときは OS のエラー (system.ftl)、
## ほかは PEM の読み手、webpki、rustls、rcgen 自身のことば。
tls-ca-file =
    CA ファイル { $path } を読めません: { $reason } (--ca-file には CA の証明書を PEM 形式で
    書いたファイルを渡します)
tls-ca-file-no-certificate = PEM の証明書が 1 つも入っていません
tls-setup-failed = TLS の設定に失敗しました: { $reason }
tls-cannot-make-certificate = 証明書を作れません: { $reason }
