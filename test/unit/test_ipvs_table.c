/*
 * Unit tests of the IPVS table (keepalived/check/ipvs_table.c): the
 * kernel's add/edit/delete answers and the "ipvsadm -Ln" printout; of the
 * recording backend (ipvs_record.c): the file follows every change and
 * is replaced atomically; and of choosing a backend (ipvs_backend.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <linux/ip_vs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipvs_backend.h"
#include "ipvs_open.h"
#include "ipvs_table.h"
#include "memory.h"

#define HEADER "IP Virtual Server version 1.2.1 (size=4096)\n" \
	"Prot LocalAddress:Port Scheduler Flags\n" \
	"  -> RemoteAddress:Port           Forward Weight ActiveConn " \
	"InActConn\n"

static struct ipvs_service svc(const char *addr, uint16_t port,
			       uint16_t proto, const char *sched)
{
	struct ipvs_service s = { .protocol = proto, .port = port };

	assert_int_equal(addr_parse(addr, &s.addr), 0);
	s.family = s.addr.family;
	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	s.netmask = s.family == AF_INET6 ? 128 : 0xffffffff;
	return s;
}

static struct ipvs_service fwm(uint32_t mark, int family, const char *sched)
{
	struct ipvs_service s = { .family = family, .fwmark = mark };

	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	s.netmask = family == AF_INET6 ? 128 : 0xffffffff;
	return s;
}

static struct ipvs_dest dest(const char *addr, uint16_t port,
			     enum ipvs_fwd fwd, int weight)
{
	struct ipvs_dest d = { .port = port, .fwd = fwd, .weight = weight };

	assert_int_equal(addr_parse(addr, &d.addr), 0);
	return d;
}

/* The table's printout; caller frees. */
static char *format(const struct ipvs_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ipvs_table_format(t, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void assert_format(const struct ipvs_table *t, const char *want)
{
	char *got = format(t);

	assert_string_equal(got, want);
	free(got);
}

/* ---- semantics ---------------------------------------------------------- */

static void test_service_answers(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service s = svc("10.0.0.1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_service other = s;

	(void)state;
	assert_int_equal(ipvs_table_svc_edit(t, &s), -ENOENT);
	assert_int_equal(ipvs_table_svc_del(t, &s), -ENOENT);
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);
	assert_int_equal(ipvs_table_svc_add(t, &s), -EEXIST);
	/* Another scheduler is still the same service. */
	snprintf(other.sched, sizeof(other.sched), "rr");
	assert_int_equal(ipvs_table_svc_add(t, &other), -EEXIST);
	assert_int_equal(ipvs_table_svc_edit(t, &other), 0);
	assert_string_equal(ipvs_table_svc_find(t, &s)->sched, "rr");
	/* Another port, protocol or address is another service. */
	other.port = 81;
	assert_int_equal(ipvs_table_svc_add(t, &other), 0);
	other.port = 80;
	other.protocol = IPPROTO_UDP;
	assert_int_equal(ipvs_table_svc_add(t, &other), 0);
	assert_int_equal(ipvs_table_svc_count(t), 3);
	assert_int_equal(ipvs_table_svc_del(t, &s), 0);
	assert_null(ipvs_table_svc_find(t, &s));
	assert_int_equal(ipvs_table_svc_count(t), 2);
	ipvs_table_flush(t);
	assert_int_equal(ipvs_table_svc_count(t), 0);
	ipvs_table_free(&t);
	assert_null(t);
	ipvs_table_free(&t);
}

static void test_fwmark_key(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service a = fwm(5, AF_INET, "wlc");
	struct ipvs_service b = fwm(5, AF_INET6, "wlc");

	(void)state;
	assert_int_equal(ipvs_table_svc_add(t, &a), 0);
	assert_int_equal(ipvs_table_svc_add(t, &a), -EEXIST);
	/* Same mark, other family: another service, as in the kernel. */
	assert_int_equal(ipvs_table_svc_add(t, &b), 0);
	a.fwmark = 6;
	assert_int_equal(ipvs_table_svc_del(t, &a), -ENOENT);
	ipvs_table_free(&t);
}

static void test_refusals(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service s = svc("10.0.0.1", 80, IPPROTO_TCP, "nosuch");
	struct ipvs_dest d;

	(void)state;
	assert_int_equal(ipvs_table_svc_add(t, &s), -ENOENT);
	snprintf(s.sched, sizeof(s.sched), "rr");
	snprintf(s.pe_name, sizeof(s.pe_name), "nope");
	assert_int_equal(ipvs_table_svc_add(t, &s), -ENOENT);
	s.pe_name[0] = '\0';
	s.protocol = 99;
	assert_int_equal(ipvs_table_svc_add(t, &s), -EINVAL);
	s.protocol = IPPROTO_SCTP;
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);

	d = dest("10.0.0.2", 80, IPVS_FWD_MASQ, -1);
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), -ERANGE);
	d.weight = 1;
	d.l_threshold = 10;
	d.u_threshold = 5;
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), -ERANGE);
	/* Only a tunnel crosses families. */
	d = dest("2001:db8::2", 80, IPVS_FWD_ROUTE, 1);
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), -EINVAL);
	d.fwd = IPVS_FWD_TUNNEL;
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), 0);
	ipvs_table_free(&t);
}

