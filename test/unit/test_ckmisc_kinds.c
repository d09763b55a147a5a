/*
 * test_ckmisc_kinds.c: MISC_CHECK, FILE_CHECK, UDP_CHECK and PING_CHECK
 * attempts on a real event loop, with real scripts, files and sockets on
 * 127.0.0.1 and ::1. The framework is replaced by a recorder of
 * ck_checker_done() and ck_checker_set_weight_delta().
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "check_checker.h"
#include "memory.h"

/* ---- the stand-in framework ---------------------------------------------- */

struct record {
	int calls;
	bool ok;
	char why[256];
	bool has_delta;
	long delta;
};

static struct record rec;
static struct ck_track_file *test_track_file;

void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
{
	va_list ap;

	(void)ck;
	rec.calls++;
	rec.ok = ok;
	va_start(ap, why_fmt);
	vsnprintf(rec.why, sizeof(rec.why), why_fmt, ap);
	va_end(ap);
}

void ck_checker_set_weight_delta(struct checker *ck, long delta)
{
	(void)ck;
	rec.has_delta = true;
	rec.delta = delta;
}

struct ck_track_file *check_conf_find_track_file(const struct check_conf *c,
						 const char *name)
{
	(void)c;
	if (test_track_file && name && !strcmp(name, test_track_file->name))
		return test_track_file;
	return NULL;
}

/* ---- fixture ----------------------------------------------------------- */

struct fx {
	struct event_loop *loop;
	struct ck_env env;
	struct ck_checker_conf conf;
	struct checker ck;
	char dir[64];
	struct event *guard;
	bool expired;
};

static int setup(void **state)
{
	struct fx *fx = mem_new(struct fx);

	fx->loop = event_loop_new(NULL);
	assert_non_null(fx->loop);
	fx->env.loop = fx->loop;
	fx->conf.common.connect_timeout_us = 2 * 1000 * 1000;
	fx->conf.common.delay_loop_us = 10 * 1000 * 1000;
	fx->conf.u.misc.timeout_us = -1;
	fx->ck.conf = &fx->conf;
	fx->ck.env = &fx->env;
	assert_int_equal(addr_parse("127.0.0.1", &fx->ck.addr), 0);
	strcpy(fx->dir, "/tmp/test_ckmisc_kinds_XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	memset(&rec, 0, sizeof(rec));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	event_cancel(&fx->guard);
	event_loop_free(&fx->loop);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	assert_int_equal(system(cmd), 0);
	mem_free(&fx);
	test_track_file = NULL;
	return 0;
}

static void guard_cb(struct event_loop *loop, const struct event_info *info)
{
	struct fx *fx = info->arg;

	(void)loop;
	fx->expired = true;
}

/* Runs the loop until the attempt reports, or fails the test after
 * "limit_s" seconds. */
static void run_until_done(struct fx *fx, int limit_s)
{
	assert_int_equal(event_add_timer(fx->loop, &fx->guard,
					 (uint64_t)limit_s * 1000000, guard_cb,
					 fx), 0);
	while (rec.calls == 0 && !fx->expired)
		assert_true(event_loop_run_once(fx->loop, true) >= 0);
	event_cancel(&fx->guard);
	assert_int_equal(rec.calls, 1);
	assert_null(fx->ck.priv);
}

/* Whether "pid" still runs: not gone, and not a zombie (a grandchild's
 * zombie is for init to reap, not us). */
static bool alive(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;
	bool r;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	r = fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) &&
	    p[1] == ' ' && p[2] != 'Z';
	fclose(f);
	return r;
}

/* Runs the loop until process "pid" has ended, at most 10 s; "ours":
 * it must also have been reaped by the loop. */
static void run_until_gone(struct fx *fx, pid_t pid, bool ours)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (ours ? kill(pid, 0) < 0 : !alive(pid))
			break;
		event_loop_run_once(fx->loop, false);
		usleep(20000);
	}
	assert_false(alive(pid));
	if (ours) {
		assert_int_equal(kill(pid, 0), -1);
		assert_int_equal(errno, ESRCH);
	}
}

