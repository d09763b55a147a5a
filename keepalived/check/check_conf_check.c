/*
 * check_conf_check.c: the validation pass over virtual_server_group and
 * virtual_server blocks; checkers and scripts have files of their own.
 */
#include "config.h"

#include <string.h>

#include "check_alloc.h"
#include "check_conf_check.h"

#define AT(x) (x)->at.file, (x)->at.line

/* A group mixing IPv4, IPv6 and fwmarks with no family cannot say
 * which family its fwmark services are. */
static bool group_ambiguous(const struct ck_vsg_conf *g)
{
	const struct ck_vsg_entry *e;
	bool v4 = false, v6 = false, bare_mark = false;

	list_for_each_entry(e, &g->entries, node) {
		if (e->is_fwmark && !e->family)
			bare_mark = true;
		else if (!e->is_fwmark && e->family == AF_INET)
			v4 = true;
		else if (!e->is_fwmark)
			v6 = true;
	}
	return v4 && v6 && bare_mark;
}

/* A group address without a port needs a persistent service. */
static bool group_has_portless(const struct check_conf *c, const char *name)
{
	const struct ck_vsg_conf *g = check_conf_find_group(c, name);
	const struct ck_vsg_entry *e;

	if (g)
		list_for_each_entry(e, &g->entries, node)
			if (!e->is_fwmark && !e->port)
				return true;
	return false;
}

int ck_check_groups(struct cfg_parser *p, struct check_conf *c)
{
	struct ck_vsg_conf *g, *tmp;
	int bad = 0;

	list_for_each_entry_safe(g, tmp, &c->groups, node) {
		if (list_empty(&g->entries)) {
			cfg_report_at(p, CFG_WARNING, AT(g), "virtual server "
				      "group %s has no entries - removing",
				      g->name);
		} else if (group_ambiguous(g)) {
			cfg_report_at(p, CFG_WARNING, AT(g), "virtual server "
				      "group %s cannot have IPv4, IPv6 and "
				      "fwmark without family - removing",
				      g->name);
		} else {
			continue;
		}
		bad++;
		list_del(&g->node);
		ck_vsg_conf_free(&g);
	}
	return bad;
}

static int check_protocol(struct cfg_parser *p,
			  struct ck_virtual_server_conf *vs, const char *name)
{
	if (vs->kind == CK_VS_FWMARK) {
		if (!vs->protocol)
			return 0;
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: "
			      "protocol specified for fwmark - protocol will "
			      "be ignored", name);
		return 1;
	}
	if (vs->protocol)
		return 0;
	/* keepalived 2.2.7 says UDP here; the manual's and our default
	 * is TCP. */
	cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: no "
		      "protocol set - defaulting to TCP", name);
	vs->protocol = CK_PROTO_TCP;
	return 1;
}

/* keepalived -t fails a service that leaves the scheduler or the
 * forwarding method to the default, and a non-persistent one without a
 * port. */
static int check_defaults(struct cfg_parser *p, const struct check_conf *c,
			  struct ck_virtual_server_conf *vs, const char *name)
{
	int bad = 0;

	if (!vs->persistent &&
	    ((vs->kind == CK_VS_ADDR && !vs->port) ||
	     (vs->kind == CK_VS_GROUP && group_has_portless(c, vs->group)))) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: "
			      "zero port only valid for persistent services "
			      "- setting", name);
		vs->persistent = true;
		bad++;
	}
	if (!vs->sched[0]) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: no "
			      "scheduler set, setting default 'wlc'", name);
		bad++;
	}
	if (vs->method.fwd == CK_FWD_UNSET) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: no "
			      "forwarding method set, setting default NAT",
			      name);
		bad++;
	}
	if ((vs->flags & CK_SVC_ONEPACKET) && vs->protocol != CK_PROTO_UDP &&
	    vs->kind != CK_VS_FWMARK) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: one "
			      "packet scheduling requires UDP - resetting",
			      name);
		vs->flags &= ~(unsigned)CK_SVC_ONEPACKET;
		bad++;
	}
	return bad;
}

static long total_weight(const struct ck_virtual_server_conf *vs)
{
	const struct ck_real_server_conf *rs;
	long sum = 0;

	list_for_each_entry(rs, &vs->real_servers, node)
		sum += rs->weight;
	return sum;
}

static int check_quorum(struct cfg_parser *p,
			struct ck_virtual_server_conf *vs, const char *name)
{
	long total = total_weight(vs);
	int bad = 0;

