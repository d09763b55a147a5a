/*
 * pidfile.c: write to a temporary file beside the target, then rename.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"
#include "pidfile.h"

int pidfile_write(const char *path, pid_t pid)
{
	char *tmp = mem_asprintf("%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	int r = 0;

	if (fd < 0) {
		r = -errno;
		mem_free(&tmp);
		return r;
	}
	if (dprintf(fd, "%ld\n", (long)pid) < 0 || fchmod(fd, 0644) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	mem_free(&tmp);
	return r;
}

int pidfile_remove(const char *path, pid_t pid)
{
	char buf[32];
	FILE *f = fopen(path, "re");
	long found = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f) || sscanf(buf, "%ld", &found) != 1)
		found = 0;
	fclose(f);
	/* Another instance may have taken the file over since. */
	if (found != (long)pid)
		return -ESRCH;
	return unlink(path) < 0 ? -errno : 0;
}
