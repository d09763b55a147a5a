/*
 * test_check_conf.c: bad LVS configurations, each reported at its file
 * and line with keepalived -t's verdict (a CFG_NOTE where keepalived
 * 2.2.7 lets it pass), and what the validation pass removes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check_conf_check.h"
#include "memory.h"
#include "test_check_util.h"

/* Lines 1-4; the body starts on line 5. */
#define VS_HEAD "virtual_server 10.0.0.1 80 {\n protocol TCP\n" \
		" lvs_sched rr\n lvs_method NAT\n"
#define RS_OK " real_server 10.0.0.2 80 {\n }\n"
#define VS(body) VS_HEAD body RS_OK "}\n"
/* The real server's body starts on line 6. */
#define RS(body) VS_HEAD " real_server 10.0.0.2 80 {\n" body " }\n}\n"
#define URL(body) RS("  HTTP_GET {\n   url {\n    path /\n" body \
		     "   }\n  }\n")

struct bad_case {
	const char *name;
	const char *text;
	enum cfg_severity sev;
	unsigned line;
	const char *needle;
};

static const struct bad_case cases[] = {
	/* the virtual server */
	{ "no protocol", "virtual_server 10.0.0.1 80 {\n lvs_sched rr\n"
	  " lvs_method NAT\n" RS_OK "}\n", CFG_WARNING, 1, "no protocol set" },
	{ "no scheduler", "virtual_server 10.0.0.1 80 {\n protocol UDP\n"
	  " lvs_method NAT\n" RS_OK "}\n", CFG_WARNING, 1,
	  "no scheduler set" },
	{ "no method", "virtual_server 10.0.0.1 80 {\n protocol UDP\n"
	  " lvs_sched rr\n" RS_OK "}\n", CFG_WARNING, 1,
	  "no forwarding method" },
	{ "fwmark protocol", "virtual_server fwmark 3 {\n protocol UDP\n"
	  " lvs_sched rr\n lvs_method DR\n" RS_OK "}\n", CFG_WARNING, 1,
	  "protocol specified for fwmark" },
	{ "zero port", "virtual_server 10.0.0.1 {\n protocol UDP\n"
	  " lvs_sched rr\n lvs_method DR\n" RS_OK "}\n", CFG_WARNING, 1,
	  "zero port only valid for persistent" },
	{ "no real server", VS_HEAD "}\n", CFG_WARNING, 1,
	  "has no real servers" },
	{ "bad scheduler", VS(" lvs_sched RR\n"), CFG_ERROR, 5,
	  "Invalid lvs_scheduler 'RR'" },
	{ "bad method", VS(" lvs_method nat\n"), CFG_ERROR, 5,
	  "invalid forwarding method 'nat'" },
	{ "gue without port", VS(" lvs_method TUN type gue\n"), CFG_ERROR, 5,
	  "gue tunnels require port" },
	{ "ipip csum", VS(" lvs_method TUN type ipip csum\n"), CFG_ERROR, 5,
	  "ipip tunnels do not support checksum" },
	{ "gre remcsum", VS(" lvs_method TUN type gre remcsum\n"), CFG_ERROR,
	  5, "gre tunnels do not support remote" },
	{ "bad protocol", VS(" protocol ICMP\n"), CFG_ERROR, 5,
	  "Unknown protocol ICMP" },
	{ "ops on tcp", VS(" ops\n"), CFG_WARNING, 1,
	  "one packet scheduling requires UDP" },
	{ "sh-port without sh", VS(" sh-port\n"), CFG_WARNING, 5,
	  "sh-port only applies to sh" },
	{ "hashed", VS(" hashed\n"), CFG_WARNING, 5,
	  "hashed only applies to sh" },
	{ "quorum zero", VS(" quorum 0\n"), CFG_ERROR, 5, "quorum" },
	{ "quorum too high", VS(" quorum 5\n"), CFG_WARNING, 1,
	  "quorum 5 exceeds the total weight" },
	{ "hysteresis", VS(" hysteresis 1\n"), CFG_WARNING, 1,
	  "hysteresis 1 >= quorum 1" },
	{ "persistence timeout", VS(" persistence_timeout 0\n"), CFG_ERROR, 5,
	  "persistence_timeout" },
	{ "sorry inhibit first", VS(" sorry_server_inhibit\n"), CFG_WARNING,
	  5, "sorry_server inhibit used before" },
	{ "sorry method first", VS(" sorry_server_lvs_method DR\n"),
	  CFG_WARNING, 5, "sorry_server forwarding used without" },
	{ "sorry family", VS(" sorry_server fd00::1 80\n"), CFG_ERROR, 5,
	  "virtual server and sorry server fd00::1" },
	{ "sorry port", VS(" sorry_server 10.0.0.9 81\n"
			   " sorry_server_lvs_method DR\n"), CFG_WARNING, 5,
	  "and sorry server [10.0.0.9]:tcp:81 ports don't match" },
	{ "rs port", VS_HEAD " real_server 10.0.0.2 81 {\n  lvs_method TUN\n"
	  " }\n}\n", CFG_WARNING, 5,
	  "and real server [10.0.0.2]:tcp:81 ports don't match - resetting" },
	{ "fwmark port", "virtual_server fwmark 1 {\n lvs_sched rr\n"
	  " lvs_method DR\n" RS_OK "}\n", CFG_WARNING, 4,
	  "FWM 1, real server [10.0.0.2]:none:80 has port specified" },
	{ "delay_loop zero", VS(" delay_loop 0\n"), CFG_ERROR, 5,
	  "delay_loop" },
	{ "connect_timeout big", VS(" connect_timeout 5000\n"), CFG_ERROR, 5,
	  "connect_timeout" },
	{ "ip_family", VS(" ip_family inet4\n"), CFG_ERROR, 5,
	  "ip_family 'inet4'" },
	{ "unknown keyword", VS(" no_such_keyword\n"), CFG_WARNING, 5,
	  "no_such_keyword" },
	/* real servers */
	{ "rs family", VS_HEAD " real_server fd00::2 80 {\n }\n}\n", CFG_ERROR,
	  5, "real server fd00::2 don't match" },
	{ "rs duplicate", VS_HEAD RS_OK RS_OK "}\n", CFG_ERROR, 7,
	  "is duplicated" },
	{ "rs weight", RS("  weight -1\n"), CFG_ERROR, 6, "weight" },
	{ "rs address", VS_HEAD " real_server 10.0.0.300 80 {\n }\n" RS_OK
	  "}\n", CFG_ERROR, 5, "invalid address '10.0.0.300'" },
	{ "rs alpha", RS("  alpha maybe\n"), CFG_ERROR, 6, "maybe" },
	{ "rs no block", VS_HEAD " real_server 10.0.0.2 80\n" RS_OK "}\n",
	  CFG_WARNING, 5, "without a block" },
	/* checkers */
	{ "url without path", RS("  HTTP_GET {\n   url {\n   }\n  }\n"),
	  CFG_ERROR, 7, "url has no path" },
	{ "no urls", RS("  HTTP_GET {\n  }\n"), CFG_ERROR, 6, "no urls" },
	{ "digest length", URL("    digest 123\n"), CFG_ERROR, 9,
	  "digest '123' has 3 characters" },
	{ "digest hex", URL("    digest 9b3a0c85a887a256d6939da88aabd8cz\n"),
	  CFG_ERROR, 9, "'z' is not a hexadecimal digit" },
	{ "digest twice", URL("    digest 9b3a0c85a887a256d6939da88aabd8cd\n"
			      "    digest 9b3a0c85a887a256d6939da88aabd8cd\n"),
	  CFG_ERROR, 10, "is a duplicate" },
	{ "status reversed", URL("    status_code 200-100\n"), CFG_ERROR, 9,
	  "'200-100'" },
	{ "status low", URL("    status_code 99\n"), CFG_ERROR, 9, "'99'" },
	{ "status high", URL("    status_code 200 600\n"), CFG_ERROR, 9,
	  "'600'" },
	{ "bad regex", URL("    regex \"a(b\"\n"), CFG_ERROR, 7,
	  "Invalid regex: 'a(b'" },
	{ "regex options", URL("    regex ok\n    regex_options foo\n"),
	  CFG_NOTE, 7, "unknown regex option 'foo'" },
	{ "regex params alone", URL("    regex_no_match\n"), CFG_NOTE, 7,
	  "without regex" },
	{ "http protocol", RS("  HTTP_GET {\n   http_protocol 2.0\n   url {\n"
			      "    path /\n   }\n  }\n"),
	  CFG_ERROR, 7, "http_protocol '2.0'" },
	{ "misc no path", RS("  MISC_CHECK {\n  }\n"), CFG_ERROR, 6,
	  "No script path" },
	{ "misc fraction", RS("  MISC_CHECK {\n   misc_path /bin/true\n"
			      "   misc_timeout 1.5\n   user nobody\n  }\n"),
	  CFG_ERROR, 8,
	  "misc_timeout" },
	{ "file no track", RS("  FILE_CHECK {\n  }\n"), CFG_ERROR, 6,
	  "no track_file" },
	{ "file unknown track", RS("  FILE_CHECK {\n   track_file x\n  }\n"),
	  CFG_ERROR, 6, "track_file x not found" },
	{ "file dynamic", "track_file t {\n file /tmp/t\n}\n"
	  RS("  FILE_CHECK {\n   track_file t\n   dynamic\n  }\n"),
	  CFG_WARNING, 11, "dynamic" },
	{ "udp lengths", RS("  UDP_CHECK {\n   min_reply_length 9\n"
			    "   max_reply_length 3\n  }\n"), CFG_WARNING, 6,
	  "will always fail" },
	{ "udp hex", RS("  UDP_CHECK {\n   payload 12zz\n  }\n"), CFG_ERROR,
	  7, "invalid hex string '12zz'" },
	{ "udp wildcard payload", RS("  UDP_CHECK {\n   payload 1x\n  }\n"),
	  CFG_ERROR, 7, "invalid hex string '1x'" },
	{ "bindto family", RS("  TCP_CHECK {\n   bindto fd00::9\n  }\n"),
	  CFG_ERROR, 6, "bindto address fd00::9 does not match" },
	{ "link-local bindto", VS_HEAD " real_server 10.0.0.2 80 {\n"
	  "  TCP_CHECK {\n   connect_ip fe80::2\n   bindto fe80::1\n"
	  "  }\n }\n}\n", CFG_ERROR, 6, "requires a bind_if" },
	{ "bind_port zero", RS("  TCP_CHECK {\n   bind_port 0\n  }\n"),
	  CFG_ERROR, 7, "bind_port" },
	{ "bind_if long", RS("  TCP_CHECK {\n   bind_if abcdefghijklmnopq\n"
			     "  }\n"), CFG_ERROR, 7, "bind_if" },
	{ "dns type", RS("  DNS_CHECK {\n   type FOO\n  }\n"), CFG_ERROR, 7,
	  "unknown query type 'FOO'" },
	{ "dns label", RS("  DNS_CHECK {\n   name a..b\n  }\n"), CFG_WARNING,
	  7, "empty label" },
	{ "tls_compliant", RS("  HTTP_GET {\n   tls_compliant\n   url {\n"
			      "    path /\n   }\n  }\n"), CFG_WARNING, 7,
	  "tls_compliant" },
	{ "ip_family conflict", VS(" ip_family inet6\n"), CFG_ERROR, 5,
	  "family inet6 conflicts" },
	{ "misc unknown user", RS("  MISC_CHECK {\n   misc_path /usr/x\n"
				  "   user nosuchuser\n  }\n"), CFG_ERROR, 7,
	  "Failed to set uid/gid" },
	{ "snmp_name extra", VS(" snmp_name a b\n"), CFG_ERROR, 5,
	  "snmp_name missing or extra" },
	{ "persistence engine", VS(" persistence_engine "
				   "abcdefghijklmnopq\n"), CFG_WARNING, 5,
	  "truncating" },
	{ "SSL twice", "SSL {\n ca x\n}\nSSL {\n}\n", CFG_WARNING, 4,
	  "SSL context already specified" },
	{ "SSL key twice", "SSL {\n key x\n key y\n}\n", CFG_WARNING, 3,
	  "SSL key already specified" },
	{ "bfd", RS("  BFD_CHECK {\n   name x\n  }\n"), CFG_WARNING, 6,
	  "not supported" },
	/* groups and track files */
	{ "group empty", "virtual_server_group g {\n}\n", CFG_WARNING, 1,
	  "has no entries" },
	{ "group mixed", "virtual_server_group g {\n 10.0.0.1 80\n"
	  " fd00::1 80\n fwmark 1\n}\n", CFG_WARNING, 1,
	  "cannot have IPv4, IPv6 and fwmark" },
	{ "group range", "virtual_server_group g {\n 10.0.0.1-300 80\n}\n",
	  CFG_ERROR, 2, "'10.0.0.1-300'" },
	{ "group unknown", "virtual_server group nope {\n protocol TCP\n"
	  " lvs_sched rr\n lvs_method NAT\n" RS_OK "}\n", CFG_NOTE, 1,
	  "nope specified but not configured" },
	{ "group no port", "virtual_server_group g {\n 10.0.0.1\n}\n"
	  "virtual_server group g {\n protocol TCP\n lvs_sched rr\n"
	  " lvs_method NAT\n" RS_OK "}\n", CFG_WARNING, 4, "zero port" },
	{ "track_file no file", "track_file t {\n}\n", CFG_WARNING, 1,
	  "No file set for track_file t" },
	/* scripts */
	{ "notify as root", RS("  notify_up /bin/up\n"), CFG_SECURITY, 6,
	  "SECURITY VIOLATION - notify_up '/bin/up'" },
	{ "quorum_up as root", VS(" quorum_up /bin/up\n"), CFG_SECURITY, 5,
	  "quorum_up '/bin/up'" },
	{ "misc as root", RS("  MISC_CHECK {\n   misc_path /bin/check\n"
			     "  }\n"), CFG_SECURITY, 7, "misc_path" },
	{ "missing script", RS("  notify_down /usr/nothing\n"), CFG_NOTE, 6,
	  "cannot be found" },
	{ "unknown user", RS("  notify_down /bin/x nosuchuser\n"), CFG_NOTE,
	  6, "has no such user" },
	{ "default user missing", "global_defs {\n enable_script_security\n"
	  "}\n" RS("  notify_up /bin/up\n"), CFG_ERROR, 9,
	  "cannot have its default user" },
	{ "insecure script", "global_defs {\n enable_script_security\n}\n"
	  RS("  notify_up /tmp/evil.sh root\n"), CFG_ERROR, 9,
	  "can be changed by users other than root" },
};

