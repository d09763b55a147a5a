#!/bin/sh
# Item 5, VM part: runs inside test/vm/run-vm (dash, busybox, a Debian
# kernel with IPVS). For each daemon, check kind and N: a director
# namespace running the daemon's checker, a server namespace answering on N
# addresses with /test/vmlistener, a window counting the checks the
# listener receives, the checker's CPU and RSS, for one N the time until 10%
# of the servers that vanish silently are out of IPVS, and the stop.
# Prints one "RESULT key=value..." line per run; the host parses them.
#
# /test/params sets: RUNS ("who:check:n ..."), WINDOW, WARM, VANISH_N,
# VANISH_WAIT, FULL_WAIT.
set -u
. /test/params

mkdir -p /var/run /var/log /etc/keepalived
# Log lines go to a syslog file: on the serial console each would cost
# far more than the check it reports.
busybox syslogd -O /tmp/syslog
HZ=100

now() { awk '{ print $1 }' /proc/uptime; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

addr_of() {	# index -> 10.1.x.y
	echo "10.1.$(($1 / 250)).$(($1 % 250 + 1))"
}

setup_net() {
	n=$1
	ip netns del srv 2>/dev/null
	ip netns del dir 2>/dev/null
	ip netns add srv
	ip netns add dir
	ip link add v-dir type veth peer name v-srv
	ip link set v-dir netns dir
	ip link set v-srv netns srv
	ip -n dir link set lo up
	ip -n srv link set lo up
	ip -n dir addr add 192.168.77.1/24 dev v-dir
	ip -n srv addr add 192.168.77.2/24 dev v-srv
	ip -n dir link set v-dir up
	ip -n srv link set v-srv up
	ip -n srv link add d0 type dummy
	ip -n srv link set d0 up
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
		printf "addr add 10.1.%d.%d/32 dev d0\n", int(i / 250), i % 250 + 1 }' >/tmp/addrs.batch
	ip -n srv -batch /tmp/addrs.batch
	ip -n dir route add 10.1.0.0/16 via 192.168.77.2
	# With forwarding on, a packet to a blackholed address is dropped
	# without an ICMP error (the silent vanishing below).
	ip netns exec srv sysctl -qw net.ipv4.ip_forward=1
	ip netns exec srv sysctl -qw net.core.somaxconn=4096
	ip netns exec dir sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
	ip netns exec srv /test/vmlistener 80 >/tmp/listener.out 2>&1 &
	LPID=$!
}

dests() {	# real servers of 10.1/16 in the director's IPVS table
	ip netns exec dir ipvsadm -Ln | grep -c -- '-> 10\.1\.'
}

cpu_ticks() {	# utime + stime of a pid
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

window_line() {	# the listener's count since its previous report
	before=$(wc -l </tmp/listener.out)
	kill -USR1 "$LPID"
	i=0
	while [ "$(wc -l </tmp/listener.out)" -le "$before" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tail -n 1 /tmp/listener.out
}

vanish() {	# 10% of the servers, silently; prints seconds until out
	n=$1
	: >/tmp/vanish.batch
	: >/tmp/vanished
	i=0
	while [ $i -lt "$n" ]; do
		a=$(addr_of $i)
		echo "addr del $a/32 dev d0" >>/tmp/vanish.batch
		echo "route add blackhole $a/32" >>/tmp/vanish.batch
		echo " $a:80 " >>/tmp/vanished
		i=$((i + 10))
	done
	t0=$(now)
	ip -n srv -batch /tmp/vanish.batch
	while :; do
		left=$(ip netns exec dir ipvsadm -Ln | sed 's/->//' | grep -c -F -f /tmp/vanished)
		[ "$left" -eq 0 ] && break
		if awk -v a="$t0" -v b="$(now)" -v w="$VANISH_WAIT" 'BEGIN { exit !(b - a > w) }'; then
			echo "timeout:$left"
			return
		fi
		sleep 0.5
	done
	elapsed "$t0"
}

run_one() {
	who=$1 check=$2 n=$3
	setup_net "$n"
	if [ "$who" = ours ]; then bin=/usr/sbin/keepalived; else bin=/usr/local/sbin/keepalived-debian; fi
	rm -f /tmp/k.pid /tmp/c.pid /tmp/v.pid
	t0=$(now)
	ip netns exec dir "$bin" -n -C -f "/test/ck-$check-$n.conf" \
		-p /tmp/k.pid -c /tmp/c.pid -r /tmp/v.pid >/dev/null 2>&1 &
	dpid=$!
	full=timeout
	while awk -v a="$t0" -v b="$(now)" -v w="$FULL_WAIT" 'BEGIN { exit !(b - a < w) }'; do
		if [ "$(dests)" -ge "$n" ]; then full=$(elapsed "$t0"); break; fi
		sleep 0.5
	done
	ck=$(cat /tmp/c.pid 2>/dev/null || echo 0)
	sleep "$WARM"
	window_line >/dev/null
	c0=$(cpu_ticks "$ck")
	sleep "$WINDOW"
	counts=$(window_line)
	c1=$(cpu_ticks "$ck")
	rss_ck=$(rss_kb "$ck")
	rss_parent=$(rss_kb "$dpid")
	van=-
	if [ "$n" -eq "$VANISH_N" ] && [ "$check" = tcp ]; then
		van=$(vanish "$n")
	fi
	left_before=$(dests)
	t1=$(now)
	kill -TERM "$dpid"
	i=0
	while kill -0 "$dpid" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	stop=$(elapsed "$t1")
	if kill -0 "$dpid" 2>/dev/null; then
		stop="timeout"
		kill -KILL "$dpid" 2>/dev/null
	fi
	wait "$dpid" 2>/dev/null
	left=$(dests)
	ip netns exec dir ipvsadm -C
	kill -TERM "$LPID"
	wait "$LPID" 2>/dev/null
	# what went wrong, if anything: the daemon's own words
	grep -i -E "kill|respawn|missed|exited|too many|cannot|error" /tmp/syslog |
		tail -n 8 | sed "s/^/LOG $who $check $n: /"
	: >/tmp/syslog
	echo "RESULT who=$who check=$check n=$n full_s=$full $counts window=$WINDOW" \
		"cpu_ticks=$((c1 - c0)) hz=$HZ rss_ck_kb=$rss_ck rss_parent_kb=$rss_parent" \
		"vanish_s=$van dests_before_stop=$left_before stop_s=$stop left_after_stop=$left"
}

for r in $RUNS; do
	IFS=: read -r who check n <<EOF
$r
EOF
	run_one "$who" "$check" "$n"
done
ip netns del srv 2>/dev/null
ip netns del dir 2>/dev/null
exit 0
