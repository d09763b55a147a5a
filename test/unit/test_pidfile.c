/*
 * test_pidfile.c: where pid files go (plain, use_pid_dir, instance,
 * namespace, explicit options), parsing, and the live-owner check.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmdline.h"
#include "memory.h"
#include "pidfile.h"

static void parse_args(struct ka_options *o, const char *a1, const char *a2)
{
	char *argv[] = { "keepalived", (char *)a1, (char *)a2, NULL };
	int argc = a2 ? 3 : a1 ? 2 : 1;
	char *err = NULL;

	assert_int_equal(cmdline_parse(argc, argv, o, &err), 0);
}

static void check(const struct pidfile_paths *p, const char *parent,
		  const char *vrrp, const char *checker, const char *dir)
{
	assert_string_equal(p->parent, parent);
	assert_string_equal(p->vrrp, vrrp);
	assert_string_equal(p->checker, checker);
	if (dir)
		assert_string_equal(p->dir, dir);
	else
		assert_null(p->dir);
}

static void test_defaults(void **state)
{
	struct ka_options o;
	struct pidfile_paths p;

	(void)state;
	parse_args(&o, NULL, NULL);
	pidfile_paths_get(&o, NULL, NULL, false, &p);
	check(&p, "/run/keepalived.pid", "/run/keepalived_vrrp.pid",
	      "/run/keepalived_checkers.pid", NULL);
	pidfile_paths_clear(&p);
	pidfile_paths_get(&o, NULL, NULL, true, &p);
	check(&p, "/run/keepalived/keepalived.pid", "/run/keepalived/vrrp.pid",
	      "/run/keepalived/checkers.pid", "/run/keepalived");
	pidfile_paths_clear(&p);
	pidfile_paths_get(&o, NULL, "blue", false, &p);
	check(&p, "/run/keepalived/keepalived_blue.pid",
	      "/run/keepalived/vrrp_blue.pid",
	      "/run/keepalived/checkers_blue.pid", "/run/keepalived");
	pidfile_paths_clear(&p);
	pidfile_paths_get(&o, "ns1", NULL, false, &p);
	check(&p, "/run/keepalived/ns1/keepalived.pid",
	      "/run/keepalived/ns1/vrrp.pid",
	      "/run/keepalived/ns1/checkers.pid", "/run/keepalived/ns1");
	pidfile_paths_clear(&p);
	pidfile_paths_get(&o, "ns1", "blue", true, &p);
	check(&p, "/run/keepalived/ns1/keepalived_blue.pid",
	      "/run/keepalived/ns1/vrrp_blue.pid",
	      "/run/keepalived/ns1/checkers_blue.pid", "/run/keepalived/ns1");
	pidfile_paths_clear(&p);
	ka_options_clear(&o);
}

static void test_namespace_option_wins(void **state)
{
	struct ka_options o;
	struct pidfile_paths p;

	(void)state;
	parse_args(&o, "-s", "red");
	pidfile_paths_get(&o, "ns1", NULL, false, &p);
	check(&p, "/run/keepalived/red/keepalived.pid",
	      "/run/keepalived/red/vrrp.pid",
	      "/run/keepalived/red/checkers.pid", "/run/keepalived/red");
	pidfile_paths_clear(&p);
	ka_options_clear(&o);
}

static void test_explicit_wins(void **state)
{
	struct ka_options o;
	struct pidfile_paths p;

	(void)state;
	parse_args(&o, "-r", "/x/v.pid");
	pidfile_paths_get(&o, "ns1", NULL, false, &p);
	check(&p, "/run/keepalived/ns1/keepalived.pid", "/x/v.pid",
	      "/run/keepalived/ns1/checkers.pid", "/run/keepalived/ns1");
	pidfile_paths_clear(&p);
	assert_null(p.parent);
	ka_options_clear(&o);
}

static void test_parse(void **state)
{
	pid_t pid = 0;

	(void)state;
	assert_int_equal(pidfile_parse("123\n", &pid), 0);
	assert_int_equal(pid, 123);
	assert_int_equal(pidfile_parse("42", &pid), 0);
	assert_int_equal(pid, 42);
	assert_int_equal(pidfile_parse("", &pid), -EINVAL);
	assert_int_equal(pidfile_parse("0\n", &pid), -EINVAL);
	assert_int_equal(pidfile_parse("-5\n", &pid), -EINVAL);
	assert_int_equal(pidfile_parse(" 5\n", &pid), -EINVAL);
	assert_int_equal(pidfile_parse("5\n6\n", &pid), -EINVAL);
	assert_int_equal(pidfile_parse("5x", &pid), -EINVAL);
	assert_int_equal(pidfile_parse("99999999999999", &pid), -EINVAL);
	assert_int_equal(pidfile_parse(NULL, &pid), -EINVAL);
	assert_int_equal(pid, 42);
}

static void test_owner_write_remove(void **state)
{
	char dir[] = "/tmp/ka-test-pid.XXXXXX";
	char *path;
	pid_t child;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = mem_asprintf("%s/k.pid", dir);
	assert_int_equal(pidfile_owner(path), 0);	/* no file */
	assert_int_equal(pidfile_write(path, getpid()), 0);
	assert_int_equal(pidfile_owner(path), 0);	/* ourselves */
	assert_int_equal(pidfile_write(path, getppid()), 0);
	assert_int_equal(pidfile_owner(path), getppid());	/* alive */
	assert_int_equal(pidfile_remove(path, getpid()), -ESRCH);
	/* a pid that has gone */
	child = fork();
	if (child == 0)
		_exit(0);
	assert_true(child > 0);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(pidfile_write(path, child), 0);
	assert_int_equal(pidfile_owner(path), 0);
	assert_int_equal(pidfile_remove(path, child), 0);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(rmdir(dir), 0);
	mem_free(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_namespace_option_wins),
		cmocka_unit_test(test_explicit_wins),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_owner_write_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
