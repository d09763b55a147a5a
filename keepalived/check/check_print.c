/*
 * check_print.c: the LVS configuration written back in configuration
 * syntax. Every value is printed as the configuration would say it, so
 * that the printout parses (and completes) to equal data: the unit tests
 * check that round trip.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "check_data.h"

#define I1 "\t"
#define I2 "\t\t"
#define I3 "\t\t\t"
#define I4 "\t\t\t\t"

/* A word, quoted when it would not read back as one word. */
static void print_word(FILE *out, const char *s)
{
	const char *c;

	if (*s && !strpbrk(s, " \t\"'\\#!{}$~@;"))
		fputs(s, out);
	else {
		fputc('"', out);
		for (c = s; *c; c++) {
			if (*c == '"' || *c == '\\')
				fputc('\\', out);
			fputc(*c, out);
		}
		fputc('"', out);
	}
}

static void print_kw_word(FILE *out, const char *ind, const char *kw,
			  const char *s)
{
	if (!s)
		return;
	fprintf(out, "%s%s ", ind, kw);
	print_word(out, s);
	fputc('\n', out);
}

static void print_timer(FILE *out, const char *ind, const char *kw,
			int64_t us)
{
	if (us == CK_UNSET)
		return;
	fprintf(out, "%s%s %" PRId64 ".%06" PRId64 "\n", ind, kw,
		us / 1000000, us % 1000000);
}

static void print_addr(FILE *out, const char *ind, const char *kw,
		       const struct ka_addr *a)
{
	char buf[ADDR_STRLEN];

	if (!a->family)
		return;
	addr_ntop(a, buf, sizeof(buf));
	fprintf(out, "%s%s %s\n", ind, kw, buf);
}

static void print_script(FILE *out, const char *ind, const char *kw,
			 const struct ck_script *s)
{
	if (!s->cmd)
		return;
	fprintf(out, "%s%s ", ind, kw);
	print_word(out, s->cmd);
	if (s->user) {
		fputc(' ', out);
		print_word(out, s->user);
	}
	if (s->user && s->group) {
		fputc(' ', out);
		print_word(out, s->group);
	}
	fputc('\n', out);
}

static void print_method(FILE *out, const char *ind, const char *kw,
			 const struct ck_method *m)
{
	static const char *const fwd[] = { "", "NAT", "DR", "TUN" };
	static const char *const tun[] = { "ipip", "gue", "gre" };
	static const char *const csum[] = { "", "nocsum", "csum", "remcsum" };

	if (m->fwd == CK_FWD_UNSET)
		return;
	fprintf(out, "%s%s %s", ind, kw, fwd[m->fwd]);
	if (m->fwd == CK_FWD_TUN) {
		fprintf(out, " type %s", tun[m->tun_type]);
		if (m->tun_type == CK_TUN_GUE)
			fprintf(out, " port %u", m->tun_port);
		if (m->tun_csum != CK_TUN_CSUM_UNSET)
			fprintf(out, " %s", csum[m->tun_csum]);
	}
	fputc('\n', out);
}

static void print_bool(FILE *out, const char *ind, const char *kw, int v)
{
	if (v != CK_UNSET)
		fprintf(out, "%s%s %s\n", ind, kw, v ? "on" : "off");
}

/* The inheritable settings as given at one level (alpha onwards). */
static void print_inherited(FILE *out, const char *ind,
			    const struct ck_common *cm)
{
	print_bool(out, ind, "alpha", cm->alpha);
	print_timer(out, ind, "connect_timeout", cm->connect_timeout_us);
	if (cm->retry != CK_UNSET)
		fprintf(out, "%sretry %ld\n", ind, cm->retry);
	print_timer(out, ind, "delay_before_retry",
		    cm->delay_before_retry_us);
	print_timer(out, ind, "warmup", cm->warmup_us);
	print_timer(out, ind, "delay_loop", cm->delay_loop_us);
}

