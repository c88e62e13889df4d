# `netlearn lab congestion`: TCP の内側をグラフに描きます (src/app/lab/congestion.rs)。レートと
# サイズは記号つきで ("10 Mbps"、"256 KiB")、ミリ秒は数だけで ("2.1"、"180") 渡されます。

# 最初の行。$algorithm: 輻輳制御のカーネルでの名前 (reno、cubic、bbr)。
congestion-title =
    TCP の内側を見ます: h1 はルーター r1 を通して h2 へ全速力で送ります。r1 から h2 への
    リンクは { $rate } までしか運べず、キューに { $queue } までためます。netlearn は
    { $interval } ms ごとに h1 の TCP_INFO を読みます (輻輳制御: { $algorithm })。
# フェーズの実行中、標準エラー出力が端末のときに出します (あとで消します)。
congestion-progress = 段階 { $phase }/{ $phases }: h1 が { $seconds } s 送っています…
congestion-phase-queue = 1. 大きなキューを持つ遅いリンク ({ $rate }、{ $queue })、損失なし
congestion-phase-loss = 2. 同じリンクで、パケットの { $loss }% が失われるとき
# 端末のグラフそれぞれの上に書きます。
congestion-chart-cwnd = cwnd (輻輳ウィンドウ、単位はセグメント、tcpi_snd_cwnd) の時間変化:
congestion-chart-rtt = RTT (平滑化した往復時間、単位は ms、tcpi_rtt) の時間変化:
# SVG のグラフの軸。
congestion-axis-time = 時間 (ms)
congestion-axis-cwnd = cwnd (セグメント)
congestion-axis-rtt = RTT (ms)

# SVG のページの題、1 行。
congestion-svg-title =
    TCP の内側: { $rate }、キュー { $queue } のリンクでの cwnd と RTT、次に損失 { $loss }% のとき ({ $algorithm })

# グラフを読む文。数はすべてサンプルから測ったものです。
congestion-slow-start =
    最初の { $ms } ms で、cwnd は { $from } セグメントから { $to } セグメントに増えました。
    約 { $doubling } ms ごとに 2 倍になっています (そのあいだの往復時間は平均 { $rtt } ms)。
    これがスロースタート (slow start) です。確認応答 (ACK) が 1 つ届くたびに cwnd が
    1 セグメント増えるので、1 往復ごとに 2 倍になります。
congestion-slow-start-still =
    { $ms } ms のあいだに、cwnd は { $from } セグメントから { $to } セグメントに増え、まだ
    増え続けていました。約 { $doubling } ms ごとに 2 倍になっています (そのあいだの往復時間は
    平均 { $rtt } ms)。これがスロースタート (slow start) です。確認応答 (ACK) が 1 つ届くたびに
    cwnd が 1 セグメント増えるので、1 往復ごとに 2 倍になります。
congestion-slow-start-early =
    スロースタート (slow start) は { $at } ms 後、{ $cwnd } セグメントで終わりました。何も失われて
    いません。{ $algorithm } は往復時間が伸び始めたのを見て早めに切り上げ (HyStart)、そのあとは
    ウィンドウをゆっくり増やしました。
congestion-rtt-grew =
    キューが埋まっていくにつれて RTT は { $from } ms から伸び、{ $at } ms の時点で
    { $to } ms になりました。1 往復のうち { $wait } ms はルーターのキューで待っていた時間で、
    待っていたデータは約 { $queued } です。キューで待つこの遅延 (キューイング遅延) がふくらむ
    ことを、バッファーブロート (bufferbloat) と呼びます。大きなキューは遅延を増やすだけで、
    転送を速くはしません。
congestion-rtt-flat =
    RTT は { $median } ms 前後のままでした (最大 { $highest } ms)。キューは埋まりませんでした。
congestion-overflow =
    { $at } ms の時点でキューがあふれ、パケットが 1 つ捨てられました。cwnd は { $from }
    セグメントから { $to } セグメントに下がりました (この段階で下がったのは { $falls } 回、
    再送したセグメントは { $retransmits } 個です)。
congestion-fall-no-loss =
    { $at } ms の時点で、cwnd は { $from } セグメントから { $to } セグメントに下がりましたが、
    再送はありません。パケットが失われたからではなく、{ $algorithm } が自分から送る量を控えました。
congestion-one-fall =
    cwnd は 1 回だけ下がり、元の { $percent }% になりました。損失を見つけて回復したところです
    (再送したセグメントは { $retransmits } 個)。--seconds を長くすると、のこぎり歯が見えます。
congestion-sawtooth-half =
    cwnd は { $falls } 回下がり、そのたびにほぼ半分 (平均 { $percent }%) になって、そこから
    1 往復ごとに 1 セグメントずつ増えました。これが損失からの回復が描くのこぎり歯 (sawtooth)
    です。再送したセグメントは { $retransmits } 個です。
congestion-sawtooth =
    cwnd は { $falls } 回下がり、そのたびに元の約 { $percent }% になって、また増えました。これが
    損失からの回復が描くのこぎり歯 (sawtooth) です。再送したセグメントは { $retransmits } 個です。
congestion-no-fall =
    { $ms } ms のあいだ、cwnd は一度も下がりませんでした。この接続ではパケットが 1 つも失われませんでした
    (--seconds を長くするか --loss を大きくすると見えます)。
congestion-no-fall-despite-loss =
    { $retransmits } 個のセグメントを再送しましたが、cwnd は一度も下がりませんでした。
    { $algorithm } は損失を輻輳のしるしとは受け取りません。
congestion-rtt-low =
    RTT は { $median } ms 前後のままでした。キューが埋まったときは { $full } ms でした。損失の
    たびに、キューが埋まる前にウィンドウが小さくなるので、往復時間は短いままです。
congestion-rtt-still-full =
    RTT は { $median } ms 前後で、キューだけのときの { $full } ms に近いままでした。損失が
    あっても、キューは埋まったままでした。
congestion-goodput = h2 が受け取った速さは平均 { $rate } でした。リンクが運べるのは { $link } までです。

# エラー。$min と $max は数 (パーセント) か、tc の書き方のレート (100kbit) です。
congestion-value-rate =
    帯域 '{ $text }' が正しくありません: 10mbit や 512kbit のように、tc の書き方で { $min }
    から { $max } までの帯域を指定してください
congestion-value-percent =
    損失 '{ $text }' が正しくありません: 1% のように、{ $min }% から { $max }% までの割合を指定
    してください
congestion-seconds-too-long = --seconds { $seconds }: 1 つの段階は最長 { $max } s です
congestion-queue-out-of-range =
    --queue { $bytes }: { $min } バイトから { $max } までの大きさを指定してください
congestion-svg-and-json =
    --svg - と --json はどちらも標準出力に書き出します: --svg にはファイル名を指定してください
congestion-no-algorithm =
    h1 はここでは輻輳制御 { $name } を使えません ({ $cause })。--algorithm reno ならいつでも使えます
congestion-transfer-failed = h1 から h2 への転送に失敗しました: { $call }: { $cause }
congestion-tcp-info-failed = TCP_INFO を読めませんでした: { $cause }
congestion-tcp-info-short = カーネルが返した TCP_INFO は { $len } バイトしかありません
congestion-too-few-samples =
    TCP_INFO を { $count } 回しか読めないまま段階が終わり、グラフにできません。マシンがとても
    忙しいのかもしれません。--seconds を長くしてみてください
congestion-svg-failed = SVG を描けませんでした: { $cause }