static char *script(struct fx *fx, const char *name, const char *body)
{
	char *path = mem_asprintf("%s/%s", fx->dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
	return path;
}

static pid_t read_pid(struct fx *fx, const char *name)
{
	char *path = mem_asprintf("%s/%s", fx->dir, name);
	FILE *f = fopen(path, "r");
	int pid = -1;

	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &pid), 1);
	fclose(f);
	mem_free(&path);
	return pid;
}

/* ---- MISC_CHECK ------------------------------------------------------- */

static void misc_run(struct fx *fx, const char *body, bool dynamic)
{
	char *path = script(fx, "s.sh", body);

	fx->conf.type = CK_MISC;
	fx->conf.u.misc.script.cmd = path;
	fx->conf.u.misc.dynamic = dynamic;
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(ck_misc_ops.start(&fx->ck), 0);
	assert_int_equal(rec.calls, 0);
	run_until_done(fx, 20);
	mem_free(&path);
}

static void test_misc_exit(void **state)
{
	struct fx *fx = *state;

	misc_run(fx, "exit 0", false);
	assert_true(rec.ok);
	assert_false(rec.has_delta);
	misc_run(fx, "exit 1", false);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "exited with status 1");
	misc_run(fx, "exit 12", false);
	assert_false(rec.ok);
	misc_run(fx, "kill -9 $$", false);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "killed by signal 9");
}

static void test_misc_dynamic(void **state)
{
	struct fx *fx = *state;

	fx->ck.rs_weight = 3;
	misc_run(fx, "exit 12", true);
	assert_true(rec.ok);
	assert_true(rec.has_delta);
	assert_int_equal(fx->ck.rs_weight + rec.delta, 10);
	misc_run(fx, "exit 0", true);
	assert_true(rec.ok);
	assert_false(rec.has_delta);
	misc_run(fx, "exit 1", true);
	assert_false(rec.ok);
}

static void test_misc_args_and_output(void **state)
{
	struct fx *fx = *state;
	char *path = script(fx, "a.sh", "echo noise; echo more >&2; "
			    "[ \"$1\" = 'two words' ] && [ \"$2\" = x ]");
	char *cmd = mem_asprintf("%s 'two words' x", path);

	fx->conf.type = CK_MISC;
	fx->conf.u.misc.script.cmd = cmd;
	assert_int_equal(ck_misc_ops.start(&fx->ck), 0);
	run_until_done(fx, 20);
	assert_true(rec.ok);
	mem_free(&cmd);
	mem_free(&path);
}

/* The script runs as the user (and group) it names, else script_user. */
static void test_misc_user(void **state)
{
	struct fx *fx = *state;
	struct global_data gd = { 0 };
	struct passwd *pw = getpwnam("nobody");
	struct group *gr = getgrnam("daemon");
	char *body, *ids;
	unsigned u1, g1, u2, g2, u3, g3;
	FILE *f;

	/* skip() returns through a long jump: nothing allocated before it. */
	if (geteuid() != 0 || !pw || !gr)
		skip();
	body = mem_asprintf("echo $(id -u) $(id -g) >> %s/ids", fx->dir);
	ids = mem_asprintf("%s/ids", fx->dir);
	assert_int_equal(chmod(fx->dir, 0755), 0);
	f = fopen(ids, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(chmod(ids, 0666), 0);
	fx->env.gd = &gd;
	fx->conf.u.misc.script.user = (char *)"nobody";
	misc_run(fx, body, false);
	assert_true(rec.ok);
	fx->conf.u.misc.script.group = (char *)"daemon";
	misc_run(fx, body, false);
	assert_true(rec.ok);
	fx->conf.u.misc.script.user = NULL;
	fx->conf.u.misc.script.group = NULL;
	gd.script_user = (char *)"nobody";
	misc_run(fx, body, false);
	assert_true(rec.ok);
	f = fopen(ids, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%u %u %u %u %u %u", &u1, &g1, &u2, &g2,
				&u3, &g3), 6);
	fclose(f);
	assert_int_equal(u1, pw->pw_uid);
	assert_int_equal(g1, pw->pw_gid);
	assert_int_equal(u2, pw->pw_uid);
	assert_int_equal(g2, gr->gr_gid);
	assert_int_equal(u3, pw->pw_uid);
	assert_int_equal(g3, pw->pw_gid);
	mem_free(&ids);
	mem_free(&body);
}

