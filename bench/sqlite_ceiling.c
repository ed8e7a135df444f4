/*
 * The ceiling of durable commits on one disk, to compare intake against.
 *
 *   ceiling DIR [THREADS [SECONDS [BYTES]]]     (defaults: 1 thread, 10 s, 1024 B)
 *
 * Creates DIR/ceiling.db (removed first if present) with the server's
 * settings (journal_mode=WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout 5000 ms), then THREADS threads, each with its own connection,
 * repeat for SECONDS: BEGIN IMMEDIATE; INSERT one row (a text id and a BYTES
 * blob, roughly a report row); COMMIT.  One durable commit (one WAL fsync)
 * per row, which is what the server does per report.  Prints one line:
 *
 *   ceiling threads=T seconds=S commits=N errors=E commits_per_s=R p50_ms=A p99_ms=B max_ms=C
 *
 * Latency is BEGIN to COMMIT returned, so it includes waiting for the write
 * lock behind the other threads.  Build:
 *   cc -O2 -o ceiling bench/sqlite_ceiling.c -lsqlite3 -lpthread
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define BUSY_MS	5000

struct worker {
	pthread_t	 th;
	int		 no;		/* thread number */
	const char	*path;		/* the database */
	double		 deadline;	/* CLOCK_MONOTONIC seconds */
	size_t		 bytes;		/* blob size */
	double		*lat;		/* commit latencies, ms */
	size_t		 n, cap;	/* in lat */
	long		 errors;	/* failed transactions */
	int		 failed;	/* could not open or prepare */
};

static pthread_barrier_t	ready, go;	/* all connections open; clock started */

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
exec(sqlite3 *db, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "ceiling: %s: %s\n", sql, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static sqlite3 *
open_db(const char *path)
{
	sqlite3	*db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		fprintf(stderr, "ceiling: cannot open %s: %s\n", path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, BUSY_MS);
	/* The same pragmas as src/store/sqlite.c:store_open. */
	if (exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
	    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;") != 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* xorshift64: incompressible-looking filler, different per row. */
static void
fill(unsigned char *p, size_t n, uint64_t *s)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		*s ^= *s << 13;
		*s ^= *s >> 7;
		*s ^= *s << 17;
		p[i] = (unsigned char)*s;
	}
}

static void *
run(void *arg)
{
	struct worker	*w = arg;
	sqlite3		*db;
	sqlite3_stmt	*ins = NULL, *begin = NULL, *commit = NULL;
	unsigned char	*blob;
	char		 id[64];
	uint64_t	 seed = 0x9e3779b97f4a7c15ULL * (uint64_t)(w->no + 1);
	long long	 seq = 0;
	double		 t0;

	blob = malloc(w->bytes > 0 ? w->bytes : 1);
	if (blob == NULL || (db = open_db(w->path)) == NULL) {
		w->failed = 1;
		free(blob);
		pthread_barrier_wait(&ready);
		pthread_barrier_wait(&go);
		return NULL;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO rows (id, at, body) VALUES (?1, ?2, ?3)",
	    -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) != SQLITE_OK) {
		fprintf(stderr, "ceiling: prepare: %s\n", sqlite3_errmsg(db));
		w->failed = 1;
	}
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&go);	/* deadline is set between the two */
	while (!w->failed && (t0 = now_s()) < w->deadline) {
		int	ok;

		snprintf(id, sizeof(id), "T%02d-%08lld", w->no, ++seq);
		fill(blob, w->bytes, &seed);
		ok = sqlite3_step(begin) == SQLITE_DONE;
		sqlite3_reset(begin);
		if (ok) {
			sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 2, (sqlite3_int64)(t0 * 1000));
			sqlite3_bind_blob(ins, 3, blob, (int)w->bytes, SQLITE_STATIC);
			ok = sqlite3_step(ins) == SQLITE_DONE;
			sqlite3_reset(ins);
		}
		if (ok) {
			ok = sqlite3_step(commit) == SQLITE_DONE;
			sqlite3_reset(commit);
		}
		if (!ok) {
			if (w->errors++ == 0)
				fprintf(stderr, "ceiling: thread %d: %s\n", w->no,
				    sqlite3_errmsg(db));
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			continue;
		}
		if (w->n == w->cap) {
			size_t	 cap = w->cap ? w->cap * 2 : 4096;
			double	*p = realloc(w->lat, cap * sizeof(*p));

			if (p == NULL) {
				w->failed = 1;
				break;
			}
			w->lat = p;
			w->cap = cap;
		}
		w->lat[w->n++] = (now_s() - t0) * 1000.0;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	free(blob);
	return NULL;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted v[0..n). */
