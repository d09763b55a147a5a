# keepalived/vrrp/: the VRRP stack's pure wire code (packets, IPv4 header,
# AH). Added to the libvrrp convenience library of keepalived/local.mk.
KAVRRP_SOURCES += keepalived/vrrp/vrrp_packet.c keepalived/vrrp/vrrp_packet.h \
	keepalived/vrrp/vrrp_ip4.c keepalived/vrrp/vrrp_ip4.h \
	keepalived/vrrp/vrrp_ah.c keepalived/vrrp/vrrp_ah.h \
	keepalived/vrrp/vrrp_fsm.c keepalived/vrrp/vrrp_fsm.h \
	keepalived/vrrp/vrrp_rx.c keepalived/vrrp/vrrp_rx.h
