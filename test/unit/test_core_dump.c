/*
 * test_core_dump.c: -M's swap of the kernel's core_pattern, on a regular
 * file standing in for /proc/sys/kernel/core_pattern; -m's limit on this
 * very process (raising RLIMIT_CORE needs no privilege up to the hard
 * limit, and root may raise the hard limit too).
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cmocka.h>

#include "core_dump.h"
#include "memory.h"

static char *file_text(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_swap_and_back(void **state)
{
	char path[] = "/tmp/ka-core-pattern-XXXXXX";
	int fd = mkstemp(path);
	char *old = NULL, *ours = NULL;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "|/usr/lib/systemd/systemd-coredump %P\n", 38), 38);
	close(fd);

	assert_int_equal(core_pattern_swap(path, "/tmp/core.%p", &old), 0);
	assert_string_equal(old, "|/usr/lib/systemd/systemd-coredump %P");
	assert_string_equal(file_text(path), "/tmp/core.%p\n");

	/* what the parent does at exit */
	assert_int_equal(core_pattern_swap(path, old, &ours), 0);
	assert_string_equal(ours, "/tmp/core.%p");
	assert_string_equal(file_text(path),
			    "|/usr/lib/systemd/systemd-coredump %P\n");
	mem_free(&old);
	mem_free(&ours);
	unlink(path);
}

static void test_swap_missing_file(void **state)
{
	char *old = (char *)"untouched";

	(void)state;
	assert_int_equal(core_pattern_swap("/nonexistent/core_pattern", "x",
					   &old), -ENOENT);
	assert_null(old);
}

static void test_swap_refuses_symlink(void **state)
{
	char dir[] = "/tmp/ka-core-dir-XXXXXX";
	char target[64], link[64];
	char *old = NULL;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/victim", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	f = fopen(target, "w");
	assert_non_null(f);
	fputs("keep\n", f);
	fclose(f);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(core_pattern_swap(link, "x", &old), -ELOOP);
	assert_string_equal(file_text(target), "keep\n");
	unlink(link);
	unlink(target);
	rmdir(dir);
}

static void test_enable(void **state)
{
	struct rlimit rl;

	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(core_dump_enable(), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	assert_true(rl.rlim_cur == RLIM_INFINITY);
	assert_true(rl.rlim_max == RLIM_INFINITY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swap_and_back),
		cmocka_unit_test(test_swap_missing_file),
		cmocka_unit_test(test_swap_refuses_symlink),
		cmocka_unit_test(test_enable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
