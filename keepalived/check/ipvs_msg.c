/*
 * ipvs_msg.c: building and parsing the generic netlink "IPVS" messages
 * (see ipvs_msg.h for the encodings the kernel expects).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <linux/ip_vs.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipvs_msg.h"

/* The kernel takes every address as a 16-byte union. */
#define IPVS_ADDR_LEN 16

struct nl_msg *ipvs_msg_new(int family_id, uint8_t cmd, int nlflags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0, nlflags,
			 cmd, IPVS_GENL_VERSION)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* libnl answers -NLE_NOMEM when the message is full. */
static int put_ok(int r)
{
	return r < 0 ? -EMSGSIZE : 0;
}

static int put_addr(struct nl_msg *m, int type, const struct ka_addr *a)
{
	uint8_t buf[IPVS_ADDR_LEN] = { 0 };

	if (a->family == AF_INET6)
		memcpy(buf, &a->u.v6, sizeof(a->u.v6));
	else
		memcpy(buf, &a->u.v4, sizeof(a->u.v4));
	return put_ok(nla_put(m, type, sizeof(buf), buf));
}

static int put_svc_key(struct nl_msg *m, const struct ipvs_service *s)
{
	int r = put_ok(nla_put_u16(m, IPVS_SVC_ATTR_AF, (uint16_t)s->family));

	if (r < 0)
		return r;
	if (s->fwmark)
		return put_ok(nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s->fwmark));
	if (nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s->protocol) < 0 ||
	    nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s->port)) < 0)
		return -EMSGSIZE;
	return put_addr(m, IPVS_SVC_ATTR_ADDR, &s->addr);
}

/* The kernel sets HASHED itself; the mask makes our flags replace its
 * whole set on an edit. */
static int put_svc_settings(struct nl_msg *m, const struct ipvs_service *s)
{
	struct ip_vs_flags f = {
		.flags = s->flags & ~(unsigned)IP_VS_SVC_F_HASHED,
		.mask = ~0u,
	};
	uint32_t netmask = s->netmask;

	if (!netmask)
		netmask = s->family == AF_INET6 ? 128 : 0xffffffff;
	if (nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s->sched) < 0 ||
	    nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f) < 0 ||
	    nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s->timeout_s) < 0 ||
	    nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, netmask) < 0)
		return -EMSGSIZE;
	if (s->pe_name[0])
		return put_ok(nla_put_string(m, IPVS_SVC_ATTR_PE_NAME,
					     s->pe_name));
	return 0;
}

int ipvs_msg_put_service(struct nl_msg *m, const struct ipvs_service *s,
			 bool full)
{
	struct nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
	int r;

	if (!nest)
		return -EMSGSIZE;
	r = put_svc_key(m, s);
	if (r == 0 && full)
		r = put_svc_settings(m, s);
	if (r < 0)
		return r;
	return put_ok(nla_nest_end(m, nest));
}

uint16_t ipvs_msg_tun_flags_to_kernel(uint16_t ours)
{
	switch (ours) {
	case 2: return IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
	case 4: return IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
	}
	return IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
}

uint16_t ipvs_msg_tun_flags_from_kernel(uint16_t kernel)
{
	if (kernel & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM)
		return 4;
	if (kernel & IP_VS_TUNNEL_ENCAP_FLAG_CSUM)
		return 2;
	/* nocsum is the kernel's default: read back as "not set". */
	return 0;
}

static int put_dest_settings(struct nl_msg *m, const struct ipvs_dest *d)
{
	if (nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD, (uint32_t)d->fwd) < 0 ||
	    nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight) < 0 ||
	    nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d->u_threshold) < 0 ||
	    nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d->l_threshold) < 0)
		return -EMSGSIZE;
	if (d->fwd != IPVS_FWD_TUNNEL)
		return 0;
	if (nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type) < 0 ||
	    nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT, htons(d->tun_port)) < 0 ||
	    nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS,
			ipvs_msg_tun_flags_to_kernel(d->tun_flags)) < 0)
		return -EMSGSIZE;
	return 0;
}

int ipvs_msg_put_dest(struct nl_msg *m, const struct ipvs_dest *d,
		      int svc_family, bool full)
{
	struct nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	int family = d->addr.family ? d->addr.family : svc_family;
	int r;

	if (!nest)
		return -EMSGSIZE;
	r = put_addr(m, IPVS_DEST_ATTR_ADDR, &d->addr);
	if (r == 0 && nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d->port)) < 0)
		r = -EMSGSIZE;
	/* Only a tunnel may cross families; the attribute is left out
	 * otherwise, for kernels older than 5.3 that do not know it. */
	if (r == 0 && family != svc_family &&
	    nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, (uint16_t)family) < 0)
		r = -EMSGSIZE;
	if (r == 0 && full)
		r = put_dest_settings(m, d);
	if (r < 0)
		return r;
	return put_ok(nla_nest_end(m, nest));
}

