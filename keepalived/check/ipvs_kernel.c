/*
 * ipvs_kernel.c: the kernel backend over the generic netlink family
 * "IPVS" (libnl-genl). Messages are built and parsed by ipvs_msg.c; this
 * file only sends them and collects the answers.
 *
 * One request at a time on one socket, waiting for the kernel's answer:
 * IPVS handles a command synchronously, so the wait is short, and it is
 * bounded by a receive time-out so that a kernel that never answers
 * cannot stall the checker's loop for good.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <linux/ip_vs.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs_kernel.h"
#include "ipvs_msg.h"
#include "memory.h"

/* Each wait for an answer; a request gives up after a few. */
#define KERNEL_RCV_TIMEOUT_S 2
#define KERNEL_MAX_WAITS 3

struct kernel {
	struct nl_sock *sk;
	int family;
};

/* One request's answers: "each" is called for every reply message. */
struct answer {
	int err;
	bool done;
	int (*each)(struct nlmsghdr *h, void *arg);
	void *arg;
};

static struct kernel *kern_of(struct ipvs_backend *b)
{
	return b->ctx;
}

static int on_valid(struct nl_msg *m, void *arg)
{
	struct answer *a = arg;
	int r;

	if (!a->each)
		return NL_OK;
	r = a->each(nlmsg_hdr(m), a->arg);
	if (r < 0 && !a->err)
		a->err = r;
	return NL_OK;
}

static int on_done(struct nl_msg *m, void *arg)
{
	struct answer *a = arg;

	(void)m;
	a->done = true;
	return NL_STOP;
}

/* The kernel's own errno, which libnl's error codes would blur. */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct answer *a = arg;

	(void)who;
	a->err = e->error;
	a->done = true;
	return NL_STOP;
}

static struct nl_cb *answer_cb(struct answer *a)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, a);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, a);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, a);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, a);
	return cb;
}

/* Sends "m" (freed here) and waits for its acknowledgement or the end
 * of its dump. */
static int transact(struct kernel *k, struct nl_msg *m,
		    int (*each)(struct nlmsghdr *h, void *arg), void *arg)
{
	struct answer a = { .each = each, .arg = arg };
	struct nl_cb *cb = answer_cb(&a);
	int r, waits = 0;

	if (!cb) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	r = nl_send_auto(k->sk, m);
	nlmsg_free(m);
	while (r >= 0 && !a.done) {
		r = nl_recvmsgs_report(k->sk, cb);
		if (r == 0 && !a.done && ++waits >= KERNEL_MAX_WAITS)
			r = -NLE_AGAIN;
	}
	nl_cb_put(cb);
	if (a.err)
		return a.err;
	if (r < 0)
		return r == -NLE_AGAIN ? -ETIMEDOUT : -EIO;
	return 0;
}

static struct nl_msg *request(struct kernel *k, uint8_t cmd, int flags)
{
	return ipvs_msg_new(k->family, cmd, flags);
}

/* A command about one service, and optionally one destination. */
static int svc_cmd(struct ipvs_backend *b, uint8_t cmd,
		   const struct ipvs_service *s, bool full_svc,
		   const struct ipvs_dest *d, bool full_dest)
{
	struct kernel *k = kern_of(b);
	struct nl_msg *m = request(k, cmd, 0);
	int r;

	if (!m)
		return -ENOMEM;
	r = ipvs_msg_put_service(m, s, full_svc);
	if (r == 0 && d)
		r = ipvs_msg_put_dest(m, d, s->family, full_dest);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	r = transact(k, m, NULL, NULL);
	/* The kernel says ESRCH for a service it does not have; the
	 * backend interface says ENOENT for anything absent. */
	return r == -ESRCH ? -ENOENT : r;
}

static int svc_add(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_cmd(b, IPVS_CMD_NEW_SERVICE, s, true, NULL, false);
}

static int svc_edit(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_cmd(b, IPVS_CMD_SET_SERVICE, s, true, NULL, false);
}

static int svc_del(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_cmd(b, IPVS_CMD_DEL_SERVICE, s, false, NULL, false);
}

static int dest_add(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return svc_cmd(b, IPVS_CMD_NEW_DEST, s, false, d, true);
}

static int dest_edit(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d)
{
	return svc_cmd(b, IPVS_CMD_SET_DEST, s, false, d, true);
}

static int dest_del(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return svc_cmd(b, IPVS_CMD_DEL_DEST, s, false, d, false);
}

static int flush(struct ipvs_backend *b)
{
	struct kernel *k = kern_of(b);
	struct nl_msg *m = request(k, IPVS_CMD_FLUSH, 0);

	return m ? transact(k, m, NULL, NULL) : -ENOMEM;
}

/* ---- dumps -------------------------------------------------------------- */

struct svc_dump {
	struct ipvs_service *v;
	size_t n, cap;
};

static int each_svc(struct nlmsghdr *h, void *arg)
{
	struct svc_dump *d = arg;
	struct ipvs_service s;
	int r = ipvs_msg_parse_service(h, &s, NULL);

	if (r < 0)
		return r;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = mem_reallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = s;
	return 0;
}

static int svc_list(struct ipvs_backend *b, struct ipvs_service **out,
		    size_t *n)
{
	struct kernel *k = kern_of(b);
	struct nl_msg *m = request(k, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
	struct svc_dump d = { 0 };
	int r;

	if (!m)
		return -ENOMEM;
	r = transact(k, m, each_svc, &d);
	if (r < 0) {
		mem_free(&d.v);
		return r;
	}
	*out = d.v;
	*n = d.n;
	return 0;
}

struct dest_dump {
	int family;
	struct ipvs_dest *v;
	struct ipvs_dest_info *info;
	size_t n, cap;
};

static int each_dest(struct nlmsghdr *h, void *arg)
{
	struct dest_dump *d = arg;
	struct ipvs_dest_info info;
	struct ipvs_dest dest;
	int r = ipvs_msg_parse_dest(h, d->family, &info, &dest);

	if (r < 0)
		return r;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = mem_reallocarray(d->v, d->cap, sizeof(*d->v));
		d->info = mem_reallocarray(d->info, d->cap, sizeof(*d->info));
	}
	d->v[d->n] = dest;
	d->info[d->n++] = info;
	return 0;
}

