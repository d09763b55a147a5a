/* Unit tests of keepalived/core/iftable.c: links, addresses, the events
 * subscribers get, resynchronisation and the text dump. */
#include <errno.h>
#include <net/if.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <linux/rtnetlink.h>

#include "iftable.h"

#define EV_MAX 32

struct rec {
	size_t n;
	enum iftable_event_type type[EV_MAX];
	char name[EV_MAX][IF_NAMESIZE];
	char addr[EV_MAX][PREFIX_STRLEN];
	unsigned old_flags[EV_MAX];
};

static void record(const struct iftable_event *ev, void *ctx)
{
	struct rec *r = ctx;

	assert_true(r->n < EV_MAX);
	r->type[r->n] = ev->type;
	snprintf(r->name[r->n], IF_NAMESIZE, "%s", ev->iface->link.name);
	r->addr[r->n][0] = '\0';
	if (ev->addr)
		prefix_ntop(&ev->addr->info.prefix, r->addr[r->n],
			    PREFIX_STRLEN);
	r->old_flags[r->n] = ev->old ? ev->old->flags : 0;
	r->n++;
}

static struct iftable_link_info link_info(int index, const char *name,
					  unsigned flags)
{
	struct iftable_link_info l;

	memset(&l, 0, sizeof(l));
	l.index = index;
	snprintf(l.name, sizeof(l.name), "%s", name);
	l.flags = flags;
	l.mtu = 1500;
	l.mac_len = 6;
	l.mac[5] = (unsigned char)index;
	return l;
}

static struct iftable_addr_info addr_info(const char *pfx)
{
	struct iftable_addr_info a;

	memset(&a, 0, sizeof(a));
	assert_int_equal(prefix_parse(pfx, &a.prefix, NULL), 0);
	return a;
}

static void test_links_and_events(void **state)
{
	struct iftable *t = iftable_new();
	struct iftable_link_info l = link_info(3, "eth0", IFF_UP);
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(iftable_subscribe(t, record, &r), 0);
	assert_int_equal(iftable_subscribe(t, record, &r), -EEXIST);
	assert_int_equal(iftable_link_set(t, &l), 0);
	assert_int_equal(iftable_link_set(t, &l), 0);	/* no change */
	l.flags = 0;
	assert_int_equal(iftable_link_set(t, &l), 0);
	snprintf(l.name, sizeof(l.name), "wan0");
	assert_int_equal(iftable_link_set(t, &l), 0);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.type[0], IFTABLE_LINK_NEW);
	assert_int_equal(r.type[1], IFTABLE_LINK_CHANGE);
	assert_int_equal(r.old_flags[1], IFF_UP);
	assert_string_equal(r.name[2], "wan0");
	assert_null(iftable_by_name(t, "eth0"));
	assert_non_null(iftable_by_name(t, "wan0"));
	assert_ptr_equal(iftable_by_index(t, 3), iftable_by_name(t, "wan0"));
	l.index = 0;
	assert_int_equal(iftable_link_set(t, &l), -EINVAL);
	assert_int_equal(iftable_link_del(t, 9), -ENOENT);
	assert_int_equal(iftable_unsubscribe(t, record, &r), 0);
	assert_int_equal(iftable_unsubscribe(t, record, &r), -ENOENT);
	iftable_free(&t);
	assert_null(t);
	iftable_free(&t);
}

