/*
 * http_fetch.c: a GET as a sequence of non-blocking steps. Each step
 * either makes progress, or says which readiness it waits for; the loop
 * calls back and the steps resume. One timer bounds the whole fetch, so
 * a server that accepts and never answers, or sends an endless body,
 * ends it in time.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "check_sock.h"
#include "http_fetch.h"
#include "memory.h"

/* Reads per wake-up: a fast endless body must not starve other checks. */
#define READS_PER_WAKEUP 32
#define READ_CHUNK 16384	/* a whole TLS record */

enum phase { PH_CONNECT, PH_HANDSHAKE, PH_SEND, PH_RECV, PH_END };
enum wait { WAIT_NONE, WAIT_READ, WAIT_WRITE };

struct http_fetch {
	struct http_fetch_req req;
	char *request;
	size_t req_len, req_sent;
	int fd;
	struct ck_tls_conn *tls;
	struct http_resp resp;
	enum phase phase;
	enum http_fetch_stage stage;
	char why[256];
	struct event *ev_read, *ev_write, *ev_timer;
	uint64_t start_us, end_us;
};

static void advance(struct http_fetch *f);

static void end(struct http_fetch *f, enum http_fetch_stage stage,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void end(struct http_fetch *f, enum http_fetch_stage stage,
		const char *fmt, ...)
{
	va_list ap;

	f->phase = PH_END;
	f->stage = stage;
	va_start(ap, fmt);
	vsnprintf(f->why, sizeof(f->why), fmt, ap);
	va_end(ap);
}

/* Stops everything and reports; f may be gone afterwards. */
static void finish(struct http_fetch *f)
{
	event_cancel(&f->ev_read);
	event_cancel(&f->ev_write);
	event_cancel(&f->ev_timer);
	ck_tls_conn_free(&f->tls);
	ck_sock_close(&f->fd);
	f->end_us = event_loop_now_us(f->req.loop);
	f->req.done(f, f->req.arg);
}

static void on_io(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	advance(info->arg);
}

static void on_timeout(struct event_loop *loop, const struct event_info *info)
{
	struct http_fetch *f = info->arg;

	(void)loop;
	end(f, HTTP_FETCH_TIMEOUT, "timeout");
	finish(f);
}

static void on_connect(struct event_loop *loop, const struct event_info *info)
{
	struct http_fetch *f = info->arg;
	int rc = ck_sock_connect_result(f->fd);

	(void)loop;
	if (rc < 0) {
		end(f, HTTP_FETCH_CONNECT, "%s", strerror(-rc));
		finish(f);
		return;
	}
	f->phase = f->tls ? PH_HANDSHAKE : PH_SEND;
	advance(f);
}

static enum wait tls_wait(enum ck_tls_rc rc)
{
	return rc == CK_TLS_WANT_READ ? WAIT_READ : WAIT_WRITE;
}

static enum wait step_handshake(struct http_fetch *f)
{
	enum ck_tls_rc rc = ck_tls_handshake(f->tls);

	switch (rc) {
	case CK_TLS_DONE:
		f->phase = PH_SEND;
		return WAIT_NONE;
	case CK_TLS_WANT_READ:
	case CK_TLS_WANT_WRITE:
		return tls_wait(rc);
	case CK_TLS_FAILED:
		end(f, HTTP_FETCH_TLS, "TLS handshake failed: %s",
		    ck_tls_conn_error(f->tls));
		return WAIT_NONE;
	default:
		end(f, HTTP_FETCH_TLS, "TLS handshake failed: connection "
		    "closed by the server");
		return WAIT_NONE;
	}
}

static enum wait step_send(struct http_fetch *f)
{
	const char *p = f->request + f->req_sent;
	size_t left = f->req_len - f->req_sent, n = 0;
	enum ck_tls_rc rc;
	ssize_t w;

	if (f->tls) {
		rc = ck_tls_write(f->tls, p, left, &n);
		if (rc == CK_TLS_WANT_READ || rc == CK_TLS_WANT_WRITE)
			return tls_wait(rc);
		if (rc != CK_TLS_DONE) {
			end(f, HTTP_FETCH_SEND, "cannot send the request: %s",
			    rc == CK_TLS_FAILED ? ck_tls_conn_error(f->tls) :
			    "connection closed");
			return WAIT_NONE;
		}
	} else {
		w = send(f->fd, p, left, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			return WAIT_WRITE;
		if (w < 0) {
			end(f, HTTP_FETCH_SEND, "cannot send the request: %s",
			    strerror(errno));
			return WAIT_NONE;
		}
		n = (size_t)w;
	}
	f->req_sent += n;
	if (f->req_sent == f->req_len)
		f->phase = PH_RECV;
	return WAIT_NONE;
}

/* The connection ended; does that complete the response? */
static void got_eof(struct http_fetch *f)
{
	if (http_resp_eof(&f->resp) == 1)
		end(f, HTTP_FETCH_OK, "%s", "");
	else
		end(f, HTTP_FETCH_RECV, "%s", f->resp.error);
}

static void got_data(struct http_fetch *f, const char *buf, size_t n)
{
	int rc = http_resp_feed(&f->resp, buf, n, NULL);

	if (rc == 1)
		end(f, HTTP_FETCH_OK, "%s", "");
	else if (rc < 0)
		end(f, HTTP_FETCH_RECV, "bad response: %s", f->resp.error);
}

/* One read: > 0 bytes, 0 end of connection (handled), or a wait. */
static enum wait read_tls(struct http_fetch *f, char *buf, size_t *n)
{
	enum ck_tls_rc rc = ck_tls_read(f->tls, buf, READ_CHUNK, n);

	switch (rc) {
	case CK_TLS_DONE:
		return WAIT_NONE;
	case CK_TLS_WANT_READ:
	case CK_TLS_WANT_WRITE:
		return tls_wait(rc);
	case CK_TLS_CLOSED_UNCLEAN:
		if (f->req.tls_compliant) {
			end(f, HTTP_FETCH_RECV, "connection closed without "
			    "TLS close_notify");
			return WAIT_NONE;
		}
		/* fall through */
	case CK_TLS_CLOSED:
		got_eof(f);
		return WAIT_NONE;
	default:
		end(f, HTTP_FETCH_RECV, "read error: %s",
		    ck_tls_conn_error(f->tls));
		return WAIT_NONE;
	}
}

static enum wait read_plain(struct http_fetch *f, char *buf, size_t *n)
{
	ssize_t r = recv(f->fd, buf, READ_CHUNK, 0);

	*n = 0;
	if (r > 0) {
		*n = (size_t)r;
		return WAIT_NONE;
	}
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return WAIT_READ;
	if (r < 0)
		end(f, HTTP_FETCH_RECV, "read error: %s", strerror(errno));
	else
		got_eof(f);
	return WAIT_NONE;
}

static enum wait step_recv(struct http_fetch *f)
{
	char buf[READ_CHUNK];
	enum wait w;
	size_t n;
	int i;

	for (i = 0; i < READS_PER_WAKEUP; i++) {
		w = f->tls ? read_tls(f, buf, &n) : read_plain(f, buf, &n);
		if (w != WAIT_NONE || f->phase == PH_END)
			return w;
		got_data(f, buf, n);
		if (f->phase == PH_END)
			return WAIT_NONE;
	}
	return WAIT_READ;
}

static void wait_for(struct http_fetch *f, enum wait w)
{
	int rc;

	if (w == WAIT_READ)
		rc = event_add_read(f->req.loop, &f->ev_read, f->fd, 0,
				    on_io, f);
	else
		rc = event_add_write(f->req.loop, &f->ev_write, f->fd, 0,
				     on_io, f);
	if (rc < 0) {
		end(f, HTTP_FETCH_RECV, "cannot wait on the socket: %s",
		    strerror(-rc));
		finish(f);
	}
}

static void advance(struct http_fetch *f)
{
	enum wait w = WAIT_NONE;

	while (f->phase != PH_END) {
		if (f->phase == PH_HANDSHAKE)
			w = step_handshake(f);
		else if (f->phase == PH_SEND)
			w = step_send(f);
		else
			w = step_recv(f);
		if (w != WAIT_NONE && f->phase != PH_END) {
			wait_for(f, w);
			return;
		}
	}
	finish(f);
}

int http_fetch_start(const struct http_fetch_req *req,
		     struct http_fetch **out)
{
	struct http_fetch *f = mem_new(struct http_fetch);
	bool in_progress;
	int rc;

	f->req = *req;
	f->request = mem_strdup(req->request);
	f->req.request = f->request;
	f->req_len = strlen(f->request);
	f->fd = -1;
	f->start_us = event_loop_now_us(req->loop);
	rc = http_resp_init(&f->resp, &req->limits);
	if (rc == 0) {
		rc = ck_sock_connect(req->ck, SOCK_STREAM, IPPROTO_TCP,
				     &in_progress);
		f->fd = rc;
	}
	/* The connection holds the TLS context from now on, whatever a
	 * reload does to the shared one meanwhile. */
	if (rc >= 0 && req->tls)
		rc = ck_tls_conn_new(req->tls, f->fd, req->sni, &f->tls);
	f->req.tls = NULL;
	f->req.sni = NULL;
	/* Connected at once or not, writability says when to go on, so
	 * that done is never called from here. */
	if (rc >= 0)
		rc = event_add_write(req->loop, &f->ev_write, f->fd, 0,
				     on_connect, f);
	if (rc >= 0 && req->timeout_us)
		rc = event_add_timer(req->loop, &f->ev_timer, req->timeout_us,
				     on_timeout, f);
	if (rc < 0) {
		http_fetch_free(&f);
		return rc;
	}
	*out = f;
	return 0;
}

void http_fetch_free(struct http_fetch **f)
{
	if (!f || !*f)
		return;
	event_cancel(&(*f)->ev_read);
	event_cancel(&(*f)->ev_write);
	event_cancel(&(*f)->ev_timer);
	ck_tls_conn_free(&(*f)->tls);
	ck_sock_close(&(*f)->fd);
	http_resp_clear(&(*f)->resp);
	mem_free(&(*f)->request);
	mem_free(f);
}

enum http_fetch_stage http_fetch_stage(const struct http_fetch *f)
{
	return f->stage;
}

const char *http_fetch_why(const struct http_fetch *f)
{
	return f->why;
}

struct http_resp *http_fetch_resp(struct http_fetch *f)
{
	return &f->resp;
}

uint64_t http_fetch_elapsed_us(const struct http_fetch *f)
{
	return f->end_us - f->start_us;
}
