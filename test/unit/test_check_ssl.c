/*
 * test_check_ssl.c: the SSL_GET kind (check_http.c over check_tls.c) end
 * to end over the loopback, against a TLS server on the same event loop
 * with a key and certificate made in memory: success, SNI only with
 * enable_sni, tls_compliant and close_notify, a handshake with a
 * server that does not speak TLS, and the SSL block's client certificate
 * and encrypted key. This test stands in for the
 * framework: it defines ck_checker_done().
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "check_checker.h"
#include "check_tls.h"
#include "event.h"
#include "list.h"
#include "memory.h"

#define HELLO_MD5 "5eb63bbbe01eeed093cb22bb8f5acdc3"	/* "hello world" */
#define MAX_CONNS 8

enum srv_mode {
	SRV_LENGTH,		/* Content-Length, no close_notify */
	SRV_CLOSE,		/* body to the close, no close_notify */
	SRV_CLOSE_NOTIFY,	/* body to the close, then close_notify */
	SRV_PLAIN,		/* not TLS: an HTTP error to the ClientHello */
};

struct sconn {
	struct server *s;
	int fd;
	SSL *ssl;
	int phase;		/* 0 handshake, 1 request, 2 done */
	struct event *ev;
};

struct server {
	SSL_CTX *ctx;
	int lfd;
	uint16_t port;
	enum srv_mode mode;
	char sni[64];
	struct event *ev_accept;
	struct sconn conns[MAX_CONNS];
	int nconns;
};

struct result {
	int reports;
	bool ok;
	char why[512];
};

static struct result *g_result;

void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
{
	va_list ap;

	(void)ck;
	g_result->reports++;
	g_result->ok = ok;
	va_start(ap, why_fmt);
	vsnprintf(g_result->why, sizeof(g_result->why), why_fmt, ap);
	va_end(ap);
}

void ck_checker_set_weight_delta(struct checker *ck, long delta)
{
	(void)ck;
	(void)delta;
}

/* A P-256 key and a self-signed certificate. */
static X509 *make_cert(EVP_PKEY **key)
{
	EVP_PKEY *pk = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509_NAME *name;

	assert_non_null(pk);
	assert_non_null(x);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, pk);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)"test", -1, -1, 0);
	X509_set_issuer_name(x, name);
	assert_true(X509_sign(x, pk, EVP_sha256()) > 0);
	*key = pk;
	return x;
}

static void make_identity(SSL_CTX *ctx)
{
	EVP_PKEY *pk;
	X509 *x = make_cert(&pk);

	assert_int_equal(SSL_CTX_use_certificate(ctx, x), 1);
	assert_int_equal(SSL_CTX_use_PrivateKey(ctx, pk), 1);
	X509_free(x);
	EVP_PKEY_free(pk);
}

/* The server asks for a client certificate (any will do). */
static int accept_any(int ok, X509_STORE_CTX *store)
{
	(void)ok;
	(void)store;
	return 1;
}

static int on_servername(SSL *ssl, int *al, void *arg)
{
	struct server *s = arg;
	const char *n = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

	(void)al;
	snprintf(s->sni, sizeof(s->sni), "%s", n ? n : "");
	return SSL_TLSEXT_ERR_OK;
}

static void on_conn(struct event_loop *loop, const struct event_info *info);

static void rearm(struct event_loop *loop, struct sconn *c, int ret)
{
	int err = SSL_get_error(c->ssl, ret);

	if (err == SSL_ERROR_WANT_READ)
		assert_int_equal(event_add_read(loop, &c->ev, c->fd, 0,
						on_conn, c), 0);
	else if (err == SSL_ERROR_WANT_WRITE)
		assert_int_equal(event_add_write(loop, &c->ev, c->fd, 0,
						 on_conn, c), 0);
	else
		c->phase = 2;	/* the client gave up: fine */
}

static void reply(struct sconn *c)
{
	const char *r = c->s->mode == SRV_LENGTH ?
		"HTTP/1.0 200 OK\r\nContent-Length: 11\r\n\r\nhello world" :
		"HTTP/1.0 200 OK\r\n\r\nhello world";

	assert_int_equal(SSL_write(c->ssl, r, (int)strlen(r)),
			 (int)strlen(r));
	if (c->s->mode == SRV_CLOSE_NOTIFY)
		SSL_shutdown(c->ssl);
	shutdown(c->fd, SHUT_WR);
	c->phase = 2;
}

