/*
 * check_tls.c: the shared OpenSSL client context and non-blocking
 * connections over it.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "check_tls.h"
#include "log.h"
#include "memory.h"

struct ck_tls {
	SSL_CTX *ctx;
	BIO_METHOD *bio;	/* sockets without SIGPIPE */
	struct ck_ssl_conf made_from;	/* copies: a reload that changes
					 * the SSL block makes a new one */
	unsigned refs;		/* the env's, and one per connection, whose
				 * BIO uses "bio" */
};

struct ck_tls_conn {
	struct ck_tls *tls;
	SSL *ssl;
	bool handshaken;
	char error[160];
};

/*
 * OpenSSL's socket BIO writes with write(), and a write to a connection
 * the server has reset raises SIGPIPE, which would kill the checker. This
 * BIO sends with MSG_NOSIGNAL instead; the descriptor is in BIO_get_data.
 */
static int sock_fd(BIO *b)
{
	return (int)(intptr_t)BIO_get_data(b);
}

static int bio_retry(BIO *b, ssize_t n, bool is_read)
{
	BIO_clear_retry_flags(b);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		      errno == EINTR)) {
		if (is_read)
			BIO_set_retry_read(b);
		else
			BIO_set_retry_write(b);
	}
	return (int)n;
}

static int bio_write(BIO *b, const char *buf, int len)
{
	return bio_retry(b, send(sock_fd(b), buf, (size_t)len, MSG_NOSIGNAL),
			 false);
}

static int bio_read(BIO *b, char *buf, int len)
{
	return bio_retry(b, recv(sock_fd(b), buf, (size_t)len, 0), true);
}

static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static BIO_METHOD *bio_method_new(void)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
				     "keepalived check socket");

	if (!m)
		return NULL;
	BIO_meth_set_write(m, bio_write);
	BIO_meth_set_read(m, bio_read);
	BIO_meth_set_ctrl(m, bio_ctrl);
	BIO_meth_set_create(m, bio_create);
	return m;
}

static int password_cb(char *buf, int size, int rwflag, void *arg)
{
	const char *pw = arg;
	size_t len = pw ? strlen(pw) : 0;

	(void)rwflag;
	if (!pw || size <= 0 || len >= (size_t)size)
		return 0;
	memcpy(buf, pw, len + 1);
	return (int)len;
}

/* Logs the first OpenSSL error behind a failed setup step. */
static int setup_failed(const char *what, const char *file)
{
	char reason[160];

	ERR_error_string_n(ERR_get_error(), reason, sizeof(reason));
	log_warnx("SSL: cannot use %s %s: %s", what, file, reason);
	ERR_clear_error();
	return -EINVAL;
}

