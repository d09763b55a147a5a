/*
 * check_sock.c: opening and connecting a check's socket without blocking.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check_sock.h"

static int bind_source(int fd, const struct ck_common *c, int family)
{
	struct sockaddr_storage ss;
	struct ka_addr any = { .family = family };
	socklen_t len;
	const struct ka_addr *src = c->bindto.family ? &c->bindto : &any;

	if (c->bind_if[0] &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, c->bind_if,
		       (socklen_t)strlen(c->bind_if)) < 0)
		return -errno;
	if (c->fwmark &&
	    setsockopt(fd, SOL_SOCKET, SO_MARK, &c->fwmark,
		       sizeof(c->fwmark)) < 0)
		return -errno;
	if (!c->bindto.family && !c->bind_port)
		return 0;
	if (src->family != family)
		return -EAFNOSUPPORT;
	if (addr_to_sockaddr(src, c->bind_port, &ss, &len) < 0)
		return -EINVAL;
	return bind(fd, (struct sockaddr *)&ss, len) < 0 ? -errno : 0;
}

int ck_sock_connect(const struct checker *ck, int type, int proto,
		    bool *in_progress)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, r;

	if (addr_to_sockaddr(&ck->addr, ck->port, &ss, &len) < 0)
		return -EINVAL;
	fd = socket(ck->addr.family, type | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    proto);
	if (fd < 0)
		return -errno;
	r = bind_source(fd, &ck->conf->common, ck->addr.family);
	if (r == 0 && connect(fd, (struct sockaddr *)&ss, len) < 0)
		r = -errno;
	*in_progress = r == -EINPROGRESS;
	if (r < 0 && r != -EINPROGRESS) {
		close(fd);
		return r;
	}
	return fd;
}

int ck_sock_connect_result(int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -errno;
	return -err;
}

void ck_sock_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