static void on_conn(struct event_loop *loop, const struct event_info *info)
{
	struct sconn *c = info->arg;
	char buf[4096];
	int ret;

	if (c->phase == 0) {
		ret = SSL_accept(c->ssl);
		if (ret != 1) {
			rearm(loop, c, ret);
			return;
		}
		c->phase = 1;
	}
	ret = SSL_read(c->ssl, buf, sizeof(buf));
	if (ret <= 0) {
		rearm(loop, c, ret);
		return;
	}
	reply(c);
}

static void on_plain(struct event_loop *loop, const struct event_info *info)
{
	struct sconn *c = info->arg;
	const char *r = "HTTP/1.0 400 Bad Request\r\n\r\n";
	char buf[4096];

	(void)loop;
	assert_true(read(c->fd, buf, sizeof(buf)) > 0);
	assert_int_equal(write(c->fd, r, strlen(r)), (ssize_t)strlen(r));
	shutdown(c->fd, SHUT_WR);
}

static void on_accept(struct event_loop *loop, const struct event_info *info)
{
	struct server *s = info->arg;
	struct sconn *c = &s->conns[s->nconns];

	assert_true(s->nconns < MAX_CONNS);
	c->s = s;
	c->fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	assert_true(c->fd >= 0);
	s->nconns++;
	if (s->mode == SRV_PLAIN) {
		assert_int_equal(event_add_read(loop, &c->ev, c->fd, 0,
						on_plain, c), 0);
	} else {
		c->ssl = SSL_new(s->ctx);
		SSL_set_fd(c->ssl, c->fd);
		assert_int_equal(event_add_read(loop, &c->ev, c->fd, 0,
						on_conn, c), 0);
	}
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_start(struct server *s, struct event_loop *loop)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	s->ctx = SSL_CTX_new(TLS_server_method());
	assert_non_null(s->ctx);
	make_identity(s->ctx);
	SSL_CTX_set_tlsext_servername_callback(s->ctx, on_servername);
	SSL_CTX_set_tlsext_servername_arg(s->ctx, s);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	assert_true(s->lfd >= 0);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(s->lfd, 8), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sin, &len), 0);
	s->port = ntohs(sin.sin_port);
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_stop(struct server *s)
{
	int i;

	event_cancel(&s->ev_accept);
	for (i = 0; i < s->nconns; i++) {
		event_cancel(&s->conns[i].ev);
		SSL_free(s->conns[i].ssl);
		close(s->conns[i].fd);
	}
	close(s->lfd);
	SSL_CTX_free(s->ctx);
}

struct fixture {
	struct event_loop *loop;
	struct ck_env env;
	struct server srv;
	struct ck_checker_conf conf;
	struct ck_url url;
	struct checker ck;
	struct result res;
};

static int setup(void **state)
{
	struct fixture *fx = mem_new(struct fixture);

	fx->loop = event_loop_new(NULL);
	assert_non_null(fx->loop);
	fx->env.loop = fx->loop;
	server_start(&fx->srv, fx->loop);
	fx->conf.type = CK_SSL;
	fx->conf.common.connect_timeout_us = 5000000;
	list_init(&fx->conf.u.http.urls);
	fx->url.path = "/";
	fx->url.digest = HELLO_MD5;
	list_add_tail(&fx->conf.u.http.urls, &fx->url.node);
	fx->ck.conf = &fx->conf;
	fx->ck.ops = &ck_ssl_ops;
	fx->ck.env = &fx->env;
	assert_int_equal(addr_parse("127.0.0.1", &fx->ck.addr), 0);
	fx->ck.port = fx->srv.port;
	g_result = &fx->res;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	assert_null(fx->ck.priv);
	server_stop(&fx->srv);
	ck_tls_free(&fx->env.tls);
	assert_null(fx->env.tls);
	event_loop_free(&fx->loop);
	mem_free(&fx);
	return 0;
}

static void attempt(struct fixture *fx)
{
	int passes = 0;

	memset(&fx->res, 0, sizeof(fx->res));
	assert_int_equal(ck_ssl_ops.start(&fx->ck), 0);
	assert_int_equal(fx->res.reports, 0);
	while (!fx->res.reports && passes++ < 10000)
		assert_true(event_loop_run_once(fx->loop, true) >= 0);
	assert_int_equal(fx->res.reports, 1);
	assert_null(fx->ck.priv);
}

static void test_ok_and_sni(void **state)
{
	struct fixture *fx = *state;

	fx->srv.mode = SRV_LENGTH;
	attempt(fx);
	assert_true(fx->res.ok);
	assert_string_equal(fx->srv.sni, "");
	/* The context is made once, then shared. */
	assert_non_null(fx->env.tls);

	fx->conf.u.http.virtualhost = "www.example";
	attempt(fx);
	assert_true(fx->res.ok);
	assert_string_equal(fx->srv.sni, "");

	fx->conf.u.http.enable_sni = true;
	attempt(fx);
	assert_true(fx->res.ok);
	assert_string_equal(fx->srv.sni, "www.example");
}

