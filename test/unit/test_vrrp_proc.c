/*
 * Unit tests of vrrp_proc.c: process matching (name, parameters in each
 * param_match mode, full_command), quorum, and the connector messages
 * built in memory as the kernel lays them out (linux/cn_proc.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>

#include "vrrp_proc.h"

/* A cmdline as in /proc: words separated by NULs, "|" standing for NUL
 * here so that the tests read easily. */
static size_t cmdline(char *buf, const char *text)
{
	size_t i, n = strlen(text);

	for (i = 0; i < n; i++)
		buf[i] = text[i] == '|' ? '\0' : text[i];
	return n;
}

static bool matches(const char *name, const char *const *params,
		    size_t nparams, enum vrrp_proc_param_match m, bool full,
		    const char *comm, const char *cmd)
{
	struct vrrp_proc_spec s = {
		.name = (char *)name, .params = (char **)params,
		.nparams = nparams, .match = m, .full_command = full,
	};
	char buf[256];
	size_t len = cmdline(buf, cmd);

	return vrrp_proc_matches(&s, comm, buf, len);
}

static void test_name_only(void **state)
{
	(void)state;
	/* the name against comm, exactly (no pgrep-like substring) */
	assert_true(matches("sleep", NULL, 0, VRRP_PROC_PARAMS_NONE, false,
			    "sleep", "/bin/sleep|10|"));
	assert_false(matches("ssh", NULL, 0, VRRP_PROC_PARAMS_NONE, false,
			     "sshd", "sshd|"));
	assert_false(matches("sleep", NULL, 0, VRRP_PROC_PARAMS_NONE, false,
			     "bash", "sleep|"));
	/* the kernel keeps 15 characters of a name */
	assert_true(matches("a-very-long-process-name", NULL, 0,
			    VRRP_PROC_PARAMS_NONE, false, "a-very-long-pro",
			    "x|"));
	assert_false(matches("a-very-long-process-name", NULL, 0,
			     VRRP_PROC_PARAMS_NONE, false, "a-very-long-prx",
			     "x|"));
	/* full_command: the first word of the command line instead */
	assert_true(matches("/usr/sbin/haproxy", NULL, 0,
			    VRRP_PROC_PARAMS_NONE, true, "haproxy",
			    "/usr/sbin/haproxy|-f|x|"));
	assert_false(matches("haproxy", NULL, 0, VRRP_PROC_PARAMS_NONE, true,
			     "haproxy", "/usr/sbin/haproxy|"));
}

static void test_params(void **state)
{
	static const char *const one[] = { "3000.5" };
	static const char *const two[] = { "-f", "/etc/hap" };

	(void)state;
	assert_true(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			    "sleep", "sleep|3000.5|"));
	assert_false(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			     "sleep", "sleep|3000.51|"));
	assert_false(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			     "sleep", "sleep|3000.5|9|"));
	assert_false(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			     "sleep", "sleep|"));
	/* parameters compare with the command line's first word */
	assert_false(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			     "sleep", "/bin/sleep|3000.5|"));
	/* partial: these first, more allowed */
	assert_true(matches("hap", two, 2, VRRP_PROC_PARAMS_PARTIAL, false,
			    "hap", "hap|-f|/etc/hap|-d|"));
	assert_false(matches("hap", two, 2, VRRP_PROC_PARAMS_PARTIAL, false,
			     "hap", "hap|-f|/etc/hapx|"));
	/* initial: the last one may be longer */
	assert_true(matches("hap", two, 2, VRRP_PROC_PARAMS_INITIAL, false,
			    "hap", "hap|-f|/etc/haproxy.cfg|-d|"));
	assert_false(matches("hap", two, 2, VRRP_PROC_PARAMS_INITIAL, false,
			     "hap", "hap|-x|/etc/haproxy.cfg|"));
	/* param_match without parameters: none allowed */
	assert_true(matches("hap", NULL, 0, VRRP_PROC_PARAMS_EXACT, false,
			    "hap", "hap|"));
	assert_false(matches("hap", NULL, 0, VRRP_PROC_PARAMS_EXACT, false,
			     "hap", "hap|-d|"));
	/* a command line without its final NUL (truncated) still parses */
	assert_true(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			    "sleep", "sleep|3000.5"));
	/* a kernel thread has no command line */
	assert_false(matches("sleep", one, 1, VRRP_PROC_PARAMS_EXACT, false,
			     "sleep", ""));
}

static void test_quorum(void **state)
{
	(void)state;
	assert_false(vrrp_proc_quorum(0, 1, 4294967295U));
	assert_true(vrrp_proc_quorum(1, 1, 4294967295U));
	assert_false(vrrp_proc_quorum(1, 2, 4294967295U));
	assert_true(vrrp_proc_quorum(2, 2, 3));
	assert_false(vrrp_proc_quorum(4, 2, 3));
	assert_true(vrrp_proc_quorum(0, 0, 0));	/* must not run */
	assert_false(vrrp_proc_quorum(1, 0, 0));
}

/* One message as the kernel sends it. */
struct msg {
	struct nlmsghdr nh;
	struct cn_msg cn;
	struct proc_event ev;
} __attribute__((packed));