static void test_misc_missing(void **state)
{
	struct fx *fx = *state;
	char *path = mem_asprintf("%s/nowhere.sh", fx->dir);

	fx->conf.type = CK_MISC;
	fx->conf.u.misc.script.cmd = path;
	assert_int_equal(ck_misc_ops.start(&fx->ck), -ENOENT);
	assert_null(fx->ck.priv);
	fx->conf.u.misc.script.cmd = (char *)"'unterminated";
	assert_int_equal(ck_misc_ops.start(&fx->ck), -EINVAL);
	fx->conf.u.misc.script.cmd = (char *)"   ";
	assert_int_equal(ck_misc_ops.start(&fx->ck), -EINVAL);
	fx->conf.u.misc.script.cmd = (char *)"/bin/true";
	fx->conf.u.misc.script.user = (char *)"no-such-user-ckmisc";
	assert_int_equal(ck_misc_ops.start(&fx->ck), -ENOENT);
	fx->conf.u.misc.script.user = NULL;
	assert_int_equal(rec.calls, 0);
	mem_free(&path);
}

static void test_misc_timeout(void **state)
{
	struct fx *fx = *state;
	char *body = mem_asprintf("echo $$ > %s/pid; exec sleep 30", fx->dir);

	fx->conf.u.misc.timeout_us = 300 * 1000;
	misc_run(fx, body, false);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "timed out");
	run_until_gone(fx, read_pid(fx, "pid"), true);
	mem_free(&body);
}

static void test_misc_timeout_sigkill(void **state)
{
	struct fx *fx = *state;
	char *body = mem_asprintf("trap '' TERM; echo $$ > %s/pid; "
				  "sleep 30 & echo $! > %s/bg; wait; wait",
				  fx->dir, fx->dir);

	fx->conf.u.misc.timeout_us = 300 * 1000;
	misc_run(fx, body, false);
	assert_false(rec.ok);
	assert_string_equal(rec.why,
			    "timed out, and killed after ignoring SIGTERM");
	/* The whole group went, the background child too. */
	run_until_gone(fx, read_pid(fx, "pid"), true);
	run_until_gone(fx, read_pid(fx, "bg"), false);
	mem_free(&body);
}

static void test_misc_abort(void **state)
{
	struct fx *fx = *state;
	char *body = mem_asprintf("echo $$ > %s/pid; exec sleep 30", fx->dir);
	char *path = script(fx, "s.sh", body);
	char *pidfile = mem_asprintf("%s/pid", fx->dir);
	int i;

	fx->conf.type = CK_MISC;
	fx->conf.u.misc.script.cmd = path;
	assert_int_equal(ck_misc_ops.start(&fx->ck), 0);
	for (i = 0; i < 500 && access(pidfile, F_OK) < 0; i++)
		usleep(10000);
	usleep(50000);
	ck_misc_ops.abort(&fx->ck);
	assert_null(fx->ck.priv);
	run_until_gone(fx, read_pid(fx, "pid"), true);
	assert_int_equal(rec.calls, 0);
	mem_free(&pidfile);
	mem_free(&path);
	mem_free(&body);
}

/* ---- FILE_CHECK --------------------------------------------------------- */

static void file_run(struct fx *fx, const char *content)
{
	char *path = mem_asprintf("%s/val", fx->dir);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	mem_free(&path);
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(ck_file_ops.start(&fx->ck), 0);
	assert_int_equal(rec.calls, 0);
	run_until_done(fx, 5);
}

