# `netlearn lab link-test`: a link that loses, limits or delays on purpose, how each
# impairment is made, and what it does, measured. Also why an impairment could not be applied.

## Units ($value: a number as shown).
impair-bit = { $value } bit/s
impair-kbit = { $value } kbit/s
impair-mbit = { $value } Mbit/s
impair-gbit = { $value } Gbit/s

## The title: the lab built ($ms: milliseconds), or the file's lab ($links: impaired links).
impair-built = == A link between h1 and h2, built in { $ms } ms
impair-built-file =
    == The lab of { $file }, built in { $ms } ms: { $links ->
        [one] { $links } impaired link
       *[other] { $links } impaired links
    }
## While `lab --topology FILE` runs it: its impaired links, measured.
impair-measured-file =
    == { $links ->
        [one] The impaired link
       *[other] The { $links } impaired links
    } of { $file }, measured
impair-none = No link of this file loses, limits or delays anything: nothing to test.

## One link: its ends ("h1/eth0"), what was asked ($asked: the parts below joined).
impair-link-title = == { $a } — { $b }: { $asked }
impair-asked-loss = loss { $percent }%
impair-asked-rate = rate { $rate }
impair-asked-delay = delay { $ms } ms
impair-list-separator = {", "}
impair-perfect = a perfect link

## How each impairment is made. $burst, $queue: counted bytes (count-bytes); $points: the
## share in ten-thousandths, as the nft rule has it.
impair-how-rate =
    rate: tbf (token bucket filter) at both ends, { $rate } each way, bucket { $burst },
    queue { $queue }
impair-how-loss =
    loss: nftables where each end receives, "numgen random mod 10000 < { $points } drop":
    { $percent }% of frames each way
impair-how-delay-netem = delay: netem (the kernel's) at both ends, { $ms } ms each way
impair-how-delay-relay =
    delay: this kernel has no netem, so netlearn relays the link's frames through a hidden
    namespace, each { $ms } ms late, each way

## What was measured (and, for a relayed link, what its relay carried: $frames, $dropped are
## numbers). $from, $to: host names; $target: the address pinged; $bytes, $planned:
## counted bytes (count-bytes); $goodput: a rate (impair-mbit ...).
impair-pings =
    ping { $from } → { $target }: { $answered } of { $sent } answered, round trip
    min { $min } / avg { $avg } / max { $max } ms
impair-pings-none = ping { $from } → { $target }: none of { $sent } answered
impair-datagrams =
    datagrams { $from } → { $to }: { $arrived } of { $sent } arrived ({ $percent }% lost)
impair-transfer =
    TCP { $from } → { $to }: { $bytes } in { $seconds } s, { $goodput }, { $retransmits ->
        [one] { $retransmits } retransmission
       *[other] { $retransmits } retransmissions
    }
impair-transfer-partial =
    TCP { $from } → { $to }: only { $bytes } of { $planned } by the deadline
    ({ $seconds } s), { $goodput }, { $retransmits ->
        [one] { $retransmits } retransmission
       *[other] { $retransmits } retransmissions
    }
impair-transfer-nothing =
    TCP { $from } → { $to }: not one byte of { $planned } arrived in time (the connection
    could not even be set up)
impair-relay-counted =
    relay: { $frames ->
        [one] { $frames } frame
       *[other] { $frames } frames
    } carried, { $dropped ->
        [0] none dropped
        [one] { $dropped } dropped (its queue was full)
       *[other] { $dropped } dropped (its queue was full)
    }
impair-not-measured = not measured: { $why }
impair-no-address = the link has no IPv4 address at both ends

## Bad flags: $flag is the flag, $text what was given.
impair-bad-loss = { $flag } { $text }: not a share of frames between 0 and 100 (30%, 0.5)
impair-bad-rate = { $flag } { $text }: not a rate (10mbit, 512kbit, 1gbit)
impair-bad-queue = { $flag } { $text }: a queue of at most 4 GiB
impair-bad-delay = { $flag } { $text }: a delay of at most 10 s (20ms, 1.5s)

## Why an impairment could not be applied.
impair-error-qdisc = { $host }/{ $interface }: the kernel refused { $kind }: { $error }
impair-error-nft-missing =
    { $host }/{ $interface }: loss needs the nft program (Debian, Ubuntu: apt install nftables)
impair-error-nft-refused = { $host }/{ $interface }: nft refused the loss rule: { $said }
impair-error-nft-io = { $host }/{ $interface }: nft could not be run: { $error }
impair-error-relay =
    the delay relay between { $a } and { $b } could not be set up: { $error }
