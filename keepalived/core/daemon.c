/*
 * daemon.c: the classic detach: fork, setsid, and no terminal descriptors.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon.h"

static int null_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	int i;

	if (fd < 0)
		return -errno;
	for (i = 0; i < 3; i++)
		if (dup2(fd, i) < 0)
			return -errno;
	if (fd > 2)
		close(fd);
	return 0;
}

int daemon_detach(void)
{
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -errno;
	if (chdir("/") < 0)
		return -errno;
	return null_stdio();
}