static int put_daemon_group(struct nl_msg *m, const struct ka_addr *g)
{
	if (g->family == AF_INET)
		return put_ok(nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP,
				      sizeof(g->u.v4), &g->u.v4));
	if (g->family == AF_INET6)
		return put_ok(nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6,
				      sizeof(g->u.v6), &g->u.v6));
	return 0;
}

static int put_daemon_settings(struct nl_msg *m,
			       const struct ipvs_sync_daemon *sd)
{
	if (nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, sd->ifname) < 0 ||
	    nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, sd->syncid) < 0)
		return -EMSGSIZE;
	if (sd->maxlen &&
	    nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN,
			(uint16_t)sd->maxlen) < 0)
		return -EMSGSIZE;
	if (sd->port &&
	    nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, htons(sd->port)) < 0)
		return -EMSGSIZE;
	if (sd->ttl &&
	    nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, (uint8_t)sd->ttl) < 0)
		return -EMSGSIZE;
	return put_daemon_group(m, &sd->group);
}

int ipvs_msg_put_daemon(struct nl_msg *m, const struct ipvs_sync_daemon *sd)
{
	struct nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_DAEMON);
	uint32_t state = sd->master ? IP_VS_STATE_MASTER : IP_VS_STATE_BACKUP;
	int r;

	if (!nest)
		return -EMSGSIZE;
	r = put_ok(nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, state));
	if (r == 0 && sd->ifname[0])
		r = put_daemon_settings(m, sd);
	if (r < 0)
		return r;
	return put_ok(nla_nest_end(m, nest));
}

int ipvs_msg_put_timeouts(struct nl_msg *m, const struct ipvs_timeouts *t)
{
	if (t->tcp && nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp) < 0)
		return -EMSGSIZE;
	if (t->tcp_fin &&
	    nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin) < 0)
		return -EMSGSIZE;
	if (t->udp && nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp) < 0)
		return -EMSGSIZE;
	return 0;
}

/* ---- parsing ------------------------------------------------------------ */

static struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};

static struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR] = { .minlen = IPVS_ADDR_LEN },
	[IPVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_STRING },
	[IPVS_SVC_ATTR_FLAGS] = { .minlen = sizeof(struct ip_vs_flags) },
	[IPVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_SVC_ATTR_PE_NAME] = { .type = NLA_STRING },
	[IPVS_SVC_ATTR_STATS64] = { .type = NLA_NESTED },
};

static struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = { .minlen = IPVS_ADDR_LEN },
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_STATS64] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
};

static struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_IFN] = { .type = NLA_STRING },
	[IPVS_DAEMON_ATTR_SYNC_ID] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] = { .minlen = 16 },
	[IPVS_DAEMON_ATTR_MCAST_PORT] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL] = { .type = NLA_U8 },
};

static struct nla_policy info_policy[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION] = { .type = NLA_U32 },
	[IPVS_INFO_ATTR_CONN_TAB_SIZE] = { .type = NLA_U32 },
};

/* The top-level attributes of a reply, and one nested set of them. */
static int parse_nested(struct nlmsghdr *h, int which, struct nlattr **tb,
			int max, struct nla_policy *policy)
{
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(h, 0, top, IPVS_CMD_ATTR_MAX, cmd_policy) < 0 ||
	    !top[which])
		return -EINVAL;
	if (nla_parse_nested(tb, max, top[which], policy) < 0)
		return -EINVAL;
	return 0;
}

static void get_addr(const struct nlattr *a, int family, struct ka_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = family;
	if (family == AF_INET6)
		memcpy(&out->u.v6, nla_data(a), sizeof(out->u.v6));
	else
		memcpy(&out->u.v4, nla_data(a), sizeof(out->u.v4));
}

