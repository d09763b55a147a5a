/*
 * global_kw_vrrp.c: global_defs keywords that set VRRP defaults and the
 * firewall used for VIPs, where a value needs more than a range check.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "global_kw.h"
#include "memory.h"

GLOBAL_KW(global_kw_mcast_group4)
{
	struct in_addr a;

	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (inet_pton(AF_INET, w->words[1], &a) != 1 ||
	    !IN_MULTICAST(ntohl(a.s_addr))) {
		cfg_report(p, CFG_ERROR, "vrrp_mcast_group4: '%s' is not an "
			   "IPv4 multicast address", w->words[1]);
		return -EINVAL;
	}
	GD(obj)->mcast_group4 = a;
	return 0;
}

GLOBAL_KW(global_kw_mcast_group6)
{
	struct in6_addr a;

	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (inet_pton(AF_INET6, w->words[1], &a) != 1 ||
	    !IN6_IS_ADDR_MULTICAST(&a)) {
		cfg_report(p, CFG_ERROR, "vrrp_mcast_group6: '%s' is not an "
			   "IPv6 multicast address", w->words[1]);
		return -EINVAL;
	}
	GD(obj)->mcast_group6 = a;
	return 0;
}

GLOBAL_KW(global_kw_default_interface)
{
	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (strlen(w->words[1]) >= IFNAMSIZ || strchr(w->words[1], '/')) {
		cfg_report(p, CFG_ERROR, "default_interface: '%s' cannot be "
			   "an interface name", w->words[1]);
		return -EINVAL;
	}
	return cfg_get_string(p, w, 1, &GD(obj)->default_interface);
}

GLOBAL_KW(global_kw_garp_extra_if)
{
	struct global_data *gd = GD(obj);
	bool all = w->count > 1 && !strcmp(w->words[1], "all");
	unsigned long secs;

	if (global_kw_args(p, w, 1, 2) < 0)
		return -EINVAL;
	if (w->count == 3 && !all) {
		cfg_report(p, CFG_ERROR, "vrrp_garp_extra_if: expected 'all' "
			   "before the interval, not '%s'", w->words[1]);
		return -EINVAL;
	}
	if ((size_t)all + 1 >= w->count)
		return global_kw_args(p, w, 2, 2);
	if (cfg_get_uint(p, w, (size_t)all + 1, 1, 86400, &secs) < 0)
		return -EINVAL;
	gd->garp_extra_if_all = all;
	gd->garp_extra_if_s = (unsigned)secs;
	return 0;
}

GLOBAL_KW(global_kw_rx_bufs_policy)
{
	struct global_data *gd = GD(obj);
	const char *v;

	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	v = w->words[1];
	if (!strcmp(v, "MTU")) {
		gd->rx_bufs_policy = GD_RX_BUFS_MTU;
	} else if (!strcmp(v, "ADVERT")) {
		gd->rx_bufs_policy = GD_RX_BUFS_ADVERT;
	} else {
		if (cfg_get_uint(p, w, 1, 1, UINT32_MAX, &gd->rx_bufs_size) < 0)
			return -EINVAL;
		gd->rx_bufs_policy = GD_RX_BUFS_SIZE;
	}
	return 0;
}

GLOBAL_KW(global_kw_vrrp_iptables)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 2) < 0)
		return -EINVAL;
	gd->vrrp_iptables = true;
	if (w->count > 1 && cfg_get_string(p, w, 1, &gd->iptables_in) < 0)
		return -EINVAL;
	if (w->count > 2 && cfg_get_string(p, w, 2, &gd->iptables_out) < 0)
		return -EINVAL;
	return 0;
}

GLOBAL_KW(global_kw_vrrp_ipsets)
{
	struct global_data *gd = GD(obj);
	size_t i;

	if (global_kw_args(p, w, 0, 5) < 0)
		return -EINVAL;
	global_data_strlist_clear(&gd->ipsets);
	for (i = 1; i < w->count; i++) {
		if (strlen(w->words[i]) > 31) {
			cfg_report(p, CFG_ERROR, "vrrp_ipsets: set name '%s' "
				   "is longer than 31 characters",
				   w->words[i]);
			return -EINVAL;
		}
		global_data_strlist_add(&gd->ipsets, w->words[i]);
	}
	return 0;
}

/* nftables table names are limited to 255 bytes by the kernel. */
static int nft_table(struct cfg_parser *p, const struct cfg_words *w,
		     bool *on, char **table)
{
	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	if (w->count == 2 && strlen(w->words[1]) > 255) {
		cfg_report(p, CFG_ERROR, "%s: table name too long",
			   w->words[0]);
		return -EINVAL;
	}
	*on = true;
	if (w->count == 2)
		return cfg_get_string(p, w, 1, table);
	return 0;
}

GLOBAL_KW(global_kw_nftables)
{
	return nft_table(p, w, &GD(obj)->nftables, &GD(obj)->nftables_table);
}

GLOBAL_KW(global_kw_nftables_ipvs)
{
	return nft_table(p, w, &GD(obj)->nftables_ipvs,
			 &GD(obj)->nftables_ipvs_table);
}

GLOBAL_KW(global_kw_dynamic_interfaces)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	if (w->count == 2 && strcmp(w->words[1], "allow_if_changes")) {
		cfg_report(p, CFG_ERROR, "dynamic_interfaces: unknown option "
			   "'%s'", w->words[1]);
		return -EINVAL;
	}
	gd->dynamic_interfaces = true;
	gd->allow_if_changes = w->count == 2;
	return 0;
}

GLOBAL_KW(global_kw_vrrp_version)
{
	return global_kw_uint(p, w, 2, 3, &GD(obj)->vrrp_version);
}
