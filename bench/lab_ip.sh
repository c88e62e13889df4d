#!/bin/sh
# The default lab built with iproute2 commands, for comparison with `netlearn lab` (bench only:
# netlearn itself never shells out to ip). Run inside `unshare -rnm` (or as root inside
# `unshare -nm`): a private /run/netns on tmpfs, so nothing outlives the run.
# Prints "build_ms teardown_ms ttl" on one line.
set -eu
now() { date +%s%N; }
mount -t tmpfs none /run 2>/dev/null || true
mkdir -p /run/netns
start=$(now)
for h in h1 r1 h2 dns; do ip netns add $h; ip -n $h link set lo up; done
ip -n h1 link add eth0 address 02:00:00:00:01:10 type veth peer name eth0 address 02:00:00:00:01:01 netns r1
ip -n h2 link add eth0 address 02:00:00:00:02:20 type veth peer name sw-h2 address 02:00:00:00:02:f2 netns r1
ip -n dns link add eth0 address 02:00:00:00:02:53 type veth peer name sw-dns address 02:00:00:00:02:f3 netns r1
ip -n r1 link add eth1 address 02:00:00:00:02:01 type bridge
ip -n r1 link set sw-h2 master eth1
ip -n r1 link set sw-dns master eth1
ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1
ip -n h1 addr add 192.0.2.10/24 dev eth0
ip -n h1 -6 addr add 2001:db8:1::10/64 dev eth0 nodad
ip -n r1 addr add 192.0.2.1/24 dev eth0
ip -n r1 -6 addr add 2001:db8:1::1/64 dev eth0 nodad
ip -n r1 addr add 198.51.100.1/24 dev eth1
ip -n r1 -6 addr add 2001:db8:2::1/64 dev eth1 nodad
ip -n h2 addr add 198.51.100.20/24 dev eth0
ip -n h2 -6 addr add 2001:db8:2::20/64 dev eth0 nodad
ip -n dns addr add 198.51.100.53/24 dev eth0
ip -n dns -6 addr add 2001:db8:2::53/64 dev eth0 nodad
for l in "h1 eth0" "r1 eth0" "r1 sw-h2" "r1 sw-dns" "r1 eth1" "h2 eth0" "dns eth0"; do
  set -- $l; ip -n $1 link set $2 up
done
ip -n h1 route add default via 192.0.2.1
ip -n h1 -6 route add default via 2001:db8:1::1
for h in h2 dns; do
  ip -n $h route add default via 198.51.100.1
  ip -n $h -6 route add default via 2001:db8:2::1
done
built=$(now)
ttl=$(ip netns exec h1 ping -c1 -W1 198.51.100.20 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')
down=$(now)
for h in h1 r1 h2 dns; do ip netns del $h; done
gone=$(now)
echo "$(( (built - start) / 1000000 )) $(( (gone - down) / 1000000 )) ${ttl:-none}"
