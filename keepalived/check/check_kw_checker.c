/*
 * check_kw_checker.c: opening and closing a checker block of a real
 * server.
 */
#include "config.h"

#include "check_kw.h"

static void *checker_open(struct ck_cursor *cur, const struct cfg_words *w,
			  struct cfg_parser *p, enum ck_type type)
{
	struct ck_checker_conf *ck = ck_checker_conf_new(type);

	if (w->count > 1)
		cfg_want_args(p, w, 0, 0);
	ck_kw_mark(cur, w, &ck->at);
	list_add_tail(&cur->rs->checkers, &ck->node);
	cur->ck = ck;
	return cur;
}

#define CHECKER_OPEN(fn, type) \
	CK_OPEN(fn) { return checker_open(parent, w, p, type); }

CHECKER_OPEN(ck_kw_tcp_open, CK_TCP)
CHECKER_OPEN(ck_kw_http_open, CK_HTTP)
CHECKER_OPEN(ck_kw_ssl_open, CK_SSL)
CHECKER_OPEN(ck_kw_misc_open, CK_MISC)
CHECKER_OPEN(ck_kw_smtp_open, CK_SMTP)
CHECKER_OPEN(ck_kw_dns_open, CK_DNS)
CHECKER_OPEN(ck_kw_ping_open, CK_PING)
CHECKER_OPEN(ck_kw_udp_open, CK_UDP)
CHECKER_OPEN(ck_kw_file_open, CK_FILE)

CK_CLOSE(ck_kw_checker_close)
{
	(void)p;
	(void)parent;
	CUR(obj)->ck = NULL;
	return 0;
}
