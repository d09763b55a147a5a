/*
 * check_tls.h: the TLS client of SSL_GET and genhash -S, on OpenSSL.
 *
 * One client context (struct ck_tls) serves every SSL_GET of the checker
 * child: it lives in struct ck_env, is made on first use from the
 * configuration's SSL block (password, ca, certificate, key; without the
 * block, a default client context), made again when a reload changed the
 * block, and freed with the environment by ck_tls_free(). A connection
 * keeps the context it began with alive until it ends.
 *
 * Each connection (struct ck_tls_conn) wraps a non-blocking socket the
 * caller owns. Every step returns at once: CK_TLS_WANT_READ or
 * CK_TLS_WANT_WRITE tells the caller what to wait for on its event loop
 * before calling the same step again.
 *
 * As keepalived does, the server's certificate is not verified: a health
 * check asks whether the service answers, not whom to trust. A ca file
 * is loaded (a bad one is reported) but does not fail the handshake.
 */
#ifndef KA_CHECK_TLS_H
#define KA_CHECK_TLS_H

#include <stdbool.h>
#include <stddef.h>

#include "check_checker.h"

struct ck_tls_conn;

/*
 * The shared context of env, made from env->conf->ssl (env->conf may be
 * NULL: the default context) on the first call, and again when the SSL
 * block is not the one it was made from. Returns 0 and *out, or
 * -EINVAL when the SSL block's files cannot be used (logged once per
 * attempt to make it, with the reason), or -ENOMEM.
 */
int ck_tls_get(struct ck_env *env, struct ck_tls **out);

/* Lets go of a context (it goes when no connection uses it any more);
 * accepts NULL; sets *tls to NULL. */
void ck_tls_free(struct ck_tls **tls);

enum ck_tls_rc {
	CK_TLS_DONE = 0,	/* handshake complete, or bytes moved */
	CK_TLS_WANT_READ,	/* wait until readable, then call again */
	CK_TLS_WANT_WRITE,	/* wait until writable, then call again */
	CK_TLS_CLOSED,		/* the peer closed with close_notify */
	CK_TLS_CLOSED_UNCLEAN,	/* the connection ended without it */
	CK_TLS_FAILED,		/* ck_tls_conn_error() says why */
};

/*
 * A client connection over fd (connected, non-blocking, still the
 * caller's to close after ck_tls_conn_free()). sni: the server name to
 * send, or NULL. Returns 0 and *out, or -ENOMEM.
 */
int ck_tls_conn_new(struct ck_tls *tls, int fd, const char *sni,
		    struct ck_tls_conn **out);

/*
 * Sends close_notify if the connection got that far (without waiting for
 * the peer's), frees the connection, sets *c to NULL; accepts NULL.
 */
void ck_tls_conn_free(struct ck_tls_conn **c);

enum ck_tls_rc ck_tls_handshake(struct ck_tls_conn *c);
/* *n: bytes read or written when CK_TLS_DONE, else 0. */
enum ck_tls_rc ck_tls_read(struct ck_tls_conn *c, void *buf, size_t size,
			   size_t *n);
enum ck_tls_rc ck_tls_write(struct ck_tls_conn *c, const void *buf,
			    size_t len, size_t *n);

/* The reason of the last CK_TLS_FAILED, "" if none; valid until the next
 * call on c. */
const char *ck_tls_conn_error(const struct ck_tls_conn *c);

#endif
