/*
 * dump_file.c: temporary file, fsync, rename.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump_file.h"
#include "memory.h"

char *dump_file_name(const char *base, const char *tag)
{
	const char *slash = strrchr(base, '/');
	const char *name = slash ? slash + 1 : base;
	const char *dot = strrchr(name, '.');

	/* A leading dot names a hidden file, not an extension. */
	if (!dot || dot == name)
		return mem_asprintf("%s%s", base, tag);
	return mem_asprintf("%.*s%s%s", (int)(dot - base), base, tag, dot);
}

/* The directory must not let anyone else swap our temporary file. */
static int check_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	struct stat st;
	int r = 0;

	if (!slash)
		dir = mem_strdup(".");
	else if (slash == path)
		dir = mem_strdup("/");
	else
		dir = mem_strndup(path, (size_t)(slash - path));
	if (stat(dir, &st) < 0)
		r = -errno;
	else if (!S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	else if (st.st_uid != 0 && st.st_uid != geteuid())
		r = -EPERM;
	else if ((st.st_mode & (S_IWGRP | S_IWOTH)) &&
		 !(st.st_mode & S_ISVTX))
		r = -EPERM;
	mem_free(&dir);
	return r;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int dump_file_write(const char *path, const char *data, size_t len)
{
	char *tmp;
	int fd, r;

	r = check_dir(path);
	if (r < 0)
		return r;
	/* mkostemp() creates with O_CREAT | O_EXCL: never an existing file,
	 * never through a symlink. */
	tmp = mem_asprintf("%s.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		mem_free(&tmp);
		return r;
	}
	r = fchmod(fd, 0600) < 0 ? -errno : 0;
	if (r == 0)
		r = write_all(fd, data, len);
	if (r == 0 && fsync(fd) < 0)
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
