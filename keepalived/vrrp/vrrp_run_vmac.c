/*
 * vrrp_run_vmac.c: an instance's VMAC on the system: created (or found)
 * once its interface exists, with the sysctls that make the VMAC, not
 * the base interface, answer for the virtual addresses; deleted when the
 * instance stops. The kernel deletes a macvlan with its base interface:
 * the next check of the interface makes it again.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_addr.h>

#include "ipaddr.h"
#include "log.h"
#include "nl_ops.h"
#include "vrrp_run_internal.h"
#include "vrrp_vmac.h"

/* Writes "value" to /proc/sys/net/<family>/conf/<ifname>/<key>; a
 * failure is logged, not fatal (the VMAC works, less well). */
static void set_sysctl(const struct vrrp_inst *in, const char *family,
		       const char *ifname, const char *key, const char *value)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/proc/sys/net/%s/conf/%s/%s", family,
		 ifname, key);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, value, strlen(value)) < 0)
		ret = -errno;
	if (fd >= 0)
		close(fd);
	if (ret < 0)
		log_warnx("(%s) cannot set %s to %s: %s", in->p.name, path,
			  value, strerror(-ret));
}

/*
 * As keepalived 2.2 sets them: the base interface answers ARP only for
 * its own addresses (arp_ignore 1, arp_filter 1), so that the VIPs are
 * answered from the virtual MAC; the VMAC accepts packets from our own
 * addresses (its adverts come back with the base's source address),
 * does no reverse-path filtering, and keeps secondary addresses when a
 * primary one goes. An IPv4 instance's VMAC has no IPv6.
 */
static void vmac_sysctls(const struct vrrp_inst *in)
{
	if (in->p.family != AF_INET)
		return;
	set_sysctl(in, "ipv4", in->p.ifname, "arp_ignore", "1");
	set_sysctl(in, "ipv4", in->p.ifname, "arp_filter", "1");
	set_sysctl(in, "ipv4", in->vmac_if, "arp_ignore", "1");
	set_sysctl(in, "ipv4", in->vmac_if, "accept_local", "1");
	set_sysctl(in, "ipv4", in->vmac_if, "rp_filter", "0");
	set_sysctl(in, "ipv4", in->vmac_if, "promote_secondaries", "1");
	set_sysctl(in, "ipv6", in->vmac_if, "disable_ipv6", "1");
}

/*
 * An IPv6 instance sends from a link-local address of the interface the
 * adverts leave from (RFC 5798 5.1.2.2): the VMAC gets the base
 * interface's own one, as keepalived gives it, without DAD (the base
 * holds it already) and deprecated, so that nothing else picks it as a
 * source. The kernel generates none on the VMAC: every router of the
 * group would make the same one from the shared MAC.
 */
static void vmac_link_local(struct vrrp_inst *in)
{
	char err[NL_OPS_ERR_MAX], text[ADDR_STRLEN];
	struct ipaddr a = {
		.scope = -1, .ifa_flags = IFA_F_NODAD,
		.lft_mode = IPADDR_LFT_VALUE, .preferred_lft = 0,
	};
	int ret;

	if (in->p.family != AF_INET6 || !addr_is_linklocal(&in->src))
		return;
	a.prefix.addr = in->src;
	a.prefix.len = 64;
	snprintf(a.dev, sizeof(a.dev), "%s", in->vmac_if);
	ret = nl_ops_addr(netlink_daemon_cmd(in->run->nl),
			  netlink_daemon_iftable(in->run->nl), &a, NULL, true,
			  err, sizeof(err));
	if (ret < 0 && ret != -EEXIST) {
		addr_ntop(&in->src, text, sizeof(text));
		log_warnx("(%s) cannot add %s to VMAC interface %s: %s",
			  in->p.name, text, in->vmac_if, err);
	}
}

static int request(struct vrrp_inst *in, struct nl_msg *m, char *err,
		   size_t errlen)
{
	int ret = nl_cmd_request(netlink_daemon_cmd(in->run->nl), m, err,
				 errlen);

	nlmsg_free(m);
	return ret;
}

