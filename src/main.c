/*
 * loudong: the command line.  Parses arguments and hands over to app/.
 * Exit codes: 0 ok, 1 runtime failure, 2 usage error; errors go to stderr
 * as one plain sentence.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "core/log.h"
#include "core/parse.h"
#include "crypto/crypto.h"
#include "domain/user.h"

#define EXIT_USAGE	2

static const char usage_main[] =
"usage: loudong <command> [options]\n"
"\n"
"Loudong (漏洞) runs China's network-product vulnerability process end to\n"
"end: intake, triage, vendor coordination, 报送 and disclosure.\n"
"\n"
"commands:\n"
"  init          create a data directory (database, keys, admin account)\n"
"  serve         serve the web pages and the JSON API\n"
"  user add      add an account\n"
"  org add       add an organisation\n"
"  token create  create an API token for an account (printed once)\n"
"  token revoke  revoke an API token\n"
"  log verify    recompute the receipt log and check every signed tree head\n"
"  log purge     drop receipt-log content older than the retention period\n"
"  receipt verify  check a saved receipt offline with the log's public key\n"
"  import cwe    load MITRE's CWE list (XML) into the database\n"
"  cvss VECTOR   score a CVSS 2.0/3.0/3.1/4.0 vector (JSON)\n"
"  grade         GB/T 30279-2020 grades of indicators (JSON; see grade --help)\n"
"  calendar      the working-day calendar: is-workday, add-workdays, info\n"
"  config        list every configuration key, its default and env name\n"
"  deadlines     run the deadline scheduler once: reminders, missed clocks,\n"
"                scheduled advisories\n"
"  export        write published advisories as files (csaf, cve5, osv, gbt28458, json)\n"
"  units         support units (registry): evaluate star levels, award\n"
"                candidates, list\n"
"\n"
"options:\n"
"  --help        this text; 'loudong <command> --help' for a command\n"
"  --version     print the version\n";

static const char usage_init[] =
"usage: loudong init --data-dir DIR [--role platform|provider|registry] [--no-demo]\n"
"\n"
"Create DIR with loudong.conf, the instance keys (DIR/keys, mode 0600), the\n"
"database, and an 'admin' account whose one-time password is printed once.\n"
"Unless --no-demo, also seed a demo vendor organisation with a product, a\n"
"vendor account, a reporter account, an analyst account, and a published\n"
"demo advisory (a report walked through triage, a case, review and the\n"
"Art. 9 gate), so every public format can be seen at once.\n"
"\n"
"  --data-dir DIR   where everything lives (created if missing)\n"
"  --role ROLE      platform (default), provider or registry\n"
"  --no-demo        no demo data\n";

static const char usage_serve[] =
"usage: loudong serve --data-dir DIR [--listen HOST:PORT]\n"
"\n"
"Serve the web pages and the API until SIGINT or SIGTERM.  Configuration:\n"
"DIR/loudong.conf, then LOUDONG_<SECTION>_<KEY> environment variables.\n"
"\n"
"  --data-dir DIR        an initialised data directory\n"
"  --listen HOST:PORT    overrides [server] listen (default 127.0.0.1:8080;\n"
"                        port 0 picks a free port)\n";

static const char usage_user_add[] =
"usage: loudong user add --data-dir DIR --login LOGIN --role ROLE [--org SLUG]\n"
"                        [--email EMAIL] [--name NAME] --password-stdin\n"
"\n"
"Add an account.  The password is read from the first line of standard\n"
"input, never from the command line.\n"
"\n"
"  --role ROLE        reporter, triager, coordinator, vendor, regulator,\n"
"                     auditor or admin\n"
"  --org SLUG         the account's organisation\n"
"  --email EMAIL      contact address\n"
"  --name NAME        display name (default: the login)\n";

static const char usage_org_add[] =
"usage: loudong org add --data-dir DIR --slug SLUG --name NAME\n"
"                       --kind provider|operator|platform|authority|support_unit\n"
"                       --country CC\n"
"\n"
"Add an organisation.  CC is its ISO 3166-1 alpha-2 jurisdiction (e.g. CN).\n";

static const char usage_token_create[] =
"usage: loudong token create --data-dir DIR --login LOGIN [--label TEXT]\n"
"\n"
"Create an API token for LOGIN and print it once on standard output.  Use it\n"
"as 'Authorization: Bearer <token>'.  Only its hash is stored.\n";

static const char usage_token_revoke[] =
"usage: loudong token revoke --data-dir DIR --login LOGIN --id N\n"
"\n"
"Revoke LOGIN's API token number N (see GET /api/v1/tokens).\n";

static const char usage_log[] =
"usage: loudong log verify --data-dir DIR\n"
"       loudong log purge --data-dir DIR --before YYYY-MM-DD\n"
"\n"
"verify: recompute every leaf hash, every tree node and root, check every\n"
"signed tree head's signature, and that every report has exactly one leaf.\n"
"Prints one line and exits 0, or names the first inconsistency and exits 1.\n"
"\n"
"purge: empty the content of leaves received before the date (00:00 UTC),\n"
"keeping their hashes so the log still verifies.  Refused for any date less\n"
"than [receipts] retention_days ago (at least 183 days: Art. 5 asks for 6\n"
"months).\n";

static const char usage_receipt[] =
"usage: loudong receipt verify RECEIPT.json --key KEY\n"
"\n"
"Check a receipt offline: the tree head's Ed25519 signature and the leaf's\n"
"inclusion proof.  RECEIPT.json is the 201 answer of POST /api/v1/reports\n"
"(or its \"receipt\" member); KEY is the base64 public key, or a file holding\n"
"it or the JSON of GET /api/v1/log/key.\n";

static const char usage_import[] =
"usage: loudong import cwe FILE --data-dir DIR\n"
"\n"
"Replace the CWE list with the weaknesses of MITRE's catalogue FILE, the\n"
"cwec_vX.Y.xml of https://cwe.mitre.org/data/downloads.html (unzipped).\n"
"Categories and views are not weaknesses and are not loaded.  A file that\n"
"is not a well-formed catalogue changes nothing.  Prints one line.\n";

static const char usage_config[] =
"usage: loudong config [--markdown]\n"
"\n"
"List every configuration key with its default and environment variable.\n";

static const char usage_deadlines[] =
"usage: loudong deadlines run --data-dir DIR [--as-of UNIX-SECONDS]\n"
"\n"
"Run the deadline scheduler once (the server runs it every [deadlines]\n"
"scheduler_interval seconds): every reminder that is due fires, once (a\n"
"notice to the staff and a mail to the coordinators), and every clock past\n"
"its due time becomes missed; a vendor that has not answered in time\n"
"becomes unresponsive and its case is flagged.  On a registry, a filed\n"
"platform whose deregistration end date has come becomes deregistered.\n"
"Prints how many reminders were sent and how many clocks were missed (and\n"
"on a registry how many deregistrations took effect).  Safe to run beside\n"
"a server: each reminder is marked fired in the transaction that sends it.\n"
"\n"
"  --as-of UNIX-SECONDS  judge what is due as if the clock read this time\n"
"                        (for tests and diagnostics); what is recorded\n"
"                        still carries the real time\n";

static const char usage_units[] =
"usage: loudong units evaluate --data-dir DIR [--as-of YYYY-MM-DD] [--id UNIT]\n"
"       loudong units awards YEAR --data-dir DIR\n"
"       loudong units list --data-dir DIR\n"
"\n"
"Support units (支撑单位) of a registry ([instance] role = registry).\n"
"\n"
"evaluate: each active unit's (or UNIT's) star level from its contributions\n"
"over the [units] period_months before the date (default today, China time),\n"
"with [units] weights and star_thresholds; a level that changes issues a new\n"
"certificate.  Prints one line per unit.  The server also runs it once a year\n"
"on [units] evaluation_day, renewing every certificate.\n"
"\n"
"awards: the candidates of YEAR's awards by [units] award_rules (candidates\n"
"not yet decided are replaced); staff confirm and publish them.\n"
"\n"
"list: every unit with its type, level, status and certificate.\n"
"\n"
"  --as-of YYYY-MM-DD    evaluate as of this date\n"
"  --id UNIT             one unit (its number)\n";

static int usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(const char *usage, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "loudong: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", usage);
	return EXIT_USAGE;
}

enum opt {
	O_HELP = 'h',
	O_DATA_DIR = 256,
	O_ROLE,
	O_NO_DEMO,
	O_LISTEN,
	O_LOGIN,
	O_ORG,
	O_EMAIL,
	O_NAME,
	O_PASSWORD_STDIN,
	O_SLUG,
	O_KIND,
	O_COUNTRY,
	O_LABEL,
	O_ID,
	O_MARKDOWN,
	O_BEFORE,
	O_KEY,
	O_AS_OF,
	O_OUT,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, O_HELP },
	{ "data-dir", required_argument, NULL, O_DATA_DIR },
	{ "role", required_argument, NULL, O_ROLE },
	{ "no-demo", no_argument, NULL, O_NO_DEMO },
	{ "listen", required_argument, NULL, O_LISTEN },
	{ "login", required_argument, NULL, O_LOGIN },
	{ "org", required_argument, NULL, O_ORG },
	{ "email", required_argument, NULL, O_EMAIL },
	{ "name", required_argument, NULL, O_NAME },
	{ "password-stdin", no_argument, NULL, O_PASSWORD_STDIN },
	{ "slug", required_argument, NULL, O_SLUG },
	{ "kind", required_argument, NULL, O_KIND },
	{ "country", required_argument, NULL, O_COUNTRY },
	{ "label", required_argument, NULL, O_LABEL },
	{ "id", required_argument, NULL, O_ID },
	{ "markdown", no_argument, NULL, O_MARKDOWN },
	{ "before", required_argument, NULL, O_BEFORE },
	{ "key", required_argument, NULL, O_KEY },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "out", required_argument, NULL, O_OUT },
	{ NULL, 0, NULL, 0 },
};

/* Everything any subcommand can be given. */
struct args {
	const char	*data_dir, *role, *listen, *login, *org, *email, *name;
	const char	*slug, *kind, *country, *label, *id, *before, *key, *as_of, *out;
	const char	*positional;	/* one non-option argument, where allowed */
	bool		 no_demo, password_stdin, markdown, help;
	unsigned	 seen;	/* bit per enum opt - O_DATA_DIR */
};

