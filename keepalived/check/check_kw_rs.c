/*
 * check_kw_rs.c: the real_server line and the keywords only a real
 * server has.
 */
#include "config.h"

#include <errno.h>

#include "check_kw.h"

#define RS(obj) (CUR(obj)->rs)

CK_OPEN(ck_kw_rs_open)
{
	struct ck_cursor *cur = parent;
	struct ck_real_server_conf *rs;
	struct ka_addr a;
	uint16_t port = 0;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "real_server: missing address");
		return NULL;
	}
	if (w->count > 3)
		cfg_want_args(p, w, 1, 2);
	if (ck_kw_addr(p, w, 1, &a) < 0)
		return NULL;
	if (w->count > 2 && ck_kw_port(p, w, 2, &port) < 0)
		return NULL;
	rs = ck_rs_conf_new();
	rs->addr = a;
	rs->port = port;
	ck_kw_mark(cur, w, &rs->at);
	list_add_tail(&cur->vs->real_servers, &rs->node);
	cur->rs = rs;
	return cur;
}

CK_CLOSE(ck_kw_rs_close)
{
	(void)p;
	(void)parent;
	CUR(obj)->rs = NULL;
	return 0;
}

CK_KW(ck_kw_rs_no_block)
{
	(void)obj;
	cfg_report(p, CFG_WARNING, "%s without a block - ignoring",
		   w->words[0]);
	return -EINVAL;
}

CK_KW(ck_kw_weight)
{
	long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_int(p, w, 1, 0, 2147483647L, &v) < 0)
		return -EINVAL;
	RS(obj)->weight = v;
	return 0;
}

CK_KW(ck_kw_rs_lvs_method)
{
	return ck_kw_method(p, w, &RS(obj)->method);
}

CK_KW(ck_kw_notify_up)
{
	return ck_kw_script(CUR(obj), p, w, &RS(obj)->notify_up);
}

CK_KW(ck_kw_notify_down)
{
	return ck_kw_script(CUR(obj), p, w, &RS(obj)->notify_down);
}

CK_KW(ck_kw_uthreshold)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	RS(obj)->uthreshold = v;
	return 0;
}

CK_KW(ck_kw_lthreshold)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	RS(obj)->lthreshold = v;
	return 0;
}
