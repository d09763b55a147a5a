/*
 * test_spawn.c: argv splitting, and what a spawned child gets: its own
 * process group, exit 127 when exec fails, the environment, the output
 * descriptors, no other descriptors, no blocked signals. Children are
 * waited for with a 5 s bound and killed by pid if they outlive a test.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "memory.h"
#include "spawn.h"

/* ---- spawn_argv_split ------------------------------------------------- */

static void expect_split(const char *line, const char *const *words)
{
	char **argv = NULL;
	size_t i;

	assert_int_equal(spawn_argv_split(line, &argv), 0);
	assert_non_null(argv);
	for (i = 0; words[i]; i++) {
		assert_non_null(argv[i]);
		assert_string_equal(argv[i], words[i]);
	}
	assert_null(argv[i]);
	spawn_argv_free(&argv);
	assert_null(argv);
}

static void test_split_words(void **state)
{
	(void)state;
	expect_split("/bin/echo a  b\tc ", (const char *[]){ "/bin/echo", "a",
			     "b", "c", NULL });
	expect_split("", (const char *[]){ NULL });
	expect_split("   \t ", (const char *[]){ NULL });
	expect_split("one", (const char *[]){ "one", NULL });
}

static void test_split_quotes(void **state)
{
	(void)state;
	expect_split("s 'a b' \"c  d\"", (const char *[]){ "s", "a b", "c  d",
			     NULL });
	/* Quotes glue to what is next to them. */
	expect_split("x'y z'w \"1\"2", (const char *[]){ "xy zw", "12", NULL });
	/* One kind of quote inside the other is literal. */
	expect_split("\"it's\" 'say \"hi\"'", (const char *[]){ "it's",
			     "say \"hi\"", NULL });
	/* A quoted empty string is an empty word. */
	expect_split("a '' \"\" b", (const char *[]){ "a", "", "", "b", NULL });
}

static void test_split_escapes(void **state)
{
	(void)state;
	expect_split("a\\ b c", (const char *[]){ "a b", "c", NULL });
	expect_split("\\\"x\\' \\\\", (const char *[]){ "\"x'", "\\", NULL });
	expect_split("\"a\\\"b\" 'c\\'d'", (const char *[]){ "a\"b", "c'd",
			     NULL });
}

static void test_split_errors(void **state)
{
	char **argv = (char **)&argv;	/* must stay untouched */
	char **const sentinel = argv;

	(void)state;
	assert_int_equal(spawn_argv_split("a 'b c", &argv), -EINVAL);
	assert_int_equal(spawn_argv_split("\"abc", &argv), -EINVAL);
	assert_int_equal(spawn_argv_split("abc'", &argv), -EINVAL);
	assert_int_equal(spawn_argv_split("abc\\", &argv), -EINVAL);
	assert_int_equal(spawn_argv_split(NULL, &argv), -EINVAL);
	assert_ptr_equal(argv, sentinel);
	argv = NULL;
	spawn_argv_free(&argv);
	spawn_argv_free(NULL);
}

/* ---- spawn_process ---------------------------------------------------- */

/* Waits for pid for up to 5 s; kills it if it is still there. */
static int wait_status(pid_t pid)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status = -1, i;

	for (i = 0; i < 500; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	fail_msg("child %d did not exit within 5 s", (int)pid);
	return -1;
}

static int run_cmd(const char *cmdline, char *const *env_add, int out_fd)
{
	struct spawn_opts opts;
	char **argv = NULL;
	pid_t pid = -1;

	assert_int_equal(spawn_argv_split(cmdline, &argv), 0);
	spawn_opts_init(&opts, argv);
	opts.env_add = env_add;
	opts.stdout_fd = out_fd;
	assert_int_equal(spawn_process(&opts, &pid), 0);
	spawn_argv_free(&argv);
	assert_true(pid > 0);
	return wait_status(pid);
}

