/*
 * Unit tests of the pure side of the SNMP modules: rows of values
 * (keepalived/core/snmp_row.c), the `global` objects from global_defs
 * (snmp_global_fill.c) and KEEPALIVED-MIB's encodings of VRRP values
 * (keepalived/vrrp/vrrp_snmp_map.c).
 */
#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "global_data.h"
#include "memory.h"
#include "snmp_global.h"
#include "snmp_row.h"
#include "vrrp_snmp_map.h"

static void test_rows_cells(void **state)
{
	struct snmp_rows rs = { 0 };
	struct snmp_row *r = snmp_rows_add2(&rs, 3, 7);
	const uint32_t want[] = { 3, 7 }, other[] = { 7, 3 };
	const uint32_t three[] = { 3, 7, 1 };
	const struct snmp_cell *c;

	(void)state;
	snmp_row_int(r, 2, -5);
	snmp_row_uint(r, 3, (uint64_t)UINT32_MAX + 10);	/* clamped */
	snmp_row_str(r, 4, "eth0");
	snmp_row_str(r, 5, NULL);		/* no value */
	snmp_row_bool(r, 6, false);
	snmp_row_int(r, 0, 1);			/* out of range: ignored */
	snmp_row_int(r, SNMP_ROW_COLS_MAX + 1, 1);
	snmp_row_counter64(r, 7, 1ULL << 40);

	assert_ptr_equal(snmp_rows_find(&rs, want, 2), r);
	assert_null(snmp_rows_find(&rs, other, 2));
	assert_null(snmp_rows_find(&rs, want, 1));
	assert_null(snmp_rows_find(&rs, three, 3));
	assert_non_null(snmp_rows_add3(&rs, 3, 7, 1));
	assert_int_equal(rs.n, 2);
	assert_ptr_equal(snmp_rows_find(&rs, three, 3), rs.rows[1]);
	c = snmp_row_cell(r, 2);
	assert_int_equal(c->type, SNMP_CELL_INT);
	assert_int_equal(c->i, -5);
	assert_int_equal(snmp_row_cell(r, 3)->u, UINT32_MAX);
	c = snmp_row_cell(r, 4);
	assert_int_equal(c->type, SNMP_CELL_STR);
	assert_int_equal(c->len, 4);
	assert_memory_equal(c->str, "eth0", 4);
	assert_null(snmp_row_cell(r, 5));
	assert_int_equal(snmp_row_cell(r, 6)->i, SNMP_FALSE);
	assert_null(snmp_row_cell(r, 0));
	assert_null(snmp_row_cell(r, 1));
	assert_int_equal(snmp_row_cell(r, 7)->type, SNMP_CELL_COUNTER64);
	assert_int_equal(snmp_row_cell(r, 7)->u, 1ULL << 40);

	/* a value set twice keeps the last one (and frees the first) */
	snmp_row_str(r, 4, "eth1");
	assert_memory_equal(snmp_row_cell(r, 4)->str, "eth1", 4);
	snmp_row_int(r, 4, 9);
	assert_int_equal(snmp_row_cell(r, 4)->type, SNMP_CELL_INT);
	snmp_rows_clear(&rs);
	assert_int_equal(rs.n, 0);
	assert_null(rs.rows);
}

static void test_rows_addr(void **state)
{
	struct snmp_rows rs = { 0 };
	struct snmp_row *r = snmp_rows_add1(&rs, 1);
	struct ka_addr v4 = { .family = AF_INET }, v6 = { .family = AF_INET6 };
	struct ka_addr none = { 0 };

	(void)state;
	inet_pton(AF_INET, "192.0.2.1", &v4.u.v4);
	inet_pton(AF_INET6, "2001:db8::1", &v6.u.v6);
	snmp_row_addr(r, 2, 3, &v4);
	assert_int_equal(snmp_row_cell(r, 2)->i, SNMP_INET_IPV4);
	assert_int_equal(snmp_row_cell(r, 3)->len, 4);
	assert_memory_equal(snmp_row_cell(r, 3)->str, &v4.u.v4, 4);
	snmp_row_addr(r, 4, 5, &v6);
	assert_int_equal(snmp_row_cell(r, 4)->i, SNMP_INET_IPV6);
	assert_int_equal(snmp_row_cell(r, 5)->len, 16);
	/* no type column, no address: nothing */
	snmp_row_addr(r, 0, 6, &v4);
	assert_int_equal(snmp_row_cell(r, 6)->len, 4);
	snmp_row_addr(r, 7, 8, &none);
	assert_null(snmp_row_cell(r, 7));
	assert_null(snmp_row_cell(r, 8));
	snmp_rows_clear(&rs);
}

