/*
 * fuzz_vrrp.c: the receive path of a VRRP advert, as the raw socket hands
 * it over: IPv4 packets (header, AH, VRRP) through vrrp_socket_unwrap4()
 * and IPv6 messages straight to the VRRP decoder, then the acceptance
 * checks of an instance (vrrp_rx_check()) under a configuration chosen by
 * the first input byte, so that version 2 with each authentication type,
 * version 3, unicast and both families are all reached.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "vrrp_packet.h"
#include "vrrp_rx.h"
#include "vrrp_socket.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void set_addr(struct ka_addr *a, int family, const char *text)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	inet_pton(family, text, family == AF_INET ? (void *)&a->u.v4 :
		  (void *)&a->u.v6);
}

static void fill_conf(uint8_t sel, int family, struct vrrp_rx_conf *c,
		      struct ka_addr vips[2], struct ka_addr peers[1])
{
	memset(c, 0, sizeof(*c));
	c->version = sel & 1 ? 3 : 2;
	if (family == AF_INET6)
		c->version = 3;
	c->vrid = 51;
	c->family = family;
	c->adver_int_cs = sel & 2 ? 100 : 10;
	c->auth_type = c->version == 2 ? (sel >> 2) % 3 : 0;
	c->auth_pass = "secret12";
	c->unicast = sel & 0x10;
	c->min_ttl = 0;
	c->max_ttl = 255;
	c->skip_check_adv_addr = sel & 0x20;
	c->check_unicast_src = sel & 0x40;
	if (family == AF_INET) {
		set_addr(&vips[0], family, "192.0.2.10");
		set_addr(&vips[1], family, "192.0.2.11");
		set_addr(&peers[0], family, "10.0.0.2");
	} else {
		set_addr(&vips[0], family, "2001:db8::10");
		set_addr(&vips[1], family, "fe80::10");
		set_addr(&peers[0], family, "fe80::2");
	}
	c->vips = vips;
	c->nvips = 2;
	c->peers = peers;
	c->npeers = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ka_addr vips[2], peers[1];
	struct vrrp_rx_conf conf;
	struct vrrp_rx_state st = { 0 };
	struct vrrp_rx_in in;
	struct vrrp_pkt pkt;
	enum vrrp_rx_counter counter;
	const char *why = NULL;
	uint32_t spi;
	int family;
	uint8_t sel;

	if (size < 1)
		return 0;
	sel = data[0];
	family = sel & 0x80 ? AF_INET6 : AF_INET;
	data++;
	size--;
	fill_conf(sel, family, &conf, vips, peers);
	memset(&in, 0, sizeof(in));
	if (family == AF_INET) {
		if (vrrp_socket_unwrap4(data, size, &in, &spi, &why) < 0)
			return 0;
	} else {
		in.msg = data;
		in.len = size;
		set_addr(&in.src, family, "fe80::2");
		set_addr(&in.dst, family, "ff02::12");
		in.ttl = 255;
	}
	/* Twice: the second run exercises the AH sequence window. */
	if (vrrp_rx_check(&conf, &st, &in, &pkt, &counter, &why) == 0) {
		struct ka_addr a;
		size_t i;

		for (i = 0; i < pkt.naddr; i++)
			vrrp_pkt_addr(&pkt, i, &a);
		vrrp_rx_check(&conf, &st, &in, &pkt, &counter, &why);
	}
	return 0;
}
