/*
 * sd_notify.c: one datagram socket, sendto() per message.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memory.h"
#include "sd_notify.h"

struct sd_notify {
	int fd;
	struct sockaddr_un sa;
	socklen_t len;
};

int sd_notify_addr(const char *value, struct sockaddr_un *sa,
		   socklen_t *len)
{
	size_t n;

	if (!value || (value[0] != '/' && value[0] != '@') || !value[1])
		return -EINVAL;
	n = strlen(value);
	if (n > sizeof(sa->sun_path) - (value[0] == '/'))
		return -ENAMETOOLONG;
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, value, n);
	/* An abstract address starts with a NUL and has no terminator. */
	if (value[0] == '@') {
		sa->sun_path[0] = '\0';
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	} else {
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n
				   + 1);
	}
	return 0;
}

struct sd_notify *sd_notify_open(int *err)
{
	const char *value = getenv("NOTIFY_SOCKET");
	struct sd_notify *n;
	int r;

	*err = 0;
	if (!value || !*value)
		return NULL;
	n = mem_new(struct sd_notify);
	r = sd_notify_addr(value, &n->sa, &n->len);
	if (r == 0) {
		n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (n->fd < 0)
			r = -errno;
	}
	if (r < 0) {
		*err = r;
		mem_free(&n);
	}
	return n;
}

void sd_notify_free(struct sd_notify **n)
{
	if (!n || !*n)
		return;
	close((*n)->fd);
	mem_free(n);
}

int sd_notify_send(struct sd_notify *n, const char *text)
{
	if (!n)
		return 0;
	if (sendto(n->fd, text, strlen(text), MSG_NOSIGNAL,
		   (const struct sockaddr *)&n->sa, n->len) < 0)
		return -errno;
	return 0;
}