/* Every case is run before failing, so that one run shows them all. */
static void test_bad_configs(void **state)
{
	struct tc_parsed p;
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct bad_case *c = &cases[i];
		const struct test_diag *d;

		tc_load(&p, c->text);
		d = test_diag_find(&p.diags, c->needle);
		/* a note is not a verdict: worst stays CFG_OK */
		if (p.conf->worst != (c->sev == CFG_NOTE ? CFG_OK : c->sev) ||
		    !d || d->line != c->line ||
		    d->sev != c->sev || strcmp(d->file, "t.conf")) {
			fprintf(stderr, "case '%s' (worst %d):\n", c->name,
				p.conf->worst);
			tc_show(&p);
			failed++;
		}
		tc_clear(&p);
	}
	assert_int_equal(failed, 0);
}

/* What keepalived -t accepts passes ours with nothing above a note. */
static void test_good_configs(void **state)
{
	static const char *const good[] = {
		VS(""),
		RS(""),
		"virtual_server 10.0.0.1 {\n protocol TCP\n lvs_sched rr\n"
		" lvs_method DR\n persistence_timeout\n"
		" real_server 10.0.0.2 {\n }\n}\n",
		"virtual_server fwmark 1 {\n lvs_sched rr\n lvs_method NAT\n"
		RS_OK "}\n",
		VS(" lvs_sched sh\n sh-port\n sh-fallback\n hashed\n"),
		VS(" lvs_sched mh\n mh-port\n mh-fallback\n flag-1\n"),
		VS(" lvs_method TUN type gue port 1 nocsum\n"),
		VS(" lvs_method TUN type gre csum\n"),
		VS(" sorry_server 10.0.0.9 80\n sorry_server_inhibit\n"
		   " sorry_server_lvs_method TUN\n"),
		VS(" persistence_granularity 24\n"),
		VS_HEAD " real_server 10.0.0.2 {\n }\n}\n",
		VS_HEAD " real_server fd00::2 80 {\n  lvs_method TUN\n }\n}\n",
		RS("  TCP_CHECK {\n   connect_ip fd00::3\n  }\n"),
		RS("  notify_up /bin/up nobody\n  notify_down \"/bin/d x\""
		   " nobody nogroup\n"),
		"global_defs {\n enable_script_security\n script_user nobody\n"
		"}\n" RS("  MISC_CHECK {\n   misc_path \"/bin/c 1\"\n  }\n"),
		RS("  SMTP_CHECK {\n   host {\n    connect_ip 10.0.0.4\n   }\n"
		   "  }\n"),
		"track_file t {\n file /tmp/t\n}\n"
		RS("  FILE_CHECK {\n   track_file t\n   weight 0\n  }\n"),
		"vrrp_track_file t {\n file /tmp/t\n}\n",
		"SSL {\n password x\n}\n",
		"virtual_server_group g {\n 10.0.0.1-30 80\n 10.0.1.0/29 81\n"
		" fwmark 7\n}\nvirtual_server group g {\n protocol TCP\n"
		" lvs_sched rr\n lvs_method NAT\n" RS_OK "}\n",
		URL("    regex \"^ok\"\n    regex_options caseless\n"),
		RS("  UDP_CHECK {\n   require_reply\n  }\n"),
		RS("  DNS_CHECK {\n   type RRSIG\n  }\n"),
		VS(" sorry_server 10.0.0.9 80\n sorry_server_inhibit on\n"),
		RS("  MISC_CHECK {\n   misc_path /usr/x\n   misc_dynamic x\n"
		   "   misc_timeout 0\n  }\n"),
		URL("    regex a\n    regex_max_offset 0\n    status_code\n"),
	};
	struct tc_parsed p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		tc_load(&p, good[i]);
		if (p.conf->worst > CFG_NOTE) {
			fprintf(stderr, "good config %zu:\n%s", i, good[i]);
			tc_show(&p);
		}
		assert_true(p.conf->worst <= CFG_NOTE);
		tc_clear(&p);
	}
}

