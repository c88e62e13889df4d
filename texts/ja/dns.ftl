# `netlearn dns`: DNS サーバーに届かなかった理由。../en/dns.ftl と同じメッセージ。

dns-server-one = DNS サーバー { $server }
dns-server-many = DNS サーバー { $servers }
dns-no-route-ipv6 =
    { $which } への経路がありません: このマシンには外へ出る IPv6 の経路がありません
    (`netlearn gateway` で確かめられます)
dns-no-route-offline =
    { $which } への経路がありません: このマシンはオフラインのようです (デフォルトルートが
    ありません。`netlearn gateway` で確かめられます)
dns-no-route-host =
    { $which } への経路がありません (ホストに到達できません): このマシンがオフラインか、
    そのサーバーのネットワークが止まっているようです (`netlearn gateway` で確かめられます)
