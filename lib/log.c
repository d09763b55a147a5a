/*
 * log.c: formats each line once, then hands it to syslog and/or writes it
 * to the console with a timestamp. All of the process-wide logging state
 * is the one struct below; syslog itself is process-wide anyway.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>

#include "log.h"
#include "memory.h"

/* Longer lines are cut and end with LOG_TRUNC_MARK. */
#define LOG_LINE_MAX 1024
#define LOG_TRUNC_MARK "..."

static struct {
	const char *ident;
	int facility;
	unsigned flags;
	FILE *console;		/* NULL: stderr */
	FILE *file;		/* -g; NULL: none */
	bool syslog_open;
} log_state = {
	/* Until log_open(), lines go to stderr so early errors are seen. */
	.ident = "Keepalived",
	.facility = LOG_DAEMON,
	.flags = LOG_FLAG_CONSOLE,
};

static void syslog_reopen(void)
{
	if (log_state.syslog_open)
		closelog();
	log_state.syslog_open = false;
	if (log_state.flags & LOG_FLAG_SYSLOG) {
		openlog(log_state.ident, LOG_PID, log_state.facility);
		log_state.syslog_open = true;
	}
}

void log_open(const struct log_opts *opts)
{
	log_state.ident = opts->ident ? opts->ident : "Keepalived";
	log_state.facility = opts->facility;
	log_state.flags = opts->flags;
	log_state.console = opts->console;
	log_state.file = opts->file;
	syslog_reopen();
}

/* Back to the state before log_open(), which forgets the caller's console
 * stream: the caller may close it next. */
void log_close(void)
{
	if (log_state.syslog_open)
		closelog();
	if (log_state.console)
		fflush(log_state.console);
	if (log_state.file)
		fflush(log_state.file);
	log_state.file = NULL;
	log_state.syslog_open = false;
	log_state.ident = "Keepalived";
	log_state.facility = LOG_DAEMON;
	log_state.flags = LOG_FLAG_CONSOLE;
	log_state.console = NULL;
}

void log_set_ident(const char *ident)
{
	log_state.ident = ident;
	if (log_state.syslog_open)
		syslog_reopen();
}

unsigned log_get_flags(void)
{
	return log_state.flags;
}

int log_facility_parse(const char *s, int *facility)
{
	static const int locals[] = {
		LOG_LOCAL0, LOG_LOCAL1, LOG_LOCAL2, LOG_LOCAL3,
		LOG_LOCAL4, LOG_LOCAL5, LOG_LOCAL6, LOG_LOCAL7,
	};
	const char *digit = s;

	if (!s)
		return -EINVAL;
	if (!strcasecmp(s, "user")) {
		*facility = LOG_USER;
		return 0;
	}
	if (!strcasecmp(s, "daemon")) {
		*facility = LOG_DAEMON;
		return 0;
	}
	if (!strncasecmp(s, "local", 5))
		digit = s + 5;
	if (digit[0] < '0' || digit[0] > '7' || digit[1])
		return -EINVAL;
	*facility = locals[digit[0] - '0'];
	return 0;
}

/* Cuts an over-long line so that its end shows it was cut. */
static void mark_truncated(char *line, size_t size)
{
	size_t mark = sizeof(LOG_TRUNC_MARK) - 1;

	memcpy(line + size - 1 - mark, LOG_TRUNC_MARK, mark);
	line[size - 1] = '\0';
}

static void __attribute__((format(printf, 3, 0)))
format_line(char *line, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(line, size, fmt, ap);

	if (n < 0)
		snprintf(line, size, "(unprintable log line: %s)", fmt);
	else if ((size_t)n >= size)
		mark_truncated(line, size);
}

static void stamped_write(FILE *out, const char *line, bool flush)
{
	struct tm tm;
	char stamp[64];
	time_t now = time(NULL);

	if (!localtime_r(&now, &tm) ||
	    !strftime(stamp, sizeof(stamp), "%a %b %e %H:%M:%S %Y", &tm))
		stamp[0] = '\0';
	fprintf(out, "%s: %s\n", stamp, line);
	if (flush)
		fflush(out);
}

static void emit(int prio, const char *line)
{
	if ((log_state.flags & LOG_FLAG_SYSLOG) && log_state.syslog_open)
		syslog(prio, "%s", line);
	if (log_state.flags & LOG_FLAG_CONSOLE)
		stamped_write(log_state.console ? log_state.console : stderr,
			      line, true);
	if (log_state.file)
		stamped_write(log_state.file, line,
			      log_state.flags & LOG_FLAG_FILE_FLUSH);
}

char *log_file_name(const char *path, const char *tag)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	size_t stem = dot ? (size_t)(dot - path) : strlen(path);

	return mem_asprintf("%.*s_%s%s", (int)stem, path, tag, dot ? dot : "");
}

/* Logging leaves errno as it found it, so that a caller may log and then
 * return -errno. */
static void __attribute__((format(printf, 2, 0)))
vlog(int prio, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	char line[LOG_LINE_MAX];

	format_line(line, sizeof(line), fmt, ap);
	emit(prio, line);
	errno = saved_errno;
}

void log_warn(const char *fmt, ...)
{
	int saved_errno = errno;
	char line[LOG_LINE_MAX];
	char full[LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	format_line(line, sizeof(line), fmt, ap);
	va_end(ap);
	if ((size_t)snprintf(full, sizeof(full), "%s: %s", line,
			     strerror(saved_errno)) >= sizeof(full))
		mark_truncated(full, sizeof(full));
	emit(LOG_WARNING, full);
	errno = saved_errno;
}

void log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}

void log_detail(const char *fmt, ...)
{
	va_list ap;

	if (!(log_state.flags & LOG_FLAG_DETAIL))
		return;
	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!(log_state.flags & LOG_FLAG_DEBUG))
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void log_fatalx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap);
	va_end(ap);
	exit(status);
}

static uint64_t monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

void log_warnx_limited(struct ratelimit *rl, const char *fmt, ...)
{
	unsigned missed = 0;
	va_list ap;

	if (rl && !ratelimit_allow(rl, monotonic_us(), &missed))
		return;
	if (missed)
		log_warnx("%u similar message%s suppressed", missed,
			  missed == 1 ? "" : "s");
	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap);
	va_end(ap);
}
