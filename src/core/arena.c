#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/xalloc.h"

/*
 * Blocks grow geometrically from ARENA_FIRST up to ARENA_MAXBLOCK; a request
 * larger than a block gets a block of its own, so one big body does not
 * waste the rest of the current block.
 */
#define ARENA_FIRST	4096
#define ARENA_MAXBLOCK	(256 * 1024)
#define ARENA_ALIGN	(sizeof(max_align_t))

struct arena_block {
	struct arena_block	*next;	/* older blocks */
	size_t			 size;	/* usable bytes in data */
	size_t			 used;	/* bytes handed out */
	max_align_t		 data[];	/* the memory */
};

struct arena {
	struct arena_block	*head;	/* current block, newest first */
	size_t			 next_size;	/* size of the next block */
	size_t			 total;	/* bytes handed out */
};

static struct arena_block *
block_new(size_t size)
{
	struct arena_block	*b;

	if (size > SIZE_MAX - sizeof(*b)) {
		fprintf(stderr, "fatal: arena block size overflow\n");
		abort();
	}
	b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new(void)
{
	struct arena	*a;

	a = xcalloc(1, sizeof(*a));
	a->next_size = ARENA_FIRST;
	return a;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 need;
	void			*p;

	if (n > SIZE_MAX - ARENA_ALIGN) {
		fprintf(stderr, "fatal: arena allocation overflow\n");
		abort();
	}
	need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	b = a->head;
	if (b == NULL || b->size - b->used < need) {
		if (need > a->next_size / 2) {
			/* A big allocation: its own block, behind the current one. */
			b = block_new(need);
			if (a->head != NULL) {
				b->next = a->head->next;
				a->head->next = b;
			} else
				a->head = b;
		} else {
			b = block_new(a->next_size);
			b->next = a->head;
			a->head = b;
			if (a->next_size < ARENA_MAXBLOCK)
				a->next_size *= 2;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	a->total += n;
	return p;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void	*p;

	p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size) {
		fprintf(stderr, "fatal: arena_calloc overflow\n");
		abort();
	}
	return arena_zalloc(a, nmemb * size);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;
	char	*p;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		fprintf(stderr, "fatal: arena_vprintf: bad format\n");
		abort();
	}
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}