static char *dup_or_null(const char *s)
{
	return s ? mem_strdup(s) : NULL;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_conf(const struct ck_ssl_conf *a, const struct ck_ssl_conf *b)
{
	return a->set == b->set && same_str(a->password, b->password) &&
	       same_str(a->ca, b->ca) &&
	       same_str(a->certificate, b->certificate) &&
	       same_str(a->key, b->key);
}

static int load_files(struct ck_tls *t, const struct ck_ssl_conf *s)
{
	if (s->password) {
		SSL_CTX_set_default_passwd_cb(t->ctx, password_cb);
		SSL_CTX_set_default_passwd_cb_userdata(t->ctx,
						       t->made_from.password);
	}
	if (s->ca && !SSL_CTX_load_verify_locations(t->ctx, s->ca, NULL))
		return setup_failed("ca", s->ca);
	if (s->certificate &&
	    !SSL_CTX_use_certificate_chain_file(t->ctx, s->certificate))
		return setup_failed("certificate", s->certificate);
	if (s->key &&
	    !SSL_CTX_use_PrivateKey_file(t->ctx, s->key, SSL_FILETYPE_PEM))
		return setup_failed("key", s->key);
	if (s->certificate && s->key && !SSL_CTX_check_private_key(t->ctx))
		return setup_failed("key (it does not match the certificate)",
				    s->key);
	return 0;
}

static int tls_new(const struct ck_ssl_conf *s, struct ck_tls **out)
{
	struct ck_tls *t = mem_new(struct ck_tls);
	int rc = 0;

	t->refs = 1;
	if (s && s->set) {
		t->made_from.set = true;
		t->made_from.password = dup_or_null(s->password);
		t->made_from.ca = dup_or_null(s->ca);
		t->made_from.certificate = dup_or_null(s->certificate);
		t->made_from.key = dup_or_null(s->key);
	}
	t->ctx = SSL_CTX_new(TLS_client_method());
	t->bio = bio_method_new();
	if (!t->ctx || !t->bio) {
		ck_tls_free(&t);
		return -ENOMEM;
	}
	/* The write buffer is stable, but a partial write must be allowed
	 * to resume from wherever the caller continues. */
	SSL_CTX_set_mode(t->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
			 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	SSL_CTX_set_verify(t->ctx, SSL_VERIFY_NONE, NULL);
	if (s && s->set)
		rc = load_files(t, s);
	if (rc < 0) {
		ck_tls_free(&t);
		return rc;
	}
	*out = t;
	return 0;
}

int ck_tls_get(struct ck_env *env, struct ck_tls **out)
{
	static const struct ck_ssl_conf none;
	const struct ck_ssl_conf *s = env->conf && env->conf->ssl.set ?
				      &env->conf->ssl : &none;
	int rc;

	if (env->tls && !same_conf(&env->tls->made_from, s))
		ck_tls_free(&env->tls);
	if (!env->tls) {
		rc = tls_new(s, &env->tls);
		if (rc < 0)
			return rc;
	}
	*out = env->tls;
	return 0;
}

static void tls_unref(struct ck_tls *t)
{
	if (--t->refs)
		return;
	SSL_CTX_free(t->ctx);
	BIO_meth_free(t->bio);
	mem_free(&t->made_from.password);
	mem_free(&t->made_from.ca);
	mem_free(&t->made_from.certificate);
	mem_free(&t->made_from.key);
	mem_free(&t);
}

void ck_tls_free(struct ck_tls **tls)
{
	if (!tls || !*tls)
		return;
	tls_unref(*tls);
	*tls = NULL;
}

int ck_tls_conn_new(struct ck_tls *tls, int fd, const char *sni,
		    struct ck_tls_conn **out)
{
	struct ck_tls_conn *c = mem_new(struct ck_tls_conn);
	BIO *bio = BIO_new(tls->bio);

	c->ssl = SSL_new(tls->ctx);
	if (!c->ssl || !bio ||
	    (sni && !SSL_set_tlsext_host_name(c->ssl, sni))) {
		BIO_free(bio);
		SSL_free(c->ssl);
		mem_free(&c);
		ERR_clear_error();
		return -ENOMEM;
	}
	BIO_set_data(bio, (void *)(intptr_t)fd);
	/* The SSL owns the BIO from here. */
	SSL_set_bio(c->ssl, bio, bio);
	SSL_set_connect_state(c->ssl);
	c->tls = tls;
	tls->refs++;
	*out = c;
	return 0;
}

void ck_tls_conn_free(struct ck_tls_conn **c)
{
	if (!c || !*c)
		return;
	/* One non-blocking attempt; the peer's answer is not awaited. */
	if ((*c)->handshaken)
		SSL_shutdown((*c)->ssl);
	SSL_free((*c)->ssl);
	ERR_clear_error();
	tls_unref((*c)->tls);
	mem_free(c);
}

/* Turns OpenSSL's verdict on a step that did not succeed into ours. */
static enum ck_tls_rc outcome(struct ck_tls_conn *c, int ret)
{
	int err = SSL_get_error(c->ssl, ret);
	unsigned long e;

	switch (err) {
	case SSL_ERROR_WANT_READ:
		return CK_TLS_WANT_READ;
	case SSL_ERROR_WANT_WRITE:
		return CK_TLS_WANT_WRITE;
	case SSL_ERROR_ZERO_RETURN:
		return CK_TLS_CLOSED;
	case SSL_ERROR_SYSCALL:
		if (!ERR_peek_error() && errno == 0)
			return CK_TLS_CLOSED_UNCLEAN;
		snprintf(c->error, sizeof(c->error), "%s",
			 errno ? strerror(errno) : "I/O error");
		ERR_clear_error();
		return CK_TLS_FAILED;
	default:
		e = ERR_peek_error();
		if (ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
			ERR_clear_error();
			return CK_TLS_CLOSED_UNCLEAN;
		}
		ERR_error_string_n(e, c->error, sizeof(c->error));
		ERR_clear_error();
		return CK_TLS_FAILED;
	}
}

enum ck_tls_rc ck_tls_handshake(struct ck_tls_conn *c)
{
	int ret;

	ERR_clear_error();
	errno = 0;
	ret = SSL_do_handshake(c->ssl);
	if (ret == 1) {
		c->handshaken = true;
		return CK_TLS_DONE;
	}
	return outcome(c, ret);
}

enum ck_tls_rc ck_tls_read(struct ck_tls_conn *c, void *buf, size_t size,
			   size_t *n)
{
	int ret;

	*n = 0;
	ERR_clear_error();
	errno = 0;
	ret = SSL_read_ex(c->ssl, buf, size, n);
	return ret == 1 ? CK_TLS_DONE : outcome(c, ret);
}

enum ck_tls_rc ck_tls_write(struct ck_tls_conn *c, const void *buf,
			    size_t len, size_t *n)
{
	int ret;

	*n = 0;
	ERR_clear_error();
	errno = 0;
	ret = SSL_write_ex(c->ssl, buf, len, n);
	return ret == 1 ? CK_TLS_DONE : outcome(c, ret);
}

const char *ck_tls_conn_error(const struct ck_tls_conn *c)
{
	return c->error;
}
