/*
 * http_fetch.h: one GET, over TCP or TLS, on the event loop. The engine
 * shared by HTTP_GET/SSL_GET (check_http.c) and genhash: connect, TLS
 * handshake, send the request, read and parse the response, all without
 * blocking and all within one time limit.
 */
#ifndef KA_HTTP_FETCH_H
#define KA_HTTP_FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include "check_checker.h"
#include "check_tls.h"
#include "http_parse.h"

/* Where a fetch stopped. */
enum http_fetch_stage {
	HTTP_FETCH_OK = 0,	/* a complete response is in resp */
	HTTP_FETCH_CONNECT,	/* the connection failed */
	HTTP_FETCH_TLS,		/* the TLS handshake failed */
	HTTP_FETCH_SEND,	/* sending the request failed */
	HTTP_FETCH_RECV,	/* reading failed, or a bad response */
	HTTP_FETCH_TIMEOUT,	/* the time limit passed */
};

struct http_fetch;

struct http_fetch_req {
	struct event_loop *loop;
	/* Where and how to connect (ck_sock_connect): addr, port, and
	 * conf->common for bindto, bind_port, bind_if, fwmark. */
	const struct checker *ck;
	struct ck_tls *tls;		/* NULL: plain HTTP; the fetch holds
					 * it until it ends */
	const char *sni;		/* with tls: server name, or NULL */
	bool tls_compliant;		/* an end without close_notify fails */
	const char *request;		/* copied */
	struct http_limits limits;
	uint64_t timeout_us;		/* for the whole fetch; 0: none */
	/* Called once, from an event callback, when the fetch ends; the
	 * callback may free the fetch. */
	void (*done)(struct http_fetch *f, void *arg);
	void *arg;
};

/*
 * Starts a fetch. Returns 0 and *out, or a negative errno when it could
 * not even start (no socket): then nothing is left behind and done is
 * never called.
 */
int http_fetch_start(const struct http_fetch_req *req,
		     struct http_fetch **out);

/* Cancels what is left, closes, frees, sets *f to NULL; accepts NULL. */
void http_fetch_free(struct http_fetch **f);

enum http_fetch_stage http_fetch_stage(const struct http_fetch *f);
/* Why it failed, in words for a log line ("" when OK). */
const char *http_fetch_why(const struct http_fetch *f);
/* The response, complete when the stage is HTTP_FETCH_OK. */
struct http_resp *http_fetch_resp(struct http_fetch *f);
/* Microseconds from the start to the end, on the loop's clock. */
uint64_t http_fetch_elapsed_us(const struct http_fetch *f);

#endif
