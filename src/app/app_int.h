#ifndef LOUDONG_APP_APP_INT_H
#define LOUDONG_APP_APP_INT_H

#include <stdbool.h>
#include <stddef.h>

struct config;
struct store;

/* Defaults, DIR/loudong.conf, environment; prints the problem.  0 or -1. */
int		 app_load_config(const char *data_dir, bool must_exist, struct config *cfg);
/* The database path: [database] path, relative to the data directory. */
void		 app_db_path(const struct config *cfg, char *buf, size_t size);
/* Open and migrate; prints the problem and returns NULL on failure. */
struct store	*app_open_store(const struct config *cfg);

#endif
