#!/bin/sh
# The checker and the VRRP child against the kernel's IPVS, inside the VM
# of test/vm/run-vm (dash, busybox, iproute2, ipvsadm):
#
#   test/vm/run-vm test/vm/ipvs-kernel.sh test/vm/ipvs
#
# The machine is the director. Real servers are busybox httpd in network
# namespaces rs1..rs4 on a bridge (10.0.1.N, fd00:1::N), a client
# namespace reaches the VIPs (10.0.0.1-3, fd00::100) through IPVS NAT.
# Each step prints a "== name" section that test_vm_ipvs.py asserts on;
# nothing here decides pass or fail, and every wait has a time-out.

WAIT_S=40
KA=""

section() { echo "== $1"; }

# wait_until SECONDS COMMAND...: polls once a second; prints the outcome.
wait_until() {
	n=$1
	shift
	while [ "$n" -gt 0 ]; do
		if "$@" >/dev/null 2>&1; then
			echo "wait=ok"
			return 0
		fi
		sleep 1
		n=$((n - 1))
	done
	echo "wait=timeout ($*)"
	return 1
}

# The destinations of one service as "addr:port fwd weight" lines.
dests() {
	ipvsadm -Ln "$@" | awk '$1 == "->" && $2 != "RemoteAddress:Port" { print $2, $3, $4 }'
}

# svc_is SERVICE-OPTIONS -- LINE...: the service holds exactly these.
svc_is() {
	opts=""
	while [ "$1" != "--" ]; do
		opts="$opts $1"
		shift
	done
	shift
	want=$(for l in "$@"; do echo "$l"; done | sort)
	# shellcheck disable=SC2086
	have=$(dests $opts 2>/dev/null | sort)
	[ "$want" = "$have" ]
}

# The table without its counters, less the service given ("TCP
# 10.0.0.1:80"): services with their destinations' method and weight.
shape_without() {
	ipvsadm -Ln | awk -v skip="$1" '
		NR <= 3 { next }
		$1 != "->" { drop = ($1 " " $2 == skip) }
		!drop { print $1, $2, $3, $4 }'
}

# Conns of a service in --stats, which the kernel's estimator refreshes
# every two seconds.
conns() {
	ipvsadm -Ln --stats "$@" | awk 'NR == 3 { print $3 }'
}

conns_at_least() {
	[ "$(conns -t "$1")" -ge "$2" ]
}

# The counters of a service no longer move: the last packets of closed
# connections (FIN, ACK) arrive after the client is done, and the
# estimator publishes them up to two seconds later.
stats_settled() {
	a=$(ipvsadm -Ln --stats -t "$1")
	sleep 3
	[ "$a" = "$(ipvsadm -Ln --stats -t "$1")" ]
}

