/*
 * `loudong serve`: load and validate everything, open the database pool,
 * bind, drop root, serve until SIGINT or SIGTERM, then finish the requests
 * in flight and exit.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <pthread.h>

#include "api/api.h"
#include "app/app.h"
#include "app/app_int.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "crypto/openpgp.h"
#include "domain/grade.h"
#include "http/router.h"
#include "http/server.h"
#include "media/sniff.h"
#include "net/smtp.h"
#include "store/store.h"
#include "core/arena.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
#include "web/web.h"

/* Give the data directory and what is in it (one level deep) to uid:gid. */
static int
chown_data(const char *dir, uid_t uid, gid_t gid)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[1200];
	int		 rc = 0;

	if (chown(dir, uid, gid) != 0)
		return -1;
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (chown(path, uid, gid) != 0)
			rc = -1;
		if ((strcmp(de->d_name, "keys") == 0 || strcmp(de->d_name, "openpgp") == 0) &&
		    chown_data(path, uid, gid) != 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

/*
 * Running as root: hand the data directory to the service user before the
 * database files are opened, so that files SQLite creates later (-wal,
 * -shm) stay writable after the switch.
 */
static int
prepare_drop(const struct config *cfg, struct passwd **pw)
{
	*pw = NULL;
	if (geteuid() != 0)
		return 0;
	if (cfg->user[0] == '\0') {
		log_warnx("event=privileges msg=\"running as root: set [server] user\"");
		return 0;
	}
	errno = 0;
	if ((*pw = getpwnam(cfg->user)) == NULL) {
		fprintf(stderr, "loudong: [server] user '%s' does not exist on this system\n",
		    cfg->user);
		return -1;
	}
	if (chown_data(cfg->data_dir, (*pw)->pw_uid, (*pw)->pw_gid) != 0) {
		fprintf(stderr, "loudong: cannot give '%s' to user '%s': %s\n",
		    cfg->data_dir, cfg->user, strerror(errno));
		return -1;
	}
	return 0;
}

static int
drop_privileges(const struct passwd *pw)
{
	if (pw == NULL)
		return 0;
	if (setgroups(1, &pw->pw_gid) != 0 ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0) {
		fprintf(stderr, "loudong: cannot switch to user '%s': %s\n",
		    pw->pw_name, strerror(errno));
		return -1;
	}
	/* Make sure there is no way back. */
	if (setuid(0) == 0) {
		fprintf(stderr, "loudong: still able to regain root; refusing to serve\n");
		return -1;
	}
	log_info("event=privileges user=%s uid=%u", pw->pw_name, (unsigned)pw->pw_uid);
	return 0;
}

int
app_serve(const char *data_dir, const char *listen_addr)
{
	struct config		 cfg;
	struct keyring		*keys = NULL;
	struct store_pool	*pool = NULL;
	struct store		*intake = NULL;
	struct sched_worker	*sched = NULL;
	struct router		*router = NULL;
	struct server		*srv = NULL;
	struct passwd		*pw = NULL;
	struct outbox_worker	*outbox = NULL;
	struct gbt_tables	*grading = NULL;
	struct calendar		*calendar = NULL;
	struct route_table	 tables[API_MAX_TABLES + 15];
	struct server_hooks	 hooks = { web_error_page };
	sigset_t		 sigs;
	size_t			 nt;
	char			 err[512], dbpath[1100];
	int			 sig, rc = 1;

	if (app_load_config(data_dir, true, &cfg) != 0)
		return 1;
	if (listen_addr != NULL && config_set(&cfg, "server", "listen", listen_addr, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "loudong: --listen: %s\n", err);
		return 2;
	}
	if (prepare_drop(&cfg, &pw) != 0)
		return 1;
	/* The magic database is read before privileges are dropped. */
	if (net_init() != 0 || sniff_init() != 0) {
		fprintf(stderr, "loudong: cannot load the libmagic database\n");
		return 1;
	}
	if ((keys = crypto_keys_load(data_dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);	/* gpgme and libcurl write to pipes and sockets */
	/* GB/T 30279 grading: the official tables when the operator has them. */
	if (cfg.grading_tables_file[0] != '\0') {
		if ((grading = app_load_tables(&cfg, err, sizeof(err))) == NULL) {
			fprintf(stderr, "loudong: %s\n", err);
			goto out;
		}
		gbt_tables_use(grading);
		log_info("event=grading_tables version=\"%s\" sha256=%s",
		    gbt_tables_version(grading), gbt_tables_sha256(grading));
	}
	/* The working-day calendar (R26): an updated holidays file when set. */
	if (cfg.holidays_file[0] != '\0') {
		if ((calendar = app_load_calendar(&cfg, err, sizeof(err))) == NULL) {
			fprintf(stderr, "loudong: %s\n", err);
			goto out;
		}
		calendar_set_current(calendar);
	}
	log_info("event=calendar version=\"%s\" years=%d-%d",
	    calendar_version(calendar_current()), calendar_first_year(calendar_current()),
	    calendar_last_year(calendar_current()));
	app_db_path(&cfg, dbpath, sizeof(dbpath));
	/* One connection for each thread that runs requests: workers and network threads. */
	if ((pool = store_pool_open(dbpath, cfg.threads + server_io_threads(&cfg),
	    cfg.busy_timeout_ms, err, sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		goto out;
	}
	/*
	 * The platform's 备案 as it stands, for every page's footer and the
	 * intake gate (办法 第五条, 第八条), before the first request.
	 */
	{
		struct store	*st = store_pool_get(pool);
		struct arena	*a = arena_new();
		struct svc_ctx	 c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, keys };
		enum app_err	 er = svc_pfiling_load(&c);

		arena_free(a);
		store_pool_put(pool, st);
		if (er != APP_OK) {
			fprintf(stderr, "loudong: cannot read the platform's filing: %s\n",
			    app_strerror(er));
			goto out;
		}
	}
	nt = api_tables(tables);
	tables[nt++] = (struct route_table){ web_routes, web_nroutes };
	tables[nt++] = (struct route_table){ case_routes, case_nroutes };
	tables[nt++] = (struct route_table){ clock_web_routes, clock_web_nroutes };
	tables[nt++] = (struct route_table){ submission_web_routes, submission_web_nroutes };
	tables[nt++] = (struct route_table){ unotice_web_routes, unotice_web_nroutes };
	tables[nt++] = (struct route_table){ public_web_routes, public_web_nroutes };
	tables[nt++] = (struct route_table){ advisory_web_routes, advisory_web_nroutes };
	tables[nt++] = (struct route_table){ disclosure_web_routes, disclosure_web_nroutes };
	tables[nt++] = (struct route_table){ complaint_web_routes, complaint_web_nroutes };
	tables[nt++] = (struct route_table){ filing_web_routes, filing_web_nroutes };
	tables[nt++] = (struct route_table){ pfiling_web_routes, pfiling_web_nroutes };
	tables[nt++] = (struct route_table){ unit_web_routes, unit_web_nroutes };
	tables[nt++] = (struct route_table){ stats_web_routes, stats_web_nroutes };
	tables[nt++] = (struct route_table){ warning_web_routes, warning_web_nroutes };
	tables[nt++] = (struct route_table){ dispute_web_routes, dispute_web_nroutes };
	router = router_new(tables, nt);

	/* Workers inherit this mask; only the main thread takes the signals. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	/* Reports are written by the intake writer, on a connection of its own. */
	if ((intake = app_open_store(&cfg)) == NULL)
		goto out;
	if (svc_intake_start(intake) != 0) {
		fprintf(stderr, "loudong: cannot start the intake writer\n");
		goto out;
	}
	if ((srv = server_start(&cfg, pool, keys, router, &hooks, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		goto out;
	}
	/* Mail and federation on the outbox worker, the clocks on the scheduler. */
	if ((outbox = outbox_open(&cfg, keys)) == NULL || (sched = sched_open(&cfg, keys)) == NULL)
		goto out;
	if (drop_privileges(pw) != 0)
		goto out;
	/* The signing key's home belongs to whoever signs: after the switch. */
	if (app_openpgp(&cfg) != 0)
		goto out;
	/* The worker threads start only once nothing runs as root. */
	if (outbox_run(outbox) != 0 || sched_run(sched) != 0) {
		fprintf(stderr, "loudong: cannot start the outbox worker or the scheduler\n");
		goto out;
	}
	log_info("event=listening role=%s addr=%s port=%u url=\"http://%s:%u/\"",
	    config_role_name(cfg.role), cfg.listen_host, server_port(srv),
	    cfg.listen_host, server_port(srv));
	/* Tests and scripts read the port from this line on stdout. */
	printf("loudong: serving on http://%s:%u/ (Ctrl-C to stop)\n",
	    cfg.listen_host, server_port(srv));
	fflush(stdout);
	if (sigwait(&sigs, &sig) != 0)
		goto out;
	log_info("event=shutdown signal=%d", sig);
	rc = 0;
out:
	sched_stop(sched);
	{
		char home[600];

		/* The signing agent gpgme started for this home ends with the server. */
		snprintf(home, sizeof home, "%s/openpgp", data_dir);
		pgp_agent_stop(home);
	}
	outbox_stop(outbox);
	server_stop(srv);
	svc_intake_stop();	/* after the last request: it writes what is queued */
	store_close(intake);
	router_free(router);
	store_pool_free(pool);
	gbt_tables_use(NULL);
	gbt_tables_free(grading);
	calendar_set_current(NULL);
	calendar_free(calendar);
	crypto_keys_free(keys);
	sniff_cleanup();
	net_cleanup();
	return rc;
}

int
app_openpgp(const struct config *cfg)
{
	char	home[600], uid[600], fpr[PGP_FPR_MAX];

	snprintf(home, sizeof home, "%s/openpgp", cfg->data_dir);
	snprintf(uid, sizeof uid, "%s (CSAF) <%s>", cfg->name,
	    cfg->mail_from[0] != '\0' && strchr(cfg->mail_from, '<') == NULL ?
	    cfg->mail_from : "csaf@localhost");
	if (pgp_ensure_key(home, uid, cfg->openpgp_key_file[0] != '\0' ?
	    cfg->openpgp_key_file : NULL, fpr) != APP_OK) {
		fprintf(stderr, "loudong: no OpenPGP key for signing CSAF documents in %s "
		    "(see [advisories] openpgp_key_file)\n", home);
		return -1;
	}
	log_info("event=openpgp_key fingerprint=%s", fpr);
	return 0;
}