/* STATS64 (kernels from 4.0) when present, else the 32-bit set. */
static void get_stats(struct nlattr *s32, struct nlattr *s64,
		      struct ipvs_stats *out)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	uint64_t *field[IPVS_STATS_ATTR_MAX + 1] = {
		[IPVS_STATS_ATTR_CONNS] = &out->conns,
		[IPVS_STATS_ATTR_INPKTS] = &out->inpkts,
		[IPVS_STATS_ATTR_OUTPKTS] = &out->outpkts,
		[IPVS_STATS_ATTR_INBYTES] = &out->inbytes,
		[IPVS_STATS_ATTR_OUTBYTES] = &out->outbytes,
		[IPVS_STATS_ATTR_CPS] = &out->cps,
		[IPVS_STATS_ATTR_INPPS] = &out->inpps,
		[IPVS_STATS_ATTR_OUTPPS] = &out->outpps,
		[IPVS_STATS_ATTR_INBPS] = &out->inbps,
		[IPVS_STATS_ATTR_OUTBPS] = &out->outbps,
	};
	struct nlattr *src = s64 ? s64 : s32;
	int i;

	memset(out, 0, sizeof(*out));
	if (!src || nla_parse_nested(tb, IPVS_STATS_ATTR_MAX, src, NULL) < 0)
		return;
	for (i = 1; i <= IPVS_STATS_ATTR_MAX; i++) {
		if (!tb[i] || !field[i])
			continue;
		if (nla_len(tb[i]) >= 8)
			*field[i] = nla_get_u64(tb[i]);
		else if (nla_len(tb[i]) >= 4)
			*field[i] = nla_get_u32(tb[i]);
	}
}

static void get_string(const struct nlattr *a, char *buf, size_t size)
{
	if (a)
		nla_strlcpy(buf, a, size);
	else
		buf[0] = 0;
}

static int svc_key_of(struct nlattr **tb, struct ipvs_service *s)
{
	if (!tb[IPVS_SVC_ATTR_AF])
		return -EINVAL;
	s->family = nla_get_u16(tb[IPVS_SVC_ATTR_AF]);
	if (s->family != AF_INET && s->family != AF_INET6)
		return -EINVAL;
	if (tb[IPVS_SVC_ATTR_FWMARK])
		s->fwmark = nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	if (s->fwmark)
		return 0;
	if (!tb[IPVS_SVC_ATTR_PROTOCOL] || !tb[IPVS_SVC_ATTR_ADDR] ||
	    !tb[IPVS_SVC_ATTR_PORT])
		return -EINVAL;
	s->protocol = nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
	s->port = ntohs(nla_get_u16(tb[IPVS_SVC_ATTR_PORT]));
	get_addr(tb[IPVS_SVC_ATTR_ADDR], s->family, &s->addr);
	return 0;
}

int ipvs_msg_parse_service(struct nlmsghdr *h, struct ipvs_service *out,
			   struct ipvs_stats *stats)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct ipvs_service s = { 0 };
	struct ip_vs_flags f;

	if (parse_nested(h, IPVS_CMD_ATTR_SERVICE, tb, IPVS_SVC_ATTR_MAX,
			 svc_policy) < 0 || svc_key_of(tb, &s) < 0 ||
	    !tb[IPVS_SVC_ATTR_SCHED_NAME] || !tb[IPVS_SVC_ATTR_FLAGS])
		return -EINVAL;
	get_string(tb[IPVS_SVC_ATTR_SCHED_NAME], s.sched, sizeof(s.sched));
	get_string(tb[IPVS_SVC_ATTR_PE_NAME], s.pe_name, sizeof(s.pe_name));
	memcpy(&f, nla_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
	s.flags = f.flags & ~(unsigned)IP_VS_SVC_F_HASHED;
	if (tb[IPVS_SVC_ATTR_TIMEOUT])
		s.timeout_s = nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	if (tb[IPVS_SVC_ATTR_NETMASK])
		s.netmask = nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	if (stats)
		get_stats(tb[IPVS_SVC_ATTR_STATS], tb[IPVS_SVC_ATTR_STATS64],
			  stats);
	*out = s;
	return 0;
}

static uint32_t u32_or0(const struct nlattr *a)
{
	return a ? nla_get_u32((struct nlattr *)a) : 0;
}

static void dest_settings_of(struct nlattr **tb, struct ipvs_dest *d)
{
	d->fwd = (enum ipvs_fwd)(u32_or0(tb[IPVS_DEST_ATTR_FWD_METHOD]) &
				 IP_VS_CONN_F_FWD_MASK);
	d->weight = (int)u32_or0(tb[IPVS_DEST_ATTR_WEIGHT]);
	d->u_threshold = u32_or0(tb[IPVS_DEST_ATTR_U_THRESH]);
	d->l_threshold = u32_or0(tb[IPVS_DEST_ATTR_L_THRESH]);
	if (d->fwd != IPVS_FWD_TUNNEL)
		return;
	if (tb[IPVS_DEST_ATTR_TUN_TYPE])
		d->tun_type = nla_get_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	if (tb[IPVS_DEST_ATTR_TUN_PORT])
		d->tun_port = ntohs(nla_get_u16(tb[IPVS_DEST_ATTR_TUN_PORT]));
	d->tun_flags = ipvs_msg_tun_flags_from_kernel(
		tb[IPVS_DEST_ATTR_TUN_FLAGS] ?
		nla_get_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]) : 0);
}