static void test_dest_answers(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service s = svc("10.0.0.1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_dest d = dest("10.0.0.2", 80, IPVS_FWD_MASQ, 1);

	(void)state;
	/* No service: no destination. */
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), -ENOENT);
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);
	assert_int_equal(ipvs_table_dest_edit(t, &s, &d), -ENOENT);
	assert_int_equal(ipvs_table_dest_del(t, &s, &d), -ENOENT);
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), 0);
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), -EEXIST);
	d.weight = 7;
	assert_int_equal(ipvs_table_dest_edit(t, &s, &d), 0);
	assert_int_equal(ipvs_table_dest_find(t, &s, &d)->weight, 7);
	d.port = 81;
	assert_int_equal(ipvs_table_dest_add(t, &s, &d), 0);
	assert_int_equal(ipvs_table_dest_count(t, &s), 2);
	assert_int_equal(ipvs_table_dest_del(t, &s, &d), 0);
	assert_int_equal(ipvs_table_dest_count(t, &s), 1);
	/* Deleting the service takes its destinations. */
	assert_int_equal(ipvs_table_svc_del(t, &s), 0);
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);
	assert_int_equal(ipvs_table_dest_count(t, &s), 0);
	ipvs_table_free(&t);
}

/* ---- printout ----------------------------------------------------------- */

static void test_format_empty(void **state)
{
	struct ipvs_table *t = ipvs_table_new();

	(void)state;
	assert_format(t, HEADER);
	ipvs_table_free(&t);
}

static void test_format_ipv4(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service s = svc("10.0.0.1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_service u = svc("10.0.0.1", 53, IPPROTO_UDP, "rr");
	struct ipvs_dest a = dest("10.0.0.3", 8080, IPVS_FWD_ROUTE, 0);
	struct ipvs_dest b = dest("10.0.0.2", 80, IPVS_FWD_MASQ, 1);

	(void)state;
	/* Added out of order: printed in ipvsadm's order. */
	assert_int_equal(ipvs_table_svc_add(t, &u), 0);
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);
	assert_int_equal(ipvs_table_dest_add(t, &s, &a), 0);
	assert_int_equal(ipvs_table_dest_add(t, &s, &b), 0);
	assert_format(t, HEADER
		"TCP  10.0.0.1:80 wlc\n"
		"  -> 10.0.0.2:80                  Masq    1      0          0         \n"
		"  -> 10.0.0.3:8080                Route   0      0          0         \n"
		"UDP  10.0.0.1:53 rr\n");
	ipvs_table_free(&t);
}