static void print_connection(FILE *out, const struct ck_common *cm)
{
	print_addr(out, I3, "connect_ip", &cm->connect_ip);
	if (cm->connect_port)
		fprintf(out, I3 "connect_port %u\n", cm->connect_port);
	print_addr(out, I3, "bindto", &cm->bindto);
	if (cm->bind_port)
		fprintf(out, I3 "bind_port %u\n", cm->bind_port);
	if (cm->bind_if[0])
		fprintf(out, I3 "bind_if %s\n", cm->bind_if);
	if (cm->fwmark)
		fprintf(out, I3 "fwmark %u\n", cm->fwmark);
}

static void print_status(FILE *out, const struct ck_status_set *s)
{
	unsigned c, end;

	if (!s->set)
		return;
	fputs(I4 "status_code", out);
	for (c = CK_HTTP_STATUS_MIN; c <= CK_HTTP_STATUS_MAX; c++) {
		if (!ck_status_has(s, c))
			continue;
		for (end = c; end < CK_HTTP_STATUS_MAX &&
		     ck_status_has(s, end + 1); end++)
			;
		if (end == c)
			fprintf(out, " %u", c);
		else
			fprintf(out, " %u-%u", c, end);
		c = end;
	}
	fputc('\n', out);
}

static void print_url(FILE *out, const struct ck_url *u)
{
	fputs(I3 "url {\n", out);
	print_kw_word(out, I4, "path", u->path);
	print_kw_word(out, I4, "digest", u->digest);
	print_status(out, &u->status);
	print_kw_word(out, I4, "virtualhost", u->virtualhost);
	print_kw_word(out, I4, "regex", u->regex);
	if (u->regex_no_match)
		fputs(I4 "regex_no_match\n", out);
	if (u->regex_options)
		fprintf(out, I4 "regex_options %s\n", u->regex_options);
	if (u->regex_min_offset)
		fprintf(out, I4 "regex_min_offset %lu\n", u->regex_min_offset);
	if (u->regex_max_offset)
		fprintf(out, I4 "regex_max_offset %lu\n", u->regex_max_offset);
	fputs(I3 "}\n", out);
}

static void print_http(FILE *out, const struct ck_checker_conf *ck)
{
	static const char *const protos[] = { "1.0", "1.0C", "1.1" };
	const struct ck_http *h = &ck->u.http;
	const struct ck_url *u;

	fprintf(out, I3 "http_protocol %s\n", protos[h->protocol]);
	print_kw_word(out, I3, "virtualhost", h->virtualhost);
	if (h->fast_recovery)
		fputs(I3 "fast_recovery\n", out);
	if (h->enable_sni && ck->type == CK_SSL)
		fputs(I3 "enable_sni\n", out);
	list_for_each_entry(u, &h->urls, node)
		print_url(out, u);
}

/* One two-digit word per byte, each reading back to the same byte and
 * wildcards. */
static void print_hex(FILE *out, const char *kw, const uint8_t *data,
		      const uint8_t *mask, size_t len)
{
	size_t i;

	fprintf(out, I3 "%s", kw);
	for (i = 0; i < len; i++) {
		uint8_t m = mask ? mask[i] : 0xff;

		fputc(' ', out);
		if (m & 0xf0)
			fprintf(out, "%x", data[i] >> 4);
		else
			fputc('X', out);
		if (m & 0x0f)
			fprintf(out, "%x", data[i] & 0xf);
		else
			fputc('X', out);
	}
	fputc('\n', out);
}

static void print_udp(FILE *out, const struct ck_udp *u)
{
	if (u->payload)
		print_hex(out, "payload", u->payload, NULL, u->payload_len);
	if (u->require_reply)
		print_hex(out, "require_reply", u->reply, u->reply_mask,
			  u->reply_len);
	fprintf(out, I3 "min_reply_length %lu\n", u->min_reply_length);
	fprintf(out, I3 "max_reply_length %lu\n", u->max_reply_length);
}

