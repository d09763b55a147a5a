/*
 * test_core_check.c: the validation pass, each check against a described
 * system (fake interfaces, users and files) rather than the real one.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config_check.h"
#include "memory.h"
#include "test_core_util.h"

struct fake_file {
	const char *path;
	uid_t uid;
	mode_t mode;
};

struct fake_sys {
	const struct fake_file *files;
	size_t nfiles;
};

static bool fake_if(const char *name, void *ctx)
{
	(void)ctx;
	return !strcmp(name, "eth0") || !strcmp(name, "lo");
}

static int fake_user(const char *name, uid_t *uid, void *ctx)
{
	(void)ctx;
	if (!strcmp(name, "root"))
		return *uid = 0, 0;
	if (!strcmp(name, "keepalived_script") || !strcmp(name, "nobody"))
		return *uid = 65534, 0;
	return -ENOENT;
}

static bool fake_group(const char *name, void *ctx)
{
	(void)ctx;
	return !strcmp(name, "nogroup");
}

static int fake_stat(const char *path, struct stat *st, void *ctx)
{
	const struct fake_sys *sys = ctx;
	size_t i;

	for (i = 0; i < sys->nfiles; i++) {
		if (strcmp(sys->files[i].path, path))
			continue;
		memset(st, 0, sizeof(*st));
		st->st_uid = sys->files[i].uid;
		st->st_mode = sys->files[i].mode;
		return 0;
	}
	return -ENOENT;
}

static const struct fake_file files[] = {
	{ "/", 0, S_IFDIR | 0755 },
	{ "/usr", 0, S_IFDIR | 0755 },
	{ "/usr/bin", 0, S_IFDIR | 0755 },
	{ "/usr/bin/ok.sh", 0, S_IFREG | 0755 },
	{ "/usr/bin/gw.sh", 0, S_IFREG | 0775 },
	{ "/tmp", 0, S_IFDIR | 01777 },
	{ "/tmp/ok.sh", 0, S_IFREG | 0755 },
	{ "/tmp/mine.sh", 1000, S_IFREG | 0755 },
	{ "/tmp/open", 0, S_IFDIR | 0777 },
	{ "/tmp/open/s.sh", 0, S_IFREG | 0755 },
};

static struct fake_sys sys = { files, sizeof(files) / sizeof(files[0]) };

static void fake_env(struct config_check_env *env)
{
	env->if_exists = fake_if;
	env->user_uid = fake_user;
	env->group_exists = fake_group;
	env->stat = fake_stat;
	env->cpu_count = 2;
	env->ctx = &sys;
}

struct fixture {
	struct cfg_parser *p;
	struct global_data *gd;
	struct test_diags diags;
	struct config_check_env env;
};

static int setup(void **state)
{
	struct fixture *f = mem_new(struct fixture);
	struct cfg_parser_opts po = { .diag = test_diag_collect };

	po.diag_ctx = &f->diags;
	f->p = cfg_parser_new(&po);
	f->gd = global_data_new();
	fake_env(&f->env);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	cfg_parser_free(&f->p);
	global_data_free(&f->gd);
	mem_free(&f);
	return 0;
}

static void set_script(struct gd_script *s, const char *path, unsigned line)
{
	s->path = mem_strdup(path);
	s->file = mem_strdup("k.conf");
	s->line = line;
}

static void test_path_secure(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(config_check_path_secure("/usr/bin/ok.sh", &f->env), 1);
	assert_int_equal(config_check_path_secure("/usr/bin/ok.sh arg x",
						  &f->env), 1);
	/* sticky /tmp is fine, a 0777 directory is not */
	assert_int_equal(config_check_path_secure("/tmp/ok.sh", &f->env), 1);
	assert_int_equal(config_check_path_secure("/tmp/open/s.sh", &f->env),
			 0);
	assert_int_equal(config_check_path_secure("/usr/bin/gw.sh", &f->env),
			 0);
	assert_int_equal(config_check_path_secure("/tmp/mine.sh", &f->env), 0);
	assert_int_equal(config_check_path_secure("/nope.sh", &f->env),
			 -ENOENT);
	assert_int_equal(config_check_path_secure("ok.sh", &f->env), -ENOENT);
}

static void test_script_without_security(void **state)
{
	struct fixture *f = *state;
	const struct test_diag *d;

	set_script(&f->gd->startup_script, "/usr/bin/ok.sh", 7);
	assert_int_equal(config_check_scripts(f->p, f->gd, &f->env), -EINVAL);
	assert_int_equal(cfg_parser_worst(f->p), CFG_SECURITY);
	d = test_diag_find(&f->diags, "SECURITY VIOLATION");
	assert_non_null(d);
	assert_string_equal(d->file, "k.conf");
	assert_int_equal(d->line, 7);
}

