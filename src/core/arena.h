#ifndef LOUDONG_CORE_ARENA_H
#define LOUDONG_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A region allocator: many allocations, one release.  Each HTTP request owns
 * one (created with the request, freed when MHD reports it completed), and
 * everything the request parses, loads or renders lives in it; handlers never
 * free().  Allocation aborts on out-of-memory, so it never returns NULL.
 * Not thread-safe: an arena belongs to one thread at a time.
 */
struct arena;

/* A new empty arena.  Release with arena_free(). */
struct arena	*arena_new(void);

/* Release every allocation and the arena itself.  Accepts NULL. */
void		 arena_free(struct arena *a);

/* n bytes aligned for any type, uninitialised. */
void		*arena_alloc(struct arena *a, size_t n);

/* n bytes, zeroed. */
void		*arena_zalloc(struct arena *a, size_t n);

/* nmemb * size bytes, zeroed, with overflow checked (aborts on overflow). */
void		*arena_calloc(struct arena *a, size_t nmemb, size_t size);

/* Copies of strings; the result is always NUL-terminated. */
char		*arena_strdup(struct arena *a, const char *s);
char		*arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char		*arena_printf(struct arena *a, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *a, const char *fmt, va_list ap)
		    __attribute__((format(printf, 2, 0)));

/* Total bytes handed out so far (for limits and tests). */
size_t		 arena_used(const struct arena *a);

#define ARENA_NEW(a, type)	((type *)arena_zalloc((a), sizeof(type)))

#endif
