# `lab export --containerlab`: the exported file's header comments and the summary line.

export-header-title = A containerlab topology exported by netlearn.
export-header-source-builtin = The lab: netlearn's built-in lab.
export-header-source-mistake = The lab: netlearn's built-in lab with the mistake { $mistake }.
export-header-source-file = The lab: the topology file { $file }.
export-header-deploy = Deploy it (containerlab needs Docker and root):
export-header-destroy = Remove it again:
export-header-nodes =
    Every host is a Linux container ({ $image }). eth0 is containerlab's management
    interface, so the lab's interfaces are eth1, eth2, and so on.
export-header-exec =
    Each node's exec sets its addresses, forwarding and gateway as in the lab, after removing
    the management network's default route.
# Between the items of a list (interfaces, ports).
export-separator = {", "}
export-header-renamed = Interfaces named otherwise than in the lab:
export-header-bridge = { $container } (a bridge: the LAN's switch; ports { $ports })
export-header-impaired = Impaired links: tc netem at both ends, set by exec. To change one later:
export-header-queue =
    netem counts its queue in packets: { $bytes } bytes became { $packets } full-size frames.
export-header-unstarted =
    Not started: the lab's DNS server on { $host } (the zone lab.); the image has no DNS
    server. With dnsmasq installed in that container:
export-header-shell = A shell in a node:

export-wrote =
    Wrote { $file }: { $nodes ->
        [one] 1 node
       *[other] { $nodes } nodes
    }, { $links ->
        [one] 1 link
       *[other] { $links } links
    }. Deploy it with: { $command }
export-cannot-write = cannot write the containerlab file { $file }: { $cause }
export-cannot-export = cannot export the lab: a link names { $host }:{ $interface }, which the lab does not have
