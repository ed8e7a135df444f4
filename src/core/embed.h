#ifndef LOUDONG_CORE_EMBED_H
#define LOUDONG_CORE_EMBED_H

#include <stddef.h>

/*
 * A file compiled into the binary by cmake/embed.cmake.  Tables end with an
 * entry whose name is NULL.  data is followed by one NUL byte not counted in
 * len, so text files can be used as C strings.
 */
struct embed_file {
	const char		*name;	/* path relative to the embedded folder */
	const unsigned char	*data;	/* the bytes, NUL-terminated */
	size_t			 len;	/* length without the NUL */
};

/* Find name in table; NULL if absent. */
const struct embed_file *embed_find(const struct embed_file *table, const char *name);

#endif