#define A_POSITIONAL	(1u << 31)	/* the command takes one plain argument */

/* Parse options; accepted is a bitmask of the options this command takes. */
static int
parse(int argc, char **argv, unsigned accepted, const char *usage, struct args *a)
{
	int	c;

	memset(a, 0, sizeof(*a));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		if (c == O_HELP) {
			a->help = true;
			continue;
		}
		if (c == '?')
			return usage_error(usage, "unknown option '%s'", argv[optind - 1]);
		if (c == ':')
			return usage_error(usage, "option '%s' needs a value",
			    argv[optind - 1]);
		if (!(accepted & (1u << (c - O_DATA_DIR))))
			return usage_error(usage, "option '%s' does not apply here",
			    argv[optind - 1]);
		a->seen |= 1u << (c - O_DATA_DIR);
		switch (c) {
		case O_DATA_DIR: a->data_dir = optarg; break;
		case O_ROLE: a->role = optarg; break;
		case O_NO_DEMO: a->no_demo = true; break;
		case O_LISTEN: a->listen = optarg; break;
		case O_LOGIN: a->login = optarg; break;
		case O_ORG: a->org = optarg; break;
		case O_EMAIL: a->email = optarg; break;
		case O_NAME: a->name = optarg; break;
		case O_PASSWORD_STDIN: a->password_stdin = true; break;
		case O_SLUG: a->slug = optarg; break;
		case O_KIND: a->kind = optarg; break;
		case O_COUNTRY: a->country = optarg; break;
		case O_LABEL: a->label = optarg; break;
		case O_ID: a->id = optarg; break;
		case O_MARKDOWN: a->markdown = true; break;
		case O_BEFORE: a->before = optarg; break;
		case O_KEY: a->key = optarg; break;
		case O_AS_OF: a->as_of = optarg; break;
		case O_OUT: a->out = optarg; break;
		default: break;
		}
	}
	if (optind < argc && (accepted & A_POSITIONAL) && optind + 1 == argc)
		a->positional = argv[optind++];
	if (optind < argc)
		return usage_error(usage, "unexpected argument '%s'", argv[optind]);
	return 0;
}

