/*
 * Demo data beyond accounts (issue 7): a case walked to a published
 * advisory, so that a fresh `make run` shows every public format at once.
 *
 * Every step goes through the same use case the API and the web pages
 * call, acting as the demo's people (not as the system): the reporter
 * submits, the analyst assesses, triages and coordinates, the vendor's
 * member records its fix, the admin reviews, and the analyst publishes.
 * So the demo obeys the rules a real case does (review by a second person,
 * the Art. 9 gate), and breaks loudly if they change.
 */
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "store/store.h"
#include "svc/advisories.h"
#include "svc/assessment.h"
#include "svc/cases.h"
#include "svc/intake.h"
#include "svc/products.h"
#include "svc/svc.h"

/* What seed_demo (app/cli.c) made before calling us. */
#define DEMO_ORG	"example-vendor"
#define DEMO_PRODUCT	"示例路由器"
#define DEMO_REPORTER	"demo-reporter"
#define DEMO_ANALYST	"demo-analyst"
#define DEMO_VENDOR	"demo-vendor"
#define DEMO_REVIEWER	"admin"		/* the second person of [advisories] require_review */

/*
 * The identifiers are fictitious, like the vendor.  A CVE id is there
 * because CVE JSON 5 cannot be made without one, and the demo is meant to
 * show every format.
 */
#define DEMO_CVE	"CVE-2026-99999"
#define DEMO_CVSS31	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define DEMO_CWE	"121"
#define DEMO_CATEGORY	"code.input_validation.buffer"
#define DEMO_AFFECTED	"1.0.0 - 1.2.4"	/* ASCII: the machine formats read it as a range */
#define DEMO_FIXED	"1.2.5"
#define DEMO_ALIAS	"白帽小王 (Wang)"

#define DEMO_TITLE	"示例路由器 EX-R3000 Web 管理界面栈溢出漏洞"

#define DEMO_DESCRIPTION \
	"示例路由器 EX-R3000 固件 1.0.0 至 1.2.4 的 Web 管理服务（httpd）处理 " \
	"`POST /goform/setSysTime` 请求时，用 `strcpy` 把 `timeZone` 参数复制到 " \
	"64 字节的栈缓冲区，没有检查长度。该接口在会话校验之前执行，无需登录即可访问。\n\n" \
	"超长的参数会覆盖栈上的返回地址：httpd 崩溃并重启；精心构造的请求可能执行任意代码。\n"
#define DEMO_REPRODUCTION \
	"1. 将路由器恢复出厂设置，固件为 1.2.4。\n" \
	"2. 在局域网内向 `http://192.168.1.1/goform/setSysTime` 发送 POST 请求，" \
	"`timeZone` 参数长 300 字节，不带 Cookie。\n" \
	"3. 管理页面约 10 秒无法访问，系统日志记录 httpd 因 SIGSEGV 重启。\n"
#define DEMO_IMPACT \
	"未经认证的攻击者在局域网内（开启远程管理时也可从互联网）可使管理服务拒绝服务，" \
	"并可能以 root 权限执行任意代码，完全控制设备。\n"
#define DEMO_SUGGESTED_FIX \
	"复制前校验 `timeZone` 的长度，改用 `snprintf` 等有界函数；把会话校验移到参数处理之前。\n"

#define DEMO_SUMMARY \
	"示例路由器 EX-R3000 固件 1.0.0 至 1.2.4 的 Web 管理服务在处理系统时间设置请求时" \
	"存在栈缓冲区溢出漏洞（CWE-121）。该接口无需登录即可访问：攻击者在局域网内" \
	"（开启远程管理时也可从互联网）发送特制请求，即可使设备拒绝服务，甚至以 root " \
	"权限执行任意代码。\n\n" \
	"A stack-based buffer overflow (CWE-121) in the web management service of the " \
	"示例路由器 EX-R3000, firmware 1.0.0 to 1.2.4, lets an unauthenticated attacker on " \
	"the LAN (or on the Internet, when remote management is on) crash the device or run " \
	"code as root with one crafted request."
#define DEMO_EXISTENCE \
	"厂商已确认固件 1.0.0 至 1.2.4 均受影响，1.2.5 已修复。\n" \
	"The vendor confirmed that every firmware from 1.0.0 to 1.2.4 is affected and that " \
	"1.2.5 fixes it."
#define DEMO_DETECTION \
	"登录管理页面，在「系统状态」中查看固件版本：低于 1.2.5 即受影响。\n" \
	"Check the firmware version under System Status in the management page: below 1.2.5 " \
	"is affected."
