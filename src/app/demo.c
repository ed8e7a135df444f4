/*
 * Demo data beyond accounts.  Issue 7: a case walked to a published
 * advisory, so that a fresh `make run` shows every public format at once.
 * Issue 8 (备案): on a platform, the platform's own filing, made and
 * approved by hand, so its pages carry a (fictitious) 备案编号 and its
 * public intake is open; on a registry, a filed platform on the public
 * list, an application under review and a complaint.
 *
 * Every step goes through the same use case the API and the web pages
 * call, acting as the demo's people (not as the system) where people act:
 * the reporter submits, the analyst assesses, triages and coordinates, the
 * vendor's member records its fix, the admin reviews, and the analyst
 * publishes; a platform's account applies for its filing and the
 * registrar approves it.  So the demo obeys the rules real work does
 * (review by a second person, the Art. 9 gate, a complete dossier), and
 * breaks loudly if they change.  What the operator would do at the
 * machine (the platform's own dossier, the registry's answer recorded by
 * hand) is done as the system.
 */
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "domain/filing.h"
#include "store/store.h"
#include "svc/advisories.h"
#include "svc/assessment.h"
#include "svc/cases.h"
#include "svc/complaints.h"
#include "svc/filings.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
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

/* Say why a step of the demo's area failed, in the words of the catalog; -1. */
static int
fault_failed(const char *area, const char *what, const struct fault *f)
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
	fprintf(stderr, "loudong: %s: cannot %s: %s%s%s%s%s%s%s\n", area, what, text,
	    f->field != NULL ? " (field '" : "", f->field != NULL ? f->field : "",
	    f->field != NULL ? "')" : "", f->rule != NULL ? " (rule " : "",
	    f->rule != NULL ? f->rule : "", f->rule != NULL ? ")" : "");
	return -1;
}

