/*
 * The registry demo's support units (支撑单位, issue 9; R40; the CAPPVD
 * notice): after app_demo_registry's filings and complaint, so that a
 * fresh registry shows the public list by star level, certificates that
 * verify, a warning, a dispute in the queue and the year's award
 * candidates.
 *
 * Four organisations become units.  One walks the whole application
 * (申报: the five declarations and the rating method's evidence, the paper
 * copy, 材料审核 → 专家评审 → 现场考察 → 颁发证书 → 公告); the others were
 * certified before Loudong and are registered by hand, at 一星.  Each is
 * then credited with contributions and does one task of 权利义务, and the
 * evaluation computes the levels from them: with the default [units]
 * thresholds and weights 四星, 三星, 二星 and 一星 (other settings give
 * other levels, as they should).  A fifth organisation's application is
 * left at 专家评审.
 *
 * As in demo.c, people act where people act: the members apply, answer
 * their tasks, acknowledge the warning and file the dispute; the demo
 * registrar (a coordinator) decides, registers, credits, evaluates and
 * warns.  The contributions stand for reports accepted before the demo
 * existed: they are credited as the registrar, in one transaction per
 * unit, with an audit entry saying they are demo data.
 */
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "svc/disputes.h"
#include "svc/svc.h"
#include "svc/units.h"
#include "svc/warnings.h"

#define AREA		"demo support units"
#define REGISTRAR	"demo-registrar"	/* made by seed_registry (app/cli.c) */

/* The organisations, their members, and what each contributes. */
static const struct demo_unit {
	const char	*slug;
	const char	*name;		/* the organisation's, and so the unit's */
	const char	*kind;		/* the organisation's kind */
	const char	*type;		/* the unit type it becomes (or applies for) */
	const char	*login;		/* its member, role vendor */
	const char	*person;
	const char	*email;
	const char	*code;		/* 统一社会信用代码: NULL, registered by hand */
	const char	*phone;
	int		 critical, high, medium, low, warning;	/* credited */
} units[] = {
	{ "example-mobisec", "示例移动安全技术有限公司（演示）", "support_unit", "technical",
	  "demo-unit-1", "刘安（示例移动安全）", "psirt@mobisec.example.com", NULL, NULL,
	  15, 8, 0, 0, 3 },
	{ "example-appsec", "样例应用安全研究院（演示）", "support_unit", "technical",
	  "demo-unit-2", "陈研（样例应用安全研究院）", "lab@appsec.example.org",
	  "91310115MA1DEM0B3C", "021-5555 0300", 6, 6, 4, 0, 1 },
	{ "example-appstore", "示例应用商店运营有限公司（演示）", "provider", "governance",
	  "demo-unit-3", "王商（示例应用商店）", "security@appstore.example.com", NULL, NULL,
	  2, 3, 5, 2, 0 },
	{ "example-miniapp", "样例小程序开发有限公司（演示）", "provider", "governance",
	  "demo-unit-4", "赵程（样例小程序）", "dev@miniapp.example.net", NULL, NULL,
	  1, 1, 3, 2, 0 },
};
#define NUNITS		(sizeof(units) / sizeof(units[0]))
#define FULL_PATH	1	/* the unit that applies: units[1] */

/* The fifth organisation: its application waits for 专家评审. */
static const struct demo_unit pending = {
	"example-seclab", "示例信息安全测评中心有限公司（演示）", "support_unit", "technical",
	"demo-unit-5", "孙测（示例测评中心）", "apply@seclab.example.cn",
	"91110105MA0DEM0E6M", "010-5555 0500", 0, 0, 0, 0, 0,
};

/* How an applicant meets the built-in rating method's criteria. */
static const struct {
	const char	*key;
	const char	*text;
} evidence_texts[] = {
	{ "legal_standing", "依法在中国境内注册的独立法人，近三年无违法违规记录，信用记录良好。" },
	{ "team", "专职安全团队 32 人，其中 12 人持 CISP 或 CISSP 证书，团队稳定。" },
	{ "discovery", "自研 APP 静态与动态检测平台，近一年发现 APP 原创漏洞 46 个。" },
	{ "research", "设有移动安全研究组，发表漏洞分析报告 9 篇。" },
	{ "verification", "漏洞复现与验证流程书面化，复现环境与生产环境隔离，结论双人复核。" },
	{ "own_products", "自有 APP、小程序、公众号建立漏洞管理制度，漏洞修复有台账。" },
	{ "remediation", "7×24 小时应急响应，高危漏洞 72 小时内完成修补。" },
	{ "notification", "可协助漏洞库向开发者下发漏洞通知并跟踪处置结果。" },
	{ "warning", "建立预警共享机制，发现重大漏洞或安全事件时第一时间向漏洞库通报。" },
};

