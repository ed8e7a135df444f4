#ifndef LOUDONG_CORE_PUBGEN_H
#define LOUDONG_CORE_PUBGEN_H

/*
 * The generation of public content: a counter that changes whenever
 * something public changes (an advisory published, updated or withdrawn).
 * Caches of public pages, feeds and documents are valid while it stays the
 * same, so an unchanged public read costs no database round trip.  Within
 * the process svc/publication.c bumps it after each commit; a change made
 * by another process (the CLI) is seen through the database's meta
 * public_gen, which the server polls (app/sched.c).
 */
#include <stdint.h>

uint64_t	pubgen_get(void);
void		pubgen_bump(void);

#endif