	if (vs->quorum > total) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: "
			      "quorum %ld exceeds the total weight of the real "
			      "servers %ld, reducing quorum to %ld", name,
			      vs->quorum, total, total ? total : 1);
		vs->quorum = total ? total : 1;
		bad++;
	}
	if (vs->hysteresis && vs->hysteresis >= vs->quorum) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s: "
			      "hysteresis %ld >= quorum %ld; setting "
			      "hysteresis to 0", name, vs->hysteresis,
			      vs->quorum);
		vs->hysteresis = 0;
		bad++;
	}
	return bad;
}

/* The family a real server must have, 0 when anything goes: tunnelled
 * servers may differ, and so may anything under a service whose family
 * comes from its servers. */
static int wanted_family(const struct ck_virtual_server_conf *vs,
			 const struct ck_real_server_conf *rs)
{
	const struct ck_method *m = &rs->method;

	if (m->fwd == CK_FWD_UNSET)
		m = &vs->method;
	return m->fwd == CK_FWD_TUN ? 0 : vs->family;
}

/* A group address whose port differs from "port". */
static bool group_port_differs(const struct check_conf *c, const char *name,
			       uint16_t port)
{
	const struct ck_vsg_conf *g = check_conf_find_group(c, name);
	const struct ck_vsg_entry *e;

	if (g)
		list_for_each_entry(e, &g->entries, node)
			if (!e->is_fwmark && e->port && e->port != port)
				return true;
	return false;
}

/*
 * Direct routing and tunnels cannot change the port: a server's port
 * other than the service's is reset (an fwmark service has none), as
 * keepalived does. "what" is "real" or "sorry".
 */
static int check_port(struct cfg_parser *p, const struct check_conf *c,
		      const struct ck_virtual_server_conf *vs,
		      struct ck_real_server_conf *rs, const struct ck_method *m,
		      const char *what)
{
	char name[CK_VS_STRLEN], rsname[CK_VS_STRLEN];

	if (m->fwd == CK_FWD_NAT || m->fwd == CK_FWD_UNSET || !rs->port)
		return 0;
	ck_vs_name(vs, name, sizeof(name));
	ck_rs_name_full(vs, rs, rsname, sizeof(rsname));
	if (vs->kind == CK_VS_FWMARK) {
		cfg_report_at(p, CFG_WARNING, AT(rs), "fwmark virtual server "
			      "%s, %s server %s has port specified - "
			      "clearing", name, what, rsname);
		rs->port = 0;
		return 1;
	}
	if (vs->kind == CK_VS_ADDR ? rs->port == vs->port :
	    !group_port_differs(c, vs->group, rs->port))
		return 0;
	cfg_report_at(p, CFG_WARNING, AT(rs), "virtual server %s and %s "
		      "server %s ports don't match%s", name, what, rsname,
		      vs->kind == CK_VS_ADDR ? " - resetting" : "");
	if (vs->kind == CK_VS_ADDR)
		rs->port = vs->port;
	return 1;
}

static const struct ck_method *rs_method(const struct ck_virtual_server_conf *vs,
					 const struct ck_real_server_conf *rs)
{
	return rs->method.fwd != CK_FWD_UNSET ? &rs->method : &vs->method;
}

static int check_sorry(struct cfg_parser *p, const struct check_conf *c,
		       struct ck_virtual_server_conf *vs)
{
	char a[ADDR_STRLEN];
	int f;

	if (!vs->sorry)
		return 0;
	f = wanted_family(vs, vs->sorry);
	if (!f || f == vs->sorry->addr.family)
		return check_port(p, c, vs, vs->sorry,
				  vs->sorry_method.fwd != CK_FWD_UNSET ?
				  &vs->sorry_method : &vs->method, "sorry");
	addr_ntop(&vs->sorry->addr, a, sizeof(a));
	cfg_report_at(p, CFG_ERROR, AT(vs->sorry), "Address family of "
		      "virtual server and sorry server %s don't match - "
		      "skipping sorry server.", a);
	ck_rs_conf_free(&vs->sorry);
	return 1;
}

static const char *rs_full(const struct ck_virtual_server_conf *vs,
			   const struct ck_real_server_conf *rs, char *buf,
			   size_t size)
{
	ck_rs_name_full(vs, rs, buf, size);
	return buf;
}