static void test_file(void **state)
{
	struct fx *fx = *state;
	struct ck_track_file tf = { .name = (char *)"tf", .weight = 1 };

	tf.path = mem_asprintf("%s/val", fx->dir);
	test_track_file = &tf;
	fx->conf.type = CK_FILE;
	fx->conf.u.file.track_file = (char *)"tf";
	fx->conf.u.file.weight = 0;
	file_run(fx, "0\n");
	assert_true(rec.ok);
	assert_false(rec.has_delta);
	file_run(fx, "5\n");
	assert_false(rec.ok);
	file_run(fx, "9999999999\n");
	assert_false(rec.ok);
	fx->conf.u.file.weight = 2;
	file_run(fx, "5\n");
	assert_true(rec.ok);
	assert_true(rec.has_delta);
	assert_int_equal(rec.delta, 10);
	fx->conf.u.file.reverse = true;
	file_run(fx, "5\n");
	assert_int_equal(rec.delta, -10);
	file_run(fx, "1073741824\n");
	assert_false(rec.ok);
	fx->conf.u.file.reverse = false;
	file_run(fx, "-1073741824\n");
	assert_false(rec.ok);
	/* An unknown track_file fails every attempt. */
	fx->conf.u.file.track_file = (char *)"other";
	file_run(fx, "0\n");
	assert_false(rec.ok);
	mem_free(&tf.path);
}

static void test_file_abort(void **state)
{
	struct fx *fx = *state;

	fx->conf.type = CK_FILE;
	fx->conf.u.file.track_file = (char *)"tf";
	assert_int_equal(ck_file_ops.start(&fx->ck), 0);
	ck_file_ops.abort(&fx->ck);
	assert_null(fx->ck.priv);
	assert_int_equal(event_loop_run_once(fx->loop, false), 0);
	assert_int_equal(rec.calls, 0);
}

/* ---- UDP_CHECK -------------------------------------------------------- */

struct udp_server {
	int fd;
	struct event *ev;
	const char *reply;	/* NULL: echo what came */
	bool silent;
};

static void udp_server_cb(struct event_loop *loop,
			  const struct event_info *info)
{
	struct udp_server *s = info->arg;
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	char buf[2048];
	ssize_t n;

	n = recvfrom(s->fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &flen);
	if (n >= 0 && !s->silent) {
		if (s->reply)
			sendto(s->fd, s->reply, strlen(s->reply), 0,
			       (struct sockaddr *)&from, flen);
		else
			sendto(s->fd, buf, (size_t)n, 0,
			       (struct sockaddr *)&from, flen);
	}
	event_add_read(loop, &s->ev, s->fd, 0, udp_server_cb, s);
}

static uint16_t udp_server_open(struct fx *fx, struct udp_server *s)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&sin, &len), 0);
	assert_int_equal(event_add_read(fx->loop, &s->ev, s->fd, 0,
					udp_server_cb, s), 0);
	return ntohs(sin.sin_port);
}

static void udp_server_close(struct udp_server *s)
{
	event_cancel(&s->ev);
	close(s->fd);
	s->fd = -1;
}

static void udp_run(struct fx *fx)
{
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(ck_udp_ops.start(&fx->ck), 0);
	assert_int_equal(rec.calls, 0);
	run_until_done(fx, 10);
}

static void test_udp_reply(void **state)
{
	struct fx *fx = *state;
	struct udp_server s = { .reply = "PONG-7" };
	uint8_t pat[] = { 'P', 'O', 'N', 'G', 0 };
	uint8_t mask[] = { 0xff, 0xff, 0xff, 0xff, 0x00 };

	fx->conf.type = CK_UDP;
	fx->ck.port = udp_server_open(fx, &s);
	fx->conf.u.udp.payload = (uint8_t *)"PING";
	fx->conf.u.udp.payload_len = 4;
	fx->conf.u.udp.require_reply = true;
	fx->conf.u.udp.max_reply_length = 255;
	udp_run(fx);
	assert_true(rec.ok);
	fx->conf.u.udp.reply = pat;
	fx->conf.u.udp.reply_mask = mask;
	fx->conf.u.udp.reply_len = sizeof(pat);
	udp_run(fx);
	assert_true(rec.ok);
	s.reply = "PANG-7";
	udp_run(fx);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "reply does not match");
	s.reply = "PONG-7";
	fx->conf.u.udp.max_reply_length = 5;
	udp_run(fx);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "reply too long");
	/* Random payload, echoed, any content. */
	fx->conf.u.udp.max_reply_length = 255;
	fx->conf.u.udp.reply = NULL;
	fx->conf.u.udp.payload = NULL;
	s.reply = NULL;
	udp_run(fx);
	assert_true(rec.ok);
	udp_server_close(&s);
}