static void test_addresses(void **state)
{
	struct iftable *t = iftable_new();
	struct iftable_link_info l = link_info(2, "eth0", IFF_UP);
	struct iftable_addr_info a = addr_info("192.168.1.1/24");
	struct iftable_addr_info b = addr_info("2001:db8::1/64");
	struct ka_addr probe;
	struct rec r = { 0 };

	(void)state;
	iftable_subscribe(t, record, &r);
	assert_int_equal(iftable_addr_set(t, 2, &a), -ENOENT);
	iftable_link_set(t, &l);
	assert_int_equal(iftable_addr_set(t, 2, &a), 0);
	assert_int_equal(iftable_addr_set(t, 2, &b), 0);
	assert_int_equal(iftable_addr_set(t, 2, &a), 0);	/* same */
	snprintf(a.label, sizeof(a.label), "eth0:1");
	assert_int_equal(iftable_addr_set(t, 2, &a), 0);	/* changed */
	assert_int_equal(iftable_addr_count(t), 2);
	addr_parse("2001:db8::1", &probe);
	assert_ptr_equal(iftable_by_addr(t, &probe), iftable_by_index(t, 2));
	assert_int_equal(iftable_addr_del(t, 2, &b.prefix), 0);
	assert_int_equal(iftable_addr_del(t, 2, &b.prefix), -ENOENT);
	assert_null(iftable_by_addr(t, &probe));
	/* Deleting the link reports its addresses gone first. */
	assert_int_equal(iftable_link_del(t, 2), 0);
	assert_int_equal(r.n, 7);
	assert_int_equal(r.type[1], IFTABLE_ADDR_NEW);
	assert_string_equal(r.addr[1], "192.168.1.1/24");
	assert_int_equal(r.type[2], IFTABLE_ADDR_NEW);
	assert_int_equal(r.type[3], IFTABLE_ADDR_CHANGE);
	assert_int_equal(r.type[4], IFTABLE_ADDR_DEL);
	assert_string_equal(r.addr[4], "2001:db8::1/64");
	assert_int_equal(r.type[5], IFTABLE_ADDR_DEL);
	assert_int_equal(r.type[6], IFTABLE_LINK_DEL);
	assert_int_equal(iftable_count(t), 0);
	iftable_free(&t);
}

static void test_resync_reports_differences(void **state)
{
	struct iftable *t = iftable_new();
	struct iftable_link_info l1 = link_info(1, "lo", IFF_UP);
	struct iftable_link_info l2 = link_info(2, "eth0", IFF_UP);
	struct iftable_addr_info keep = addr_info("10.0.0.1/8");
	struct iftable_addr_info gone = addr_info("10.0.0.2/8");
	struct iftable_addr_info fresh = addr_info("10.0.0.3/8");
	struct rec r = { 0 };

	(void)state;
	iftable_link_set(t, &l1);
	iftable_link_set(t, &l2);
	iftable_addr_set(t, 1, &keep);
	iftable_addr_set(t, 1, &gone);
	iftable_subscribe(t, record, &r);
	/* The dump: lo with one old and one new address; eth0 gone. */
	iftable_sync_begin(t);
	iftable_link_set(t, &l1);
	iftable_addr_set(t, 1, &keep);
	iftable_addr_set(t, 1, &fresh);
	iftable_sync_end(t);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.type[0], IFTABLE_ADDR_NEW);
	assert_string_equal(r.addr[0], "10.0.0.3/8");
	assert_int_equal(r.type[1], IFTABLE_ADDR_DEL);
	assert_string_equal(r.addr[1], "10.0.0.2/8");
	assert_int_equal(r.type[2], IFTABLE_LINK_DEL);
	assert_string_equal(r.name[2], "eth0");
	assert_int_equal(iftable_count(t), 1);
	assert_int_equal(iftable_addr_count(t), 2);
	iftable_free(&t);
}

static void test_dump(void **state)
{
	struct iftable *t = iftable_new();
	struct iftable_link_info l = link_info(4, "eth1", IFF_UP | IFF_RUNNING);
	struct iftable_link_info v = link_info(5, "eth1.7", IFF_UP);
	struct iftable_addr_info a = addr_info("192.168.1.1/24");
	char buf[2048] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	(void)state;
	l.operstate = 6;	/* IF_OPER_UP */
	v.parent_index = 4;
	snprintf(v.kind, sizeof(v.kind), "vlan");
	addr_parse("192.168.1.255", &a.brd);
	a.scope = RT_SCOPE_UNIVERSE;
	snprintf(a.label, sizeof(a.label), "eth1:0");
	iftable_link_set(t, &l);
	iftable_link_set(t, &v);
	iftable_addr_set(t, 4, &a);
	iftable_dump(t, f);
	fclose(f);
	assert_non_null(strstr(buf, "Interface eth1 index 4 mtu 1500 mac "
			       "00:00:00:00:00:04 flags UP,RUNNING oper up\n"));
	assert_non_null(strstr(buf, "  addr 192.168.1.1/24 brd 192.168.1.255 "
			       "scope global label eth1:0 flags 0x0\n"));
	assert_non_null(strstr(buf, "Interface eth1.7 index 5 mtu 1500 mac "
			       "00:00:00:00:00:05 flags UP oper unknown kind "
			       "vlan parent eth1\n"));
	iftable_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_links_and_events),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_resync_reports_differences),
		cmocka_unit_test(test_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
