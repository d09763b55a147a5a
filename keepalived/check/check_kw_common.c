/*
 * check_kw_common.c: the settings a virtual server, a real server and a
 * checker share (the first two give defaults to the next level down).
 * Each handler writes into the level the line belongs to.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_kw.h"

/* keepalived keeps it in 32 bits of microseconds. */
CK_KW(ck_kw_connect_timeout)
{
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 1, UINT32_MAX, &us) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->connect_timeout_us = (int64_t)us;
	return 0;
}

CK_KW(ck_kw_retry)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->retry = (long)v;
	return 0;
}

/* nb_get_retry (HTTP_GET/SSL_GET): keepalived still reads it. */
CK_KW(ck_kw_retry_old)
{
	cfg_report(p, CFG_WARNING, "%s is deprecated - please use 'retry'",
		   w->words[0]);
	return ck_kw_retry(p, w, obj);
}

CK_KW(ck_kw_delay_before_retry)
{
	return ck_kw_timer(p, w, 1,
			   &ck_kw_common(CUR(obj))->delay_before_retry_us);
}

/* warmup 0 is allowed: no random delay. */
CK_KW(ck_kw_warmup)
{
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 0, INT64_MAX, &us) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->warmup_us = (int64_t)us;
	return 0;
}

CK_KW(ck_kw_delay_loop)
{
	return ck_kw_timer(p, w, 1, &ck_kw_common(CUR(obj))->delay_loop_us);
}

/* "alpha" alone means on; the virtual server's takes no value. */
CK_KW(ck_kw_alpha)
{
	struct ck_cursor *cur = CUR(obj);
	bool on = true;

	if (!cur->rs && !cur->ck)
		cfg_want_args(p, w, 0, 0);
	else if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->alpha = on;
	return 0;
}

CK_KW(ck_kw_log_all_failures)
{
	bool on;

	if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->log_all_failures = on;
	return 0;
}

CK_KW(ck_kw_connect_ip)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return ck_kw_addr(p, w, 1, &ck_kw_common(CUR(obj))->connect_ip);
}

CK_KW(ck_kw_connect_port)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return ck_kw_port1(p, w, 1, &ck_kw_common(CUR(obj))->connect_port);
}

CK_KW(ck_kw_bindto)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return ck_kw_addr(p, w, 1, &ck_kw_common(CUR(obj))->bindto);
}

CK_KW(ck_kw_bind_port)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return ck_kw_port1(p, w, 1, &ck_kw_common(CUR(obj))->bind_port);
}

CK_KW(ck_kw_bind_if)
{
	struct ck_common *cm = ck_kw_common(CUR(obj));

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (!*w->words[1] || strlen(w->words[1]) >= IF_NAMESIZE) {
		cfg_report(p, CFG_ERROR, "bind_if: invalid interface name "
			   "'%s'", w->words[1]);
		return -EINVAL;
	}
	strcpy(cm->bind_if, w->words[1]);
	return 0;
}

CK_KW(ck_kw_fwmark)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	ck_kw_common(CUR(obj))->fwmark = (uint32_t)v;
	return 0;
}
