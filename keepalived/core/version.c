/*
 * version.c: "keepalived -v". Written to stderr by the caller, as
 * keepalived does, so that scripts parsing stdout are not disturbed.
 */
#include "config.h"

#include <errno.h>
#include <linux/version.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "version.h"

/* What this build relies on from the system, for bug reports. */
#ifdef SYS_pidfd_open
#define VERSION_PIDFD " PIDFD"
#else
#define VERSION_PIDFD ""
#endif
#define VERSION_SYSTEM_OPTIONS "LIBNL3 EPOLL SIGNALFD" VERSION_PIDFD

/* Copies the value of "KEY=value" (quotes removed) from the line. */
static int os_release_value(const char *line, size_t n, const char *key,
			    char *buf, size_t len)
{
	size_t klen = strlen(key);
	const char *v;
	size_t vlen;

	if (n <= klen || strncmp(line, key, klen) || line[klen] != '=')
		return -ENOENT;
	v = line + klen + 1;
	vlen = n - klen - 1;
	if (vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0]) {
		v++;
		vlen -= 2;
	}
	if (!vlen || !len)
		return -ENOENT;
	if (vlen >= len)
		vlen = len - 1;
	memcpy(buf, v, vlen);
	buf[vlen] = '\0';
	return 0;
}

static int find_key(const char *text, const char *key, char *buf,
		    size_t len)
{
	const char *line = text;

	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		if (os_release_value(line, n, key, buf, len) == 0)
			return 0;
		line = nl ? nl + 1 : NULL;
	}
	return -ENOENT;
}

int version_distro(const char *os_release, char *buf, size_t len)
{
	if (!os_release)
		return -ENOENT;
	if (find_key(os_release, "PRETTY_NAME", buf, len) == 0)
		return 0;
	return find_key(os_release, "NAME", buf, len);
}

static void print_distro(FILE *out)
{
	char text[4096], name[256];
	FILE *f = fopen("/etc/os-release", "re");
	size_t n;

	if (!f)
		f = fopen("/usr/lib/os-release", "re");
	if (!f)
		return;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	if (version_distro(text, name, sizeof(name)) == 0)
		fprintf(out, "Distro: %s\n", name);
}

void version_print(FILE *out)
{
	struct utsname u;

	fprintf(out, "Keepalived v%s\n\n", PACKAGE_VERSION);
	fprintf(out, "Copyright(C) 2026 The keepalived-compatible daemon "
		"authors (GPL-2.0)\n\n");
	fprintf(out, "Built with kernel headers for Linux %d.%d.%d\n",
		LINUX_VERSION_CODE >> 16, (LINUX_VERSION_CODE >> 8) & 0xff,
		LINUX_VERSION_CODE & 0xff);
	if (uname(&u) == 0)
		fprintf(out, "Running on %s %s %s\n", u.sysname, u.release,
			u.version);
	print_distro(out);
	fprintf(out, "\nconfigure options: %s\n\n", KA_CONFIGURE_ARGS);
	fprintf(out, "Config options:  %s\n\n", KA_BUILD_OPTIONS);
	fprintf(out, "System options:  %s\n", VERSION_SYSTEM_OPTIONS);
}
