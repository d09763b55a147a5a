/* Unit tests of lib/log.c, through its console output. */
#include <errno.h>
#include <poll.h>
#include <regex.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "log.h"
#include "memory.h"

struct capture {
	FILE *f;
	char *buf;
	size_t len;
	unsigned flags;
};

/* Logging goes to a fresh memory stream, with these flags. */
static void capture_start(struct capture *c, unsigned flags)
{
	struct log_opts opts = {
		.ident = "test_log",
		.facility = LOG_DAEMON,
		.flags = flags,
	};

	c->buf = NULL;
	c->len = 0;
	c->flags = flags;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	opts.console = c->f;
	log_open(&opts);
}

static void capture_stop(struct capture *c)
{
	log_close();
	fclose(c->f);
	free(c->buf);
	c->f = NULL;
	c->buf = NULL;
}

static void capture_restart(struct capture *c, unsigned flags)
{
	capture_stop(c);
	capture_start(c, flags);
}

static int setup(void **state)
{
	struct capture *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	capture_start(c, LOG_FLAG_CONSOLE);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct capture *c = *state;

	capture_stop(c);
	free(c);
	return 0;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The text after the timestamp of line "i" (0-based), without "\n". */
static char *message_of_line(const char *text, int i, char *out, size_t size)
{
	const char *line = text, *end, *msg;

	while (i-- > 0) {
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	end = strchr(line, '\n');
	assert_non_null(end);
	msg = strstr(line, ": ");
	assert_true(msg && msg < end);
	msg += 2;
	assert_true((size_t)(end - msg) < size);
	memcpy(out, msg, (size_t)(end - msg));
	out[end - msg] = '\0';
	return out;
}

static void stamp_at(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%a %b %e %H:%M:%S %Y", &tm);
}

static void test_console_line(void **state)
{
	struct capture *c = *state;
	char before[64], after[64], stamp[64];
	regex_t re;
	time_t t0, t1;
	size_t n;

	t0 = time(NULL);
	log_info("hello %d %s", 42, "world");
	t1 = time(NULL);
	assert_int_equal(count_lines(c->buf), 1);

	/* "Sun Nov 22 04:17:13 2026: hello 42 world\n" */
	assert_int_equal(regcomp(&re,
		"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
		"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
		"[ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}: "
		"hello 42 world\n$", REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&re, c->buf, 0, NULL, 0))
		fail_msg("bad console line: \"%s\"", c->buf);
	regfree(&re);

	/* and the stamp is the time of the call */
	n = (size_t)(strstr(c->buf, ": ") - c->buf);
	assert_true(n < sizeof(stamp));
	memcpy(stamp, c->buf, n);
	stamp[n] = '\0';
	stamp_at(t0, before, sizeof(before));
	stamp_at(t1, after, sizeof(after));
	if (strcmp(stamp, before) && strcmp(stamp, after))
		fail_msg("stamp \"%s\" is not \"%s\"", stamp, before);
}

static void test_levels(void **state)
{
	struct capture *c = *state;
	char msg[128];

	log_warnx("w %s", "x");
	log_info("i");
	log_detail("detail hidden");
	log_debug("debug hidden");
	assert_int_equal(count_lines(c->buf), 2);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)), "w x");
	assert_string_equal(message_of_line(c->buf, 1, msg, sizeof(msg)), "i");
	assert_int_equal(log_get_flags(), LOG_FLAG_CONSOLE);
}

static void test_detail_flag(void **state)
{
	struct capture *c = *state;
	char msg[128];

	capture_restart(c, LOG_FLAG_CONSOLE | LOG_FLAG_DETAIL);
	assert_int_equal(log_get_flags(), LOG_FLAG_CONSOLE | LOG_FLAG_DETAIL);
	log_detail("detail %u", 7u);
	log_debug("debug hidden");
	assert_int_equal(count_lines(c->buf), 1);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "detail 7");
}

static void test_debug_flag(void **state)
{
	struct capture *c = *state;
	char msg[128];

	capture_restart(c, LOG_FLAG_CONSOLE | LOG_FLAG_DEBUG);
	log_detail("detail hidden");
	log_debug("debug %s", "shown");
	assert_int_equal(count_lines(c->buf), 1);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "debug shown");
}

static void test_no_console(void **state)
{
	struct capture *c = *state;

	/* neither syslog nor console: nothing goes anywhere */
	capture_restart(c, LOG_FLAG_DETAIL | LOG_FLAG_DEBUG);
	log_warnx("a");
	log_info("b");
	log_detail("c");
	log_debug("d");
	assert_int_equal(c->len, 0);
}

