/*
 * core_dump.c: -m (core size limit) and -M (the kernel's core_pattern).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_dump.h"
#include "memory.h"

int core_dump_enable(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	if (setrlimit(RLIMIT_CORE, &rl) < 0)
		return -errno;
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0)
		return -errno;
	return 0;
}

static int read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;

	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	if (n < 0)
		return -errno;
	buf[len] = '\0';
	return (int)len;
}

int core_pattern_swap(const char *path, const char *pattern, char **old)
{
	char buf[4096];
	struct stat st;
	int fd, len, r = 0;
	char *line;

	*old = NULL;
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	len = read_all(fd, buf, sizeof(buf));
	if (len < 0) {
		close(fd);
		return len;
	}
	buf[strcspn(buf, "\n")] = '\0';
	line = mem_asprintf("%s\n", pattern);
	/* procfs takes the whole value in one write at offset 0. */
	if (lseek(fd, 0, SEEK_SET) < 0 ||
	    pwrite(fd, line, strlen(line), 0) != (ssize_t)strlen(line))
		r = errno ? -errno : -EIO;
	else if (fstat(fd, &st) == 0 && st.st_size > 0 &&
		 ftruncate(fd, (off_t)strlen(line)) < 0)
		r = -errno;	/* a regular file (tests); procfs has no size */
	mem_free(&line);
	close(fd);
	if (r == 0)
		*old = mem_strdup(buf);
	return r;
}