#define A(o)	(1u << ((o) - O_DATA_DIR))

/* Each required option, or a usage error naming the first missing. */
static int
need(const char *usage, int n, ...)
{
	va_list		 ap;
	const char	*v, *name;
	int		 i, rc = 0;

	va_start(ap, n);
	for (i = 0; i < n && rc == 0; i++) {
		v = va_arg(ap, const char *);
		name = va_arg(ap, const char *);
		if (v == NULL || v[0] == '\0')
			rc = usage_error(usage, "missing required option '%s'", name);
	}
	va_end(ap);
	return rc;
}

static int
cmd_init(int argc, char **argv)
{
	struct app_init_opts	o = { NULL, ROLE_PLATFORM, true };
	struct args		a;
	int			rc, role;

	if ((rc = parse(argc, argv, A(O_DATA_DIR) | A(O_ROLE) | A(O_NO_DEMO),
	    usage_init, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_init, stdout), 0;
	if ((rc = need(usage_init, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	if (a.role != NULL && (role = config_role_parse(a.role)) < 0)
		return usage_error(usage_init, "unknown role '%s' (platform, "
		    "provider or registry)", a.role);
	if (a.role != NULL)
		o.role = (enum instance_role)role;
	o.data_dir = a.data_dir;
	o.demo = !a.no_demo;
	return app_init(&o);
}

static int
cmd_serve(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if ((rc = parse(argc, argv, A(O_DATA_DIR) | A(O_LISTEN), usage_serve, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_serve, stdout), 0;
	if ((rc = need(usage_serve, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	return app_serve(a.data_dir, a.listen);
}

/* The first line of stdin, without its newline, into buf; -1 if none. */
static int
read_password(char *buf, size_t size, size_t *len)
{
	size_t	n;

	if (fgets(buf, (int)size, stdin) == NULL)
		return -1;
	n = strlen(buf);
	if (n == size - 1 && buf[n - 1] != '\n')
		return -1;	/* longer than we accept */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	*len = n;
	return n > 0 ? 0 : -1;
}

static int
cmd_user(int argc, char **argv)
{
	struct args	a;
	char		pw[USER_PASSWORD_MAX_BYTES + 2];
	size_t		len;
	int		rc;

	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0)
			return fputs(usage_user_add, stdout), 0;
		return usage_error(usage_user_add, "unknown user command '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_LOGIN) | A(O_ROLE) |
	    A(O_ORG) | A(O_EMAIL) | A(O_NAME) | A(O_PASSWORD_STDIN),
	    usage_user_add, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_user_add, stdout), 0;
	if ((rc = need(usage_user_add, 3, a.data_dir, "--data-dir", a.login,
	    "--login", a.role, "--role")) != 0)
		return rc;
	if (!a.password_stdin)
		return usage_error(usage_user_add, "%s", "missing required option "
		    "'--password-stdin' (passwords are never taken from arguments)");
	if (read_password(pw, sizeof(pw), &len) != 0) {
		fprintf(stderr, "loudong: no password (or one over %d bytes) on "
		    "standard input\n", USER_PASSWORD_MAX_BYTES);
		return 1;
	}
	rc = app_user_add(a.data_dir, a.login, a.role, a.org, a.email, a.name, pw, len);
	crypto_wipe(pw, sizeof(pw));
	return rc;
}

static int
cmd_org(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0)
			return fputs(usage_org_add, stdout), 0;
		return usage_error(usage_org_add, "unknown org command '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_SLUG) | A(O_NAME) |
	    A(O_KIND) | A(O_COUNTRY), usage_org_add, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_org_add, stdout), 0;
	if ((rc = need(usage_org_add, 5, a.data_dir, "--data-dir", a.slug, "--slug",
	    a.name, "--name", a.kind, "--kind", a.country, "--country")) != 0)
		return rc;
	return app_org_add(a.data_dir, a.slug, a.name, a.kind, a.country);
}

static int
cmd_token(int argc, char **argv)
{
	struct args	 a;
	const char	*usage;
	long long	 id = 0;
	char		*end;
	bool		 create;
	int		 rc;

	if (argc < 2 || (strcmp(argv[1], "create") != 0 && strcmp(argv[1], "revoke") != 0)) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
			fputs(usage_token_create, stdout);
			fputs("\n", stdout);
			return fputs(usage_token_revoke, stdout), 0;
		}
		return usage_error(usage_token_create, "unknown token command '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	create = strcmp(argv[1], "create") == 0;
	usage = create ? usage_token_create : usage_token_revoke;
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_LOGIN) |
	    (create ? A(O_LABEL) : A(O_ID)), usage, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage, stdout), 0;
	if ((rc = need(usage, 2, a.data_dir, "--data-dir", a.login, "--login")) != 0)
		return rc;
	if (create)
		return app_token_create(a.data_dir, a.login, a.label);
	if ((rc = need(usage, 1, a.id, "--id")) != 0)
		return rc;
	id = strtoll(a.id, &end, 10);
	if (*end != '\0' || id < 1)
		return usage_error(usage, "--id must be a positive number, not '%s'", a.id);
	return app_token_revoke(a.data_dir, a.login, id);
}

static int
cmd_log(int argc, char **argv)
{
	struct args	a;
	bool		purge;
	int		rc;

	if (argc < 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "purge") != 0)) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0)
			return fputs(usage_log, stdout), 0;
		return usage_error(usage_log, "unknown log command '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	purge = strcmp(argv[1], "purge") == 0;
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | (purge ? A(O_BEFORE) : 0),
	    usage_log, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_log, stdout), 0;
	if ((rc = need(usage_log, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	if (!purge)
		return app_log_verify(a.data_dir);
	if ((rc = need(usage_log, 1, a.before, "--before")) != 0)
		return rc;
	return app_log_purge(a.data_dir, a.before);
}

static int
cmd_receipt(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0)
			return fputs(usage_receipt, stdout), 0;
		return usage_error(usage_receipt, "unknown receipt command '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	if ((rc = parse(argc - 1, argv + 1, A(O_KEY) | A_POSITIONAL, usage_receipt,
	    &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_receipt, stdout), 0;
	if (a.positional == NULL)
		return usage_error(usage_receipt, "%s", "missing the receipt file");
	if ((rc = need(usage_receipt, 1, a.key, "--key")) != 0)
		return rc;
	return app_receipt_verify(a.positional, a.key);
}

/* `import KIND ...`: only cwe so far; other kinds of list come later. */
static int
cmd_import(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if (argc < 2 || strcmp(argv[1], "cwe") != 0) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0)
			return fputs(usage_import, stdout), 0;
		return usage_error(usage_import, "unknown import kind '%s'",
		    argc >= 2 ? argv[1] : "");
	}
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A_POSITIONAL, usage_import,
	    &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_import, stdout), 0;
	if (a.positional == NULL)
		return usage_error(usage_import, "%s", "missing the CWE XML file");
	if ((rc = need(usage_import, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	return app_import_cwe(a.data_dir, a.positional);
}

static const char usage_cvss[] =
"usage: loudong cvss VECTOR\n"
"\n"
"Parses, validates, normalises and scores a CVSS vector: v2.0 (with or without\n"
"'CVSS:2.0/'), v3.0, v3.1 (base, temporal, environmental) or v4.0 (CVSS-B, -BT,\n"
"-BE, -BTE).  Prints one JSON object; an invalid vector exits 2 with the reason.\n";

static int
cmd_cvss(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--help") == 0)
		return fputs(usage_cvss, stdout), 0;
	if (argc != 2)
		return usage_error(usage_cvss, "%s", argc < 2 ? "missing the vector" :
		    "give exactly one vector");
	return app_cvss(argv[1]);
}

static int
cmd_grade(int argc, char **argv)
{
	return app_grade(argc, argv);
}

static const char usage_calendar[] =
"usage: loudong calendar is-workday DATE [--data-dir DIR | --file PATH]\n"
"       loudong calendar add-workdays DATE N [--data-dir DIR | --file PATH]\n"
"       loudong calendar info [--data-dir DIR | --file PATH]\n"
"\n"
"The working-day calendar deadlines count on (mainland China: weekends,\n"
"statutory holidays and 调休 make-up working days; days end at 24:00 China\n"
"Standard Time).  DATE is YYYY-MM-DD.\n"
"\n"
"  is-workday     print true or false\n"
"  add-workdays   print the N-th working day after DATE (0 to 10000; 0 is DATE)\n"
"  info           print the calendar version and the years it covers\n"
"\n"
"  --data-dir DIR  use the file named by DIR's [calendar] holidays_file\n"
"                  (the built-in data when it is not set)\n"
"  --file PATH     use the holidays CSV at PATH, e.g. to check an update\n"
"\n"
"Otherwise the built-in data is used (data/calendar/README.md).  An answer\n"
"that used a year the data does not cover counts Monday to Friday and says\n"
"so on standard error.\n";

static int
cmd_calendar(int argc, char **argv)
{
	return app_calendar(argc, argv, usage_calendar);
}

static int
cmd_config(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if ((rc = parse(argc, argv, A(O_MARKDOWN), usage_config, &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_config, stdout), 0;
	return app_config_describe(a.markdown);
}

static const char usage_export[] =
"usage: loudong export FORMAT --data-dir DIR --out DIR [--id ID]\n"
"\n"
"Write published advisories as files, from the public record only (what the\n"
"disclosure gate let out).  FORMAT is one of:\n"
"  csaf      the CSAF 2.0 trusted-provider tree: provider-metadata.json,\n"
"            white/<year>/<id>.json with .sha256, .sha512 and an OpenPGP .asc,\n"
"            white/index.txt, white/changes.csv, white/feed-tlp-white.json and\n"
"            the public key; serve DIR as /.well-known/csaf/\n"
"  cve5      CVE JSON 5.1 records (advisories with a CVE id)\n"
"  osv       OSV records\n"
"  gbt28458  GB/T 28458-2020 XML\n"
"  json      the platform's own JSON (as GET /api/v1/advisories/{id})\n"
"--id ID exports one advisory.  Run it as the user the server runs as, so\n"
"the signing key in <data-dir>/openpgp can be used.\n";

static int
cmd_export(int argc, char **argv)
{
	struct args	a;
	int		rc;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return fputs(usage_export, stdout), 0;
	if (argc < 2 || argv[1][0] == '-')
		return usage_error(usage_export, "%s", "give the format first");
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_OUT) | A(O_ID), usage_export,
	    &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_export, stdout), 0;
	if ((rc = need(usage_export, 2, a.data_dir, "--data-dir", a.out, "--out")) != 0)
		return rc;
	return app_export(a.data_dir, argv[1], a.id, a.out);
}

static int
cmd_deadlines(int argc, char **argv)
{
	struct args	a;
	int64_t		as_of = 0;
	int		rc;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return fputs(usage_deadlines, stdout), 0;
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return usage_error(usage_deadlines, "%s", "the only action is 'run'");
	if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_AS_OF), usage_deadlines,
	    &a)) != 0)
		return rc;
	if (a.help)
		return fputs(usage_deadlines, stdout), 0;
	if ((rc = need(usage_deadlines, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	if (a.as_of != NULL && parse_i64(a.as_of, strlen(a.as_of), 1, INT64_MAX, &as_of) != 0)
		return usage_error(usage_deadlines, "--as-of must be unix seconds, not '%s'",
		    a.as_of);
	return app_deadlines_run(a.data_dir, (long long)as_of);
}

static int
cmd_units(int argc, char **argv)
{
	struct args	a;
	int64_t		n = 0;
	int		rc;
	const char	*action = argc >= 2 ? argv[1] : "";

	if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0)
		return fputs(usage_units, stdout), 0;
	if (strcmp(action, "evaluate") == 0) {
		if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A(O_AS_OF) | A(O_ID),
		    usage_units, &a)) != 0)
			return rc;
	} else if (strcmp(action, "awards") == 0) {
		if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR) | A_POSITIONAL, usage_units,
		    &a)) != 0)
			return rc;
	} else if (strcmp(action, "list") == 0) {
		if ((rc = parse(argc - 1, argv + 1, A(O_DATA_DIR), usage_units, &a)) != 0)
			return rc;
	} else
		return usage_error(usage_units, "%s", "the actions are evaluate, awards and list");
	if (a.help)
		return fputs(usage_units, stdout), 0;
	if ((rc = need(usage_units, 1, a.data_dir, "--data-dir")) != 0)
		return rc;
	if (strcmp(action, "list") == 0)
		return app_units_list(a.data_dir);
	if (strcmp(action, "awards") == 0) {
		if (a.positional == NULL || parse_i64(a.positional, strlen(a.positional), 2000,
		    9999, &n) != 0)
			return usage_error(usage_units, "%s", "give the year (2000-9999)");
		return app_units_awards(a.data_dir, (int)n);
	}
	if (a.id != NULL && parse_i64(a.id, strlen(a.id), 1, INT64_MAX, &n) != 0)
		return usage_error(usage_units, "--id must be a unit's number, not '%s'", a.id);
	if (a.as_of != NULL && (strlen(a.as_of) != 10 || a.as_of[4] != '-' ||
	    a.as_of[7] != '-'))
		return usage_error(usage_units, "--as-of must be YYYY-MM-DD, not '%s'", a.as_of);
	return app_units_evaluate(a.data_dir, a.as_of, (long long)n);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		(*fn)(int, char **);
	} cmds[] = {
		{ "init", cmd_init },
		{ "serve", cmd_serve },
		{ "user", cmd_user },
		{ "org", cmd_org },
		{ "token", cmd_token },
		{ "log", cmd_log },
		{ "receipt", cmd_receipt },
		{ "import", cmd_import },
		{ "cvss", cmd_cvss },
		{ "grade", cmd_grade },
		{ "calendar", cmd_calendar },
		{ "config", cmd_config },
		{ "deadlines", cmd_deadlines },
		{ "export", cmd_export },
		{ "units", cmd_units },
	};
	size_t	i;

	if (argc < 2)
		return usage_error(usage_main, "%s", "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return fputs(usage_main, stdout), 0;
	if (strcmp(argv[1], "--version") == 0) {
		printf("loudong %s\n", LOUDONG_VERSION);
		return 0;
	}
	/* The database and keys hold undisclosed vulnerabilities: owner only. */
	umask(077);
	if (crypto_init() != 0) {
		fprintf(stderr, "loudong: cannot initialise libsodium\n");
		return 1;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	return usage_error(usage_main, "unknown command '%s'", argv[1]);
}