static void test_warn_errno(void **state)
{
	struct capture *c = *state;
	char msg[256], want[256];

	errno = ENOENT;
	log_warn("cannot open %s", "/nonexistent");
	assert_int_equal(errno, ENOENT);
	snprintf(want, sizeof(want), "cannot open /nonexistent: %s",
		 strerror(ENOENT));
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)), want);

	errno = EACCES;
	log_warnx("no errno here");
	assert_int_equal(errno, EACCES);
	log_info("still %d", 1);
	assert_int_equal(errno, EACCES);
	assert_string_equal(message_of_line(c->buf, 1, msg, sizeof(msg)),
			    "no errno here");
	assert_int_equal(count_lines(c->buf), 3);
}

/* A console that fails every write (ENOSPC) must not leak into errno. */
static void test_errno_kept_on_write_error(void **state)
{
	struct log_opts opts = { .ident = "t", .flags = LOG_FLAG_CONSOLE };
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (!full)
		skip();
	opts.console = full;
	log_open(&opts);
	errno = EACCES;
	log_info("lost");
	assert_int_equal(errno, EACCES);
	log_warn("lost too");
	assert_int_equal(errno, EACCES);
	log_close();
	fclose(full);
}

static void test_long_line(void **state)
{
	struct capture *c = *state;
	static char big[5000];
	char *msg = malloc(sizeof(big) + 100);
	size_t n;

	assert_non_null(msg);
	memset(big, 'x', sizeof(big) - 1);
	log_info("%s", big);
	assert_int_equal(count_lines(c->buf), 1);
	message_of_line(c->buf, 0, msg, sizeof(big) + 100);
	n = strlen(msg);
	assert_true(n >= 200 && n < sizeof(big) - 1);
	assert_string_equal(msg + n - 3, "...");
	assert_true(strspn(msg, "x") == n - 3);

	capture_restart(c, c->flags);
	errno = EPERM;
	log_warn("%s", big);
	assert_int_equal(count_lines(c->buf), 1);
	message_of_line(c->buf, 0, msg, sizeof(big) + 100);
	n = strlen(msg);
	assert_true(n < sizeof(big) - 1);
	assert_string_equal(msg + n - 3, "...");
	free(msg);
}

static void test_facility_parse(void **state)
{
	static const struct {
		const char *s;
		int facility;
	} good[] = {
		{ "0", LOG_LOCAL0 }, { "1", LOG_LOCAL1 }, { "2", LOG_LOCAL2 },
		{ "3", LOG_LOCAL3 }, { "4", LOG_LOCAL4 }, { "5", LOG_LOCAL5 },
		{ "6", LOG_LOCAL6 }, { "7", LOG_LOCAL7 },
		{ "local0", LOG_LOCAL0 }, { "local3", LOG_LOCAL3 },
		{ "local7", LOG_LOCAL7 }, { "LOCAL5", LOG_LOCAL5 },
		{ "user", LOG_USER }, { "daemon", LOG_DAEMON },
		{ "Daemon", LOG_DAEMON },
	};
	static const char *const bad[] = {
		"", "8", "9", "-1", "07", "00", "10", " 1", "1 ", "local",
		"local8", "local00", "local-1", "local 1", "kern", "auth",
		"mail", "syslog", "daemons", "use", "0x1", "LOG_DAEMON",
	};
	size_t i;
	int f;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		f = -1;
		if (log_facility_parse(good[i].s, &f) != 0 ||
		    f != good[i].facility)
			fail_msg("log_facility_parse(\"%s\")", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f = -1;
		if (log_facility_parse(bad[i], &f) != -EINVAL || f != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(log_facility_parse(NULL, &f), -EINVAL);
}

static void test_limited(void **state)
{
	struct capture *c = *state;
	struct ratelimit rl = RATELIMIT_INIT(3600ULL * 1000000, 2);
	char msg[128];
	int i;

	for (i = 0; i < 5; i++)
		log_warnx_limited(&rl, "bad packet %d", i);
	assert_int_equal(count_lines(c->buf), 2);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "bad packet 0");
	assert_string_equal(message_of_line(c->buf, 1, msg, sizeof(msg)),
			    "bad packet 1");

	/* Forget the window rather than wait an hour for it to end: the
	 * next call opens a new one, and the count carries over. */
	rl.started = false;
	capture_restart(c, c->flags);
	log_warnx_limited(&rl, "bad packet %d", 5);
	assert_int_equal(count_lines(c->buf), 2);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "3 similar messages suppressed");
	assert_string_equal(message_of_line(c->buf, 1, msg, sizeof(msg)),
			    "bad packet 5");

	log_warnx_limited(&rl, "bad packet %d", 6);
	log_warnx_limited(&rl, "bad packet %d", 7);
	rl.started = false;
	capture_restart(c, c->flags);
	log_warnx_limited(&rl, "again");
	assert_int_equal(count_lines(c->buf), 2);
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "1 similar message suppressed");

	/* without a limiter every line goes out */
	capture_restart(c, c->flags);
	for (i = 0; i < 4; i++)
		log_warnx_limited(NULL, "x");
	assert_int_equal(count_lines(c->buf), 4);
}

