/*
 * proc_stats.c: start and stop lines.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "log.h"
#include "memory.h"
#include "proc_stats.h"

char *proc_stats_cmdline(int argc, char *const *argv)
{
	size_t cap = 1, len = 0, i;
	char *out;
	int a;

	for (a = 0; a < argc; a++)
		cap += strlen(argv[a]) * 4 + 3;
	out = mem_zalloc(cap);
	for (a = 0; a < argc; a++) {
		if (a)
			out[len++] = ' ';
		out[len++] = '\'';
		for (i = 0; argv[a][i]; i++) {
			if (argv[a][i] == '\'') {
				memcpy(out + len, "'\\''", 4);
				len += 4;
			} else {
				out[len++] = argv[a][i];
			}
		}
		out[len++] = '\'';
	}
	out[len] = '\0';
	return out;
}

void proc_stats_tv(const struct timeval *tv, char *buf, size_t size)
{
	snprintf(buf, size, "%ld.%06ld", (long)tv->tv_sec,
		 (long)tv->tv_usec);
}

char *proc_stats_cpu_text(const struct rusage *ru)
{
	char u[32], s[32];

	proc_stats_tv(&ru->ru_utime, u, sizeof(u));
	proc_stats_tv(&ru->ru_stime, s, sizeof(s));
	return mem_asprintf("used %s user time, %s system time", u, s);
}

void proc_stats_log_start(int argc, char *const *argv)
{
	struct utsname un;
	char *line = proc_stats_cmdline(argc, argv);

	log_info("Starting Keepalived v%s", PACKAGE_VERSION);
	if (uname(&un) == 0)
		log_info("Running on %s %s %s", un.sysname, un.release,
			 un.version);
	log_info("Command line: %s", line);
	mem_free(&line);
}

void proc_stats_log_child_stop(void)
{
	struct rusage ru;
	char *text;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		memset(&ru, 0, sizeof(ru));
	text = proc_stats_cpu_text(&ru);
	log_info("Stopped - %s", text);
	mem_free(&text);
}

void proc_stats_log_parent_stop(void)
{
	struct rusage self, kids;
	char su[32], ss[32], cu[32], cs[32];

	if (getrusage(RUSAGE_SELF, &self) < 0)
		memset(&self, 0, sizeof(self));
	if (getrusage(RUSAGE_CHILDREN, &kids) < 0)
		memset(&kids, 0, sizeof(kids));
	proc_stats_tv(&self.ru_utime, su, sizeof(su));
	proc_stats_tv(&self.ru_stime, ss, sizeof(ss));
	proc_stats_tv(&kids.ru_utime, cu, sizeof(cu));
	proc_stats_tv(&kids.ru_stime, cs, sizeof(cs));
	log_info("CPU usage (self/children) user: %s/%s system: %s/%s",
		 su, cu, ss, cs);
	log_info("Stopped Keepalived v%s", PACKAGE_VERSION);
}
