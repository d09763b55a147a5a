/*
 * memory.h: allocation that never returns NULL. Running out of memory is
 * not something a daemon can recover from mid-operation; keepalived exits
 * with status 1 in that case and so do we, after saying so.
 *
 * Allocations are zeroed. mem_free() takes the address of the pointer,
 * frees it and sets it to NULL, and accepts a NULL pointer.
 */
#ifndef KA_MEMORY_H
#define KA_MEMORY_H

#include <stddef.h>

void *mem_zalloc(size_t size);
/* n * size, checked for overflow. */
void *mem_calloc(size_t n, size_t size);
void *mem_realloc(void *ptr, size_t size);
/* Grows an array to hold n elements of size bytes, checked for overflow. */
void *mem_reallocarray(void *ptr, size_t n, size_t size);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
char *mem_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mem_free_ptr(void *pptr);

#define mem_new(type) ((type *)mem_zalloc(sizeof(type)))
#define mem_free(pp) mem_free_ptr(pp)

/* Live allocations made through this module, for leak checks in tests. */
long mem_live_count(void);

#endif