static int create(struct vrrp_inst *in, const struct iface *base)
{
	char err[NL_CMD_ERR_MAX];
	struct nl_msg *m;
	int ret;

	ret = vrrp_vmac_msg_create(in->vmac_if, base->link.index,
				   in->vmac_mac, &m);
	if (ret == 0)
		ret = request(in, m, err, sizeof(err));
	else
		snprintf(err, sizeof(err), "%s", strerror(-ret));
	if (ret < 0 && ret != -EEXIST) {
		log_warnx("(%s) cannot create VMAC interface %s on %s: %s%s%s",
			  in->p.name, in->vmac_if, in->p.ifname,
			  strerror(-ret), *err ? ": " : "", err);
		return ret;
	}
	log_info("(%s): Success creating VMAC interface %s", in->p.name,
		 in->vmac_if);
	return 0;
}

static int setup(struct vrrp_inst *in, int ifindex)
{
	char err[NL_CMD_ERR_MAX];
	struct nl_msg *m;
	int ret;

	*err = 0;
	ret = vrrp_vmac_msg_no_ll(ifindex, &m);
	if (ret == 0)
		ret = request(in, m, err, sizeof(err));
	if (ret == 0)
		ret = vrrp_vmac_msg_up(ifindex, &m);
	if (ret == 0)
		ret = request(in, m, err, sizeof(err));
	if (ret < 0)
		log_warnx("(%s) cannot bring VMAC interface %s up: %s%s%s",
			  in->p.name, in->vmac_if, strerror(-ret),
			  *err ? ": " : "", err);
	return ret;
}

int vrrp_run_vmac_up(struct vrrp_inst *in, const struct iface *base)
{
	unsigned idx;
	int ret;

	if (!in->p.use_vmac)
		return 0;
	vrrp_vmac_name(in->p.vmac_name, in->p.vrid, in->vmac_if);
	vrrp_vmac_mac(in->p.family, in->p.vrid, in->vmac_mac);
	idx = if_nametoindex(in->vmac_if);
	if (!idx) {
		ret = create(in, base);
		if (ret < 0)
			return ret;
		idx = if_nametoindex(in->vmac_if);
		if (!idx)
			return -ENODEV;
		ret = setup(in, (int)idx);
		if (ret < 0)
			return ret;
		vmac_sysctls(in);
		vmac_link_local(in);
		vrrp_run_nft_vmac(in, true);
	} else if ((int)idx != in->vmac_ifindex) {
		/* there before us (a previous run): made ours */
		vmac_sysctls(in);
		vmac_link_local(in);
		vrrp_run_nft_vmac(in, true);
	}
	in->vmac_ifindex = (int)idx;
	return 0;
}

void vrrp_run_vmac_down(struct vrrp_inst *in)
{
	char err[NL_CMD_ERR_MAX];
	struct nl_msg *m;
	unsigned idx;
	int ret;

	if (!in->p.use_vmac || !in->vmac_if[0])
		return;
	/* -V leaves the addresses, so their interface too */
	if (!in->run->opts.release_on_stop && in->run->stopping)
		return;
	idx = if_nametoindex(in->vmac_if);
	in->vmac_ifindex = 0;
	if (!idx || vrrp_vmac_msg_delete((int)idx, &m) < 0)
		return;
	vrrp_run_nft_vmac(in, false);
	ret = request(in, m, err, sizeof(err));
	if (ret < 0 && ret != -ENODEV)
		log_warnx("(%s) cannot remove VMAC interface %s: %s%s%s",
			  in->p.name, in->vmac_if, strerror(-ret),
			  *err ? ": " : "", err);
	else
		log_info("(%s) Success removing VMAC interface %s",
			 in->p.name, in->vmac_if);
}

const char *vrrp_run_vip_ifname(const struct vrrp_inst *in)
{
	return in->vmac_ifindex ? in->vmac_if : in->p.ifname;
}

const char *vrrp_run_xmit_ifname(const struct vrrp_inst *in)
{
	return in->vmac_ifindex && !in->p.vmac_xmit_base ? in->vmac_if :
							   in->p.ifname;
}

bool vrrp_run_vmac_same(const struct vrrp_run_params *a,
			const struct vrrp_run_params *b)
{
	return a->use_vmac == b->use_vmac &&
	       a->vmac_xmit_base == b->vmac_xmit_base &&
	       strcmp(a->vmac_name, b->vmac_name) == 0;
}
