# keepalived/vrrp/: the VRRP stack: so far its pure parts (packets, IPv4
# header, AH, state machine, receive checks, gratuitous ARP and NA), added
# to the libvrrp convenience library of keepalived/local.mk.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_packet.c keepalived/vrrp/vrrp_packet.h \
	keepalived/vrrp/vrrp_ip4.c keepalived/vrrp/vrrp_ip4.h \
	keepalived/vrrp/vrrp_ah.c keepalived/vrrp/vrrp_ah.h \
	keepalived/vrrp/vrrp_fsm.c keepalived/vrrp/vrrp_fsm.h \
	keepalived/vrrp/vrrp_rx.c keepalived/vrrp/vrrp_rx.h \
	keepalived/vrrp/vrrp_arp.c keepalived/vrrp/vrrp_arp.h \
	keepalived/vrrp/vrrp_ndisc.c keepalived/vrrp/vrrp_ndisc.h
# The system-call side: raw VRRP sockets, adverts assembled for them, and
# gratuitous ARP / unsolicited NA on the event loop.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_tx.c keepalived/vrrp/vrrp_tx.h \
	keepalived/vrrp/vrrp_socket.c keepalived/vrrp/vrrp_socket.h \
	keepalived/vrrp/vrrp_announce.c keepalived/vrrp/vrrp_announce.h