/* What keepalived drops is gone from the data. */
static void test_removed(void **state)
{
	struct ck_virtual_server_conf *vs;
	struct tc_parsed p;

	(void)state;
	tc_load(&p, VS_HEAD " real_server fd00::2 80 {\n }\n" RS_OK
		"  real_server 10.0.0.3 80 {\n"
		"  HTTP_GET {\n   url {\n   }\n   url {\n    path /\n   }\n"
		"  }\n  HTTP_GET {\n  }\n  MISC_CHECK {\n  }\n }\n"
		" sorry_server fd00::9 80\n}\n"
		"virtual_server 10.0.0.5 80 {\n}\n"
		"virtual_server_group g {\n}\n");
	assert_int_equal(check_conf_count_vs(p.conf->check), 1);
	assert_int_equal(p.conf->global->virtual_servers, 1);
	assert_null(check_conf_find_group(p.conf->check, "g"));
	vs = tc_vs(&p, 0);
	assert_null(vs->sorry);
	assert_int_equal(list_count(&vs->real_servers), 2);
	assert_int_equal(list_count(&tc_rs(vs, 1)->checkers), 1);
	assert_int_equal(list_count(&tc_ck(tc_rs(vs, 1), 0)->u.http.urls), 1);
	tc_clear(&p);
}

