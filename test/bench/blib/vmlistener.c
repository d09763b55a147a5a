/*
 * vmlistener.c: the real servers of the checker benchmark in the VM (item 5).
 *
 * One process, one listening socket on 0.0.0.0:PORT, so that it answers on
 * every address of its namespace (thousands on a dummy interface). Each
 * connection is counted when accepted; whatever arrives is taken as an HTTP
 * request and answered with a minimal "200 OK" once its header ends (a
 * TCP_CHECK just closes). SIGUSR1 prints "conns=N distinct=D" (since the
 * previous SIGUSR1) on standard output and starts a new window; SIGTERM
 * ends it.
 *
 * Built static on the host (cc -O2 -static), copied into the VM: the VM has
 * no Python, and the listener must not be the bottleneck it measures.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 256
#define SEEN_BITS (1u << 24)	/* distinct addresses by their low 24 bits */

static const char reply[] =
	"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
	"Content-Length: 3\r\nConnection: close\r\n\r\nok\n";

struct window {
	unsigned long conns;
	unsigned long distinct;
	unsigned char *seen;
};

static void count(struct window *w, int fd)
{
	struct sockaddr_in local;
	socklen_t len = sizeof(local);
	uint32_t key;

	w->conns++;
	if (getsockname(fd, (struct sockaddr *)&local, &len) < 0)
		return;
	key = ntohl(local.sin_addr.s_addr) & (SEEN_BITS - 1);
	if (!(w->seen[key / 8] & (1u << (key % 8)))) {
		w->seen[key / 8] |= (unsigned char)(1u << (key % 8));
		w->distinct++;
	}
}

static void report(struct window *w)
{
	printf("conns=%lu distinct=%lu\n", w->conns, w->distinct);
	fflush(stdout);
	w->conns = 0;
	w->distinct = 0;
	memset(w->seen, 0, SEEN_BITS / 8);
}

/* Reads what the client sent; answers once the header is complete.
 * Returns 1 while the connection stays open. */
static int serve(int fd)
{
	char buf[2048];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (!strstr(buf, "\r\n\r\n") && !strstr(buf, "\n\n"))
		return 1;	/* a request longer than one read: rare here */
	if (write(fd, reply, sizeof(reply) - 1) < 0)
		return 0;
	return 0;
}

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 4096) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct epoll_event ev, evs[MAX_EVENTS];
	struct window w = { .seen = calloc(1, SEEN_BITS / 8) };
	int port = argc > 1 ? atoi(argv[1]) : 80;
	int lfd = listen_on(port), ep = epoll_create1(0), sfd;
	sigset_t mask;

	if (lfd < 0 || ep < 0 || !w.seen) {
		perror("vmlistener");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_NONBLOCK);
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.data.fd = sfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	for (;;) {
		int n = epoll_wait(ep, evs, MAX_EVENTS, -1);

		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;

			if (fd == sfd) {
				struct signalfd_siginfo si;

				while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
					if (si.ssi_signo == SIGTERM)
						return 0;
					report(&w);
				}
			} else if (fd == lfd) {
				int c;

				while ((c = accept4(lfd, NULL, NULL,
						    SOCK_NONBLOCK)) >= 0) {
					count(&w, c);
					ev.events = EPOLLIN | EPOLLRDHUP;
					ev.data.fd = c;
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				}
			} else if (!serve(fd)) {
				close(fd);
			}
		}
	}
}