static const char *cell_str(const struct snmp_row *r, unsigned col)
{
	const struct snmp_cell *c = snmp_row_cell(r, col);

	assert_non_null(c);
	assert_int_equal(c->type, SNMP_CELL_STR);
	return c->str;
}

static int64_t cell_int(const struct snmp_row *r, unsigned col)
{
	const struct snmp_cell *c = snmp_row_cell(r, col);

	assert_non_null(c);
	return c->type == SNMP_CELL_INT ? c->i : (int64_t)c->u;
}

static void test_global(void **state)
{
	struct global_data *gd = global_data_new();
	struct snmp_rows rs = { 0 }, emails = { 0 };
	struct snmp_row *g = snmp_rows_add(&rs, NULL, 0);
	struct snmp_row *m = snmp_rows_add(&rs, NULL, 0);
	char host[256];

	(void)state;
	gd->router_id = mem_strdup("lb-1");
	gd->smtp_server = mem_strdup("192.0.2.25");
	gd->smtp_port = 2525;
	gd->email_from = mem_strdup("ka@example.org");
	global_data_strlist_add(&gd->email, "a@example.org");
	global_data_strlist_add(&gd->email, "b@example.org");
	gd->snmp_traps = true;
	gd->linkbeat_use_polling = true;
	gd->lvs_flush_on_stop_vs = true;
	gd->smtp_alert_vrrp = GD_OFF;
	gd->no_email_faults = true;

	assert_string_equal(snmp_global_router_id(gd, host, sizeof(host)),
			    "lb-1");
	snmp_global_fill(gd, "lb-1", g, m);
	assert_string_equal(cell_str(g, SNMP_G_ROUTER_ID), "lb-1");
	assert_memory_equal(cell_str(g, SNMP_G_VERSION), "Keepalived v", 12);
	assert_int_equal(cell_int(g, SNMP_G_TRAP_ENABLE), 1);
	assert_int_equal(cell_int(g, SNMP_G_LINKBEAT), 2);	/* polling */
	assert_int_equal(cell_int(g, SNMP_G_LVS_FLUSH_ON_STOP), 3);
	assert_int_equal(cell_int(g, SNMP_G_DYNAMIC_IFS), SNMP_FALSE);
	assert_null(snmp_row_cell(g, SNMP_G_NET_NAMESPACE));
	assert_int_equal(cell_int(m, SNMP_M_SERVER_TYPE), SNMP_INET_IPV4);
	assert_int_equal(snmp_row_cell(m, SNMP_M_SERVER)->len, 4);
	assert_int_equal(cell_int(m, SNMP_M_PORT), 2525);
	assert_string_equal(cell_str(m, SNMP_M_FROM), "ka@example.org");
	assert_int_equal(cell_int(m, SNMP_M_FAULTS), 2);	/* disabled */
	assert_int_equal(cell_int(m, SNMP_M_ALERT), 3);		/* unset */
	assert_int_equal(cell_int(m, SNMP_M_ALERT_VRRP), 2);	/* off */

	snmp_global_emails(gd, &emails);
	assert_int_equal(emails.n, 2);
	assert_int_equal(emails.rows[1]->idx[0], 2);
	assert_string_equal(cell_str(emails.rows[1], 2), "b@example.org");

	/* a host name as smtp_server has no InetAddress */
	mem_free(&gd->smtp_server);
	gd->smtp_server = mem_strdup("mail.example.org");
	snmp_rows_clear(&rs);
	m = snmp_rows_add(&rs, NULL, 0);
	snmp_global_fill(gd, NULL, NULL, m);
	assert_null(snmp_row_cell(m, SNMP_M_SERVER_TYPE));
	assert_null(snmp_row_cell(m, SNMP_M_SERVER));

	/* no router_id: the host name */
	mem_free(&gd->router_id);
	assert_non_null(snmp_global_router_id(gd, host, sizeof(host)));
	assert_ptr_equal(snmp_global_router_id(gd, host, sizeof(host)), host);
	snmp_rows_clear(&rs);
	snmp_rows_clear(&emails);
	global_data_free(&gd);
}