static int
step_failed(const char *what, const struct fault *f)
{
	return fault_failed("demo advisory", what, f);
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

/* The account called login, into *u; area names the part of the demo. */
static int
demo_user(const struct svc_ctx *c, const char *area, const char *login, struct user *u)
{
	if (store_user_by_login(c->st, c->a, login, u) != APP_OK) {
		fprintf(stderr, "loudong: %s: no account '%s'\n", area, login);
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
	struct svc_ctx		 sc;
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
	/*
	 * The operator's demonstration data at init, not public intake: the
	 * go-live gate (办法 第八条) is for the public, so the submission is
	 * the system's, made in the reporter's name.
	 */
	sc = *rc;
	sc.system = true;
	er = svc_report_submit(&sc, &in, &receipt, problems, &np, &f);
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
app_demo_publish(const struct svc_ctx *c, struct sbuf *out)
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

	if (demo_user(c, "demo advisory", DEMO_REPORTER, &reporter) != 0 ||
	    demo_user(c, "demo advisory", DEMO_ANALYST, &analyst) != 0 ||
	    demo_user(c, "demo advisory", DEMO_VENDOR, &vendor) != 0 ||
	    demo_user(c, "demo advisory", DEMO_REVIEWER, &reviewer) != 0 ||
	    demo_product(c, &product) != 0)
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
		sbuf_addf(out, "  %-*s %s published — %s/advisories/%s\n", DEMO_LABEL_WIDTH,
		    "demo advisory:", aid, c->cfg->base_url, aid);
	else
		sbuf_addf(out, "  %-*s %s published\n", DEMO_LABEL_WIDTH, "demo advisory:", aid);
	return 0;
}

/* --- 备案 (issue 8) --- */

/* The parts of the demo, as their messages name them. */
#define FILING_AREA	"demo filing"
#define REGISTRY_AREA	"demo registry"

/* Problems of a dossier reported at most. */
#define DEMO_PROBLEMS_MAX	64

/* What seed_demo (app/cli.c) made on a registry before calling us. */
#define DEMO_REGISTRAR		"demo-registrar"	/* a coordinator: the registry's staff */
#define DEMO_APPLICANT		"demo-applicant"	/* vendor of example-platform */
#define DEMO_APPLICANT_2	"demo-applicant-2"	/* vendor of example-platform-2 */

/*
 * A platform as its dossier describes it.  Everything is fictitious: the
 * organisations, the people, their numbers and the 备案编号.  The ID
 * numbers (统一社会信用代码 in shape) are sealed and must never reach
 * public output; tests/api/test_demo.c looks for these very strings.
 */
struct demo_site {
	const char	*name;		/* platform.name */
	const char	*url;		/* platform.url */
	const char	*icp;		/* platform.icp */
	const char	*channels;	/* platform.channels: one URL a line */
	const char	*sponsor;	/* sponsor.name (the organisation's name) */
	const char	*id_number;	/* sponsor.id_number */
	const char	*principal;	/* principal.name */
	const char	*principal_phone;
	const char	*principal_email;
	const char	*contact;	/* contact.name */
	const char	*contact_phone;
	const char	*contact_email;
	const char	*mlps_number;	/* mlps.filing_number */
};

#define PLATFORM_ID_NUMBER	"911101080000DEMO1X"	/* the platform's own sponsor */

/* The registry's platforms: one filed, one under review. */
static const struct demo_site filed_site = {
	"示例漏洞收集平台", "https://vuln.example.cn/", "京ICP备2026000001号-1",
	"https://vuln.example.cn/advisories\nhttps://vuln.example.cn/advisories.atom",
	"示例网络安全技术有限公司", "911101080000DEMO2X",
	"王明", "+86 10 5555 0100", "wangming@example.cn",
	"陈静", "010-5555 0101", "security@example.cn", "11010899999-00001",
};
static const struct demo_site pending_site = {
	"样例漏洞响应平台", "https://bugs.example.net/", "沪ICP备2026000002号-1",
	"https://bugs.example.net/bulletins\nhttps://bugs.example.net/rss.xml",
	"样例信息安全研究院有限公司", "913101150000DEMO3X",
	"赵磊", "+86 21 5555 0200", "zhaolei@example.net",
	"孙悦", "021-5555 0201", "psirt@example.net", "31011599999-00002",
};

/* The items every demo platform answers alike. */
#define DEMO_SCOPE \
	"通用型网络产品（路由器、交换机、物联网设备、常用办公与服务器软件）的安全漏洞；" \
	"不收集针对特定单位信息系统的事件型漏洞，不收集漏洞利用工具。"
#define DEMO_METHOD \
	"注册用户通过平台网站的漏洞报告表单或 API 提交。每份报告写入可验证的漏洞信息接收日志" \
	"并给出回执，3 个工作日内确认收到；报告内容加密保存，仅经授权的工作人员可以查看。"
#define DEMO_STANDARDS \
	"GB/T 30279-2020《信息安全技术 网络安全漏洞分类分级指南》：漏洞的分类与技术分级；\n" \
	"GB/T 28458-2020《信息安全技术 网络安全漏洞标识与描述规范》：漏洞公告的内容与格式；\n" \
	"GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》：平台按第三级要求建设和运维。"
#define DEMO_NOTES \
	"本备案信息由 loudong init 生成，仅供演示：其中的单位、人员、电话、证件号码与备案编号均为虚构。"

/*
 * The documents of the built-in field set: the five rule documents
 * (第四条 (三)) and the 等级保护 materials (第四条 (四)), short text files.
 */
static const struct demo_doc {
	const char	*key;		/* a document field of data/filing/fields.conf */
	const char	*name;		/* the file's name */
	const char	*text;		/* its content, UTF-8 */
} demo_docs[] = {
	{ "rules.verification", "verification-rules.txt",
	  "漏洞验证评估规则（演示）\n\n"
	  "1. 收到报告后 3 个工作日内确认收到，并指定分析员跟进。\n"
	  "2. 分析员在隔离的测试环境中复现漏洞，不对任何生产系统进行测试。\n"
	  "3. 按 GB/T 30279-2020 评定技术等级，同时计算 CVSS 评分；评估结果由第二名分析员复核。\n"
	  "4. 无法复现的，向报告者说明理由并请其补充信息；确认不是漏洞的，说明理由后关闭。\n"
	  "5. 每一次评估及其调整都记录评估人、时间与理由。\n" },
	{ "rules.repair_notice", "repair-notice-rules.txt",
	  "通知相关责任主体修补漏洞规则（演示）\n\n"
	  "1. 漏洞经验证后，通过产品提供者公布的安全联系方式通知其修补，附技术细节与修复建议。\n"
	  "2. 产品提供者 10 个工作日内未回应的，再次通知并记录；仍无回应的，报告主管部门。\n"
	  "3. 漏洞位于上游组件的，同时通知上游供应商与受影响的下游厂商。\n"
	  "4. 依照《网络产品安全漏洞管理规定》，2 日内向工业和信息化部网络安全威胁和漏洞信息共享平台报送。\n" },
	{ "rules.publication", "publication-rules.txt",
	  "漏洞发布规则（演示）\n\n"
	  "1. 产品提供者提供修复措施之前不发布漏洞细节；确需提前发布的，与产品提供者共同评估并报告主管部门。\n"
	  "2. 不发布漏洞利用程序或攻击工具，不夸大漏洞的危害和风险。\n"
	  "3. 公告包括漏洞描述、影响范围、修复或缓解措施，由第二名工作人员审核后发布。\n"
	  "4. 国家举办重大活动期间，未经公安部同意不发布漏洞信息。\n"
	  "5. 不向境外组织或个人提供未公开的漏洞信息。\n" },
	{ "rules.identity", "identity-rules.txt",
	  "注册用户的身份核实规则（演示）\n\n"
	  "1. 注册须提供有效的电子邮箱并完成验证。\n"
	  "2. 报告漏洞的用户须登记真实身份（姓名、证件号码、手机号码）；证件号码加密保存，仅用于身份核实。\n"
	  "3. 厂商账号须由其单位出具证明，经平台人工审核后开通。\n"
	  "4. 发现冒用他人身份的，停用账号并保留记录。\n" },
	{ "rules.classification", "classification-rules.txt",
	  "分类分级管理规则（演示）\n\n"
	  "1. 漏洞按 GB/T 30279-2020 分类（代码问题、配置错误、环境问题等）。\n"
	  "2. 技术等级分为超危、高危、中危、低危四级。\n"
	  "3. 超危、高危漏洞确认后 24 小时内通知产品提供者。\n"
	  "4. 分类与等级的每次调整记录调整人、时间与理由。\n" },
	{ "mlps.materials", "mlps-materials.txt",
	  "网络安全等级保护备案相关材料（演示）\n\n"
	  "定级对象：漏洞收集平台（网站及其数据库）\n"
	  "保护等级：第三级\n"
	  "说明：本材料由 loudong init 生成，备案证明与测评报告均为虚构，仅供演示。\n" },
};

/* Say what was wrong with a dossier, then why the step failed; -1. */
static int
dossier_failed(const char *area, const char *what, const struct fault *f,
    const struct filing_problem *p, size_t np)
{
	size_t	i;

	for (i = 0; i < np && i < DEMO_PROBLEMS_MAX; i++)
		fprintf(stderr, "loudong: %s: %s: item '%s': %s\n", area, what, p[i].key,
		    filing_problem_name(p[i].kind));
	return fault_failed(area, what, f);
}

/* The value of the dossier item key for s; NULL for one the demo does not know. */
static const char *
site_value(const struct demo_site *s, const char *key)
{
	const struct {
		const char	*key;
		const char	*value;
	} v[] = {
		{ "platform.name", s->name },
		{ "platform.url", s->url },
		{ "platform.icp", s->icp },
		{ "platform.channels", s->channels },
		{ "sponsor.kind", "单位" },
		{ "sponsor.name", s->sponsor },
		{ "sponsor.id_number", s->id_number },
		{ "principal.name", s->principal },
		{ "principal.phone", s->principal_phone },
		{ "principal.email", s->principal_email },
		{ "contact.name", s->contact },
		{ "contact.phone", s->contact_phone },
		{ "contact.email", s->contact_email },
		{ "collection.scope", DEMO_SCOPE },
		{ "collection.method", DEMO_METHOD },
		{ "mlps.filing_number", s->mlps_number },
		{ "mlps.level", "第三级" },
		{ "standards.applied", DEMO_STANDARDS },
		{ "other.notes", DEMO_NOTES },
	};
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

/*
 * The dossier of s for the process's field set: a value for every item
 * but the documents (they come with their files), in the set's order,
 * into *v (c->a).  An item the demo does not know (a [filing] fields_file
 * of its own) is left out, and the submission names it.
 */
static size_t
site_dossier(const struct svc_ctx *c, const struct demo_site *s, struct filing_value **v)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	const char			*val;
	size_t				 i, n = 0;

	*v = arena_calloc(c->a, fs->n + 1, sizeof(**v));
	for (i = 0; i < fs->n; i++)
		if (fs->f[i].type != FT_DOCUMENT && (val = site_value(s, fs->f[i].key)) != NULL)
			(*v)[n++] = (struct filing_value){ fs->f[i].key, val };
	return n;
}

/* The demo 备案编号 the registry's answer carries: [filing]'s default shape, this year. */
static const char *
demo_number(const struct svc_ctx *c)
{
	int	y, m, d;

	date_to_ymd(date_of_time(c->now), &y, &m, &d);
	return arena_printf(c->a, "LDBA%04d%05d", y, 1);
}

int
app_demo_filing(const struct svc_ctx *c, struct sbuf *out)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	const char			*base = c->cfg->base_url;
	struct demo_site		 site = filed_site;
	struct filing_value		*v;
	struct filing_problem		 p[DEMO_PROBLEMS_MAX];
	struct pfiling_doc		 d;
	struct pfiling_manual		 m;
	struct pfiling_view		 view;
	struct fault			 f = { .er = APP_OK };
	size_t				 n, np = 0, i;

	/* This platform is the one the demo serves: its own address, when it has one. */
	site.name = "Loudong 示例漏洞收集平台";
	site.id_number = PLATFORM_ID_NUMBER;
	if (base[0] != '\0') {
		const char	*sep = base[strlen(base) - 1] == '/' ? "" : "/";

		site.url = base;
		site.channels = arena_printf(c->a, "%s%sadvisories\n%s%sadvisories.atom", base, sep,
		    base, sep);
	}
	n = site_dossier(c, &site, &v);
	if (svc_pfiling_update(c, v, n, NULL, p, DEMO_PROBLEMS_MAX, &np, &f) != APP_OK)
		return dossier_failed(FILING_AREA, "fill in the dossier", &f, p, np);
	for (i = 0; i < sizeof(demo_docs) / sizeof(demo_docs[0]); i++) {
		if (filing_field_find(fs, demo_docs[i].key) == NULL)
			continue;
		if (svc_pfiling_document_put(c, demo_docs[i].key, demo_docs[i].name,
		    demo_docs[i].text, strlen(demo_docs[i].text), &d, &f) != APP_OK)
			return fault_failed(FILING_AREA, arena_printf(c->a, "upload '%s'",
			    demo_docs[i].key), &f);
	}
	/* No [federation] registry_url: the submission is recorded as handed in by hand. */
	if (svc_pfiling_submit(c, "演示数据：由 loudong init 提交。Demo data made by loudong init.",
	    p, DEMO_PROBLEMS_MAX, &np, &f) != APP_OK)
		return dossier_failed(FILING_AREA, "submit the filing", &f, p, np);
	memset(&m, 0, sizeof(m));
	m.outcome = "approved";
	m.number = demo_number(c);
	m.filed_on = NULL;	/* today */
	m.note = "演示数据：备案机关的通过决定为虚构。Demo data: the registry's approval is "
	    "fictitious.";
	if (svc_pfiling_manual(c, &m, &f) != APP_OK)
		return fault_failed(FILING_AREA, "record the registry's approval", &f);
	/* What the line below says, as the filing page would show it. */
	if (svc_pfiling_get(c, &view, &f) != APP_OK)
		return fault_failed(FILING_AREA, "read the filing back", &f);
	if (view.r.status != PFS_FILED || strcmp(view.r.number, m.number) != 0 ||
	    !view.intake_open) {
		fprintf(stderr, "loudong: %s: the platform is %s with number '%s', intake %s\n",
		    FILING_AREA, platform_filing_status_name(view.r.status), view.r.number,
		    view.intake_open ? "open" : "closed");
		return -1;
	}
	sbuf_addf(out, "  %-*s filed with demo 备案编号 %s (fictitious; the approval "
	    "recorded by hand), public intake open\n", DEMO_LABEL_WIDTH, "demo platform filing:",
	    m.number);
	return 0;
}

/*
 * An initial application for s by the account login, as the API makes it
 * from a platform's request: the whole dossier, every document beside it
 * with its name and SHA-256, an Idempotency-Key.  It must be complete, so
 * under review; what the applicant sees into *out.
 */
static int
apply_for(const struct svc_ctx *c, const char *login, const struct demo_site *s,
    const char *idem_key, struct filing_receipt *out)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	const size_t			 ndemo = sizeof(demo_docs) / sizeof(demo_docs[0]);
	struct svc_ctx			 ac = *c;
	struct user			 u;
	struct filing_in		 in;
	struct filing_value		*v, *all;
	struct filing_doc_in		*docs;
	struct fault			 f = { .er = APP_OK };
	struct sbuf			 body;
	char				 hash[CRYPTO_HASH_HEX];
	const char			*what;
	size_t				 n, nd = 0, i, j;

	what = arena_printf(c->a, "apply for '%s'", s->name);
	if (demo_user(c, REGISTRY_AREA, login, &u) != 0)
		return -1;
	/* The applicants' door: a vendor-role member of a platform organisation. */
	ac.actor = &u;
	ac.system = false;
	n = site_dossier(c, s, &v);
	all = arena_calloc(c->a, n + ndemo + 1, sizeof(*all));
	memcpy(all, v, n * sizeof(*v));
	docs = arena_calloc(c->a, ndemo + 1, sizeof(*docs));
	for (i = 0; i < ndemo; i++) {
		if (filing_field_find(fs, demo_docs[i].key) == NULL)
			continue;
		crypto_hash_hex(demo_docs[i].text, strlen(demo_docs[i].text), hash);
		all[n++] = (struct filing_value){ demo_docs[i].key,
		    arena_printf(c->a, "%s sha256:%s", demo_docs[i].name, hash) };
		docs[nd++] = (struct filing_doc_in){ .field = demo_docs[i].key,
		    .name = demo_docs[i].name, .media_type = "text/plain",
		    .sha256 = arena_strdup(c->a, hash),
		    .content = (const unsigned char *)demo_docs[i].text,
		    .len = strlen(demo_docs[i].text) };
	}
	/* The receipt log hashes what was received: here, the application as sent. */
	sbuf_init(&body, c->a, 0);
	sbuf_addf(&body, "kind: initial\nfieldset: %s\n", fs->version);
	for (i = 0; i < n; i++)
		sbuf_addf(&body, "%s: %s\n", all[i].key, all[i].value);
	crypto_hash_hex(body.buf, body.len, hash);
	memset(&in, 0, sizeof(in));
	in.kind = "initial";
	in.fieldset = fs->version;
	in.fields = all;
	in.nfields = n;
	in.docs = docs;
	in.ndocs = nd;
	in.idem_key = idem_key;
	in.payload_sha256 = arena_strdup(c->a, hash);
	if (svc_filing_apply(&ac, &in, out, &f) != APP_OK)
		return fault_failed(REGISTRY_AREA, what, &f);
	if (out->v.a.state == FAS_SUBMITTED)
		return 0;
	/* Received, but not complete: the automatic 补正 says what is missing. */
	for (i = 0; i < out->v.nrounds; i++)
		for (j = 0; j < out->v.rounds[i].nitems; j++)
			fprintf(stderr, "loudong: %s: %s: item '%s': %s\n", REGISTRY_AREA, what,
			    out->v.rounds[i].items[j].field,
			    out->v.rounds[i].items[j].problem != NULL ?
			    out->v.rounds[i].items[j].problem : out->v.rounds[i].items[j].note);
	fprintf(stderr, "loudong: %s: %s: the application %s is %s, not under review\n",
	    REGISTRY_AREA, what, out->v.a.id, filing_app_state_name(out->v.a.state));
	return -1;
}