static void print_dns(FILE *out, const struct ck_dns *d)
{
	static const struct { enum ck_dns_type t; const char *name; } ts[] = {
		{ CK_DNS_A, "A" }, { CK_DNS_NS, "NS" },
		{ CK_DNS_CNAME, "CNAME" }, { CK_DNS_SOA, "SOA" },
		{ CK_DNS_MX, "MX" }, { CK_DNS_TXT, "TXT" },
		{ CK_DNS_AAAA, "AAAA" }, { CK_DNS_RRSIG, "RRSIG" },
		{ CK_DNS_DNSKEY, "DNSKEY" },
	};
	size_t i;

	for (i = 0; i < sizeof(ts) / sizeof(*ts); i++)
		if (ts[i].t == d->type)
			fprintf(out, I3 "type %s\n", ts[i].name);
	print_kw_word(out, I3, "name", d->name);
}

static void print_misc(FILE *out, const struct ck_misc *m)
{
	print_kw_word(out, I3, "misc_path", m->script.cmd);
	if (m->timeout_us != CK_UNSET)
		fprintf(out, I3 "misc_timeout %" PRId64 "\n",
			m->timeout_us / 1000000);
	if (m->dynamic)
		fputs(I3 "misc_dynamic\n", out);
	if (m->script.user) {
		fputs(I3 "user ", out);
		print_word(out, m->script.user);
		if (m->script.group) {
			fputc(' ', out);
			print_word(out, m->script.group);
		}
		fputc('\n', out);
	}
}

static void print_kind(FILE *out, const struct ck_checker_conf *ck)
{
	switch (ck->type) {
	case CK_HTTP:
	case CK_SSL:
		print_http(out, ck);
		break;
	case CK_MISC:
		print_misc(out, &ck->u.misc);
		break;
	case CK_SMTP:
		print_kw_word(out, I3, "helo_name", ck->u.smtp.helo_name);
		break;
	case CK_DNS:
		print_dns(out, &ck->u.dns);
		break;
	case CK_UDP:
		print_udp(out, &ck->u.udp);
		break;
	default:
		break;
	}
}

static void print_checker(FILE *out, const struct ck_checker_conf *ck)
{
	const struct ck_file *f = &ck->u.file;

	fprintf(out, I2 "%s {\n", ck_type_name(ck->type));
	if (ck->type == CK_FILE) {
		print_kw_word(out, I3, "track_file", f->track_file);
		fprintf(out, I3 "weight %ld%s\n", f->weight,
			f->reverse ? " reverse" : "");
	} else {
		if (ck->type != CK_MISC)
			print_connection(out, &ck->common);
		print_inherited(out, I3, &ck->common);
		print_bool(out, I3, "log_all_failures",
			   ck->common.log_all_failures);
	}
	print_kind(out, ck);
	fputs(I2 "}\n", out);
}

static void print_rs_settings(FILE *out, const struct ck_real_server_conf *rs)
{
	fprintf(out, I2 "weight %ld\n", rs->weight);
	print_method(out, I2, "lvs_method", &rs->method);
	print_script(out, I2, "notify_up", &rs->notify_up);
	print_script(out, I2, "notify_down", &rs->notify_down);
	if (rs->uthreshold)
		fprintf(out, I2 "uthreshold %lu\n", rs->uthreshold);
	if (rs->lthreshold)
		fprintf(out, I2 "lthreshold %lu\n", rs->lthreshold);
	print_bool(out, I2, "smtp_alert", rs->smtp_alert);
	print_kw_word(out, I2, "virtualhost", rs->virtualhost);
	print_kw_word(out, I2, "snmp_name", rs->snmp_name);
	print_bool(out, I2, "inhibit_on_failure", rs->inhibit_on_failure);
	print_inherited(out, I2, &rs->defaults);
}