/* A script that will not be run is cleared. */
static void test_script_dropped(void **state)
{
	struct tc_parsed p;

	(void)state;
	tc_load(&p, RS("  notify_up /usr/nothing\n"
		       "  notify_down /bin/d nosuchuser\n"
		       "  MISC_CHECK {\n   misc_path /bin/m\n   user nosuchuser\n"
		       "  }\n"
		       "  MISC_CHECK {\n   misc_path /bin/m\n   user nobody\n"
		       "  }\n"));
	/* not there yet: kept; no such user: dropped, and its checker */
	assert_string_equal(tc_rs(tc_vs(&p, 0), 0)->notify_up.cmd,
			    "/usr/nothing");
	assert_null(tc_rs(tc_vs(&p, 0), 0)->notify_down.cmd);
	assert_int_equal(list_count(&tc_rs(tc_vs(&p, 0), 0)->checkers), 1);
	tc_clear(&p);
}

static void test_regex_options(void **state)
{
	(void)state;
	assert_true(ck_regex_option_known("caseless"));
	assert_true(ck_regex_option_known("use_offset_limit"));
	assert_false(ck_regex_option_known("foo"));
	assert_false(ck_regex_option_known(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_configs),
		cmocka_unit_test(test_good_configs),
		cmocka_unit_test(test_removed),
		cmocka_unit_test(test_script_dropped),
		cmocka_unit_test(test_regex_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
