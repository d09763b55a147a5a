/*
 * memory.c: allocation helpers. Out of memory ends the process with status
 * 1, as keepalived does; this file deliberately does not use log.c so that
 * it can report even when logging itself cannot allocate.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "memory.h"

/* Only a count: a lock-free int is enough in these single-threaded
 * processes, and tests read it to check that an operation freed
 * everything it allocated. */
static long live_allocations;

static void out_of_memory(size_t size)
{
	fprintf(stderr, "Keepalived: out of memory allocating %zu bytes, exiting\n",
		size);
	syslog(LOG_ERR, "out of memory allocating %zu bytes, exiting", size);
	exit(1);
}

void *mem_zalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		out_of_memory(size);
	live_allocations++;
	return p;
}

void *mem_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return mem_zalloc(n * size);
}

void *mem_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory(size);
	if (!ptr)
		live_allocations++;
	return p;
}

void *mem_reallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return mem_realloc(ptr, n * size);
}

char *mem_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = mem_zalloc(len + 1);

	memcpy(p, s, len);
	return p;
}

char *mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}

char *mem_asprintf(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *p;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		out_of_memory(0);
	p = mem_zalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

void mem_free_ptr(void *pptr)
{
	void **pp = pptr;

	if (!pp || !*pp)
		return;
	free(*pp);
	*pp = NULL;
	live_allocations--;
}

long mem_live_count(void)
{
	return live_allocations;
}