/* A complaint from the public about a platform that collects without a 备案. */
static int
complain(const struct svc_ctx *c, const struct svc_ctx *rc, struct sbuf *out)
{
	struct complaint_new		 in;
	struct complaint_receipt	 r;
	struct complaint_problem	 p[COMPLAINT_MAX_PROBLEMS];
	struct complaint_row		 row;
	struct fault			 f = { .er = APP_OK };
	int				 np = 0, i;

	memset(&in, 0, sizeof(in));
	in.in.platform_name = "某漏洞交流论坛（示例）";
	in.in.platform_url = "https://forum.example.org/";
	in.in.category = "no_filing";
	in.in.text = "该网站公开征集网络产品安全漏洞，并在论坛上发布漏洞详情。首页没有备案编号，"
	    "在备案公示名单中也查不到；部分帖子在厂商修复之前就公开了利用方法。\n"
	    "（本举报为 loudong init 生成的演示数据。This complaint is demo data made by "
	    "loudong init.）";
	in.in.contact = "complainant@example.org";
	/* As the public form sends it: nobody's account, no address to throttle. */
	in.channel = "web";
	in.anonymous = true;
	if (svc_complaint_submit(c, &in, &r, p, &np, &f) != APP_OK) {
		for (i = 0; i < np; i++)
			fprintf(stderr, "loudong: %s: the complaint: field '%s': %s\n",
			    REGISTRY_AREA, p[i].field, msg(LANG_EN, p[i].msg));
		return fault_failed(REGISTRY_AREA, "submit the complaint", &f);
	}
	/* The status token is the complainant's, shown once; nobody follows this one. */
	crypto_wipe(r.token, sizeof(r.token));
	if (svc_complaint_assign(rc, r.c.id, NULL, &row, &f) != APP_OK)
		return fault_failed(REGISTRY_AREA, "assign the complaint", &f);
	sbuf_addf(out, "  %-*s %s about %s, assigned to %s\n", DEMO_LABEL_WIDTH,
	    "demo complaint:", r.c.id, r.c.platform_name, DEMO_REGISTRAR);
	return 0;
}