#define DEMO_SOLUTION \
	"厂商已发布修复版本：请将固件升级至 1.2.5 或更高版本（管理页面「系统工具 → 固件升级」，" \
	"或从厂商网站下载）。\n" \
	"The vendor has released a fix: upgrade the firmware to 1.2.5 or later (System Tools → " \
	"Firmware Upgrade in the management page, or from the vendor's website)."
#define DEMO_MITIGATION \
	"升级之前：关闭远程（WAN 侧）Web 管理，只允许可信主机访问管理页面。\n" \
	"Until you can upgrade: turn off remote (WAN) web management and let only trusted " \
	"hosts reach the management page."
#define DEMO_OTHER \
	"本公告是 loudong init 生成的演示数据，其中的厂商、产品与编号均为虚构。\n" \
	"This advisory is demo data made by loudong init; its vendor, product and " \
	"identifiers are fictitious."

/* Say why a step failed, in the words of the catalog; -1. */
static int
step_failed(const char *what, const struct fault *f)
{
	char	text[512];

	/* The catalog's formats are ours; a message takes sarg or iarg. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (f->sarg != NULL)
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->sarg);
	else
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->iarg);
#pragma GCC diagnostic pop
	fprintf(stderr, "loudong: demo advisory: cannot %s: %s%s%s%s%s%s%s\n", what, text,
	    f->field != NULL ? " (field '" : "", f->field != NULL ? f->field : "",
	    f->field != NULL ? "')" : "", f->rule != NULL ? " (rule " : "",
	    f->rule != NULL ? f->rule : "", f->rule != NULL ? ")" : "");
	return -1;
}

/* The same for a list of field problems (report, assessment). */
static int
problems_failed(const char *what, const struct fault *f, const struct report_problem *p,
    int n)
{
	char	text[512];
	int	i;

	for (i = 0; i < n; i++) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(text, sizeof(text), msg(LANG_EN, p[i].msg), p[i].arg);
#pragma GCC diagnostic pop
		fprintf(stderr, "loudong: demo advisory: %s: field '%s': %s\n", what,
		    p[i].field != NULL ? p[i].field : "?", text);
	}
	return step_failed(what, f);
}

/* The account called login, into *u. */
static int
demo_user(const struct svc_ctx *c, const char *login, struct user *u)
{
	if (store_user_by_login(c->st, c->a, login, u) != APP_OK) {
		fprintf(stderr, "loudong: demo advisory: no account '%s'\n", login);
		return -1;
	}
	return 0;
}

/* The demo product's id. */
static int
demo_product(const struct svc_ctx *c, int64_t *id)
{
	struct org	 o;
	struct product	*p;
	size_t		 n = 0, i;

	*id = 0;
	if (store_org_by_slug(c->st, c->a, DEMO_ORG, &o) == APP_OK &&
	    store_product_list(c->st, c->a, o.id, &p, &n) == APP_OK)
		for (i = 0; i < n && *id == 0; i++)
			if (strcmp(p[i].name, DEMO_PRODUCT) == 0)
				*id = p[i].id;
	if (*id == 0) {
		fprintf(stderr, "loudong: demo advisory: no product '%s' of '%s'\n",
		    DEMO_PRODUCT, DEMO_ORG);
		return -1;
	}
	return 0;
}

/*
 * The reporter's submission, as the web form would send it; its tracking
 * id into *rid.  Reports are written by the intake writer on a connection
 * of its own, as in `loudong serve`: it runs only for this one report.
 */
