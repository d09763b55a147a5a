/*
 * rule.c: parsing and printing configured rules.
 */
#include "config.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "memory.h"
#include "nl_words.h"
#include "rule.h"
#include "strutil.h"

struct rp {
	struct nl_words c;
	struct rule *r;
	const struct nl_names *names;
	enum rule_ctx ctx;
	bool inet6;
};

typedef int opt_fn(struct rp *st, const char *kw);

static const struct { const char *name; unsigned char act; } actions[] = {
	{ "nop", FR_ACT_NOP }, { "blackhole", FR_ACT_BLACKHOLE },
	{ "unreachable", FR_ACT_UNREACHABLE },
	{ "prohibit", FR_ACT_PROHIBIT },
};

static const struct { const char *name; int proto; } ip_protos[] = {
	{ "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "dccp", 33 },
	{ "gre", 47 }, { "esp", 50 }, { "ah", 51 }, { "ipv6-icmp", 58 },
	{ "sctp", 132 }, { "udplite", 136 },
};

static const char *const unsupported[] = { "nat", "map-to", "tun_id" };

static int set_action(struct rp *st, unsigned char act, const char *kw)
{
	unsigned char cur = st->r->action;

	/* "table T ... goto N" is keepalived.conf(5)'s own example: the
	 * goto is the action, as with "ip rule". */
	if ((cur == FR_ACT_TO_TBL && act == FR_ACT_GOTO) ||
	    (cur == FR_ACT_GOTO && act == FR_ACT_TO_TBL)) {
		st->r->action = FR_ACT_GOTO;
		return 0;
	}
	if (cur && cur != act)
		return nl_words_fail(&st->c, "'%s' and another action", kw);
	st->r->action = act;
	return 0;
}

static int opt_prefix(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	struct ka_prefix *p = kw[0] == 'f' ? &st->r->from : &st->r->to;

	if (!v)
		return -EINVAL;
	if (!strcmp(v, "all") || !strcmp(v, "any") || !strcmp(v, "default"))
		return 0;
	if (nl_prefix_parse(v, 0, p) < 0)
		return nl_words_fail(&st->c, "%s '%s' is not a prefix (host "
				     "bits set?)", kw, v);
	return 0;
}

static int opt_u32(struct rp *st, const char *kw, uint32_t *out)
{
	unsigned long v;

	if (nl_words_uint(&st->c, kw, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

static int opt_priority(struct rp *st, const char *kw)
{
	st->r->priority_set = true;
	return opt_u32(st, kw, &st->r->priority);
}

static int opt_goto(struct rp *st, const char *kw)
{
	if (opt_u32(st, kw, &st->r->goto_target) < 0)
		return -EINVAL;
	return set_action(st, FR_ACT_GOTO, kw);
}

static int opt_tos(struct rp *st, const char *kw)
{
	unsigned long v;

	if (nl_words_uint(&st->c, kw, 0, 255, &v) < 0)
		return -EINVAL;
	st->r->tos = (unsigned char)v;
	return 0;
}

static int opt_named(struct rp *st, const char *kw, enum nl_names_kind kind,
		     uint32_t *out)
{
	const char *v = nl_words_value(&st->c, kw);

	if (!v)
		return -EINVAL;
	if (nl_names_lookup(st->names, kind, v, out) < 0)
		return nl_words_fail(&st->c, "%s '%s' is not a number or a "
				     "known name", kw, v);
	return 0;
}

static int opt_table(struct rp *st, const char *kw)
{
	if (opt_named(st, kw, NL_NAMES_TABLE, &st->r->table) < 0)
		return -EINVAL;
	if (!st->r->table)
		return nl_words_fail(&st->c, "table 0 is not a table");
	return set_action(st, FR_ACT_TO_TBL, kw);
}

static int opt_protocol(struct rp *st, const char *kw)
{
	uint32_t v;

	if (opt_named(st, kw, NL_NAMES_PROTO, &v) < 0)
		return -EINVAL;
	st->r->protocol = (int)v;
	return 0;
}

static int opt_fwmark(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	bool has_mask;

	if (!v)
		return -EINVAL;
	if (nl_value_mask_parse(v, UINT32_MAX, &st->r->fwmark,
				&st->r->fwmask, &has_mask) < 0)
		return nl_words_fail(&st->c, "fwmark '%s' is not MARK or "
				     "MARK/MASK", v);
	st->r->fwmark_set = true;
	st->r->fwmask_set = has_mask;
	return 0;
}

static int opt_ifname(struct rp *st, const char *kw)
{
	char *dst = kw[0] == 'i' ? st->r->iif : st->r->oif;
	const char *v;

	if (nl_words_name(&st->c, kw, IF_NAMESIZE, &v) < 0)
		return -EINVAL;
	snprintf(dst, IF_NAMESIZE, "%s", v);
	return 0;
}

static int opt_realms(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	char bad[64];

	if (!v)
		return -EINVAL;
	if (nl_names_realms(st->names, v, &st->r->realms, bad,
			    sizeof(bad)) < 0)
		return nl_words_fail(&st->c, "realm '%s' is unknown", bad);
	return 0;
}

static int opt_suppress(struct rp *st, const char *kw)
{
	unsigned long v;

	if (!strcmp(kw, "suppress_prefixlength")) {
		if (nl_words_uint(&st->c, kw, 0, 128, &v) < 0)
			return -EINVAL;
		st->r->suppress_prefixlen = (int)v;
		return 0;
	}
	if (nl_words_uint(&st->c, kw, 0, INT32_MAX, &v) < 0)
		return -EINVAL;
	st->r->suppress_ifgroup = (int64_t)v;
	return 0;
}

/* "A-B" or "A" of numbers up to max. */
static int range_parse(const char *s, unsigned long max, unsigned long *lo,
		       unsigned long *hi)
{
	const char *dash = strchr(s, '-');
	char buf[32];

	if (!dash)
		return str_to_ulong(s, 0, max, lo) < 0 ? -EINVAL :
		       (*hi = *lo, 0);
	if ((size_t)(dash - s) >= sizeof(buf))
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%.*s", (int)(dash - s), s);
	if (str_to_ulong(buf, 0, max, lo) < 0 ||
	    str_to_ulong(dash + 1, 0, max, hi) < 0 || *hi < *lo)
		return -EINVAL;
	return 0;
}

static int opt_range(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	bool uid = kw[0] == 'u';
	unsigned long lo, hi;
	uint16_t *port = kw[0] == 's' ? st->r->sport : st->r->dport;

	if (!v)
		return -EINVAL;
	if (range_parse(v, uid ? UINT32_MAX : 65535, &lo, &hi) < 0)
		return nl_words_fail(&st->c, "%s '%s' is not N or N-M", kw,
				     v);
	if (uid) {
		st->r->uid_start = (uint32_t)lo;
		st->r->uid_end = (uint32_t)hi;
		st->r->uid_set = true;
		return 0;
	}
	port[0] = (uint16_t)lo;
	port[1] = (uint16_t)hi;
	if (kw[0] == 's')
		st->r->sport_set = true;
	else
		st->r->dport_set = true;
	return 0;
}

static int opt_ipproto(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	unsigned long n;
	size_t i;

	if (!v)
		return -EINVAL;
	for (i = 0; i < sizeof(ip_protos) / sizeof(ip_protos[0]); i++) {
		if (!strcasecmp(v, ip_protos[i].name)) {
			st->r->ip_proto = ip_protos[i].proto;
			return 0;
		}
	}
	if (str_to_ulong(v, 0, 255, &n) < 0)
		return nl_words_fail(&st->c, "%s '%s' is not a protocol name "
				     "or number", kw, v);
	st->r->ip_proto = (int)n;
	return 0;
}

static int opt_flag(struct rp *st, const char *kw)
{
	if (!strcmp(kw, "not"))
		st->r->invert = true;
	else if (!strcmp(kw, "inet6"))
		st->inet6 = true;
	else if (!strcmp(kw, "l3mdev"))
		st->r->l3mdev = true;
	else if (st->ctx != RULE_VIRTUAL)
		return nl_words_fail(&st->c, "'no_track' is only for virtual "
				     "rules");
	else
		st->r->no_track = true;
	return 0;
}

static int opt_track_group(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);

	if (!v)
		return -EINVAL;
	if (st->ctx != RULE_STATIC)
		return nl_words_fail(&st->c, "'track_group' is only for "
				     "static rules");
	mem_free(&st->r->track_group);
	st->r->track_group = mem_strdup(v);
	return 0;
}

static const struct { const char *name; opt_fn *fn; } opts[] = {
	{ "from", opt_prefix }, { "to", opt_prefix },
	{ "priority", opt_priority }, { "preference", opt_priority },
	{ "order", opt_priority }, { "table", opt_table },
	{ "lookup", opt_table }, { "goto", opt_goto }, { "tos", opt_tos },
	{ "dsfield", opt_tos }, { "fwmark", opt_fwmark },
	{ "iif", opt_ifname }, { "oif", opt_ifname },
	{ "realms", opt_realms }, { "protocol", opt_protocol },
	{ "suppress_prefixlength", opt_suppress },
	{ "suppress_ifgroup", opt_suppress }, { "uidrange", opt_range },
	{ "sport", opt_range }, { "dport", opt_range },
	{ "ipproto", opt_ipproto }, { "ip_proto", opt_ipproto },
	{ "not", opt_flag }, { "inet6", opt_flag }, { "l3mdev", opt_flag },
	{ "no_track", opt_flag }, { "track_group", opt_track_group },
};

static int parse_word(struct rp *st, const char *kw)
{
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(kw, opts[i].name))
			return opts[i].fn(st, kw);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(kw, actions[i].name))
			return set_action(st, actions[i].act, kw);
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (!strcmp(kw, unsupported[i]))
			return nl_words_fail(&st->c, "rule option '%s' is not "
					     "supported", kw);
	return nl_words_fail(&st->c, "unknown rule option '%s'", kw);
}

static int check_rule(struct rp *st)
{
	struct rule *r = st->r;
	int ff = r->from.addr.family, tf = r->to.addr.family;

	if (ff && tf && ff != tf)
		return nl_words_fail(&st->c, "from and to of different "
				     "families");
	r->family = st->inet6 ? AF_INET6 : ff ? ff : tf ? tf : AF_INET;
	if ((ff && ff != r->family) || (tf && tf != r->family))
		return nl_words_fail(&st->c, "inet6 with an IPv4 prefix");
	if (r->l3mdev && r->action == FR_ACT_UNSPEC)
		r->action = FR_ACT_TO_TBL;
	if (r->action == FR_ACT_UNSPEC)
		return nl_words_fail(&st->c, "no action: give table, goto, "
				     "l3mdev, nop or a type");
	if (r->l3mdev && r->table)
		return nl_words_fail(&st->c, "l3mdev and table together");
	if (r->fwmask_set && !r->fwmark_set)
		return nl_words_fail(&st->c, "fwmask without fwmark");
	return 0;
}

int rule_parse(const char *const *words, size_t count, enum rule_ctx ctx,
	       const struct nl_names *names, struct rule **out, char *err,
	       size_t errlen)
{
	struct rp st = { .names = names, .ctx = ctx };
	const char *kw;

	nl_words_init(&st.c, words, count, err, errlen);
	st.r = mem_new(struct rule);
	list_node_init(&st.r->node);
	st.r->suppress_prefixlen = -1;
	st.r->suppress_ifgroup = -1;
	st.r->ip_proto = -1;
	st.r->protocol = -1;
	while ((kw = nl_words_next(&st.c)))
		if (parse_word(&st, kw) < 0)
			break;
	if (st.c.err[0] || check_rule(&st) < 0) {
		rule_free(&st.r);
		return -EINVAL;
	}
	*out = st.r;
	return 0;
}

void rule_free(struct rule **r)
{
	if (!r || !*r)
		return;
	mem_free(&(*r)->track_group);
	mem_free(r);
}

unsigned char rule_protocol(const struct rule *r)
{
	return r->protocol >= 0 ? (unsigned char)r->protocol :
	       RTPROT_KEEPALIVED;
}

static void fmt_match(const struct rule *r, char *buf, size_t size,
		      size_t *len)
{
	char a[PREFIX_STRLEN];

	if (r->invert)
		nl_put(buf, size, len, " not");
	if (r->from.addr.family && !prefix_ntop(&r->from, a, sizeof(a)))
		nl_put(buf, size, len, " from %s", a);
	if (r->to.addr.family && !prefix_ntop(&r->to, a, sizeof(a)))
		nl_put(buf, size, len, " to %s", a);
	if (r->family == AF_INET6 && !r->from.addr.family &&
	    !r->to.addr.family)
		nl_put(buf, size, len, " inet6");
	if (r->tos)
		nl_put(buf, size, len, " tos 0x%x", r->tos);
	if (r->fwmark_set)
		nl_put(buf, size, len, " fwmark 0x%x", r->fwmark);
	if (r->fwmask_set)
		nl_put(buf, size, len, "/0x%x", r->fwmask);
	if (r->iif[0])
		nl_put(buf, size, len, " iif %s", r->iif);
	if (r->oif[0])
		nl_put(buf, size, len, " oif %s", r->oif);
	if (r->uid_set)
		nl_put(buf, size, len, " uidrange %u-%u", r->uid_start,
		       r->uid_end);
	if (r->ip_proto >= 0)
		nl_put(buf, size, len, " ipproto %d", r->ip_proto);
	if (r->sport_set)
		nl_put(buf, size, len, " sport %u-%u", r->sport[0],
		       r->sport[1]);
	if (r->dport_set)
		nl_put(buf, size, len, " dport %u-%u", r->dport[0],
		       r->dport[1]);
}

static void fmt_action(const struct rule *r, const struct nl_names *names,
		       char *buf, size_t size, size_t *len)
{
	const char *name;
	size_t i;

	if (r->l3mdev)
		nl_put(buf, size, len, " l3mdev");
	if (r->table) {
		name = nl_names_name(names, NL_NAMES_TABLE, r->table);
		if (name)
			nl_put(buf, size, len, " table %s", name);
		else
			nl_put(buf, size, len, " table %u", r->table);
	}
	if (r->action == FR_ACT_GOTO)
		nl_put(buf, size, len, " goto %u", r->goto_target);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (actions[i].act == r->action)
			nl_put(buf, size, len, " %s", actions[i].name);
}

static void fmt_tail(const struct rule *r, char *buf, size_t size,
		     size_t *len)
{
	if (r->priority_set)
		nl_put(buf, size, len, " priority %u", r->priority);
	if (r->realms)
		nl_put(buf, size, len, " realms %u/%u", r->realms >> 16,
		       r->realms & 0xffff);
	if (r->suppress_prefixlen >= 0)
		nl_put(buf, size, len, " suppress_prefixlength %d",
		       r->suppress_prefixlen);
	if (r->suppress_ifgroup >= 0)
		nl_put(buf, size, len, " suppress_ifgroup %lld",
		       (long long)r->suppress_ifgroup);
	if (r->protocol >= 0)
		nl_put(buf, size, len, " protocol %d", r->protocol);
	if (r->no_track)
		nl_put(buf, size, len, " no_track");
	if (r->track_group)
		nl_put(buf, size, len, " track_group %s", r->track_group);
}

int rule_format(const struct rule *r, const struct nl_names *names,
		char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	fmt_match(r, buf, size, &len);
	fmt_action(r, names, buf, size, &len);
	fmt_tail(r, buf, size, &len);
	/* Every option starts with a space; drop the first. */
	if (len && len < size)
		memmove(buf, buf + 1, len);
	return len < size ? 0 : -ENOSPC;
}
