/*
 * track_file.c: reading (and initialising) a track file's number.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "track_file.h"

int track_file_parse(const char *text, size_t len, long *value)
{
	char buf[TRACK_FILE_READ_MAX + 1];
	long long v;

	if (len > TRACK_FILE_READ_MAX)
		len = TRACK_FILE_READ_MAX;
	memcpy(buf, text, len);
	buf[len] = '\0';
	errno = 0;
	/* strtoll's rules are keepalived's: base prefixes, leading white
	 * space, a sign, and trailing text ignored; no digits give 0. */
	v = strtoll(buf, NULL, 0);
	if (errno == ERANGE || v < TRACK_FILE_VALUE_MIN ||
	    v > TRACK_FILE_VALUE_MAX)
		return -ERANGE;
	*value = (long)v;
	return 0;
}

int track_file_read(const char *path, long *value)
{
	char buf[TRACK_FILE_READ_MAX];
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno != ENOENT)
			return -errno;
		*value = 0;
		return 0;
	}
	n = read(fd, buf, sizeof(buf));
	err = errno;
	close(fd);
	if (n < 0)
		return err == EAGAIN ? track_file_parse("", 0, value) : -err;
	return track_file_parse(buf, (size_t)n, value);
}

int track_file_write_init(const char *path, long value, bool overwrite)
{
	char buf[32];
	int fd, len, flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY;
	ssize_t n;

	flags |= overwrite ? O_TRUNC : O_EXCL;
	fd = open(path, flags, 0644);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	len = snprintf(buf, sizeof(buf), "%ld\n", value);
	n = write(fd, buf, (size_t)len);
	if (n != len) {
		int err = n < 0 ? errno : EIO;

		close(fd);
		return -err;
	}
	return close(fd) < 0 ? -errno : 0;
}