alive() {
	[ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat"
}

# logged_since LINES REGEX: the log has REGEX after its first LINES.
logged_since() {
	tail -n "+$(($1 + 1))" /tmp/ka.log | grep -q "$2"
}

ka_start() {
	keepalived -n -l -D "$@" >>/tmp/ka.log 2>&1 &
	KA=$!
	echo "started"
}

ka_stop() {
	kill -TERM "$KA"
	n=$WAIT_S
	while alive "$KA" && [ "$n" -gt 0 ]; do
		sleep 1
		n=$((n - 1))
	done
	if alive "$KA"; then
		echo "keepalived did not stop in ${WAIT_S}s"
		kill -KILL "$KA"
	fi
	wait "$KA"
	echo "exit=$?"
}

httpd_start() {
	ip netns exec "rs$1" busybox httpd -f -p 80 -h "/www/rs$1" &
	eval "HTTPD_$1=$!"
}

httpd_stop() {
	eval "kill \$HTTPD_$1"
	eval "wait \$HTTPD_$1"
}

fetch() {
	timeout 5 ip netns exec cl busybox wget -q -O - "http://$1/" 2>&1 ||
		echo "fetch-failed $1"
}

# ---- the network ---------------------------------------------------------

section setup
echo 1 >/proc/sys/net/ipv4/ip_forward
echo 1 >/proc/sys/net/ipv6/conf/all/forwarding
ip link add br0 type bridge && ip link set br0 up
ip addr add 10.0.1.254/24 dev br0
ip -6 addr add fd00:1::fe/64 dev br0 nodad
for i in 1 2 3 4; do
	ip netns add "rs$i"
	ip link add "v-rs$i" type veth peer name eth0 netns "rs$i"
	ip link set "v-rs$i" master br0 up
	ip -n "rs$i" link set lo up
	ip -n "rs$i" link set eth0 up
	ip -n "rs$i" addr add "10.0.1.$i/24" dev eth0
	ip -n "rs$i" -6 addr add "fd00:1::$i/64" dev eth0 nodad
	ip -n "rs$i" route add default via 10.0.1.254
	ip -n "rs$i" -6 route add default via fd00:1::fe
	mkdir -p "/www/rs$i"
	echo "rs$i" >"/www/rs$i/index.html"
	httpd_start "$i"
done
ip netns add cl
ip link add v-cl type veth peer name eth0 netns cl
ip link set v-cl up
ip addr add 10.0.2.254/24 dev v-cl
ip -6 addr add fd00:2::fe/64 dev v-cl nodad
ip -n cl link set lo up
ip -n cl link set eth0 up
ip -n cl addr add 10.0.2.1/24 dev eth0
ip -n cl -6 addr add fd00:2::1/64 dev eth0 nodad
ip -n cl route add default via 10.0.2.254
ip -n cl -6 route add default via fd00:2::fe
ip link add vips type dummy && ip link set vips up
for a in 10.0.0.1 10.0.0.2 10.0.0.3; do ip addr add "$a/32" dev vips; done
ip -6 addr add fd00::100/128 dev vips nodad
# Not ours: keepalived must leave it as it is.
ipvsadm -A -t 10.9.9.9:80 -s rr
ipvsadm -a -t 10.9.9.9:80 -r 10.0.1.4:80 -m -w 7
echo "setup-done"

# ---- start ---------------------------------------------------------------

section start
cp /test/ipvs/a.conf /tmp/ka.conf
ka_start -f /tmp/ka.conf
wait_until "$WAIT_S" svc_is -t 10.0.0.1:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.2:80 Masq 1" "10.0.1.4:80 Masq 1"
wait_until "$WAIT_S" svc_is -t 10.0.0.3:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.3:80 Masq 1"
ipvsadm -Ln

section traffic
for i in 1 2 3 4 5 6; do fetch 10.0.0.1; done
echo "-- ipv6"
fetch '[fd00::100]'
echo "-- stats"
wait_until "$WAIT_S" conns_at_least 10.0.0.1:80 6
ipvsadm -Ln --stats -t 10.0.0.1:80
echo "-- conns"
ipvsadm -Lnc | grep -c '10.0.0.1:80'

# ---- a server fails and comes back ---------------------------------------

section fail
httpd_stop 2
httpd_stop 3
wait_until "$WAIT_S" svc_is -t 10.0.0.1:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.4:80 Masq 1"
wait_until "$WAIT_S" svc_is -t 10.0.0.2:80 -- "10.0.1.1:80 Masq 2" \
	"10.0.1.3:80 Masq 0"
wait_until "$WAIT_S" svc_is -t 10.0.0.3:80 -- "10.0.1.9:80 Masq 1"
ipvsadm -Ln

section recover
httpd_start 2
httpd_start 3
wait_until "$WAIT_S" svc_is -t 10.0.0.1:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.2:80 Masq 1" "10.0.1.4:80 Masq 1"
wait_until "$WAIT_S" svc_is -t 10.0.0.2:80 -- "10.0.1.1:80 Masq 2" \
	"10.0.1.3:80 Masq 3"
wait_until "$WAIT_S" svc_is -t 10.0.0.3:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.3:80 Masq 1"
ipvsadm -Ln

# ---- reload --------------------------------------------------------------

section reload-before
for i in 1 2 3 4 5 6; do fetch 10.0.0.1 >/dev/null; done
wait_until "$WAIT_S" conns_at_least 10.0.0.1:80 12
wait_until "$WAIT_S" stats_settled 10.0.0.1:80
ipvsadm -Ln --stats -t 10.0.0.1:80
echo "-- others"
shape_without "TCP 10.0.0.1:80" >/tmp/others.before
cat /tmp/others.before

section reload-after
cp /test/ipvs/b.conf /tmp/ka.conf
LOG_LINES=$(wc -l </tmp/ka.log)
kill -HUP "$KA"
wait_until "$WAIT_S" svc_is -t 10.0.0.1:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.2:80 Masq 4" "10.0.1.3:80 Masq 1"
# The checks of the new server settle; nothing else moves.
sleep 3
ipvsadm -Ln --stats -t 10.0.0.1:80
echo "-- others"
shape_without "TCP 10.0.0.1:80" >/tmp/others.after
cat /tmp/others.after
if cmp -s /tmp/others.before /tmp/others.after; then
	echo "others=unchanged"
else
	echo "others=changed"
fi
echo "-- log"
tail -n "+$((LOG_LINES + 1))" /tmp/ka.log | cut -d: -f4- | grep -v 'TCP_CHECK on\|TCP connection'

# ---- stop ----------------------------------------------------------------

section stop
ka_stop
ipvsadm -Ln

section dont-release
cp /test/ipvs/a.conf /tmp/ka.conf
ka_start -I -f /tmp/ka.conf
wait_until "$WAIT_S" svc_is -t 10.0.0.1:80 -- "10.0.1.1:80 Masq 1" \
	"10.0.1.2:80 Masq 1" "10.0.1.4:80 Masq 1"
for i in 1 2 3; do fetch 10.0.0.1 >/dev/null; done
wait_until "$WAIT_S" conns_at_least 10.0.0.1:80 3
wait_until "$WAIT_S" stats_settled 10.0.0.1:80
ka_stop
ipvsadm -Ln
echo "-- stats"
ipvsadm -Ln --stats -t 10.0.0.1:80

# A new start finds its entries in the kernel: they stay, with their
# counters; stopping then removes them.
section restart
LOG_LINES=$(wc -l </tmp/ka.log)
ka_start -f /tmp/ka.conf
wait_until "$WAIT_S" logged_since "$LOG_LINES" 'Gained quorum.*10.0.0.3'
sleep 3
ipvsadm -Ln --stats -t 10.0.0.1:80
ka_stop
ipvsadm -Ln

# ---- the setsockopt interface ---------------------------------------------

section sockopt
ka_start --ipvs-sockopt -f /test/ipvs/so.conf
wait_until "$WAIT_S" svc_is -t 10.0.0.7:8080 -- "10.0.1.1:80 Masq 5" \
	"10.0.1.2:80 Masq 6"
ipvsadm -Ln
ka_stop
ipvsadm -Ln

# ---- the sync daemon -------------------------------------------------------

section sync
ip link add vr0 type veth peer name vr1
ip link set vr0 up
ip link set vr1 up
ip addr add 10.0.4.1/24 dev vr0
ip link add syncd0 type veth peer name syncd1
ip link set syncd0 up
ip link set syncd1 up
ip addr add 10.0.6.1/24 dev syncd0
cp /test/ipvs/sync.conf /tmp/sync.conf
ka_start -f /tmp/sync.conf
wait_until "$WAIT_S" sh -c 'ipvsadm --list --daemon | grep -q backup'
echo "-- backup"
ipvsadm --list --daemon
wait_until "$WAIT_S" sh -c 'ipvsadm --list --daemon | grep -q master'
echo "-- master"
ipvsadm --list --daemon
cp /test/ipvs/sync-id.conf /tmp/sync.conf
kill -HUP "$KA"
wait_until "$WAIT_S" sh -c 'ipvsadm --list --daemon | grep -q "master.*syncid=9,"'
echo "-- reloaded"
ipvsadm --list --daemon
ip link set vr0 down
wait_until "$WAIT_S" sh -c '! ipvsadm --list --daemon | grep -q master'
echo "-- fault"
ipvsadm --list --daemon
ka_stop
echo "-- stopped"
ipvsadm --list --daemon
echo "-- end"

# ---- tunnels, persistence engine, IPv6 persistence mask ------------------

section tunnel
ka_start -f /test/ipvs/tun.conf
wait_until "$WAIT_S" svc_is -u 10.0.0.9:5060 -- "10.0.1.2:5060 Tunnel 1" \
	"10.0.1.3:5060 Tunnel 2" "10.0.1.4:5060 Tunnel 3"
ipvsadm -Ln
echo "-- tun-info"
ipvsadm -Ln --tun-info -u 10.0.0.9:5060
ka_stop
ipvsadm -Ln

# ---- lvs_flush, lvs_flush_on_stop ------------------------------------------

section flush
ka_start -f /test/ipvs/flush.conf
wait_until "$WAIT_S" svc_is -t 10.0.0.8:80 -- "10.0.1.1:80 Masq 1"
ipvsadm -Ln
echo "-- added by hand"
ipvsadm -A -t 10.9.9.8:80 -s rr
ka_stop
ipvsadm -Ln

section log
cat /tmp/ka.log

section end
