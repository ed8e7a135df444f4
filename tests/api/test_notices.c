/*
 * In-app notices and vendors that do not answer (issue 5): a vendor member
 * lists their notices and marks one seen (someone else's is not found), and
 * seeing the notice of a case records the vendor's first look on the case;
 * `loudong deadlines run` marks a vendor that has not answered within
 * [deadlines] vendor_response as unresponsive (once: its clock is missed),
 * flags the case, writes the timeline and the audit log, tells the staff
 * and mails the coordinators, and leaves a vendor that answered alone
 * (Art. 7(1), R34).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "smtpd.h"

#define DAY	86400
#define TITLE	"SECRET-TITLE overflow in the router"

/* Add an organisation with the CLI. */
static void
org_add(struct srv *s, const char *slug, const char *name)
{
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "org", "add",
	    "--data-dir", s->dir, "--slug", slug, "--name", name, "--kind", "provider",
	    "--country", "CN", NULL }), 0);
}

/* `loudong user add` with an e-mail (srv_user_add has none). */
static void
user_add_email(struct srv *s, const char *login, const char *role, const char *email)
{
	char	in[128];

	snprintf(in, sizeof(in), "%s\n", TEST_PASSWORD);
	assert_int_equal(srv_cli(s, in, NULL, 0, (const char *[]){ "user", "add",
	    "--data-dir", s->dir, "--login", login, "--role", role, "--email", email,
	    "--password-stdin", NULL }), 0);
}

/* Submit a report as rita and accept it into a new case as tom; the case id into id. */
static void
new_case(struct srv *s, const struct cred *rita, const struct cred *tom, char id[64])
{
	struct resp	*r;
	char		 path[96], rid[32];

	r = api(s, "POST", "/api/v1/reports", rita, "{\"title\":\"" TITLE "\","
	    "\"kind\":\"generic\",\"vendor\":\"Acme\",\"product\":\"Router\","
	    "\"description\":\"SECRET-DETAIL\"}", NULL);
	assert_status(r, 201);
	snprintf(rid, sizeof(rid), "%s", resp_jstr(r, "id"));
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/reports/%s/triage", rid);
	r = api(s, "POST", path, tom, "{\"decision\":\"accept\"}", NULL);
	assert_status(r, 200);
	snprintf(id, 64, "%s", resp_jstr(r, "case"));
	resp_free(r);
}

/* Bring org into the case and notify it, as who. */
static void
vendor_in(struct srv *s, const struct cred *who, const char *case_id, const char *org)
{
	struct resp	*r;
	char		 path[160], body[64];

	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
	snprintf(body, sizeof(body), "{\"org\":\"%s\"}", org);
	r = api(s, "POST", path, who, body, NULL);
	assert_status(r, 201);
	resp_free(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/%s/notify", case_id, org);
	r = api(s, "POST", path, who, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

/* who's notices (query: "" or "?unseen=1"); caller frees *r. */
static json_t *
notices(struct srv *s, const struct cred *who, const char *query, struct resp **r)
{
	char	path[96];
	json_t	*items;

	snprintf(path, sizeof(path), "/api/v1/notices%s", query);
	*r = api(s, "GET", path, who, NULL, NULL);
	assert_status(*r, 200);
	items = json_object_get(resp_json(*r), "items");
	assert_true(json_is_array(items));
	return items;
}

static struct resp *
seen(struct srv *s, const struct cred *who, long long id)
{
	char	path[96];

	snprintf(path, sizeof(path), "/api/v1/notices/%lld/seen", id);
	return api(s, "POST", path, who, NULL, NULL);
}

/* How many timeline events of a case are `event` with detail `detail`. */
static int
events(struct srv *s, const struct cred *who, const char *case_id, const char *event,
    const char *detail)
{
	struct resp	*r;
	json_t		*e;
	char		 path[128];
	size_t		 i;
	int		 n = 0;

	snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
	r = api(s, "GET", path, who, NULL, NULL);
	assert_status(r, 200);
	json_array_foreach(json_object_get(resp_json(r), "items"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "event")), event) == 0 &&
		    strcmp(json_string_value(json_object_get(e, "detail")), detail) == 0)
			n++;
	resp_free(r);
	return n;
}

/* The vendor row of org as who sees it; caller frees *r. */
static json_t *
vendor_row(struct srv *s, const struct cred *who, const char *case_id, const char *org,
    struct resp **r)
{
	char	path[128];
	json_t	*v;
	size_t	i;

	snprintf(path, sizeof(path), "/api/v1/cases/%s", case_id);
	*r = api(s, "GET", path, who, NULL, NULL);
	assert_status(*r, 200);
	json_array_foreach(json_object_get(resp_json(*r), "vendors"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "org")), org) == 0)
			return v;
	fail_msg("no vendor %s in %s", org, case_id);
	return NULL;
}

