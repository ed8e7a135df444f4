#include <string.h>

#include "core/embed.h"

const struct embed_file *
embed_find(const struct embed_file *table, const char *name)
{
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
