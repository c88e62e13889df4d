# `netlearn lab congestion`: TCP's insides, plotted (src/app/lab/congestion.rs). Rates and sizes
# arrive with their symbols ("10 Mbps", "256 KiB"); milliseconds as bare numbers ("2.1", "180").

# The first line. $algorithm: the kernel's name of the congestion control (reno, cubic, bbr).
congestion-title =
    TCP's insides: h1 sends to h2 as fast as it can through the router r1, whose link to h2
    carries { $rate } and queues up to { $queue }; netlearn reads h1's TCP_INFO every
    { $interval } ms (congestion control: { $algorithm }).
# On standard error while a phase runs, where it is a terminal (the line is then erased).
congestion-progress = phase { $phase } of { $phases }: h1 sends for { $seconds } s…
congestion-phase-queue = 1. The slow link with its big queue ({ $rate }, { $queue }), no loss
congestion-phase-loss = 2. The same link, losing { $loss }% of its packets
# Over each terminal chart.
congestion-chart-cwnd = cwnd, the congestion window in segments (tcpi_snd_cwnd), over time:
congestion-chart-rtt = RTT, the smoothed round-trip time in ms (tcpi_rtt), over time:
# The SVG charts' axes.
congestion-axis-time = time (ms)
congestion-axis-cwnd = cwnd (segments)
congestion-axis-rtt = RTT (ms)

# The SVG page's title, one line.
congestion-svg-title =
    TCP's insides: cwnd and RTT over { $rate } with a { $queue } queue, then { $loss }% loss ({ $algorithm })

# The sentences that read the plots; every number is measured from the samples.
congestion-slow-start =
    cwnd grew from { $from } to { $to } segments in the first { $ms } ms, doubling about every
    { $doubling } ms while a round trip took { $rtt } ms on average: that is slow start, where
    each acknowledged segment adds one more, so the window doubles every round trip.
congestion-slow-start-still =
    cwnd grew from { $from } to { $to } segments in { $ms } ms, doubling about every
    { $doubling } ms while a round trip took { $rtt } ms on average, and was still growing:
    that is slow start, where each acknowledged segment adds one more, so the window doubles
    every round trip.
congestion-slow-start-early =
    Slow start ended after { $at } ms, at { $cwnd } segments, with nothing lost: { $algorithm }
    saw the round trips grow and left it early (HyStart), then grew the window slowly.
congestion-rtt-grew =
    RTT grew from { $from } ms to { $to } ms (at { $at } ms) while the queue filled: { $wait } ms
    of each round trip was waiting in the router's queue, about { $queued } of data. That is
    queueing delay, bufferbloat: the big queue added delay, not speed.
congestion-rtt-flat = RTT stayed near { $median } ms (at most { $highest } ms): the queue did not fill.
congestion-overflow =
    At { $at } ms the queue overflowed and dropped a packet: cwnd fell from { $from } to { $to }
    segments ({ $falls ->
        [one] one fall
       *[other] { $falls } falls
    } in this phase, { $retransmits ->
        [one] 1 segment
       *[other] { $retransmits } segments
    } retransmitted).
congestion-fall-no-loss =
    At { $at } ms cwnd fell from { $from } to { $to } segments with nothing retransmitted:
    { $algorithm } drew back on its own, not because a packet was lost.
congestion-one-fall =
    cwnd fell once, to { $percent }% of what it was: a loss, found and repaired ({ $retransmits ->
        [one] 1 segment
       *[other] { $retransmits } segments
    } retransmitted). A longer --seconds shows the sawtooth.
congestion-sawtooth-half =
    cwnd fell { $falls ->
        [one] once
       *[other] { $falls } times
    }, each time to about half ({ $percent }% on average), and grew back one segment per round
    trip: the sawtooth of loss recovery. { $retransmits ->
        [one] 1 segment was
       *[other] { $retransmits } segments were
    } retransmitted.
congestion-sawtooth =
    cwnd fell { $falls ->
        [one] once
       *[other] { $falls } times
    }, each time to about { $percent }% of what it was, and grew back: the sawtooth of loss
    recovery. { $retransmits ->
        [one] 1 segment was
       *[other] { $retransmits } segments were
    } retransmitted.
congestion-no-fall =
    cwnd never fell in { $ms } ms: no loss reached this connection (a longer --seconds or a
    higher --loss shows one).
congestion-no-fall-despite-loss =
    cwnd never fell although { $retransmits ->
        [one] 1 segment was
       *[other] { $retransmits } segments were
    } retransmitted: { $algorithm } does not take a loss for a sign of congestion.
congestion-rtt-low =
    RTT stayed near { $median } ms, against { $full } ms with the queue full: each loss makes
    the window smaller before the queue can fill, so round trips stay short.
congestion-rtt-still-full =
    RTT stayed near { $median } ms, close to the { $full } ms of the queue alone: the queue
    stayed full in spite of the losses.
congestion-goodput = h2 received { $rate } on average; the link carries { $link }.

# Errors. $min and $max are numbers (percent) or rates as tc writes them (100kbit).
congestion-value-rate =
    invalid rate '{ $text }': expected a rate from { $min } to { $max } as tc writes it, such as
    10mbit or 512kbit
congestion-value-percent =
    invalid loss '{ $text }': expected a share of packets from { $min }% to { $max }%, such as 1%
congestion-seconds-too-long = --seconds { $seconds }: a phase lasts at most { $max } s
congestion-queue-out-of-range = --queue { $bytes }: expected from { $min } bytes to { $max }
congestion-svg-and-json =
    --svg - and --json would both write to standard output: give --svg a file name
congestion-no-algorithm =
    h1 cannot use the congestion control { $name } here ({ $cause }); --algorithm reno always works
congestion-transfer-failed = the transfer from h1 to h2 failed: { $call }: { $cause }
congestion-tcp-info-failed = TCP_INFO could not be read: { $cause }
congestion-tcp-info-short = the kernel's answer holds only { $len } bytes
congestion-too-few-samples =
    a phase ended with { $count ->
        [one] one reading
       *[other] { $count } readings
    } of TCP_INFO, too few to plot: is the machine very busy? Try a longer --seconds
congestion-svg-failed = the SVG could not be drawn: { $cause }