static int
submit_report(const struct svc_ctx *rc, const char **rid)
{
	struct intake_in	 in;
	struct intake_receipt	 receipt;
	struct report_problem	 problems[REPORT_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	struct store		*ist;
	struct sbuf		 payload;
	int			 np = 0;
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	in.r.channel = RCHAN_WEB;
	in.r.kind = RKIND_GENERIC;
	in.r.title = DEMO_TITLE;
	in.r.vendor = "示例网络科技有限公司";
	in.r.product = DEMO_PRODUCT;
	in.r.model = "EX-R3000";
	in.r.versions = "1.2.4";
	in.r.weakness = "栈缓冲区溢出 Stack-based buffer overflow";
	in.r.cvss_vector = DEMO_CVSS31;
	in.r.discovered_at = "";
	in.r.credit = RCREDIT_ALIAS;
	in.r.credit_alias = DEMO_ALIAS;
	in.r.details.description = DEMO_DESCRIPTION;
	in.r.details.reproduction = DEMO_REPRODUCTION;
	in.r.details.impact = DEMO_IMPACT;
	in.r.details.suggested_fix = DEMO_SUGGESTED_FIX;
	in.r.details.vendor_contact = "";
	in.r.details.disclosure_plan = "同意由平台协调处置，厂商发布修复版本后公开。";
	/* The receipt log hashes what was received: here, the report as typed. */
	sbuf_init(&payload, rc->a, 64 * 1024);
	sbuf_addf(&payload, "title: %s\nvendor: %s\nproduct: %s %s\nversions: %s\n"
	    "credit: alias %s\n\n%s", in.r.title, in.r.vendor, in.r.product, in.r.model,
	    in.r.versions, in.r.credit_alias, in.r.details.description);
	if (sbuf_err(&payload) != APP_OK) {
		fprintf(stderr, "loudong: demo advisory: the report is too long\n");
		return -1;
	}
	in.payload = payload.buf;
	in.payload_len = payload.len;

	if ((ist = app_open_store(rc->cfg)) == NULL)
		return -1;
	if (svc_intake_start(ist) != 0) {
		fprintf(stderr, "loudong: demo advisory: cannot start the intake writer\n");
		store_close(ist);
		return -1;
	}
	er = svc_report_submit(rc, &in, &receipt, problems, &np, &f);
	svc_intake_stop();	/* the report is on disk once submit returned */
	store_close(ist);
	if (er != APP_OK)
		return problems_failed("submit the report", &f, problems, np);
	*rid = receipt.id;
	return 0;
}

/* The analyst's assessment: CVSS 3.1, the GB/T 30279 indicators, the category, CWE, CVE. */
static int
assess(const struct svc_ctx *ac, const char *rid)
{
	struct assessment_in	 in;
	struct assessment	 out;
	struct report_problem	 problems[ASSESS_MAX_PROBLEMS];
	struct related_id	 cve = { "CVE", DEMO_CVE };
	struct fault		 f = { .er = APP_OK };
	int			 np = 0;

	memset(&in, 0, sizeof(in));
	in.cvss_v3 = DEMO_CVSS31;
	in.gbt[GBT_ACCESS_PATH] = "network";
	in.gbt[GBT_TRIGGER] = "low";
	in.gbt[GBT_PRIVILEGE] = "none";
	in.gbt[GBT_INTERACTION] = "none";
	in.gbt[GBT_CONFIDENTIALITY] = "severe";
	in.gbt[GBT_INTEGRITY] = "severe";
	in.gbt[GBT_AVAILABILITY] = "severe";
	in.category_path = DEMO_CATEGORY;
	in.cwe = DEMO_CWE;
	in.related = &cve;
	in.nrelated = 1;
	in.reason = "初次评估：无需认证的远程代码执行 / initial assessment: unauthenticated "
	    "remote code execution";
	if (svc_assessment_put(ac, rid, &in, &out, problems, &np, &f) != APP_OK)
		return problems_failed("assess the report", &f, problems, np);
	return 0;
}

/* Move the case through the states given, NULL-terminated, each with its reason. */
static int
walk(const struct svc_ctx *ac, const char *cid, const char *const (*steps)[2])
{
	struct case_row	k;
	struct fault	f = { .er = APP_OK };

	for (; (*steps)[0] != NULL; steps++)
		if (svc_case_transition(ac, cid, (*steps)[0], (*steps)[1], &k, &f) != APP_OK)
			return step_failed(arena_printf(ac->a, "move the case to %s",
			    (*steps)[0]), &f);
	return 0;
}

/* The analyst's version of the draft: the texts an advisory needs. */
static int
edit(const struct svc_ctx *ac, const char *aid)
{
	struct advisory_view	 v;
	struct adv_doc		 d;
	struct adv_ref		 ref = { "https://www.example.com/support/ex-r3000/firmware",
				    "厂商固件下载 / Vendor firmware downloads" };
	struct fault		 f = { .er = APP_OK };

	if (svc_advisory_get(ac, aid, 0, &v, &f) != APP_OK)
		return step_failed("read the draft", &f);
	d = v.doc;
	d.summary = DEMO_SUMMARY;
	d.existence = DEMO_EXISTENCE;
	d.detection = DEMO_DETECTION;
	d.solution = DEMO_SOLUTION;
	d.mitigation = DEMO_MITIGATION;
	d.other = DEMO_OTHER;
	d.refs = &ref;
	d.nrefs = 1;
	if (svc_advisory_edit(ac, aid, &d, "补充概述、检测方法、解决方案与缓解措施 / summary, "
	    "detection, solution and mitigation added", &v, &f) != APP_OK)
		return step_failed("edit the draft", &f);
	return 0;
}

int
app_demo_publish(const struct svc_ctx *c)
{
	static const char *const to_graded[][2] = {
		{ "graded", "CVSS 3.1 9.8，GB/T 30279 技术等级超危 / critical" },
		{ NULL, NULL },
	};
	static const char *const to_remediation[][2] = {
		{ "vendor_notified", "厂商 PSIRT 已确认收到 / the vendor's PSIRT acknowledged" },
		{ "in_remediation", "厂商开始修复 / the vendor is working on a fix" },
		{ NULL, NULL },
	};
	static const char *const to_fix[][2] = {
		{ "fix_available", "固件 1.2.5 已发布 / firmware 1.2.5 released" },
		{ NULL, NULL },
	};
	struct user		 reporter, analyst, vendor, reviewer;
	struct svc_ctx		 rc = *c, ac = *c, vc = *c, wc = *c;
	struct triage_in	 triage = { .decision = "accept",
				    .reason = "已复现，确认为通用型漏洞 / reproduced; a product "
				    "vulnerability" };
	struct triage_result	 tr;
	struct vendor_in	 fixed = { .status = "fixed", .fixed_version = DEMO_FIXED,
				    .statement = "已确认该漏洞，固件 1.2.5 已修复并发布。"
				    "Confirmed; fixed in firmware 1.2.5, now released." };
	struct advisory_view	 v;
	struct policy_decision	 d;
	struct fault		 f = { .er = APP_OK };
	const char		*rid = NULL, *cid, *aid;
	int64_t			 product;

	if (demo_user(c, DEMO_REPORTER, &reporter) != 0 ||
	    demo_user(c, DEMO_ANALYST, &analyst) != 0 ||
	    demo_user(c, DEMO_VENDOR, &vendor) != 0 ||
	    demo_user(c, DEMO_REVIEWER, &reviewer) != 0 || demo_product(c, &product) != 0)
		return -1;
	/* People act, not the system: their rights are checked as in a request. */
	rc.actor = &reporter;
	ac.actor = &analyst;
	vc.actor = &vendor;
	wc.actor = &reviewer;
	rc.system = ac.system = vc.system = wc.system = false;

	/* The report, its assessment, and the case triage makes of it. */
	if (submit_report(&rc, &rid) != 0 || assess(&ac, rid) != 0)
		return -1;
	if (svc_report_triage(&ac, rid, &triage, &tr, &f) != APP_OK)
		return step_failed("accept the report", &f);
	cid = tr.case_id;
	if (svc_case_product_add(&ac, cid, product, DEMO_AFFECTED, false, &f) != APP_OK)
		return step_failed("add the product to the case", &f);
	if (walk(&ac, cid, to_graded) != 0)
		return -1;

	/* The vendor comes in, and its own member records the fix. */
	if (svc_case_vendor_add(&ac, cid, DEMO_ORG, NULL, NULL, &f) != APP_OK)
		return step_failed("add the vendor to the case", &f);
	if (walk(&ac, cid, to_remediation) != 0)
		return -1;
	if (svc_case_vendor_update(&vc, cid, DEMO_ORG, &fixed, &f) != APP_OK)
		return step_failed("record the vendor's fix", &f);
	if (walk(&ac, cid, to_fix) != 0)
		return -1;

	/* The advisory: drafted and edited by the analyst, approved by another person. */
	if (svc_advisory_draft(&ac, cid, &v, &f) != APP_OK)
		return step_failed("draft the advisory", &f);
	aid = v.row.id;
	if (edit(&ac, aid) != 0)
		return -1;
	if (svc_advisory_submit(&ac, aid, &f) != APP_OK)
		return step_failed("submit the advisory for review", &f);
	if (svc_advisory_review(&wc, aid, "approve", "内容核对无误，同意发布。Checked; approved.",
	    &f) != APP_OK)
		return step_failed("approve the advisory", &f);
	/* Now, through the Art. 9 gate like any publication. */
	if (svc_advisory_publish(&ac, aid, 0, &v, &d, &f) != APP_OK)
		return step_failed("publish the advisory", &f);
	if (c->cfg->base_url[0] != '\0')
		printf("  demo advisory:         %s published — %s/advisories/%s\n", aid,
		    c->cfg->base_url, aid);
	else
		printf("  demo advisory:         %s published\n", aid);
	return 0;
}