static void test_format_ipv6_tunnel(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service s = svc("2001:db8::1", 443, IPPROTO_TCP, "sh");
	struct ipvs_dest a = dest("2001:db8::2", 443, IPVS_FWD_TUNNEL, 100);
	struct ipvs_dest b = dest("2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", 80,
				  IPVS_FWD_ROUTE, 2);

	(void)state;
	s.flags = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2;
	assert_int_equal(ipvs_table_svc_add(t, &s), 0);
	assert_int_equal(ipvs_table_dest_add(t, &s, &b), 0);
	assert_int_equal(ipvs_table_dest_add(t, &s, &a), 0);
	assert_format(t, HEADER
		"TCP  [2001:db8::1]:443 sh (sh-fallback,sh-port)\n"
		"  -> [2001:db8::2]:443            Tunnel  100    0          0         \n"
		"  -> [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:80 Route   2      0          0         \n");
	ipvs_table_free(&t);
}

static void test_format_order_and_fwmark(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service f6 = fwm(3, AF_INET6, "rr");
	struct ipvs_service f1 = fwm(10, AF_INET, "wlc");
	struct ipvs_service v6 = svc("::1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_service sctp = svc("10.0.0.1", 80, IPPROTO_SCTP, "lc");
	struct ipvs_service v4 = svc("9.0.0.1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_dest d = dest("192.168.10.1", 0, IPVS_FWD_MASQ, 1);

	(void)state;
	assert_int_equal(ipvs_table_svc_add(t, &f1), 0);
	assert_int_equal(ipvs_table_svc_add(t, &f6), 0);
	assert_int_equal(ipvs_table_svc_add(t, &v6), 0);
	assert_int_equal(ipvs_table_svc_add(t, &sctp), 0);
	assert_int_equal(ipvs_table_svc_add(t, &v4), 0);
	assert_int_equal(ipvs_table_dest_add(t, &f1, &d), 0);
	f1.flags = IP_VS_SVC_F_SCHED3;
	snprintf(f1.sched, sizeof(f1.sched), "mh");
	assert_int_equal(ipvs_table_svc_edit(t, &f1), 0);
	assert_format(t, HEADER
		"TCP  9.0.0.1:80 wlc\n"
		"SCTP 10.0.0.1:80 lc\n"
		"TCP  [::1]:80 wlc\n"
		"FWM  3 IPv6 rr\n"
		"FWM  10 mh (flag-3)\n"
		"  -> 192.168.10.1:0               Masq    1      0          0         \n");
	ipvs_table_free(&t);
}

static void test_format_persistence(void **state)
{
	struct ipvs_table *t = ipvs_table_new();
	struct ipvs_service a = svc("10.0.0.1", 0, IPPROTO_TCP, "wlc");
	struct ipvs_service b = svc("10.0.0.2", 443, IPPROTO_TCP, "rr");
	struct ipvs_service c = svc("2001:db8::1", 443, IPPROTO_UDP, "wrr");
	struct ipvs_service d = svc("2001:db8::2", 443, IPPROTO_UDP, "wrr");
	struct ipvs_service e = svc("10.0.0.3", 5060, IPPROTO_UDP, "rr");

	(void)state;
	a.flags = IP_VS_SVC_F_PERSISTENT;
	a.timeout_s = 360;
	b.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET;
	b.timeout_s = 50;
	b.netmask = htonl(0xffffff00);
	c.flags = IP_VS_SVC_F_PERSISTENT;
	c.timeout_s = 600;
	c.netmask = 64;
	d.flags = IP_VS_SVC_F_ONEPACKET;
	d.timeout_s = 99;	/* not persistent: not shown */
	d.netmask = 0xffffffff;	/* "not given", for IPv6 too */
	e.flags = IP_VS_SVC_F_PERSISTENT;
	e.timeout_s = 30;
	snprintf(e.pe_name, sizeof(e.pe_name), "sip");
	assert_int_equal(ipvs_table_svc_add(t, &e), 0);
	assert_int_equal(ipvs_table_svc_add(t, &d), 0);
	assert_int_equal(ipvs_table_svc_add(t, &c), 0);
	assert_int_equal(ipvs_table_svc_add(t, &b), 0);
	assert_int_equal(ipvs_table_svc_add(t, &a), 0);
	d.flags |= IP_VS_SVC_F_PERSISTENT;
	assert_int_equal(ipvs_table_svc_edit(t, &d), 0);
	assert_int_equal(ipvs_table_svc_find(t, &d)->netmask, 128);
	assert_int_equal(ipvs_table_svc_find(t, &d)->timeout_s, 99);
	d.flags &= ~(unsigned)IP_VS_SVC_F_PERSISTENT;
	assert_int_equal(ipvs_table_svc_edit(t, &d), 0);
	assert_int_equal(ipvs_table_svc_find(t, &d)->timeout_s, 0);
	c.netmask = 129;
	assert_int_equal(ipvs_table_svc_edit(t, &c), -EINVAL);
	c.netmask = 64;
	a.netmask = 0;
	assert_int_equal(ipvs_table_svc_edit(t, &a), 0);
	assert_format(t, HEADER
		"TCP  10.0.0.1:0 wlc persistent 360\n"
		"TCP  10.0.0.2:443 rr persistent 50 mask 255.255.255.0 ops\n"
		"UDP  10.0.0.3:5060 rr persistent 30 pe sip\n"
		"UDP  [2001:db8::1]:443 wrr persistent 600 mask 64\n"
		"UDP  [2001:db8::2]:443 wrr ops\n");
	ipvs_table_free(&t);
}

static void test_service_name(void **state)
{
	struct ipvs_service s = svc("10.1.2.3", 8080, IPPROTO_UDP, "rr");
	struct ipvs_service f = fwm(7, AF_INET, "rr");
	char buf[IPVS_SVC_STRLEN];

	(void)state;
	ipvs_service_name(&s, buf, sizeof(buf));
	assert_string_equal(buf, "UDP  10.1.2.3:8080");
	ipvs_service_name(&f, buf, sizeof(buf));
	assert_string_equal(buf, "FWM  7");
}

/* ---- the recording backend --------------------------------------------- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = mem_zalloc(65536);
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void assert_file(const char *path, const char *want)
{
	char *got = read_file(path);

	assert_string_equal(got, want);
	mem_free(&got);
}

/* Entries of dir other than "." and "..". */
static int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_record_rewrites(void **state)
{
	char dir[] = "/tmp/ipvsrec.XXXXXX";
	char path[64];
	struct ipvs_backend *b = NULL;
	struct ipvs_service s = svc("10.0.0.1", 80, IPPROTO_TCP, "wlc");
	struct ipvs_dest d = dest("10.0.0.2", 80, IPVS_FWD_MASQ, 1);
	struct ipvs_stats st;
	struct stat sb;
	FILE *old;
	char buf[1024];
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/table", dir);
	assert_int_equal(ipvs_record_new(path, &b), 0);
	assert_string_equal(b->ops->name, "record");
	/* At once: the empty table. */
	assert_file(path, HEADER);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	/* A reader holding the file open keeps the whole old table: the
	 * new one replaces the file, it is not written into it. */
	old = fopen(path, "r");
	assert_non_null(old);

	assert_int_equal(b->ops->svc_add(b, &s), 0);
	assert_int_equal(b->ops->dest_add(b, &s, &d), 0);
	assert_file(path, HEADER "TCP  10.0.0.1:80 wlc\n"
		"  -> 10.0.0.2:80                  Masq    1      0          0         \n");
	n = fread(buf, 1, sizeof(buf) - 1, old);
	buf[n] = '\0';
	fclose(old);
	assert_string_equal(buf, HEADER);
	/* No temporary file left behind. */
	assert_int_equal(dir_entries(dir), 1);

	/* Refusals change nothing and answer as the kernel. */
	assert_int_equal(b->ops->svc_add(b, &s), -EEXIST);
	assert_int_equal(b->ops->get_stats(b, &s, &d, &st), 0);
	assert_int_equal(st.conns, 0);
	d.weight = 0;
	assert_int_equal(b->ops->dest_edit(b, &s, &d), 0);
	assert_file(path, HEADER "TCP  10.0.0.1:80 wlc\n"
		"  -> 10.0.0.2:80                  Masq    0      0          0         \n");
	assert_int_equal(b->ops->dest_del(b, &s, &d), 0);
	assert_int_equal(b->ops->get_stats(b, &s, &d, &st), -ENOENT);
	assert_int_equal(b->ops->dest_del(b, &s, &d), -ENOENT);
	assert_file(path, HEADER "TCP  10.0.0.1:80 wlc\n");
	assert_int_equal(b->ops->dest_add(b, &s, &d), 0);
	assert_int_equal(b->ops->flush(b), 0);
	assert_file(path, HEADER);
	assert_int_equal(b->ops->svc_del(b, &s), -ENOENT);
	assert_int_equal(dir_entries(dir), 1);

	ipvs_backend_free(&b);
	assert_null(b);
	ipvs_backend_free(&b);
	/* Freeing the backend leaves the file as it was. */
	assert_file(path, HEADER);
	unlink(path);
	rmdir(dir);
}

static void test_record_sync(void **state)
{
	char dir[] = "/tmp/ipvsrec.XXXXXX";
	char path[64];
	struct ipvs_backend *b = NULL;
	struct ipvs_sync_daemon sd = { .master = true, .syncid = 1 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t", dir);
	assert_int_equal(ipvs_record_new(path, &b), 0);
	assert_int_equal(b->ops->sync_stop(b, true), -ESRCH);
	assert_int_equal(b->ops->sync_start(b, &sd), 0);
	assert_int_equal(b->ops->sync_start(b, &sd), -EEXIST);
	sd.master = false;
	assert_int_equal(b->ops->sync_start(b, &sd), 0);
	assert_int_equal(b->ops->sync_stop(b, true), 0);
	assert_int_equal(b->ops->sync_stop(b, true), -ESRCH);
	ipvs_backend_free(&b);
	unlink(path);
	rmdir(dir);
}

static void test_record_unwritable(void **state)
{
	struct ipvs_backend *b = NULL;

	(void)state;
	assert_int_equal(ipvs_record_new("/nonexistent-dir/x/table", &b),
			 -ENOENT);
	assert_null(b);
}

static void test_open(void **state)
{
	char dir[] = "/tmp/ipvsrec.XXXXXX";
	char path[64], why[256] = "";
	struct ipvs_backend *b = NULL;
	bool have_ipvs = access(IPVS_PROC_PATH, F_OK) == 0;
	int r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t", dir);
	assert_int_equal(ipvs_backend_open(path, false, &b, why, sizeof(why)), 0);
	assert_string_equal(b->ops->name, "record");
	ipvs_backend_free(&b);

	r = ipvs_backend_open(NULL, false, &b, why, sizeof(why));
	if (have_ipvs) {
		/* The kernel backend, or (without the privilege) a reason;
		 * test_vm_ipvs.py tests it against a kernel with IPVS. */
		if (r == 0) {
			assert_string_equal(b->ops->name, "kernel");
			ipvs_backend_free(&b);
		} else {
			assert_null(b);
			assert_true(why[0] != 0);
		}
	} else {
		assert_int_equal(r, -ENOSYS);
		assert_null(b);
		assert_string_equal(why, "IPVS is not available in this "
			"kernel (no /proc/net/ip_vs) and no --ipvs-record=FILE "
			"was given");
	}

	assert_true(ipvs_backend_open("/nonexistent-dir/t", false, &b, why,
				      sizeof(why)) < 0);
	assert_null(b);
	assert_non_null(strstr(why, "/nonexistent-dir/t"));
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_service_answers),
		cmocka_unit_test(test_fwmark_key),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_dest_answers),
		cmocka_unit_test(test_format_empty),
		cmocka_unit_test(test_format_ipv4),
		cmocka_unit_test(test_format_ipv6_tunnel),
		cmocka_unit_test(test_format_order_and_fwmark),
		cmocka_unit_test(test_format_persistence),
		cmocka_unit_test(test_service_name),
		cmocka_unit_test(test_record_rewrites),
		cmocka_unit_test(test_record_sync),
		cmocka_unit_test(test_record_unwritable),
		cmocka_unit_test(test_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