static void test_udp_silence(void **state)
{
	struct fx *fx = *state;
	struct udp_server s = { .silent = true };

	fx->conf.type = CK_UDP;
	fx->conf.common.connect_timeout_us = 300 * 1000;
	fx->conf.u.udp.max_reply_length = 255;
	fx->ck.port = udp_server_open(fx, &s);
	/* Nobody answers, nobody complains. */
	udp_run(fx);
	assert_true(rec.ok);
	fx->conf.u.udp.require_reply = true;
	udp_run(fx);
	assert_false(rec.ok);
	assert_string_equal(rec.why, "timeout");
	udp_server_close(&s);
}

static void test_udp_refused(void **state)
{
	struct fx *fx = *state;
	struct udp_server s = { .silent = true };

	fx->conf.type = CK_UDP;
	fx->conf.u.udp.max_reply_length = 255;
	/* A port that was free a moment ago: the kernel answers with ICMP
	 * port unreachable. */
	fx->ck.port = udp_server_open(fx, &s);
	udp_server_close(&s);
	udp_run(fx);
	assert_false(rec.ok);
	assert_string_equal(rec.why, strerror(ECONNREFUSED));
	fx->conf.u.udp.require_reply = true;
	udp_run(fx);
	assert_false(rec.ok);
	assert_string_equal(rec.why, strerror(ECONNREFUSED));
}

static void test_udp_abort(void **state)
{
	struct fx *fx = *state;
	struct udp_server s = { .silent = true };

	fx->conf.type = CK_UDP;
	fx->ck.port = udp_server_open(fx, &s);
	assert_int_equal(ck_udp_ops.start(&fx->ck), 0);
	event_loop_run_once(fx->loop, false);
	ck_udp_ops.abort(&fx->ck);
	assert_null(fx->ck.priv);
	udp_server_close(&s);
	assert_int_equal(rec.calls, 0);
}

/* ---- PING_CHECK ---------------------------------------------------------- */

static void ping_run(struct fx *fx, const char *addr)
{
	int r;

	assert_int_equal(addr_parse(addr, &fx->ck.addr), 0);
	fx->conf.type = CK_PING;
	memset(&rec, 0, sizeof(rec));
	r = ck_ping_ops.start(&fx->ck);
	if (r == -EPERM || r == -EACCES) {
		print_message("no ping or raw socket here (%s)\n",
			      strerror(-r));
		skip();
	}
	assert_int_equal(r, 0);
	run_until_done(fx, 10);
}

static void test_ping(void **state)
{
	struct fx *fx = *state;

	ping_run(fx, "127.0.0.1");
	assert_true(rec.ok);
	ping_run(fx, "127.3.4.5");
	assert_true(rec.ok);
	ping_run(fx, "::1");
	assert_true(rec.ok);
}

static void test_ping_abort(void **state)
{
	struct fx *fx = *state;
	int r;

	assert_int_equal(addr_parse("127.0.0.1", &fx->ck.addr), 0);
	fx->conf.type = CK_PING;
	r = ck_ping_ops.start(&fx->ck);
	if (r == -EPERM || r == -EACCES)
		skip();
	assert_int_equal(r, 0);
	ck_ping_ops.abort(&fx->ck);
	assert_null(fx->ck.priv);
	assert_int_equal(rec.calls, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_misc_exit),
		T(test_misc_dynamic),
		T(test_misc_args_and_output),
		T(test_misc_user),
		T(test_misc_missing),
		T(test_misc_timeout),
		T(test_misc_timeout_sigkill),
		T(test_misc_abort),
		T(test_file),
		T(test_file_abort),
		T(test_udp_reply),
		T(test_udp_silence),
		T(test_udp_refused),
		T(test_udp_abort),
		T(test_ping),
		T(test_ping_abort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