/* Say why a step failed, in the words of the catalog; -1. */
static int
failed(const char *what, const struct fault *f)
{
	char	text[512];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (f->sarg != NULL)
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->sarg);
	else
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->iarg);
#pragma GCC diagnostic pop
	fprintf(stderr, "loudong: %s: cannot %s: %s%s%s%s%s%s%s\n", AREA, what, text,
	    f->field != NULL ? " (field '" : "", f->field != NULL ? f->field : "",
	    f->field != NULL ? "')" : "", f->rule != NULL ? " (rule " : "",
	    f->rule != NULL ? f->rule : "", f->rule != NULL ? ")" : "");
	return -1;
}

/* A list of field problems first; -1. */
static int
problems_failed(const char *what, const struct fault *f, const char *const *field,
    const enum msg_id *m, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		fprintf(stderr, "loudong: %s: %s: field '%s': %s\n", AREA, what,
		    field[i] != NULL ? field[i] : "?", msg(LANG_EN, m[i]));
	return failed(what, f);
}

/* Today (China time) moved by days, as YYYY-MM-DD. */
static const char *
day(const struct svc_ctx *c, int64_t days)
{
	char	buf[16];

	date_format(date_of_time(c->now) + days, buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

/* c acting as u, whose rights are checked as in a request. */
static struct svc_ctx
as(const struct svc_ctx *c, const struct user *u)
{
	struct svc_ctx	x = *c;

	x.actor = u;
	x.system = false;
	return x;
}

/* The organisation of d and its member with a one-time password, and its line. */
static int
make_member(const struct svc_ctx *c, const struct demo_unit *d, struct user *u,
    struct sbuf *out)
{
	static const char	alphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
	struct user_new		in = { d->login, d->person, d->email, UROLE_VENDOR, d->slug,
				    NULL, 0, true, };
	struct org		o;
	struct fault		f = { .er = APP_OK };
	char			pw[21];
	size_t			i;
	int			rc = -1;

	if (svc_org_create(c, d->slug, d->name, d->kind, "CN", &o, &f) != APP_OK)
		return failed(arena_printf(c->a, "create the organisation '%s'", d->slug), &f);
	/* As init's other demo accounts: a readable password, to change at first login. */
	for (i = 0; i < 20; i++)
		pw[i] = alphabet[crypto_random_uniform(sizeof(alphabet) - 1)];
	pw[20] = '\0';
	in.password = pw;
	in.password_len = 20;
	if (svc_user_create(c, &in, u, &f) != APP_OK) {
		failed(arena_printf(c->a, "create the account '%s'", d->login), &f);
		goto done;
	}
	sbuf_addf(out, "  %-*s %-16s one-time password: %s\n", DEMO_LABEL_WIDTH,
	    "demo unit account:", d->login, pw);
	rc = 0;
done:
	crypto_wipe(pw, sizeof(pw));
	return rc;
}

/*
 * d's application as its member sends it: the dossier, evidence for every
 * criterion of the type the rating method in use has, the five
 * declarations, a capability statement.  Its id into *id.
 */
static int
apply(const struct svc_ctx *mc, const struct demo_unit *d, const char **id)
{
	static const char	 statement[] = "能力说明（演示）\n\n本单位长期从事移动互联网应用"
				    "安全检测与漏洞研究，愿意承担支撑单位的各项义务。\n本文件由 "
				    "loudong init 生成，仅供演示。\n";
	const struct unit_criteria *cs = svc_units_criteria();
	struct unit_app_new	 in;
	struct unit_evidence_in	*ev;
	struct unit_doc_in	 doc = { "", "capability-statement.txt",
				    (const unsigned char *)statement, sizeof(statement) - 1,
				    false };
	struct unit_app_view	 v;
	struct unit_problem	 p[UNIT_MAX_PROBLEMS];
	const char		*fields[UNIT_MAX_PROBLEMS];
	enum msg_id		 msgs[UNIT_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	size_t			 np = 0, n = 0, i, j;
	int			 t = unit_type_parse(str_from(d->type));

	memset(&in, 0, sizeof(in));
	ev = arena_calloc(mc->a, cs->n + 1, sizeof(*ev));
	for (i = 0; i < cs->n; i++) {
		if (t < 0 || !unit_criterion_applies(&cs->c[i], (enum unit_type)t))
			continue;
		ev[n].criterion = cs->c[i].key;
		ev[n].text = "演示数据：申报单位对照该项评定条件的说明。";
		for (j = 0; j < sizeof(evidence_texts) / sizeof(evidence_texts[0]); j++)
			if (strcmp(evidence_texts[j].key, cs->c[i].key) == 0)
				ev[n].text = evidence_texts[j].text;
		ev[n].score = cs->c[i].max * 4 / 5;
		ev[n++].has_score = true;
	}
	in.in.type = d->type;
	in.in.unit_name = d->name;
	in.in.credit_code = d->code;
	in.in.address = "示例市示例区示例路 1 号（演示地址）";
	in.in.contact_name = d->person;
	in.in.contact_phone = d->phone;
	in.in.contact_email = d->email;
	in.in.team_size = 32;
	in.in.team_certificates = "CISP 8 人，CISSP 4 人（演示）";
	in.in.team_description = "移动应用安全检测、漏洞研究与应急响应团队（演示数据）。";
	in.in.evidence = ev;
	in.in.nevidence = n;
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		in.in.declarations[i] = true;
	in.docs = &doc;
	in.ndocs = 1;
	in.channel = "api";
	if (svc_unit_apply(mc, &in, &v, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++) {
			fields[i] = p[i].field;
			msgs[i] = p[i].msg;
		}
		return problems_failed(arena_printf(mc->a, "apply for '%s'", d->slug), &f,
		    fields, msgs, np);
	}
	*id = v.a.id;
	return 0;
}

/* The paper copy arrived and the stages pass, up to (not including) the state stop. */
static int
decide_until(const struct svc_ctx *rc, const char *id, enum unit_app_state stop)
{
	static const char *const notes[UAS__MAX] = {
		[UAS_MATERIAL_REVIEW] = "申报材料齐全，纸质材料已收到（演示）。",
		[UAS_EXPERT_REVIEW] = "专家组评审通过，评分 86 分（演示）。",
		[UAS_SITE_VISIT] = "现场考察：团队、环境与制度与申报材料相符（演示）。",
		[UAS_CERTIFICATION] = "颁发支撑单位证书（演示）。",
		[UAS_ANNOUNCEMENT] = "列入支撑单位名单并公告（演示）。",
	};
	struct unit_app_view	 v;
	struct unit_decision	 d;
	struct fault		 f = { .er = APP_OK };

	if (svc_unit_app_paper(rc, id, day(rc, 0), &v, &f) != APP_OK)
		return failed(arena_printf(rc->a, "record the paper copy of %s", id), &f);
	while (v.a.state != stop && unit_app_decidable(v.a.state)) {
		memset(&d, 0, sizeof(d));
		d.outcome = "pass";
		d.notes = notes[v.a.state];
		d.has_score = v.a.state == UAS_EXPERT_REVIEW;
		d.score = 86;
		if (svc_unit_app_decide(rc, id, &d, &v, &f) != APP_OK)
			return failed(arena_printf(rc->a, "pass %s at %s", id,
			    unit_app_state_name(v.a.state)), &f);
	}
	if (v.a.state != stop) {
		fprintf(stderr, "loudong: %s: %s is at %s, not %s\n", AREA, id,
		    unit_app_state_name(v.a.state), unit_app_state_name(stop));
		return -1;
	}
	return 0;
}

/* The unit of the organisation slug, into *u. */
static int
unit_of(const struct svc_ctx *c, const char *slug, struct unit_row *u)
{
	struct org	 o;
	struct unit_row	*r;
	size_t		 n = 0;

	if (store_org_by_slug(c->st, c->a, slug, &o) != APP_OK ||
	    store_unit_by_org(c->st, c->a, o.id, &r, &n) != APP_OK || n == 0) {
		fprintf(stderr, "loudong: %s: '%s' has no unit\n", AREA, slug);
		return -1;
	}
	*u = r[0];
	return 0;
}

/*
 * d's contributions before the demo: reports by grade and warnings
 * shared, credited as the registrar (each once: a subject of its own).
 */
static int
credit(const struct svc_ctx *rc, const struct demo_unit *d, const struct unit_row *u)
{
	static const char *const grades[] = { "critical", "high", "medium", "low" };
	const int	 count[] = { d->critical, d->high, d->medium, d->low };
	const char	*subject;
	size_t		 g;
	int		 i;
	enum app_err	 er;

	if (store_begin(rc->st) != APP_OK) {
		fprintf(stderr, "loudong: %s: cannot begin a transaction\n", AREA);
		return -1;
	}
	for (g = 0, er = APP_OK; g < 4 && er == APP_OK; g++)
		for (i = 0; i < count[g] && er == APP_OK; i++) {
			subject = arena_printf(rc->a, "demo:%s/report-%s-%d", d->slug, grades[g],
			    i + 1);
			er = svc_units_credit(rc, u->org_id, UC_REPORT, grades[g], subject);
		}
	for (i = 0; i < d->warning && er == APP_OK; i++)
		er = svc_units_credit(rc, u->org_id, UC_WARNING, "",
		    arena_printf(rc->a, "demo:%s/warning-%d", d->slug, i + 1));
	if (er == APP_OK)
		er = store_audit_add(rc->st, rc->actor->id, "unit.credit",
		    arena_printf(rc->a, "support-unit:%lld", (long long)u->id), arena_printf(rc->a,
		    "demo data: critical=%d high=%d medium=%d low=%d warning=%d", d->critical,
		    d->high, d->medium, d->low, d->warning), rc->addr, rc->now);
	if (er == APP_OK)
		er = store_commit(rc->st);
	if (er != APP_OK) {
		store_rollback(rc->st);
		fprintf(stderr, "loudong: %s: cannot credit '%s': %s\n", AREA, d->slug,
		    app_strerror(er));
		return -1;
	}
	return 0;
}

/* One task of 权利义务 on the demo report: given, answered by the member, confirmed. */
static int
task(const struct svc_ctx *rc, const struct svc_ctx *mc, const struct unit_row *u,
    const char *subject)
{
	struct unit_task_new	in;
	struct unit_task_row	t;
	struct fault		f = { .er = APP_OK };
	bool			tech = u->type == UNIT_TECHNICAL;

	in.unit_id = u->id;
	in.kind = tech ? "verification" : "assistance";
	in.subject = subject;
	in.brief = tech ? "请在隔离环境中复现该漏洞并确认影响版本（演示任务）。" :
	    "请协助通知受影响的开发者并跟踪修复进度（演示任务）。";
	if (svc_unit_task_assign(rc, &in, &t, &f) != APP_OK)
		return failed(arena_printf(rc->a, "give '%s' a task", u->org_slug), &f);
	if (svc_unit_task_answer(mc, t.id, tech ? "已在 1.2.4 固件上复现，1.2.5 已修复（演示）。" :
	    "已通知开发者，修复版本已上线（演示）。", &t, &f) != APP_OK)
		return failed(arena_printf(rc->a, "answer task #%lld", (long long)t.id), &f);
	if (svc_unit_task_confirm(rc, t.id, &t, &f) != APP_OK)
		return failed(arena_printf(rc->a, "confirm task #%lld", (long long)t.id), &f);
	return 0;
}

/* The newest report (the demo advisory's), as a task subject. */
static int
demo_report(const struct svc_ctx *c, const char **subject)
{
	struct report_filter	 flt = { .limit = 1 };
	struct report		*r;
	size_t			 n = 0;

	if (store_report_list(c->st, c->a, &flt, &r, &n) != APP_OK || n == 0) {
		fprintf(stderr, "loudong: %s: no report to give tasks about\n", AREA);
		return -1;
	}
	*subject = arena_printf(c->a, "report:%s", r[0].id);
	return 0;
}

/* The registrar's warning to technical units of 二星 and above; the 四星's member acknowledges. */
static int
warn(const struct svc_ctx *rc, const struct svc_ctx *ack, struct sbuf *out)
{
	struct warning_in	 in;
	struct warning_row	 w;
	struct warning_view	 v;
	struct wd_problem	 p[WARNING_MAX_PROBLEMS];
	const char		*fields[WARNING_MAX_PROBLEMS];
	enum msg_id		 msgs[WARNING_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	int			 np = 0, i;

	memset(&in, 0, sizeof(in));
	in.kind = "vulnerability";
	in.severity = "critical";
	in.title = "示例推送 SDK 远程代码执行漏洞预警（演示）";
	in.summary = "示例推送 SDK 3.0.0 至 3.2.1 存在远程代码执行漏洞，"
	    "集成该 SDK 的 APP 均受影响。";
	in.body = "## 漏洞概况\n\n示例推送 SDK 3.0.0 至 3.2.1 在处理推送消息时未校验消息来源，"
	    "攻击者可构造推送消息在 APP 进程中执行任意代码。\n\n## 处置建议\n\n"
	    "请排查所检测 APP 是否集成受影响版本，协助开发者升级至 3.2.2。\n\n"
	    "（本预警为 loudong init 生成的演示数据，SDK 与版本均为虚构。）\n";
	in.related = "";
	in.affected = "示例推送 SDK 3.0.0 - 3.2.1";
	in.audience = "technical";
	in.min_level = 2;
	in.public_at = "";
	if (svc_warning_issue(rc, &in, &w, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++) {
			fields[i] = p[i].field;
			msgs[i] = p[i].msg;
		}
		return problems_failed("issue the warning", &f, fields, msgs, (size_t)np);
	}
	if (svc_warning_ack(ack, w.id, &v, &f) != APP_OK)
		return failed(arena_printf(rc->a, "acknowledge %s", w.id), &f);
	sbuf_addf(out, "  %-*s %s to technical units of 二星 and above: delivered to %lld, "
	    "acknowledged by %s\n", DEMO_LABEL_WIDTH, "demo warning:", w.id,
	    (long long)(w.ndelivered + w.nacknowledged), ack->actor->login);
	return 0;
}

/* A member's dispute about a disclosure, left open in the queue. */
static int
dispute(const struct svc_ctx *mc, struct sbuf *out)
{
	struct dispute_new	 in;
	struct dispute_row	 d;
	struct wd_problem	 p[DISPUTE_MAX_PROBLEMS];
	const char		*fields[DISPUTE_MAX_PROBLEMS];
	enum msg_id		 msgs[DISPUTE_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	int			 np = 0, i;

	memset(&in, 0, sizeof(in));
	in.in.category = "disclosure";
	in.in.subject_ref = "示例购物 App 4.2.0 越权漏洞";
	in.in.other_party = "样例安全论坛（演示）";
	in.in.title = "开发者修复前漏洞细节被提前公开（演示）";
	in.in.statement = "我单位运营的示例购物 App 4.2.0 存在越权漏洞，修复版本计划于两周后发布。"
	    "样例安全论坛在修复之前公开了漏洞细节和利用方法，请漏洞库协调其撤下细节，"
	    "待修复版本发布后再行公开。\n（本争议为 loudong init 生成的演示数据。）";
	in.in.outcome_wanted = "撤下漏洞细节，修复版本发布后再公开。";
	in.channel = "web";
	if (svc_dispute_file(mc, &in, &d, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++) {
			fields[i] = p[i].field;
			msgs[i] = p[i].msg;
		}
		return problems_failed("file the dispute", &f, fields, msgs, (size_t)np);
	}
	sbuf_addf(out, "  %-*s %s filed by %s (priority %d), open in the queue\n",
	    DEMO_LABEL_WIDTH, "demo dispute:", d.id, mc->actor->login, d.priority);
	return 0;
}

int
app_demo_units(const struct svc_ctx *c, struct sbuf *out)
{
	struct user		 registrar, member[NUNITS], applicant;
	struct svc_ctx		 rc = *c, mc[NUNITS], pc;
	struct unit_register	 reg;
	struct unit_row		 u[NUNITS], r;
	struct unit_eval_result	*res;
	struct unit_award_row	*aw;
	struct fault		 f = { .er = APP_OK };
	const char		*subject, *app_id = NULL, *pending_id = NULL;
	size_t			 i, j, nres = 0, naw = 0;
	int			 y, m, dd;

	if (store_user_by_login(c->st, c->a, REGISTRAR, &registrar) != APP_OK) {
		fprintf(stderr, "loudong: %s: no account '%s'\n", AREA, REGISTRAR);
		return -1;
	}
	rc = as(c, &registrar);
	for (i = 0; i < NUNITS; i++) {
		if (make_member(c, &units[i], &member[i], out) != 0)
			return -1;
		mc[i] = as(c, &member[i]);
	}
	if (make_member(c, &pending, &applicant, out) != 0)
		return -1;
	pc = as(c, &applicant);

	/* One unit applies and goes through every stage; the others were certified before. */
	if (apply(&mc[FULL_PATH], &units[FULL_PATH], &app_id) != 0 ||
	    decide_until(&rc, app_id, UAS_DONE) != 0)
		return -1;
	sbuf_addf(out, "  %-*s %s for %s: 材料审核, 专家评审, 现场考察 passed, certified and "
	    "announced\n", DEMO_LABEL_WIDTH, "demo unit application:", app_id,
	    units[FULL_PATH].name);
	for (i = 0; i < NUNITS; i++) {
		if (i == FULL_PATH)
			continue;
		memset(&reg, 0, sizeof(reg));
		reg.org = units[i].slug;
		reg.type = units[i].type;
		reg.level = 1;
		reg.certified_on = day(c, -200 - 30 * (int64_t)i);
		reg.announce = true;
		if (svc_unit_register(&rc, &reg, &r, &f) != APP_OK)
			return failed(arena_printf(c->a, "register '%s'", units[i].slug), &f);
	}

	/* Their contributions, then the levels they earn. */
	if (demo_report(c, &subject) != 0)
		return -1;
	for (i = 0; i < NUNITS; i++)
		if (unit_of(c, units[i].slug, &u[i]) != 0 || credit(&rc, &units[i], &u[i]) != 0 ||
		    task(&rc, &mc[i], &u[i], subject) != 0)
			return -1;
	if (svc_units_evaluate(&rc, 0, NULL, false, &res, &nres, &f) != APP_OK)
		return failed("evaluate the units", &f);
	for (i = 0; i < NUNITS; i++) {
		for (j = 0; j < nres && res[j].unit_id != u[i].id; j++)
			;
		if (j == nres || unit_of(c, units[i].slug, &u[i]) != 0) {
			fprintf(stderr, "loudong: %s: '%s' was not evaluated\n", AREA,
			    units[i].slug);
			return -1;
		}
		sbuf_addf(out, "  %-*s %s %s %s, %lld points, certificate %s\n",
		    DEMO_LABEL_WIDTH, "demo support unit:", msg(LANG_ZH,
		    unit_level_label(u[i].level)), msg(LANG_ZH, unit_type_label(u[i].type)),
		    u[i].name, (long long)res[j].points, u[i].cert_number);
	}

	/* Work for the staff: an application at 专家评审, a dispute; and a warning. */
	if (apply(&pc, &pending, &pending_id) != 0 ||
	    decide_until(&rc, pending_id, UAS_EXPERT_REVIEW) != 0)
		return -1;
	sbuf_addf(out, "  %-*s %s for %s, at 专家评审\n", DEMO_LABEL_WIDTH,
	    "demo pending unit app:", pending_id, pending.name);
	if (warn(&rc, &mc[0], out) != 0 || dispute(&mc[2], out) != 0)
		return -1;

	/* This year's award candidates, for the staff to confirm. */
	date_to_ymd(date_of_time(c->now), &y, &m, &dd);
	if (svc_unit_awards_compute(&rc, y, &aw, &naw, &f) != APP_OK)
		return failed(arena_printf(c->a, "compute the awards of %d", y), &f);
	sbuf_addf(out, "  %-*s %zu for %d, to be confirmed by staff\n", DEMO_LABEL_WIDTH,
	    "demo award candidates:", naw, y);
	return 0;
}
