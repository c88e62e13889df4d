# Japanese texts: the same messages as ../en/learn.ftl.ftl.

tour-lab = 10. ラボ：ルーターのある本物のネットワーク
    .text =
        ここまでは、すべてこのマシンの中だけで起きていました。`netlearn lab` は、小さな本物の
        ネットワークを一瞬で組み立てます。2 つのサブネットにホスト h1 と h2 があり、その間に
        ルーター（router）r1 があります。各ホストはカーネルのネットワーク名前空間
        （network namespace）です。h1 からの ping は TTL 63 で届き（r1 が 1 減らしました）、
        traceroute は途中の r1 を示します。`netlearn lab` を実行すると、DNS や ARP も含めた
        一連の流れをパケットと一緒に見られます。