static bool rs_same(const struct ck_real_server_conf *a,
		    const struct ck_real_server_conf *b)
{
	return addr_equal(&a->addr, &b->addr) && a->port == b->port;
}

/* An earlier real server with the same address and port. */
static bool rs_duplicate(const struct ck_virtual_server_conf *vs,
			 const struct ck_real_server_conf *rs)
{
	const struct ck_real_server_conf *o;

	list_for_each_entry(o, &vs->real_servers, node) {
		if (o == rs)
			return false;
		if (rs_same(o, rs))
			return true;
	}
	return false;
}

int ck_check_real_servers(struct cfg_parser *p, const struct check_conf *c,
			  struct ck_virtual_server_conf *vs)
{
	struct ck_real_server_conf *rs, *tmp;
	char a[ADDR_STRLEN], full[CK_VS_STRLEN];
	int bad = 0, f;

	list_for_each_entry_safe(rs, tmp, &vs->real_servers, node) {
		f = wanted_family(vs, rs);
		addr_ntop(&rs->addr, a, sizeof(a));
		if (f && f != rs->addr.family) {
			cfg_report_at(p, CFG_ERROR, AT(rs), "Address family "
				      "of virtual server and real server %s "
				      "don't match - skipping real server.",
				      a);
		} else if (rs_duplicate(vs, rs)) {
			cfg_report_at(p, CFG_ERROR, AT(rs), "real server "
				      "%s is duplicated - removing second rs",
				      rs_full(vs, rs, full, sizeof(full)));
		} else {
			bad += check_port(p, c, vs, rs, rs_method(vs, rs),
					  "real");
			continue;
		}
		bad++;
		list_del(&rs->node);
		ck_rs_conf_free(&rs);
	}
	return bad + check_sorry(p, c, vs);
}

/* A group service: the group must exist (keepalived 2.2.7 lets a
 * missing one pass -t and ignores the service). */
static int check_group_ref(struct cfg_parser *p, const struct check_conf *c,
			   const struct ck_virtual_server_conf *vs)
{
	if (vs->kind != CK_VS_GROUP || check_conf_find_group(c, vs->group))
		return 0;
	cfg_report_at(p, CFG_NOTE, AT(vs), "Virtual server group %s "
		      "specified but not configured - ignoring virtual server",
		      vs->group);
	return -1;
}

/* Returns the number of problems, or -1 if the service must go. */
int ck_check_vs(struct cfg_parser *p, const struct check_conf *c,
		struct ck_virtual_server_conf *vs)
{
	char name[CK_VS_STRLEN];
	struct ck_real_server_conf *rs;
	int bad = 0;

	if (check_group_ref(p, c, vs) < 0)
		return -1;
	ck_vs_name(vs, name, sizeof(name));
	bad += check_protocol(p, vs, name);
	ck_vs_name(vs, name, sizeof(name));
	bad += check_defaults(p, c, vs, name);
	bad += ck_check_real_servers(p, c, vs);
	list_for_each_entry(rs, &vs->real_servers, node)
		bad += ck_check_checkers(p, c, rs);
	if (list_empty(&vs->real_servers)) {
		cfg_report_at(p, CFG_WARNING, AT(vs), "Virtual server %s has "
			      "no real servers - ignoring", name);
		return -1;
	}
	return bad + check_quorum(p, vs, name);
}

int ck_check_track_files(struct cfg_parser *p, struct check_conf *c)
{
	struct ck_track_file *tf, *tmp;
	int bad = 0;

	list_for_each_entry_safe(tf, tmp, &c->track_files, node) {
		if (tf->path)
			continue;
		cfg_report_at(p, CFG_WARNING, AT(tf), "No file set for "
			      "track_file %s - ignoring", tf->name);
		bad++;
		list_del(&tf->node);
		ck_track_file_free(&tf);
	}
	return bad;
}

int check_conf_check(struct cfg_parser *p, struct check_conf *c,
		     const struct global_data *gd,
		     const struct config_check_env *env)
{
	struct ck_virtual_server_conf *vs, *tmp;
	int bad = ck_check_groups(p, c) + ck_check_track_files(p, c), r;

	list_for_each_entry_safe(vs, tmp, &c->virtual_servers, node) {
		r = ck_check_vs(p, c, vs);
		if (r >= 0) {
			bad += r;
			continue;
		}
		bad++;
		list_del(&vs->node);
		ck_vs_conf_free(&vs);
	}
	return bad + ck_check_scripts(p, c, gd, env);
}
