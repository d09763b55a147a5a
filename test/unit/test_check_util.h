/*
 * test_check_util.h: reading an LVS configuration from a string for the
 * checker's configuration tests, on a described system: root and
 * "nobody" exist, scripts under /bin/ are root's and safe, /tmp/evil.sh
 * is writable by anyone, nothing else exists.
 */
#ifndef TEST_CHECK_UTIL_H
#define TEST_CHECK_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "check_data.h"
#include "conf.h"
#include "test_core_util.h"

static inline bool tc_if_exists(const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return true;
}

static inline int tc_user_uid(const char *name, uid_t *uid, void *ctx)
{
	(void)ctx;
	if (!strcmp(name, "root"))
		*uid = 0;
	else if (!strcmp(name, "nobody"))
		*uid = 65534;
	else
		return -ENOENT;
	return 0;
}

static inline bool tc_group_exists(const char *name, void *ctx)
{
	(void)ctx;
	return !strcmp(name, "root") || !strcmp(name, "nogroup");
}

static inline int tc_stat(const char *path, struct stat *st, void *ctx)
{
	(void)ctx;
	memset(st, 0, sizeof(*st));
	if (!strcmp(path, "/") || !strcmp(path, "/bin") ||
	    !strncmp(path, "/bin/", 5)) {
		st->st_mode = S_IFREG | 0755;
		return 0;
	}
	if (!strcmp(path, "/tmp")) {
		st->st_mode = S_IFDIR | 01777;
		return 0;
	}
	if (!strcmp(path, "/tmp/evil.sh")) {
		st->st_mode = S_IFREG | 0777;
		return 0;
	}
	return -ENOENT;
}

struct tc_parsed {
	struct ka_conf *conf;
	struct test_diags diags;
};

/* Reads "text" as the file "t.conf"; the result is completed. */
static inline void tc_load(struct tc_parsed *out, const char *text)
{
	static const struct config_check_env env = {
		.if_exists = tc_if_exists, .user_uid = tc_user_uid,
		.group_exists = tc_group_exists, .stat = tc_stat,
		.cpu_count = 2,
	};
	struct conf_load_opts lo = { .diag = test_diag_collect, .env = &env };

	memset(out, 0, sizeof(*out));
	lo.diag_ctx = &out->diags;
	if (conf_load_string("t.conf", text, &lo, &out->conf) != 0)
		fail_msg("conf_load_string failed");
}

static inline void tc_clear(struct tc_parsed *p)
{
	conf_free(&p->conf);
}

static inline struct ck_virtual_server_conf *tc_vs(struct tc_parsed *p,
						   size_t n)
{
	struct ck_virtual_server_conf *vs;

	list_for_each_entry(vs, &p->conf->check->virtual_servers, node)
		if (n-- == 0)
			return vs;
	fail_msg("no virtual server %zu", n);
	return NULL;
}

static inline struct ck_real_server_conf *
tc_rs(struct ck_virtual_server_conf *vs, size_t n)
{
	struct ck_real_server_conf *rs;

	list_for_each_entry(rs, &vs->real_servers, node)
		if (n-- == 0)
			return rs;
	fail_msg("no real server %zu", n);
	return NULL;
}

static inline struct ck_checker_conf *tc_ck(struct ck_real_server_conf *rs,
					    size_t n)
{
	struct ck_checker_conf *ck;

	list_for_each_entry(ck, &rs->checkers, node)
		if (n-- == 0)
			return ck;
	fail_msg("no checker %zu", n);
	return NULL;
}

/* Prints the diagnostics, to see why a test failed. */
static inline void tc_show(const struct tc_parsed *p)
{
	size_t i;

	for (i = 0; i < p->diags.count; i++)
		fprintf(stderr, "  [%d] %s:%u %s\n", p->diags.d[i].sev,
			p->diags.d[i].file, p->diags.d[i].line,
			p->diags.d[i].msg);
}

/* Asserts a diagnostic of severity "sev" at "line" that says "needle". */
static inline void tc_expect(const struct tc_parsed *p,
			     enum cfg_severity sev, unsigned line,
			     const char *needle)
{
	const struct test_diag *d = test_diag_find(&p->diags, needle);

	if (!d) {
		tc_show(p);
		fail_msg("no diagnostic says '%s'", needle);
	}
	assert_int_equal(d->sev, sev);
	assert_int_equal(d->line, line);
	assert_string_equal(d->file, "t.conf");
}

#endif