static void print_rs(FILE *out, const struct ck_real_server_conf *rs)
{
	const struct ck_checker_conf *ck;
	char a[ADDR_STRLEN];

	addr_ntop(&rs->addr, a, sizeof(a));
	fprintf(out, I1 "real_server %s", a);
	if (rs->port)
		fprintf(out, " %u", rs->port);
	fputs(" {\n", out);
	print_rs_settings(out, rs);
	list_for_each_entry(ck, &rs->checkers, node)
		print_checker(out, ck);
	fputs(I1 "}\n", out);
}

static void print_vs_head(FILE *out, const struct ck_virtual_server_conf *vs)
{
	char a[ADDR_STRLEN];

	fputs("virtual_server ", out);
	if (vs->kind == CK_VS_FWMARK) {
		fprintf(out, "fwmark %u", vs->fwmark);
	} else if (vs->kind == CK_VS_GROUP) {
		fputs("group ", out);
		print_word(out, vs->group);
	} else {
		addr_ntop(&vs->addr, a, sizeof(a));
		fputs(a, out);
		if (vs->port)
			fprintf(out, " %u", vs->port);
	}
	fputs(" {\n", out);
}

static void print_scheduling(FILE *out,
			     const struct ck_virtual_server_conf *vs)
{
	static const struct { unsigned bit; const char *name; } flags[] = {
		{ CK_SVC_SCHED1, "flag-1" }, { CK_SVC_SCHED2, "flag-2" },
		{ CK_SVC_SCHED3, "flag-3" }, { CK_SVC_HASHED, "hashed" },
		{ CK_SVC_ONEPACKET, "ops" },
	};
	static const char *const protos[] = {
		[CK_PROTO_TCP] = "TCP", [CK_PROTO_UDP] = "UDP",
		[CK_PROTO_SCTP] = "SCTP",
	};
	size_t i;

	if (vs->sched[0])
		fprintf(out, I1 "lvs_sched %s\n", vs->sched);
	for (i = 0; i < sizeof(flags) / sizeof(*flags); i++)
		if (vs->flags & flags[i].bit)
			fprintf(out, I1 "%s\n", flags[i].name);
	print_method(out, I1, "lvs_method", &vs->method);
	if (vs->protocol && vs->kind != CK_VS_FWMARK)
		fprintf(out, I1 "protocol %s\n", protos[vs->protocol]);
	if (vs->persistent)
		fprintf(out, I1 "persistence_timeout %lu\n",
			vs->persistence_timeout_s);
	print_addr(out, I1, "persistence_granularity",
		   &vs->persistence_granularity);
	print_kw_word(out, I1, "persistence_engine", vs->persistence_engine);
	if (vs->kind != CK_VS_ADDR && vs->family)
		fprintf(out, I1 "ip_family %s\n",
			vs->family == AF_INET6 ? "inet6" : "inet");
}

static void print_vs_settings(FILE *out,
			      const struct ck_virtual_server_conf *vs)
{
	if (vs->ha_suspend)
		fputs(I1 "ha_suspend\n", out);
	print_bool(out, I1, "smtp_alert", vs->smtp_alert);
	print_kw_word(out, I1, "virtualhost", vs->virtualhost);
	print_kw_word(out, I1, "snmp_name", vs->snmp_name);
	if (vs->alpha || vs->defaults.alpha == 1)
		fputs(I1 "alpha\n", out);
	if (vs->omega)
		fputs(I1 "omega\n", out);
	fprintf(out, I1 "quorum %ld\n", vs->quorum);
	fprintf(out, I1 "hysteresis %ld\n", vs->hysteresis);
	print_script(out, I1, "quorum_up", &vs->quorum_up);
	print_script(out, I1, "quorum_down", &vs->quorum_down);
	if (vs->inhibit_on_failure)
		fputs(I1 "inhibit_on_failure\n", out);
	print_timer(out, I1, "connect_timeout",
		    vs->defaults.connect_timeout_us);
	if (vs->defaults.retry != CK_UNSET)
		fprintf(out, I1 "retry %ld\n", vs->defaults.retry);
	print_timer(out, I1, "delay_before_retry",
		    vs->defaults.delay_before_retry_us);
	print_timer(out, I1, "warmup", vs->defaults.warmup_us);
	print_timer(out, I1, "delay_loop", vs->defaults.delay_loop_us);
}