static double
pct(const double *v, size_t n, double p)
{
	size_t	k;

	if (n == 0)
		return 0;
	k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

static long
arg_long(const char *s, const char *what, long lo, long hi)
{
	char	*end;
	long	 v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "ceiling: bad %s '%s' (%ld..%ld)\n", what, s, lo, hi);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct worker	*w;
	sqlite3		*db;
	char		 path[4096], side[4200];
	double		*all, t0, elapsed;
	size_t		 n = 0, bytes = 1024;
	long		 errors = 0;
	int		 threads = 1, seconds = 10, i, failed = 0;

	if (argc < 2 || argc > 5) {
		fprintf(stderr, "usage: ceiling DIR [THREADS [SECONDS [BYTES]]]\n");
		return 2;
	}
	if (argc > 2)
		threads = (int)arg_long(argv[2], "thread count", 1, 256);
	if (argc > 3)
		seconds = (int)arg_long(argv[3], "duration", 1, 3600);
	if (argc > 4)
		bytes = (size_t)arg_long(argv[4], "row size", 0, 1 << 20);
	if ((size_t)snprintf(path, sizeof(path), "%s/ceiling.db", argv[1]) >= sizeof(path))
		return 2;
	/* A fresh file each run: no pages or WAL left from an earlier one. */
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	if ((db = open_db(path)) == NULL)
		return 1;
	if (exec(db, "CREATE TABLE rows (id TEXT PRIMARY KEY, at INTEGER NOT NULL, "
	    "body BLOB NOT NULL) STRICT") != 0)
		return 1;

	w = calloc((size_t)threads, sizeof(*w));
	if (w == NULL)
		return 1;
	pthread_barrier_init(&ready, NULL, (unsigned)threads + 1);
	pthread_barrier_init(&go, NULL, (unsigned)threads + 1);
	for (i = 0; i < threads; i++) {
		w[i].no = i;
		w[i].path = path;
		w[i].bytes = bytes;
	}
	for (i = 0; i < threads; i++)
		if (pthread_create(&w[i].th, NULL, run, &w[i]) != 0) {
			fprintf(stderr, "ceiling: cannot start thread %d\n", i);
			return 1;
		}
	/* The clock starts once every connection is open; the barrier orders the writes. */
	pthread_barrier_wait(&ready);
	t0 = now_s();
	for (i = 0; i < threads; i++)
		w[i].deadline = t0 + seconds;
	pthread_barrier_wait(&go);
	for (i = 0; i < threads; i++)
		pthread_join(w[i].th, NULL);
	elapsed = now_s() - t0;
	sqlite3_close(db);

	for (i = 0; i < threads; i++) {
		n += w[i].n;
		errors += w[i].errors;
		failed |= w[i].failed;
	}
	if (failed) {
		fprintf(stderr, "ceiling: a worker failed to start\n");
		return 1;
	}
	all = malloc((n ? n : 1) * sizeof(*all));
	if (all == NULL)
		return 1;
	n = 0;
	for (i = 0; i < threads; i++) {
		memcpy(all + n, w[i].lat, w[i].n * sizeof(*all));
		n += w[i].n;
		free(w[i].lat);
	}
	qsort(all, n, sizeof(*all), cmp_double);
	printf("ceiling threads=%d seconds=%.2f commits=%zu errors=%ld "
	    "commits_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
	    threads, elapsed, n, errors, (double)n / elapsed,
	    pct(all, n, 50), pct(all, n, 99), n ? all[n - 1] : 0.0);
	free(all);
	free(w);
	pthread_barrier_destroy(&ready);
	pthread_barrier_destroy(&go);
	return 0;
}
