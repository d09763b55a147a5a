/*
 * check_kw_top.c: the top-level blocks around the virtual servers:
 * virtual_server_group, SSL and track_file.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_kw.h"
#include "memory.h"

static struct ck_cursor *cursor_new(struct check_parse_root *root)
{
	struct ck_cursor *cur = mem_new(struct ck_cursor);

	cur->conf = root->conf;
	cur->gd = root->gd;
	return cur;
}

CK_CLOSE(ck_kw_top_close)
{
	struct ck_cursor *cur = obj;

	(void)p;
	(void)parent;
	mem_free(&cur);
	return 0;
}

CK_OPEN(ck_kw_vsg_open)
{
	struct check_parse_root *root = parent;
	struct ck_cursor *cur;
	struct ck_vsg_conf *g;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "virtual_server_group: missing name");
		return NULL;
	}
	if (check_conf_find_group(root->conf, w->words[1])) {
		cfg_report(p, CFG_NOTE, "virtual_server_group %s is already "
			   "defined, ignoring this one", w->words[1]);
		return NULL;
	}
	if (w->count > 2)
		cfg_want_args(p, w, 1, 1);
	cur = cursor_new(root);
	g = ck_vsg_conf_new(w->words[1]);
	ck_kw_mark(cur, w, &g->at);
	list_add_tail(&root->conf->groups, &g->node);
	cur->vsg = g;
	return cur;
}

static int vsg_fwmark(struct cfg_parser *p, const struct cfg_words *w,
		      struct ck_vsg_entry *e)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 2) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	e->is_fwmark = true;
	e->fwmark = (uint32_t)v;
	if (w->count < 3)
		return 0;
	if (!strcmp(w->words[2], "inet")) {
		e->family = AF_INET;
	} else if (!strcmp(w->words[2], "inet6")) {
		e->family = AF_INET6;
	} else {
		cfg_report(p, CFG_ERROR, "virtual_server_group fwmark: "
			   "unknown family '%s'", w->words[2]);
		return -EINVAL;
	}
	return 0;
}

/* "10.0.0.8/29": the whole network the prefix names. */
static int vsg_prefix(const char *s, struct ck_vsg_entry *e)
{
	struct ka_prefix pf;
	unsigned bits;

	if (prefix_parse(s, &pf, NULL) < 0)
		return -EINVAL;
	bits = (pf.addr.family == AF_INET ? 32U : 128U) - pf.len;
	if (bits >= 32)
		return -ERANGE;
	prefix_clear_host_bits(&pf);
	e->first = pf.addr;
	return addr_add(&pf.addr, (1U << bits) - 1, &e->last);
}

static int vsg_range(struct cfg_parser *p, const struct cfg_words *w,
		     struct ck_vsg_entry *e)
{
	const char *s = w->words[0];
	unsigned count;
	int r;

	if (w->count > 2)
		cfg_want_args(p, w, 0, 1);
	if (strchr(s, '/')) {
		r = vsg_prefix(s, e);
	} else {
		r = addr_range_parse(s, &e->first, &count);
		if (r == 0)
			r = addr_add(&e->first, count - 1, &e->last);
	}
	if (r < 0) {
		cfg_report(p, CFG_ERROR, "virtual_server_group: invalid "
			   "address or range '%s'", s);
		return -EINVAL;
	}
	e->family = e->first.family;
	if (w->count > 1)
		return ck_kw_port(p, w, 1, &e->port);
	return 0;
}

CK_KW(ck_kw_vsg_line)
{
	struct ck_cursor *cur = CUR(obj);
	struct ck_vsg_entry *e = ck_vsg_entry_new();
	int r;

	if (!strcmp(w->words[0], "fwmark"))
		r = vsg_fwmark(p, w, e);
	else
		r = vsg_range(p, w, e);
	if (r < 0) {
		mem_free(&e);
		return -EINVAL;
	}
	ck_kw_mark(cur, w, &e->at);
	list_add_tail(&cur->vsg->entries, &e->node);
	return 0;
}

/* A second SSL block replaces the first, with a warning as in
 * keepalived. */
CK_OPEN(ck_kw_ssl_block_open)
{
	struct check_parse_root *root = parent;
	struct ck_ssl_conf *s = &root->conf->ssl;

	if (w->count > 1)
		cfg_want_args(p, w, 0, 0);
	if (s->set) {
		cfg_report(p, CFG_WARNING, "SSL context already specified - "
			   "replacing");
		mem_free(&s->password);
		mem_free(&s->ca);
		mem_free(&s->certificate);
		mem_free(&s->key);
	}
	s->set = true;
	return cursor_new(root);
}

static int ssl_string(struct cfg_parser *p, const struct cfg_words *w,
		      char **dst)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (*dst)
		cfg_report(p, CFG_WARNING, "SSL %s already specified - "
			   "replacing", w->words[0]);
	return cfg_get_string(p, w, 1, dst);
}

CK_KW(ck_kw_ssl_password)
{
	return ssl_string(p, w, &CUR(obj)->conf->ssl.password);
}

CK_KW(ck_kw_ssl_ca)
{
	return ssl_string(p, w, &CUR(obj)->conf->ssl.ca);
}

CK_KW(ck_kw_ssl_certificate)
{
	return ssl_string(p, w, &CUR(obj)->conf->ssl.certificate);
}

CK_KW(ck_kw_ssl_key)
{
	return ssl_string(p, w, &CUR(obj)->conf->ssl.key);
}

CK_OPEN(ck_kw_tf_open)
{
	struct check_parse_root *root = parent;
	struct ck_cursor *cur;
	struct ck_track_file *tf;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "%s: missing name", w->words[0]);
		return NULL;
	}
	if (check_conf_find_track_file(root->conf, w->words[1])) {
		cfg_report(p, CFG_NOTE, "%s %s is already defined, ignoring "
			   "this one", w->words[0], w->words[1]);
		return NULL;
	}
	if (!strcmp(w->words[0], "vrrp_track_file"))
		cfg_report(p, CFG_NOTE, "vrrp_track_file is deprecated - "
			   "please use track_file");
	cur = cursor_new(root);
	tf = ck_track_file_new(w->words[1]);
	ck_kw_mark(cur, w, &tf->at);
	list_add_tail(&root->conf->track_files, &tf->node);
	cur->tf = tf;
	return cur;
}

CK_KW(ck_kw_tf_file)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &CUR(obj)->tf->path);
}

/* "init_file [VALUE] [overwrite]" */
CK_KW(ck_kw_tf_init_file)
{
	struct ck_track_file *tf = CUR(obj)->tf;
	long v = 0;
	size_t i = 1;

	if (cfg_want_args(p, w, 0, 2) < 0)
		return -EINVAL;
	if (i < w->count && strcmp(w->words[i], "overwrite")) {
		if (cfg_get_int(p, w, i, -2147483647L - 1, 2147483647L,
				&v) < 0)
			return -EINVAL;
		i++;
	}
	if (i < w->count && strcmp(w->words[i], "overwrite")) {
		cfg_report(p, CFG_ERROR, "init_file: unknown option '%s'",
			   w->words[i]);
		return -EINVAL;
	}
	tf->init_file = true;
	tf->init_value = v;
	tf->init_overwrite = i < w->count;
	return 0;
}