static void test_vrrp_map(void **state)
{
	unsigned col, lock;

	(void)state;
	assert_int_equal(vrrp_snmp_state(VRRP_STATE_INIT), 0);
	assert_int_equal(vrrp_snmp_state(VRRP_STATE_BACKUP), 1);
	assert_int_equal(vrrp_snmp_state(VRRP_STATE_MASTER), 2);
	assert_int_equal(vrrp_snmp_state(VRRP_STATE_FAULT), 3);
	/* seconds in VRRPv2, centiseconds in VRRPv3 */
	assert_int_equal(vrrp_snmp_adver_int(2, 100), 1);
	assert_int_equal(vrrp_snmp_adver_int(3, 100), 100);
	assert_int_equal(vrrp_snmp_scope(-1), 14);
	assert_int_equal(vrrp_snmp_scope(RT_SCOPE_UNIVERSE), 14);
	assert_int_equal(vrrp_snmp_scope(RT_SCOPE_LINK), 2);
	assert_int_equal(vrrp_snmp_scope(RT_SCOPE_HOST), 1);
	assert_int_equal(vrrp_snmp_route_type(RTN_UNICAST, 0), 1);
	assert_int_equal(vrrp_snmp_route_type(RTN_UNICAST, 2), 2);
	assert_int_equal(vrrp_snmp_route_type(RTN_BLACKHOLE, 0), 3);
	assert_int_equal(vrrp_snmp_route_type(RTN_BROADCAST, 0), 6);
	assert_int_equal(vrrp_snmp_route_type(RTN_UNSPEC, 0), 0);
	/* as keepalived 2.2.7 answers: the kernel's number plus one */
	assert_int_equal(vrrp_snmp_protocol(-1), 19);
	assert_int_equal(vrrp_snmp_protocol(18), 19);
	assert_int_equal(vrrp_snmp_protocol(RTPROT_STATIC), 5);
	assert_int_equal(vrrp_snmp_protocol(RTPROT_BOOT), 4);
	assert_int_equal(vrrp_snmp_protocol(16), 17);	/* dhcp */
	assert_int_equal(vrrp_snmp_protocol(255), 0);
	assert_true(vrrp_snmp_route_metric(RTAX_MTU, &col, &lock));
	assert_int_equal(col, 22);
	assert_int_equal(lock, 23);
	assert_true(vrrp_snmp_route_metric(RTAX_HOPLIMIT, &col, &lock));
	assert_int_equal(col, 24);
	assert_int_equal(lock, 0);
	assert_true(vrrp_snmp_route_metric(RTAX_FEATURES, &col, &lock));
	assert_int_equal(col, 19);	/* ecn */
	assert_false(vrrp_snmp_route_metric(RTAX_RTT, &col, &lock));
	assert_false(vrrp_snmp_route_metric(RTAX_UNSPEC, &col, &lock));
	assert_int_equal(vrrp_snmp_script_result(VRRP_TRACK_PENDING), 1);
	assert_int_equal(vrrp_snmp_script_result(VRRP_TRACK_DOWN), 2);
	assert_int_equal(vrrp_snmp_script_result(VRRP_TRACK_UP), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_cells),
		cmocka_unit_test(test_rows_addr),
		cmocka_unit_test(test_global),
		cmocka_unit_test(test_vrrp_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