static void test_syslog_settings(void **state)
{
	struct capture *c = *state;
	struct log_opts opts = {
		.ident = "test_log",
		.facility = LOG_LOCAL7,
		.flags = LOG_FLAG_SYSLOG | LOG_FLAG_CONSOLE,
		.console = c->f,
	};
	char msg[64];

	/* opening syslog does not connect until a line is sent, and this
	 * test sends none to it; it checks the bookkeeping only */
	log_open(&opts);
	log_set_ident("test_log_child");
	assert_int_equal(log_get_flags(), LOG_FLAG_SYSLOG | LOG_FLAG_CONSOLE);
	log_debug("not shown");
	assert_int_equal(c->len, 0);
	log_close();
	assert_int_equal(log_get_flags(), LOG_FLAG_CONSOLE);

	opts.flags = LOG_FLAG_CONSOLE;
	log_open(&opts);
	log_info("after reopen");
	assert_string_equal(message_of_line(c->buf, 0, msg, sizeof(msg)),
			    "after reopen");
}

/* log_fatalx() in a child whose stderr is a pipe: the line and the exit
 * status are what the parent sees. */
static void test_fatalx(void **state)
{
	struct log_opts opts = { .ident = "t", .flags = LOG_FLAG_CONSOLE };
	char out[512] = "";
	size_t got = 0;
	int fds[2], status = 0, i;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		log_open(&opts);
		log_fatalx(3, "boom %d", 7);
	}
	close(fds[1]);
	for (;;) {
		struct pollfd p = { .fd = fds[0], .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 5000) <= 0)
			break;
		n = read(fds[0], out + got, sizeof(out) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fds[0]);
	out[got] = '\0';

	for (i = 0; i < 500 && waitpid(pid, &status, WNOHANG) == 0; i++)
		usleep(10000);
	if (i == 500) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("child did not exit");
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(strstr(out, ": boom 7\n"));
}

/* -g: lines go to the file as well, stamped like the console's; without
 * --flush-log-file they may wait in the stream until log_close(). */
static void test_log_file(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct log_opts lo = { .ident = "t", .flags = 0, .file = f };

	(void)state;
	assert_non_null(f);
	log_open(&lo);
	log_info("to the file %d", 1);
	log_close();
	assert_non_null(strstr(buf, ": to the file 1\n"));
	assert_int_equal(count_lines(buf), 1);

	lo.flags = LOG_FLAG_FILE_FLUSH;
	log_open(&lo);
	log_warnx("flushed");
	/* visible before log_close(): the stream was flushed */
	assert_non_null(strstr(buf, ": flushed\n"));
	log_close();
	fclose(f);
	free(buf);
}

static void test_log_file_name(void **state)
{
	static const char *const cases[][3] = {
		{ "/var/log/ka.log", "vrrp", "/var/log/ka_vrrp.log" },
		{ "/tmp/keepalived", "healthcheckers",
		  "/tmp/keepalived_healthcheckers" },
		{ "/a.b/log", "vrrp", "/a.b/log_vrrp" },
		{ "x.tar.gz", "vrrp", "x.tar_vrrp.gz" },
		{ ".hidden", "vrrp", "_vrrp.hidden" },
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = log_file_name(cases[i][0], cases[i][1]);
		assert_string_equal(got, cases[i][2]);
		mem_free(&got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_console_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_debug_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_console, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warn_errno, setup, teardown),
		cmocka_unit_test(test_errno_kept_on_write_error),
		cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
		cmocka_unit_test(test_facility_parse),
		cmocka_unit_test_setup_teardown(test_limited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syslog_settings, setup,
						teardown),
		cmocka_unit_test(test_fatalx),
		cmocka_unit_test(test_log_file),
		cmocka_unit_test(test_log_file_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