static int exit_code(int status)
{
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_new_process_group(void **state)
{
	char *const argv[] = { "sleep", "10", NULL };
	struct spawn_opts opts;
	pid_t pid = -1;
	int status;

	(void)state;
	spawn_opts_init(&opts, argv);
	assert_int_equal(spawn_process(&opts, &pid), 0);
	assert_true(pid > 0);
	assert_int_equal(getpgid(pid), pid);
	assert_int_not_equal(getpgid(0), pid);
	/* The whole group goes with one kill. */
	assert_int_equal(kill(-pid, SIGKILL), 0);
	status = wait_status(pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
}

static void test_exec_failure_127(void **state)
{
	(void)state;
	assert_int_equal(exit_code(run_cmd("/nonexistent/script arg", NULL, -1)),
			 SPAWN_EXIT_FAILED);
	assert_int_equal(exit_code(run_cmd("no-such-program-in-path", NULL, -1)),
			 127);
	assert_int_equal(exit_code(run_cmd("/bin/sh -c 'exit 5'", NULL, -1)), 5);
}

static void test_bad_opts(void **state)
{
	char *const empty[] = { NULL };
	struct spawn_opts opts;
	pid_t pid = 12345;

	(void)state;
	spawn_opts_init(&opts, empty);
	assert_int_equal(spawn_process(&opts, &pid), -EINVAL);
	assert_int_equal(spawn_process(NULL, &pid), -EINVAL);
	assert_int_equal(pid, 12345);
}

static void test_env_add(void **state)
{
	char *const env[] = { "KA_SPAWN_TEST=bar", "HOME=/nowhere", NULL };
	const char *check = "/bin/sh -c 'test \"$KA_SPAWN_TEST\" = bar && "
			    "test \"$HOME\" = /nowhere && test -n \"$PATH\"'";

	(void)state;
	assert_int_equal(setenv("HOME", "/root", 1), 0);
	assert_int_equal(exit_code(run_cmd(check, env, -1)), 0);
	/* Without the additions the same check fails: it can tell. */
	assert_int_equal(exit_code(run_cmd(check, NULL, -1)), 1);
}

/* Reads what the child wrote, waiting at most 5 s. */
static void read_all(int fd, char *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n = 1;

	while (n > 0 && len + 1 < size) {
		assert_int_equal(poll(&pfd, 1, 5000), 1);
		n = read(fd, buf + len, size - 1 - len);
		if (n > 0)
			len += (size_t)n;
	}
	buf[len] = '\0';
}

static void test_stdout_fd_and_closed_fds(void **state)
{
	int out[2], leak, status;
	char cmd[160], buf[128];

	(void)state;
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	/* Not close-on-exec: only spawn_process() can keep it out. */
	leak = open("/dev/null", O_RDONLY);
	assert_true(leak > 2);
	snprintf(cmd, sizeof(cmd),
		 "/bin/sh -c 'echo hello; echo $(ls /proc/self/fd); "
		 "test ! -e /proc/self/fd/%d || echo leaked'", leak);
	status = run_cmd(cmd, NULL, out[1]);
	close(out[1]);
	read_all(out[0], buf, sizeof(buf));
	close(out[0]);
	close(leak);
	assert_int_equal(exit_code(status), 0);
	assert_non_null(strstr(buf, "hello\n"));
	assert_null(strstr(buf, "leaked"));
	/* ls sees 0, 1, 2 and its own directory descriptor: nothing else. */
	assert_string_equal(buf, "hello\n0 1 2 3\n");
}

static void test_signals_reset(void **state)
{
	/*
	 * grep's own status: no blocked signal, and no ignored signal among
	 * 1..31 (the last 31 bits). 32 and 33 belong to libc, which will not
	 * let sigaction() touch them; make ignores them, for one.
	 */
	const char *check = "/bin/sh -c 'grep -q \"^SigBlk:[[:space:]]*0*$\" "
			    "/proc/self/status && "
			    "grep -Eq \"^SigIgn:[[:space:]]*[0-9a-f]*[08]0{7}$\" "
			    "/proc/self/status'";
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigset_t one;

	(void)state;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR2);
	assert_int_equal(sigprocmask(SIG_BLOCK, &one, NULL), 0);
	assert_int_equal(sigaction(SIGPIPE, &ign, &old), 0);
	assert_int_equal(exit_code(run_cmd(check, NULL, -1)), 0);
	assert_int_equal(sigaction(SIGPIPE, &old, NULL), 0);
	assert_int_equal(sigprocmask(SIG_UNBLOCK, &one, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_escapes),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_new_process_group),
		cmocka_unit_test(test_exec_failure_127),
		cmocka_unit_test(test_bad_opts),
		cmocka_unit_test(test_env_add),
		cmocka_unit_test(test_stdout_fd_and_closed_fds),
		cmocka_unit_test(test_signals_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