static void
test_notices__list_seen_and_vendor_seen(void **state)
{
	struct srv	*s = *state;
	struct cred	 rita = { 0 }, tom = { 0 }, vera = { 0 }, val = { 0 }, bob = { 0 };
	struct cred	 admin = { 0 };
	struct resp	*r;
	json_t		*items, *o, *v;
	char		 case_id[64], subject[96];
	long long	 id, id2;

	srv_init(s);
	org_add(s, "acme", "Acme Networks");
	org_add(s, "beta", "Beta Devices");
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "vera", "vendor", "acme", NULL, TEST_PASSWORD);
	srv_user_add(s, "val", "vendor", "acme", NULL, TEST_PASSWORD);
	srv_user_add(s, "bob", "vendor", "beta", NULL, TEST_PASSWORD);
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));
	srv_token_create(s, "vera", vera.bearer, sizeof(vera.bearer));
	srv_token_create(s, "val", val.bearer, sizeof(val.bearer));
	srv_token_create(s, "bob", bob.bearer, sizeof(bob.bearer));
	srv_start(s, NULL);
	srv_admin_session(s, "admin password for the notices test", &admin);

	/* Only a logged-in account has notices. */
	r = api(s, "GET", "/api/v1/notices", NULL, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	items = notices(s, &vera, "", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);

	new_case(s, &rita, &tom, case_id);
	vendor_in(s, &tom, case_id, "acme");
	snprintf(subject, sizeof(subject), "case:%s", case_id);

	/* Each acme member is told: the case id and what happened, no details. */
	items = notices(s, &vera, "?unseen=1", &r);
	assert_int_equal(json_array_size(items), 1);
	o = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "vendor_notified");
	assert_string_equal(json_string_value(json_object_get(o, "subject")), subject);
	assert_true(json_is_null(json_object_get(o, "seen_at")));
	assert_false(json_is_null(json_object_get(o, "created_at")));
	assert_not_contains(r->body, "SECRET");
	id = (long long)json_integer_value(json_object_get(o, "id"));
	resp_free(r);
	items = notices(s, &val, "", &r);
	assert_int_equal(json_array_size(items), 1);
	id2 = (long long)json_integer_value(json_object_get(json_array_get(items, 0), "id"));
	assert_true(id2 != id);
	resp_free(r);
	/* Not beta's member, nor the reporter. */
	items = notices(s, &bob, "", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);
	items = notices(s, &rita, "", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);

	/* Someone else's notice is not found, whoever asks; so is one that never was. */
	r = seen(s, &bob, id);
	assert_problem(r, 404);
	resp_free(r);
	r = seen(s, &tom, id);
	assert_problem(r, 404);
	resp_free(r);
	r = seen(s, &admin, id);
	assert_problem(r, 404);
	resp_free(r);
	r = seen(s, &vera, 999999);
	assert_problem(r, 404);
	resp_free(r);
	r = seen(s, &vera, id2);
	assert_problem(r, 404);
	resp_free(r);
	/* Nothing changed: still unseen, and the vendor has not looked yet. */
	items = notices(s, &vera, "?unseen=1", &r);
	assert_int_equal(json_array_size(items), 1);
	resp_free(r);
	assert_int_equal(events(s, &tom, case_id, "vendor_seen", "acme"), 0);
	v = vendor_row(s, &tom, case_id, "acme", &r);
	assert_true(json_is_null(json_object_get(v, "first_seen_at")));
	resp_free(r);

	/* Vera sees hers: it leaves the unseen list and the case records acme's look. */
	r = seen(s, &vera, id);
	assert_status(r, 204);
	resp_free(r);
	items = notices(s, &vera, "?unseen=1", &r);
	assert_int_equal(json_array_size(items), 0);
	resp_free(r);
	items = notices(s, &vera, "", &r);
	assert_int_equal(json_array_size(items), 1);
	assert_false(json_is_null(json_object_get(json_array_get(items, 0), "seen_at")));
	resp_free(r);
	assert_int_equal(events(s, &tom, case_id, "vendor_seen", "acme"), 1);
	v = vendor_row(s, &tom, case_id, "acme", &r);
	assert_false(json_is_null(json_object_get(v, "first_seen_at")));
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/audit?limit=200", &admin, NULL, NULL);
	assert_status(r, 200);
	assert_contains(r->body, "case.vendor_seen");
	resp_free(r);

	/* Seen again, or by the other member: the first look is recorded once. */
	r = seen(s, &vera, id);
	assert_status(r, 204);
	resp_free(r);
	r = seen(s, &val, id2);
	assert_status(r, 204);
	resp_free(r);
	assert_int_equal(events(s, &tom, case_id, "vendor_seen", "acme"), 1);

	/* Pages: limit and cursor. */
	items = notices(s, &vera, "?limit=1", &r);
	assert_int_equal(json_array_size(items), 1);
	resp_free(r);
	r = api(s, "GET", "/api/v1/notices?limit=0", &vera, NULL, NULL);
	assert_problem(r, 400);
	resp_free(r);
}