static void print_sorry(FILE *out, const struct ck_virtual_server_conf *vs)
{
	char a[ADDR_STRLEN];

	if (!vs->sorry)
		return;
	addr_ntop(&vs->sorry->addr, a, sizeof(a));
	fprintf(out, I1 "sorry_server %s", a);
	if (vs->sorry->port)
		fprintf(out, " %u", vs->sorry->port);
	fputc('\n', out);
	if (vs->sorry_inhibit)
		fputs(I1 "sorry_server_inhibit\n", out);
	print_method(out, I1, "sorry_server_lvs_method", &vs->sorry_method);
}

static void print_vs(FILE *out, const struct ck_virtual_server_conf *vs)
{
	const struct ck_real_server_conf *rs;

	print_vs_head(out, vs);
	print_scheduling(out, vs);
	print_vs_settings(out, vs);
	print_sorry(out, vs);
	list_for_each_entry(rs, &vs->real_servers, node)
		print_rs(out, rs);
	fputs("}\n", out);
}

static void print_group(FILE *out, const struct ck_vsg_conf *g)
{
	const struct ck_vsg_entry *e;
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	fputs("virtual_server_group ", out);
	print_word(out, g->name);
	fputs(" {\n", out);
	list_for_each_entry(e, &g->entries, node) {
		if (e->is_fwmark) {
			fprintf(out, I1 "fwmark %u%s\n", e->fwmark,
				e->family == AF_INET ? " inet" :
				e->family == AF_INET6 ? " inet6" : "");
			continue;
		}
		addr_ntop(&e->first, a, sizeof(a));
		addr_ntop(&e->last, b, sizeof(b));
		if (addr_equal(&e->first, &e->last))
			fprintf(out, I1 "%s", a);
		else
			fprintf(out, I1 "%s-%s", a, b);
		if (e->port)
			fprintf(out, " %u", e->port);
		fputc('\n', out);
	}
	fputs("}\n", out);
}

static void print_track_file(FILE *out, const struct ck_track_file *tf)
{
	fputs("track_file ", out);
	print_word(out, tf->name);
	fputs(" {\n", out);
	print_kw_word(out, I1, "file", tf->path);
	fprintf(out, I1 "weight %ld%s\n", tf->weight,
		tf->reverse ? " reverse" : "");
	if (tf->init_file)
		fprintf(out, I1 "init_file %ld%s\n", tf->init_value,
			tf->init_overwrite ? " overwrite" : "");
	fputs("}\n", out);
}

static void print_ssl(FILE *out, const struct ck_ssl_conf *s)
{
	if (!s->set)
		return;
	fputs("SSL {\n", out);
	print_kw_word(out, I1, "password", s->password);
	print_kw_word(out, I1, "ca", s->ca);
	print_kw_word(out, I1, "certificate", s->certificate);
	print_kw_word(out, I1, "key", s->key);
	fputs("}\n", out);
}

void check_conf_dump(const struct check_conf *c, FILE *out)
{
	const struct ck_track_file *tf;
	const struct ck_vsg_conf *g;
	const struct ck_virtual_server_conf *vs;

	list_for_each_entry(tf, &c->track_files, node)
		print_track_file(out, tf);
	print_ssl(out, &c->ssl);
	list_for_each_entry(g, &c->groups, node)
		print_group(out, g);
	list_for_each_entry(vs, &c->virtual_servers, node)
		print_vs(out, vs);
}
