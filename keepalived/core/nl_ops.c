/*
 * nl_ops.c: one request per configured object, and its answer as text.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "nl_ifaddr.h"
#include "nl_ops.h"
#include "nl_route.h"
#include "nl_rule.h"

static int ifindex_of(const char *name, void *ctx)
{
	const struct iftable *t = ctx;
	const struct iface *ifp = t ? iftable_by_name(t, name) : NULL;
	unsigned idx;

	if (ifp)
		return ifp->link.index;
	idx = if_nametoindex(name);
	return idx ? (int)idx : -ENODEV;
}

/* Sends and frees "m"; formats the answer. */
static int send_msg(struct nl_cmd *c, struct nl_msg *m, char *err,
		    size_t errlen)
{
	char kmsg[NL_CMD_ERR_MAX];
	int r = nl_cmd_request(c, m, kmsg, sizeof(kmsg));

	nlmsg_free(m);
	if (r < 0 && errlen)
		snprintf(err, errlen, "%s%s%s%s", strerror(-r),
			 kmsg[0] ? " (" : "", kmsg, kmsg[0] ? ")" : "");
	return r;
}

static int build_failed(int r, const char *dev, char *err, size_t errlen)
{
	if (!errlen)
		return r;
	if (r == -ENODEV)
		snprintf(err, errlen, "no interface %s", dev ? dev : "?");
	else
		snprintf(err, errlen, "cannot build the request: %s",
			 strerror(-r));
	return r;
}

int nl_ops_addr(struct nl_cmd *c, const struct iftable *t,
		const struct ipaddr *a, const char *default_if, bool add,
		char *err, size_t errlen)
{
	/* keepalived.conf(5): default_interface, itself eth0 by default. */
	const char *dev = a->dev[0] ? a->dev : default_if ? default_if : "eth0";
	struct nl_msg *m;
	int idx, r;

	if (errlen)
		err[0] = '\0';
	idx = ifindex_of(dev, (void *)t);
	if (idx < 0)
		return build_failed(idx, dev, err, errlen);
	r = nl_ifaddr_msg(a, idx, add, false, &m);
	if (r < 0)
		return build_failed(r, dev, err, errlen);
	return send_msg(c, m, err, errlen);
}

int nl_ops_route(struct nl_cmd *c, const struct iftable *t,
		 const struct route *r, bool add, char *err, size_t errlen)
{
	const char *bad = NULL;
	struct nl_msg *m;
	int ret;

	if (errlen)
		err[0] = '\0';
	ret = nl_route_msg(r, ifindex_of, (void *)t, add, &m, &bad);
	if (ret < 0)
		return build_failed(ret, bad, err, errlen);
	return send_msg(c, m, err, errlen);
}

int nl_ops_rule(struct nl_cmd *c, const struct rule *r, bool add, char *err,
		size_t errlen)
{
	struct nl_msg *m;
	int ret;

	if (errlen)
		err[0] = '\0';
	ret = nl_rule_msg(r, add, &m);
	if (ret < 0)
		return build_failed(ret, NULL, err, errlen);
	return send_msg(c, m, err, errlen);
}