static size_t build(struct msg *m, unsigned what, pid_t pid, pid_t tgid)
{
	memset(m, 0, sizeof(*m));
	m->nh.nlmsg_len = sizeof(*m);
	m->nh.nlmsg_type = NLMSG_DONE;
	m->cn.id.idx = CN_IDX_PROC;
	m->cn.id.val = CN_VAL_PROC;
	m->cn.len = sizeof(m->ev);
	m->ev.what = what;
	switch (what) {
	case PROC_EVENT_FORK:
		m->ev.event_data.fork.child_pid = pid;
		m->ev.event_data.fork.child_tgid = tgid;
		break;
	case PROC_EVENT_EXEC:
		m->ev.event_data.exec.process_pid = pid;
		m->ev.event_data.exec.process_tgid = tgid;
		break;
	case PROC_EVENT_COMM:
		m->ev.event_data.comm.process_pid = pid;
		m->ev.event_data.comm.process_tgid = tgid;
		break;
	case PROC_EVENT_EXIT:
		m->ev.event_data.exit.process_pid = pid;
		m->ev.event_data.exit.process_tgid = tgid;
		break;
	}
	return sizeof(*m);
}

static void one(unsigned what, pid_t pid, pid_t tgid, int want_n,
		enum vrrp_proc_event_kind kind, pid_t want_pid)
{
	struct msg m;
	struct vrrp_proc_event ev[2];
	size_t len = build(&m, what, pid, tgid);

	assert_int_equal(vrrp_proc_parse(&m, len, ev, 2), want_n);
	if (!want_n)
		return;
	assert_int_equal(ev[0].kind, kind);
	assert_int_equal(ev[0].pid, want_pid);
}

static void test_parse_events(void **state)
{
	(void)state;
	one(PROC_EVENT_FORK, 42, 42, 1, VRRP_PROC_EV_FORK, 42);
	one(PROC_EVENT_FORK, 43, 42, 0, 0, 0);		/* a thread */
	one(PROC_EVENT_EXEC, 42, 42, 1, VRRP_PROC_EV_EXEC, 42);
	one(PROC_EVENT_COMM, 44, 42, 1, VRRP_PROC_EV_COMM, 42);
	one(PROC_EVENT_EXIT, 42, 42, 1, VRRP_PROC_EV_EXIT, 42);
	one(PROC_EVENT_EXIT, 43, 42, 0, 0, 0);		/* a thread */
	one(PROC_EVENT_UID, 42, 42, 0, 0, 0);
	one(PROC_EVENT_NONE, 0, 0, 0, 0, 0);		/* LISTEN's ack */
}

static void test_parse_several_and_bad(void **state)
{
	struct msg m[2];
	struct vrrp_proc_event ev[4];
	size_t len;

	(void)state;
	len = build(&m[0], PROC_EVENT_EXEC, 7, 7);
	len += build(&m[1], PROC_EVENT_EXIT, 8, 8);
	assert_int_equal(vrrp_proc_parse(m, len, ev, 4), 2);
	assert_int_equal(ev[1].kind, VRRP_PROC_EV_EXIT);
	assert_int_equal(ev[1].pid, 8);
	/* at most max */
	assert_int_equal(vrrp_proc_parse(m, len, ev, 1), 1);
	/* truncated inside the event */
	build(&m[0], PROC_EVENT_EXEC, 7, 7);
	m[0].cn.len = 4;
	assert_int_equal(vrrp_proc_parse(m, sizeof(m[0]), ev, 4), -EBADMSG);
	/* cn.len beyond the message */
	build(&m[0], PROC_EVENT_EXEC, 7, 7);
	m[0].cn.len = 400;
	assert_int_equal(vrrp_proc_parse(m, sizeof(m[0]), ev, 4), -EBADMSG);
	/* another connector */
	build(&m[0], PROC_EVENT_EXEC, 7, 7);
	m[0].cn.id.idx = 99;
	assert_int_equal(vrrp_proc_parse(m, sizeof(m[0]), ev, 4), -EBADMSG);
	/* a netlink header cut short */
	build(&m[0], PROC_EVENT_EXEC, 7, 7);
	assert_int_equal(vrrp_proc_parse(m, 10, ev, 4), -EBADMSG);
	/* an overrun: events lost */
	build(&m[0], PROC_EVENT_EXEC, 7, 7);
	m[0].nh.nlmsg_type = NLMSG_OVERRUN;
	assert_int_equal(vrrp_proc_parse(m, sizeof(m[0]), ev, 4), 1);
	assert_int_equal(ev[0].kind, VRRP_PROC_EV_LOST);
}

static void test_request(void **state)
{
	char buf[VRRP_PROC_REQ_LEN];
	const struct nlmsghdr *nh = (const struct nlmsghdr *)buf;
	const struct cn_msg *cn;
	uint32_t op;
	size_t n;

	(void)state;
	n = vrrp_proc_request(buf, 1234, true);
	assert_int_equal(n, NLMSG_LENGTH(sizeof(*cn) + sizeof(op)));
	assert_int_equal(nh->nlmsg_len, n);
	assert_int_equal(nh->nlmsg_pid, 1234);
	cn = NLMSG_DATA(nh);
	assert_int_equal(cn->id.idx, CN_IDX_PROC);
	assert_int_equal(cn->id.val, CN_VAL_PROC);
	assert_int_equal(cn->len, sizeof(op));
	memcpy(&op, cn->data, sizeof(op));
	assert_int_equal(op, PROC_CN_MCAST_LISTEN);
	vrrp_proc_request(buf, 1, false);
	memcpy(&op, cn->data, sizeof(op));
	assert_int_equal(op, PROC_CN_MCAST_IGNORE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_only),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_quorum),
		cmocka_unit_test(test_parse_events),
		cmocka_unit_test(test_parse_several_and_bad),
		cmocka_unit_test(test_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