/* Set [deadlines] vendor_response in DIR/loudong.conf (init wrote the default). */
static void
set_response_period(struct srv *s, const char *period)
{
	static const char	 def[] = "\nvendor_response = 10wd\n";
	char			 path[128], buf[65536], *p;
	FILE			*f;
	size_t			 n;

	snprintf(path, sizeof(path), "%s/loudong.conf", s->dir);
	assert_non_null(f = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(p = strstr(buf, def));
	assert_non_null(f = fopen(path, "w"));
	fwrite(buf, 1, (size_t)(p - buf), f);
	fprintf(f, "\nvendor_response = %s\n", period);
	fputs(p + strlen(def), f);
	fclose(f);
}

/* `loudong deadlines run --as-of AS_OF`; its output into out. */
static int
deadlines_run(struct srv *s, long long as_of, char *out, size_t outsz)
{
	char	t[32];

	snprintf(t, sizeof(t), "%lld", as_of);
	return srv_cli(s, NULL, out, outsz, (const char *[]){ "deadlines", "run", "--data-dir",
	    s->dir, "--as-of", t, NULL });
}

static void
test_notices__followup_marks_unresponsive_once(void **state)
{
	struct srv	*s = *state;
	struct smtpd	 smtp;
	struct cred	 rita = { 0 }, tom = { 0 }, cora = { 0 }, bob = { 0 };
	struct cred	 admin = { 0 };
	struct resp	*r;
	json_t		*items, *o, *v;
	char		 case_id[64], subject[96], link[96], out[256], msg[16384];
	char		 body[8192];
	const char	*envs[3];
	long long	 now = (long long)time(NULL);
	bool		 mail = smtpd_available();
	size_t		 i;
	int		 n;

	srv_init(s);
	/* Calendar days: the test does not depend on the holidays around today. */
	set_response_period(s, "3d");
	org_add(s, "acme", "Acme Networks");
	org_add(s, "beta", "Beta Devices");
	org_add(s, "gamma", "Gamma Systems");
	srv_user_add(s, "rita", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tom", "triager", NULL, NULL, TEST_PASSWORD);
	user_add_email(s, "cora", "coordinator", "cora@example.com");
	srv_user_add(s, "vera", "vendor", "acme", NULL, TEST_PASSWORD);
	srv_user_add(s, "bob", "vendor", "beta", NULL, TEST_PASSWORD);
	srv_token_create(s, "rita", rita.bearer, sizeof(rita.bearer));
	srv_token_create(s, "tom", tom.bearer, sizeof(tom.bearer));
	srv_token_create(s, "cora", cora.bearer, sizeof(cora.bearer));
	srv_token_create(s, "bob", bob.bearer, sizeof(bob.bearer));

	/* --help tells the truth; a bad --as-of is a usage error. */
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "deadlines",
	    "--help", NULL }), 0);
	assert_contains(out, "usage: loudong deadlines run");
	assert_contains(out, "--as-of");
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", "soon", NULL }), 2);
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "deadlines", "run",
	    "--data-dir", s->dir, "--as-of", "-5", NULL }), 2);
	assert_int_equal(srv_cli(s, NULL, NULL, 0, (const char *[]){ "deadlines", "stop",
	    "--data-dir", s->dir, NULL }), 2);

	envs[0] = "LOUDONG_OUTBOX_POLL_INTERVAL_MS=100";
	envs[1] = NULL;
	if (mail) {
		smtpd_init(&smtp, s->dir);
		smtpd_start(&smtp);
		envs[1] = smtp.env;
		envs[2] = NULL;
	}
	srv_start(s, envs);
	srv_admin_session(s, "admin password for the followup test", &admin);

	/* acme is notified and stays silent; beta answers; gamma is never contacted. */
	new_case(s, &rita, &cora, case_id);
	snprintf(subject, sizeof(subject), "case:%s", case_id);
	vendor_in(s, &cora, case_id, "acme");
	vendor_in(s, &cora, case_id, "beta");
	{
		char	path[160];

		snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors", case_id);
		r = api(s, "POST", path, &cora, "{\"org\":\"gamma\"}", NULL);
		assert_status(r, 201);
		resp_free(r);
		snprintf(path, sizeof(path), "/api/v1/cases/%s/vendors/beta", case_id);
		r = api(s, "PUT", path, &bob, "{\"status\":\"investigating\"}", NULL);
		assert_status(r, 200);
		resp_free(r);
	}

	/*
	 * Within the 3 days nobody is marked, by the clock or two days later
	 * (when acme's reminder, 2 days before its due time, fires once).
	 */
	assert_int_equal(srv_cli(s, NULL, out, sizeof(out), (const char *[]){ "deadlines",
	    "run", "--data-dir", s->dir, NULL }), 0);
	assert_contains(out, "0 reminders sent, 0 deadlines missed");
	assert_int_equal(deadlines_run(s, now + 2 * DAY + 3600, out, sizeof(out)), 0);
	assert_contains(out, "1 reminder sent, 0 deadlines missed");
	/* After them, acme alone; a second run marks nothing more. */
	assert_int_equal(deadlines_run(s, now + 4 * DAY + 3600, out, sizeof(out)), 0);
	assert_contains(out, "0 reminders sent, 1 deadline missed");
	assert_int_equal(deadlines_run(s, now + 5 * DAY, out, sizeof(out)), 0);
	assert_contains(out, "0 reminders sent, 0 deadlines missed");

	/* The case is flagged; acme is unresponsive, beta and gamma as they were. */
	v = vendor_row(s, &tom, case_id, "acme", &r);
	assert_true(json_is_true(json_object_get(resp_json(r), "vendor_unresponsive")));
	assert_string_equal(json_string_value(json_object_get(v, "status")), "unresponsive");
	assert_non_null(json_object_get(v, "unresponsive_at"));
	resp_free(r);
	v = vendor_row(s, &tom, case_id, "beta", &r);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "investigating");
	assert_null(json_object_get(v, "unresponsive_at"));
	resp_free(r);
	v = vendor_row(s, &tom, case_id, "gamma", &r);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "not_contacted");
	resp_free(r);

	/* The timeline says so once, by the system; the audit log too. */
	assert_int_equal(events(s, &tom, case_id, "vendor_unresponsive", "acme"), 1);
	assert_int_equal(events(s, &tom, case_id, "vendor_unresponsive", "beta"), 0);
	assert_int_equal(events(s, &tom, case_id, "vendor_unresponsive", "gamma"), 0);
	{
		char	path[128];

		snprintf(path, sizeof(path), "/api/v1/cases/%s/timeline", case_id);
		r = api(s, "GET", path, &tom, NULL, NULL);
		json_array_foreach(json_object_get(resp_json(r), "items"), i, o)
			if (strcmp(json_string_value(json_object_get(o, "event")),
			    "vendor_unresponsive") == 0)
				assert_string_equal(json_string_value(json_object_get(o,
				    "actor")), "");
		resp_free(r);
	}
	r = api(s, "GET", "/api/v1/admin/audit?limit=200", &admin, NULL, NULL);
	assert_status(r, 200);
	n = 0;
	json_array_foreach(json_object_get(resp_json(r), "items"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "action")),
		    "case.vendor_unresponsive") == 0) {
			assert_int_equal(json_integer_value(json_object_get(o, "actor_id")), 0);
			assert_string_equal(json_string_value(json_object_get(o, "subject")),
			    subject);
			n++;
		}
	assert_int_equal(n, 1);
	resp_free(r);

	/* The staff (coordinators, admins) get one notice: the case and the vendor. */
	items = notices(s, &cora, "?unseen=1", &r);
	n = 0;
	json_array_foreach(items, i, o)
		if (strcmp(json_string_value(json_object_get(o, "kind")),
		    "vendor_unresponsive") == 0) {
			assert_string_equal(json_string_value(json_object_get(o, "subject")),
			    subject);
			assert_contains(json_string_value(json_object_get(o, "text")), "acme");
			n++;
		}
	assert_int_equal(n, 1);
	assert_not_contains(r->body, "SECRET");
	resp_free(r);
	items = notices(s, &admin, "", &r);
	assert_contains(r->body, "vendor_unresponsive");
	resp_free(r);
	/* Not the triager, nor the vendors. */
	items = notices(s, &tom, "", &r);
	assert_not_contains(r->body, "vendor_unresponsive");
	resp_free(r);
	items = notices(s, &bob, "", &r);
	assert_not_contains(r->body, "vendor_unresponsive");
	resp_free(r);

	/* And the coordinator a mail, once: the case id and a link, no details. */
	if (mail) {
		assert_true(smtpd_wait(&smtp, 20, "cora@example.com", case_id, msg, sizeof(msg),
		    body, sizeof(body)));
		/* The link: `loudong deadlines run` wrote it with loudong.conf's base_url. */
		snprintf(link, sizeof(link), "/cases/%s", case_id);
		assert_contains(body, link);
		assert_contains(body, "no vulnerability details");
		assert_not_contains(body, "SECRET");
		assert_not_contains(msg, "SECRET");
		sleep(1);
		assert_int_equal(smtpd_count(&smtp, "cora@example.com", "Missed (due"), 1);
	}
	srv_stop(s);
	if (mail)
		smtpd_cleanup(&smtp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_notices__list_seen_and_vendor_seen,
		    srv_setup, srv_teardown),
		cmocka_unit_test_setup_teardown(test_notices__followup_marks_unresponsive_once,
		    srv_setup, srv_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