int ipvs_msg_parse_dest(struct nlmsghdr *h, int svc_family,
			struct ipvs_dest_info *info, struct ipvs_dest *out)
{
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	struct ipvs_dest d = { 0 };
	int family = svc_family;

	if (parse_nested(h, IPVS_CMD_ATTR_DEST, tb, IPVS_DEST_ATTR_MAX,
			 dest_policy) < 0 || !tb[IPVS_DEST_ATTR_ADDR] ||
	    !tb[IPVS_DEST_ATTR_PORT])
		return -EINVAL;
	if (tb[IPVS_DEST_ATTR_ADDR_FAMILY])
		family = nla_get_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY]);
	if (family != AF_INET && family != AF_INET6)
		return -EINVAL;
	get_addr(tb[IPVS_DEST_ATTR_ADDR], family, &d.addr);
	d.port = ntohs(nla_get_u16(tb[IPVS_DEST_ATTR_PORT]));
	dest_settings_of(tb, &d);
	if (info) {
		info->active_conns = u32_or0(tb[IPVS_DEST_ATTR_ACTIVE_CONNS]);
		info->inact_conns = u32_or0(tb[IPVS_DEST_ATTR_INACT_CONNS]);
		info->persist_conns = u32_or0(tb[IPVS_DEST_ATTR_PERSIST_CONNS]);
		get_stats(tb[IPVS_DEST_ATTR_STATS],
			  tb[IPVS_DEST_ATTR_STATS64], &info->stats);
	}
	*out = d;
	return 0;
}

static void daemon_group_of(struct nlattr **tb, struct ka_addr *g)
{
	memset(g, 0, sizeof(*g));
	if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		g->family = AF_INET6;
		memcpy(&g->u.v6, nla_data(tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]),
		       sizeof(g->u.v6));
	} else if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		g->family = AF_INET;
		memcpy(&g->u.v4, nla_data(tb[IPVS_DAEMON_ATTR_MCAST_GROUP]),
		       sizeof(g->u.v4));
	}
}

int ipvs_msg_parse_daemon(struct nlmsghdr *h, struct ipvs_sync_daemon *out)
{
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct ipvs_sync_daemon sd = { 0 };

	if (parse_nested(h, IPVS_CMD_ATTR_DAEMON, tb, IPVS_DAEMON_ATTR_MAX,
			 daemon_policy) < 0 || !tb[IPVS_DAEMON_ATTR_STATE] ||
	    !tb[IPVS_DAEMON_ATTR_MCAST_IFN])
		return -EINVAL;
	sd.master = nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]) ==
		    IP_VS_STATE_MASTER;
	get_string(tb[IPVS_DAEMON_ATTR_MCAST_IFN], sd.ifname,
		   sizeof(sd.ifname));
	sd.syncid = u32_or0(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		sd.maxlen = nla_get_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_PORT])
		sd.port = ntohs(nla_get_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]));
	if (tb[IPVS_DAEMON_ATTR_MCAST_TTL])
		sd.ttl = nla_get_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]);
	daemon_group_of(tb, &sd.group);
	*out = sd;
	return 0;
}

int ipvs_msg_parse_info(struct nlmsghdr *h, uint32_t *version,
			uint32_t *conn_tab_size)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];

	if (genlmsg_parse(h, 0, tb, IPVS_INFO_ATTR_MAX, info_policy) < 0 ||
	    !tb[IPVS_INFO_ATTR_VERSION] || !tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return -EINVAL;
	*version = nla_get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	*conn_tab_size = nla_get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}

int ipvs_msg_parse_timeouts(struct nlmsghdr *h, struct ipvs_timeouts *out)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(h, 0, tb, IPVS_CMD_ATTR_MAX, cmd_policy) < 0 ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_TCP] ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] ||
	    !tb[IPVS_CMD_ATTR_TIMEOUT_UDP])
		return -EINVAL;
	out->tcp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	out->tcp_fin = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	out->udp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}