static int dest_dump(struct kernel *k, const struct ipvs_service *s,
		     struct dest_dump *d)
{
	struct nl_msg *m = request(k, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	int r;

	if (!m)
		return -ENOMEM;
	d->family = s->family;
	r = ipvs_msg_put_service(m, s, false);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	r = transact(k, m, each_dest, d);
	if (r < 0) {
		mem_free(&d->v);
		mem_free(&d->info);
	}
	return r;
}

static int dest_list(struct ipvs_backend *b, const struct ipvs_service *s,
		     struct ipvs_dest **out, struct ipvs_dest_info **info,
		     size_t *n)
{
	struct dest_dump d = { 0 };
	int r = dest_dump(kern_of(b), s, &d);

	if (r < 0)
		return r;
	*out = d.v;
	*n = d.n;
	if (info)
		*info = d.info;
	else
		mem_free(&d.info);
	return 0;
}

static int each_svc_stats(struct nlmsghdr *h, void *arg)
{
	struct ipvs_service s;

	return ipvs_msg_parse_service(h, &s, arg);
}

static int svc_stats(struct kernel *k, const struct ipvs_service *s,
		     struct ipvs_stats *out)
{
	struct nl_msg *m = request(k, IPVS_CMD_GET_SERVICE, 0);
	int r;

	if (!m)
		return -ENOMEM;
	r = ipvs_msg_put_service(m, s, false);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	return transact(k, m, each_svc_stats, out);
}

static bool same_dest(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	return a->port == b->port && addr_equal(&a->addr, &b->addr);
}

static int get_stats(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d, struct ipvs_stats *out)
{
	struct dest_dump dd = { 0 };
	size_t i;
	int r;

	if (!d)
		return svc_stats(kern_of(b), s, out);
	r = dest_dump(kern_of(b), s, &dd);
	if (r < 0)
		return r;
	r = -ENOENT;
	for (i = 0; i < dd.n && r < 0; i++) {
		if (same_dest(&dd.v[i], d)) {
			*out = dd.info[i].stats;
			r = 0;
		}
	}
	mem_free(&dd.v);
	mem_free(&dd.info);
	return r;
}

/* ---- sync daemon, time-outs --------------------------------------------- */

static int daemon_cmd(struct kernel *k, uint8_t cmd,
		      const struct ipvs_sync_daemon *sd)
{
	struct nl_msg *m = request(k, cmd, 0);
	int r;

	if (!m)
		return -ENOMEM;
	r = ipvs_msg_put_daemon(m, sd);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	return transact(k, m, NULL, NULL);
}

static int sync_start(struct ipvs_backend *b,
		      const struct ipvs_sync_daemon *sd)
{
	return daemon_cmd(kern_of(b), IPVS_CMD_NEW_DAEMON, sd);
}

static int sync_stop(struct ipvs_backend *b, bool master)
{
	struct ipvs_sync_daemon sd = { .master = master };

	return daemon_cmd(kern_of(b), IPVS_CMD_DEL_DAEMON, &sd);
}

static int set_timeouts(struct ipvs_backend *b, const struct ipvs_timeouts *t)
{
	struct kernel *k = kern_of(b);
	struct nl_msg *m = request(k, IPVS_CMD_SET_CONFIG, 0);
	int r;

	if (!m)
		return -ENOMEM;
	r = ipvs_msg_put_timeouts(m, t);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	return transact(k, m, NULL, NULL);
}

static void kernel_free(struct ipvs_backend *b)
{
	struct kernel *k = kern_of(b);

	nl_socket_free(k->sk);
	mem_free(&k);
	mem_free(&b);
}

static const struct ipvs_backend_ops kernel_ops = {
	.name = "kernel",
	.svc_add = svc_add,
	.svc_edit = svc_edit,
	.svc_del = svc_del,
	.dest_add = dest_add,
	.dest_edit = dest_edit,
	.dest_del = dest_del,
	.flush = flush,
	.get_stats = get_stats,
	.sync_start = sync_start,
	.sync_stop = sync_stop,
	.svc_list = svc_list,
	.dest_list = dest_list,
	.set_timeouts = set_timeouts,
	.free = kernel_free,
};

static int open_socket(struct kernel *k)
{
	struct timeval tv = { .tv_sec = KERNEL_RCV_TIMEOUT_S };

	k->sk = nl_socket_alloc();
	if (!k->sk)
		return -ENOMEM;
	if (genl_connect(k->sk) < 0)
		return -EPROTONOSUPPORT;
	if (setsockopt(nl_socket_get_fd(k->sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)) < 0)
		return -errno;
	k->family = genl_ctrl_resolve(k->sk, IPVS_GENL_NAME);
	/* The family is absent when ip_vs is not loaded, or built without
	 * its netlink interface: the caller falls back to setsockopt. */
	return k->family < 0 ? -ENOENT : 0;
}

int ipvs_kernel_new(struct ipvs_backend **out)
{
	struct ipvs_backend *b = mem_new(struct ipvs_backend);
	struct kernel *k = mem_new(struct kernel);
	int r;

	b->ops = &kernel_ops;
	b->ctx = k;
	r = open_socket(k);
	if (r < 0) {
		kernel_free(b);
		return r;
	}
	*out = b;
	return 0;
}