static void test_script_with_security(void **state)
{
	struct fixture *f = *state;

	f->gd->enable_script_security = true;
	set_script(&f->gd->startup_script, "/usr/bin/ok.sh", 3);
	assert_int_equal(config_check_scripts(f->p, f->gd, &f->env), 0);
	assert_true(cfg_parser_worst(f->p) <= CFG_NOTE);
}

static void test_insecure_script_as_root(void **state)
{
	struct fixture *f = *state;

	f->gd->enable_script_security = true;
	set_script(&f->gd->shutdown_script, "/tmp/open/s.sh", 9);
	f->gd->shutdown_script.user = mem_strdup("root");
	assert_int_equal(config_check_scripts(f->p, f->gd, &f->env), -EINVAL);
	assert_int_equal(cfg_parser_worst(f->p), CFG_ERROR);
	assert_non_null(test_diag_find(&f->diags, "other than root"));
}

static void test_missing_script_is_a_note(void **state)
{
	struct fixture *f = *state;

	set_script(&f->gd->startup_script, "/usr/bin/none.sh", 2);
	assert_int_equal(config_check_scripts(f->p, f->gd, &f->env), 0);
	assert_true(cfg_parser_worst(f->p) <= CFG_NOTE);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.d[0].sev, CFG_NOTE);
	assert_non_null(strstr(f->diags.d[0].msg, "/usr/bin/none.sh"));
}

static void test_script_user(void **state)
{
	struct fixture *f = *state;

	f->gd->script_user = mem_strdup("nobody");
	f->gd->script_group = mem_strdup("nogroup");
	assert_int_equal(config_check_script_user(f->p, f->gd, &f->env), 0);
	mem_free(&f->gd->script_user);
	f->gd->script_user = mem_strdup("ghost");
	f->gd->script_user_file = mem_strdup("k.conf");
	f->gd->script_user_line = 4;
	assert_int_equal(config_check_script_user(f->p, f->gd, &f->env),
			 -EINVAL);
	assert_int_equal(f->diags.d[0].line, 4);
	assert_non_null(strstr(f->diags.d[0].msg, "ghost"));
}

static void test_cpus(void **state)
{
	struct fixture *f = *state;
	struct gd_proc *v = &f->gd->vrrp_proc;

	v->cpus = mem_calloc(2, sizeof(unsigned));
	v->cpu_count = 2;
	v->cpus[0] = 1;
	v->cpus[1] = 2;
	v->cpus_file = mem_strdup("k.conf");
	v->cpus_line = 11;
	assert_int_equal(config_check_cpus(f->p, f->gd, &f->env), -EINVAL);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.d[0].line, 11);
	assert_non_null(strstr(f->diags.d[0].msg, "cpu 2"));
	f->env.cpu_count = 3;
	assert_int_equal(config_check_cpus(f->p, f->gd, &f->env), 0);
}

static void test_linkbeat(void **state)
{
	struct fixture *f = *state;
	struct global_data *gd = f->gd;

	gd->linkbeat_ifs = mem_calloc(2, sizeof(*gd->linkbeat_ifs));
	gd->linkbeat_if_count = 2;
	gd->linkbeat_ifs[0].name = mem_strdup("eth0");
	gd->linkbeat_ifs[1].name = mem_strdup("eth7");
	gd->linkbeat_ifs[1].file = mem_strdup("k.conf");
	gd->linkbeat_ifs[1].line = 5;
	assert_int_equal(config_check_linkbeat(f->p, gd, &f->env), -EINVAL);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.d[0].line, 5);
	assert_non_null(strstr(f->diags.d[0].msg, "eth7"));
	/* dynamic_interfaces: they may come later */
	gd->dynamic_interfaces = true;
	assert_int_equal(config_check_linkbeat(f->p, gd, &f->env), 0);
}

static void test_fifos(void **state)
{
	struct fixture *f = *state;

	set_script(&f->gd->notify_fifo.fifo, "/run/a.fifo", 2);
	set_script(&f->gd->vrrp_notify_fifo.fifo, "/run/b.fifo", 3);
	assert_int_equal(config_check_fifos(f->p, f->gd), 0);
	set_script(&f->gd->lvs_notify_fifo.fifo, "/run/a.fifo", 4);
	assert_int_equal(config_check_fifos(f->p, f->gd), -EINVAL);
	assert_int_equal(f->diags.d[0].line, 4);
	assert_non_null(strstr(f->diags.d[0].msg, "line 2"));
}

static void test_all_checks_clean(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(config_check(f->p, f->gd, &f->env), 0);
	assert_int_equal(f->diags.count, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_path_secure),
		T(test_script_without_security),
		T(test_script_with_security),
		T(test_insecure_script_as_root),
		T(test_missing_script_is_a_note),
		T(test_script_user),
		T(test_cpus),
		T(test_linkbeat),
		T(test_fifos),
		T(test_all_checks_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