static void test_tls_compliant(void **state)
{
	struct fixture *fx = *state;

	fx->srv.mode = SRV_CLOSE;
	attempt(fx);
	assert_true(fx->res.ok);

	fx->conf.u.http.tls_compliant = true;
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/: connection closed without TLS "
			    "close_notify");

	fx->srv.mode = SRV_CLOSE_NOTIFY;
	attempt(fx);
	assert_true(fx->res.ok);

	/* A body complete by its length needs no close at all. */
	fx->srv.mode = SRV_LENGTH;
	attempt(fx);
	assert_true(fx->res.ok);
}

static void test_not_tls(void **state)
{
	struct fixture *fx = *state;

	fx->srv.mode = SRV_PLAIN;
	attempt(fx);
	assert_false(fx->res.ok);
	assert_non_null(strstr(fx->res.why, "/: TLS handshake failed"));
}

/* Writes a client certificate and its key, encrypted with "secret". */
static void write_client_files(const char *dir, char *cert, char *key,
			       size_t size)
{
	EVP_PKEY *pk;
	X509 *x = make_cert(&pk);
	FILE *f;

	snprintf(cert, size, "%s/client.pem", dir);
	snprintf(key, size, "%s/client.key", dir);
	f = fopen(cert, "w");
	assert_non_null(f);
	assert_int_equal(PEM_write_X509(f, x), 1);
	fclose(f);
	f = fopen(key, "w");
	assert_non_null(f);
	assert_int_equal(PEM_write_PrivateKey(f, pk, EVP_aes_128_cbc(), NULL,
					      0, NULL, (void *)"secret"), 1);
	fclose(f);
	X509_free(x);
	EVP_PKEY_free(pk);
}

static void test_ssl_block(void **state)
{
	struct fixture *fx = *state;
	char dir[] = "/tmp/test_check_ssl.XXXXXX", cert[64], key[64];
	struct check_conf *conf = check_conf_new();
	struct ck_tls *tls = NULL;

	assert_non_null(mkdtemp(dir));
	write_client_files(dir, cert, key, sizeof(cert));
	SSL_CTX_set_verify(fx->srv.ctx, SSL_VERIFY_PEER |
			   SSL_VERIFY_FAIL_IF_NO_PEER_CERT, accept_any);
	fx->srv.mode = SRV_LENGTH;

	/* No SSL block: no client certificate, the server refuses. */
	attempt(fx);
	assert_false(fx->res.ok);
	/* TLS 1.3: the refusal comes after the client's handshake ends. */
	assert_non_null(strstr(fx->res.why, "certificate required"));

	/*
	 * A reload brings the block's certificate and encrypted key, while
	 * an attempt with the old context is on its way: the context is made
	 * again, and the old one lives until that attempt ends.
	 */
	fx->srv.mode = SRV_PLAIN;
	memset(&fx->res, 0, sizeof(fx->res));
	assert_int_equal(ck_ssl_ops.start(&fx->ck), 0);
	conf->ssl.set = true;
	conf->ssl.certificate = mem_strdup(cert);
	conf->ssl.key = mem_strdup(key);
	conf->ssl.password = mem_strdup("secret");
	fx->env.conf = conf;
	assert_int_equal(ck_tls_get(&fx->env, &tls), 0);
	while (!fx->res.reports)
		assert_true(event_loop_run_once(fx->loop, true) >= 0);
	assert_false(fx->res.ok);
	assert_null(fx->ck.priv);
	fx->srv.mode = SRV_LENGTH;
	attempt(fx);
	assert_true(fx->res.ok);
	assert_ptr_equal(fx->env.tls, tls);
	ck_tls_free(&fx->env.tls);
	tls = NULL;

	/* A wrong password or a missing file: no context, no attempt. */
	mem_free(&conf->ssl.password);
	conf->ssl.password = mem_strdup("wrong");
	assert_int_equal(ck_tls_get(&fx->env, &tls), -EINVAL);
	assert_null(fx->env.tls);
	mem_free(&conf->ssl.password);
	conf->ssl.password = mem_strdup("secret");
	conf->ssl.ca = mem_strdup("/nonexistent/ca.pem");
	assert_int_equal(ck_ssl_ops.start(&fx->ck), -EINVAL);
	assert_null(fx->ck.priv);

	fx->env.conf = NULL;
	check_conf_free(&conf);
	unlink(cert);
	unlink(key);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ok_and_sni, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tls_compliant, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_tls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ssl_block, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