int
app_demo_registry(const struct svc_ctx *c, struct sbuf *out)
{
	struct svc_ctx		 rc = *c;
	struct user		 registrar;
	struct filing_receipt	 filed, pending;
	struct filing_view	 v;
	struct fault		 f = { .er = APP_OK };
	char			 due[40];

	if (demo_user(c, REGISTRY_AREA, DEMO_REGISTRAR, &registrar) != 0)
		return -1;
	/* The registry's staff decide, as at /staff/filings. */
	rc.actor = &registrar;
	rc.system = false;

	/* A platform filed: applied for, reviewed, approved; on the public list. */
	if (apply_for(c, DEMO_APPLICANT, &filed_site, "demo-initial-example-platform", &filed) != 0)
		return -1;
	if (svc_filing_approve(&rc, filed.v.a.id, "材料齐全，予以备案（演示）。Complete; filed "
	    "(demo).", &v, &f) != APP_OK)
		return fault_failed(REGISTRY_AREA, arena_printf(c->a, "approve %s", filed.v.a.id), &f);
	if (!v.has_platform || v.p.number == NULL || v.p.number[0] == '\0') {
		fprintf(stderr, "loudong: %s: %s was approved without a 备案编号\n", REGISTRY_AREA,
		    v.a.id);
		return -1;
	}
	sbuf_addf(out, "  %-*s %s, demo 备案编号 %s (application %s, approved by %s)\n",
	    DEMO_LABEL_WIDTH, "demo filed platform:", v.p.name, v.p.number, v.a.id,
	    DEMO_REGISTRAR);

	/* Another platform's application, left under review: its clock runs. */
	if (apply_for(c, DEMO_APPLICANT_2, &pending_site, "demo-initial-example-platform-2",
	    &pending) != 0)
		return -1;
	if (pending.v.review_due_at > 0) {
		time_format_cst(pending.v.review_due_at, false, due, sizeof(due));
		sbuf_addf(out, "  %-*s %s for %s, under review, due %s\n", DEMO_LABEL_WIDTH,
		    "demo pending application:", pending.v.a.id, pending.v.a.name, due);
	} else
		sbuf_addf(out, "  %-*s %s for %s, under review\n", DEMO_LABEL_WIDTH,
		    "demo pending application:", pending.v.a.id, pending.v.a.name);

	if (complain(c, &rc, out) != 0)
		return -1;
	return app_demo_units(c, out);
}
