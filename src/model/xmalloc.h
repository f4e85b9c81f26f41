/* Allocation that never returns NULL: out-of-memory aborts here, in one place. */
#ifndef KAOPING_MODEL_XMALLOC_H
#define KAOPING_MODEL_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);       /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
