/*
 * test_dump_file.c: dump file names, and safe writing in a scratch
 * directory: a planted symlink or file is replaced, never written
 * through; a directory others may write to without the sticky bit is
 * refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "dump_file.h"
#include "memory.h"

static void test_names(void **state)
{
	const struct { const char *base, *tag, *want; } cases[] = {
		{ "/tmp/keepalived.data", "_check", "/tmp/keepalived_check.data" },
		{ "/tmp/keepalived.data", "", "/tmp/keepalived.data" },
		{ "/tmp/keepalived.json", "_parent",
		  "/tmp/keepalived_parent.json" },
		{ "/tmp/dump", "_check", "/tmp/dump_check" },
		{ "/tmp/.hidden", "_check", "/tmp/.hidden_check" },
		{ "/a.b/dump", "_x", "/a.b/dump_x" },
		{ "/a/d.tar.gz", "_x", "/a/d.tar_x.gz" },
		{ "rel.data", "_x", "rel_x.data" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *n = dump_file_name(cases[i].base, cases[i].tag);

		assert_string_equal(n, cases[i].want);
		mem_free(&n);
	}
}

static char *scratch(void)
{
	char *dir = mem_strdup("/tmp/ka-test-dump.XXXXXX");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static char *slurp(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	assert_true(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

static void write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static size_t entries(const char *dir)
{
	char *cmd = mem_asprintf("ls -A %s | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned n = 0;

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%u", &n), 1);
	pclose(p);
	mem_free(&cmd);
	return n;
}

static void cleanup(char *dir)
{
	char *cmd = mem_asprintf("rm -rf %s", dir);

	assert_int_equal(system(cmd), 0);
	mem_free(&cmd);
	mem_free(&dir);
}

static void test_write_and_replace(void **state)
{
	char *dir = scratch();
	char *path = mem_asprintf("%s/d.data", dir);
	struct stat st;

	(void)state;
	assert_int_equal(dump_file_write(path, "one\n", 4), 0);
	assert_string_equal(slurp(path), "one\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(dump_file_write(path, "two", 3), 0);
	assert_string_equal(slurp(path), "two");
	/* no temporary file left behind */
	assert_int_equal(entries(dir), 1);
	mem_free(&path);
	cleanup(dir);
}

static void test_symlink_not_followed(void **state)
{
	char *dir = scratch();
	char *path = mem_asprintf("%s/d.data", dir);
	char *victim = mem_asprintf("%s/victim", dir);
	struct stat st;

	(void)state;
	write_text(victim, "precious\n");
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(dump_file_write(path, "dump\n", 5), 0);
	assert_string_equal(slurp(victim), "precious\n");
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(slurp(path), "dump\n");
	/* a dangling link is replaced as well, nothing created at its end */
	unlink(path);
	mem_free(&victim);
	victim = mem_asprintf("%s/nothere", dir);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(dump_file_write(path, "x", 1), 0);
	assert_int_equal(access(victim, F_OK), -1);
	mem_free(&victim);
	mem_free(&path);
	cleanup(dir);
}

static void test_planted_file_replaced(void **state)
{
	char *dir = scratch();
	char *path = mem_asprintf("%s/d.data", dir);
	struct stat before, after;
	int fd;

	(void)state;
	write_text(path, "planted");
	assert_int_equal(chmod(path, 0666), 0);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &before), 0);
	assert_int_equal(dump_file_write(path, "ours", 4), 0);
	/* the planter's open file still holds the old content */
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	assert_int_equal(after.st_mode & 07777, 0600);
	close(fd);
	mem_free(&path);
	cleanup(dir);
}

static void test_unsafe_dir_refused(void **state)
{
	char *dir = scratch();
	char *path = mem_asprintf("%s/d.data", dir);

	(void)state;
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(dump_file_write(path, "x", 1), -EPERM);
	assert_int_equal(access(path, F_OK), -1);
	/* sticky, like /tmp: allowed */
	assert_int_equal(chmod(dir, 01777), 0);
	assert_int_equal(dump_file_write(path, "x", 1), 0);
	mem_free(&path);
	path = mem_asprintf("%s/missing/d.data", dir);
	assert_int_equal(dump_file_write(path, "x", 1), -ENOENT);
	mem_free(&path);
	cleanup(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_write_and_replace),
		cmocka_unit_test(test_symlink_not_followed),
		cmocka_unit_test(test_planted_file_replaced),
		cmocka_unit_test(test_unsafe_dir_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
