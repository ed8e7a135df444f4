"""OpenAPI paths of advisories and the disclosure gate (issue 7, Art. 9, R10-R15, R31-R33, R43-R44); loaded by gen-openapi.py."""

STATES = ["draft", "in_review", "approved", "scheduled", "published", "withdrawn"]
GRADES = ["critical", "high", "medium", "low"]
FORMATS = ["csaf", "cve5", "osv", "gbt28458"]
ACTIONS = ["publish", "release", "schedule", "feed", "export", "read", "mail", "invite", "federate"]
RECORD_KINDS = ["joint_assessment", "authority_report", "authority_outcome", "mps_consent"]
GATE_RULES = ["Art. 9(1)", "Art. 9(2)", "Art. 9(4)", "Art. 9(5)", "Art. 9(6)", "Art. 9(7)"]

# The rules of domain/policy.h, as the publish operation and the preview describe them.
GATE = (
    "The disclosure gate (Art. 9 of 《网络产品安全漏洞管理规定》) decides; a refusal is 409 problem+json whose `rule` names the rule, checked in this order:\n"
    "- `Art. 9(2)`: an incident case (an operator's live system) is never published.\n"
    "- `Art. 9(4)`: the output would carry an exploit tool or weaponised proof of concept (an advisory carries no attachments, so an exploit kept on the case stays there and does not block its advisory).\n"
    "- `Art. 9(1)`: no fix available (the case is not at fix_available or later, and no vendor of it says fixed) and not all three Art. 9(1) records on the case "
    "(POST /api/v1/cases/{id}/disclosure-records: joint_assessment with the provider, authority_report to 工业和信息化部 and 公安部, authority_outcome with allow true). "
    "Not checked when scheduling: it is checked again when the time comes.\n"
    "- `Art. 9(5)`: the newest version has neither a solution nor a mitigation.\n"
    "- `Art. 9(6)`: a major-event window (GET /api/v1/major-events) is in force now (starts_at inclusive, ends_at exclusive) and its scope covers the advisory "
    "(an empty scope covers everything; otherwise a comma-separated key, compared case-insensitively, equals a vendor slug, a product name or the grade), "
    "and no mps_consent record of the case names that window (a consent with an empty scope covers any window). "
    "Publishing now is refused until the window ends; scheduling is allowed, and the scheduled release is held (held_by: the window) and retried after the window ends. "
    "GET /api/v1/cases/{id}/policy gives the window and the time to retry.\n"
    "Every decision, allowed or not, is written to the gate's log (GET /api/v1/policy-decisions)."
)


def schemas(h):
    ref = h["ref"]
    t = {"type": "string", "format": "date-time"}
    tn = {"type": ["string", "null"], "format": "date-time"}
    s = {"type": "string"}

    def text(desc, max_len=None):
        r = {"type": "string", "description": desc}
        if max_len:
            r["maxLength"] = max_len
        return r

    # formats/advisory_json.c: every key is always present; text is "" when there is none.
    props = {
        "id": text("标识号: <PREFIX>-<YYYY>-<seq of at least 6 digits> ([advisories] id_prefix, default LDSA); set by the platform", None),
        "version": {"type": "integer", "description": "the public revision (1, 2, 3 …, CSAF §6.1.21) in the public record; the staff version in a draft; set by the platform"},
        "lang": {"enum": ["zh-CN", "en"], "description": "the language of the texts (default zh-CN)"},
        "title": text("名称; required, one line", 300),
        "summary": text("the description; multi-line", 20000),
        "publisher": text("发布单位: the instance's name; set by the platform"),
        "publisher_url": text("its base URL; set by the platform"),
        "verifier": text("验证者", 300),
        "discoverer": text("发现者, as the reporters chose to be credited (name or alias); \"\" when anonymous", 300),
        "discoverer_anonymous": {"type": "boolean", "description": "no reporter asked to be named"},
        "category": text("GB/T 30279 category code", 64),
        "category_name": text("its name", 300),
        "grade": {"enum": [""] + GRADES, "description": "GB/T 30279 comprehensive (else technical) grade; \"\" when not graded"},
        "existence": text("存在性说明", 20000),
        "detection": text("检测方法", 20000),
        "solution": text("解决方案 (patch, the version to upgrade to); this or mitigation is required to publish (Art. 9(5))", 20000),
        "mitigation": text("workarounds until a fix is applied", 20000),
        "other": text("其他描述", 20000),
        "published_at": dict(tn, description="发布时间: the first publication; null before"),
        "updated_at": dict(tn, description="this version's (or public revision's) time"),
        "withdrawn_at": dict(tn, description="null unless withdrawn"),
        "withdrawn_reason": text("why it was withdrawn; \"\" unless withdrawn"),
        "products": {"type": "array", "maxItems": 64, "description": "受影响产品或服务; at least one, each with a product name", "items": {"type": "object", "additionalProperties": False, "properties": {
            "vendor": text("the provider's name"), "vendor_slug": text("its organisation's short name, \"\" if none"),
            "product": text("the product's name"), "model": text("\"\" if none"),
            "versions": {"type": "string", "description": "affected, as written", "examples": ["< 2.4.1", ">= 1.2, < 2.0", "1.0 - 2.3", "2.1, 2.2"]},
            "fixed_version": text("\"\": no fix named"), "cpe": text("CPE 2.3 formatted string, \"\" if none"), "purl": text("Package URL, \"\" if none")}}},
        "ids": {"type": "array", "maxItems": 64, "description": "相关编号 (R33 aliases)", "items": {"type": "object", "additionalProperties": False, "properties": {
            "scheme": {"type": "string", "examples": ["CVE", "CNVD", "CNNVD", "NVDB", "GHSA"]}, "value": {"type": "string", "examples": ["CVE-2026-12345"]}}}},
        "cvss": {"type": "array", "maxItems": 64, "items": {"type": "object", "additionalProperties": False, "properties": {
            "vector": {"type": "string", "description": "with its CVSS:3.1/ or CVSS:4.0/ prefix (v2 bare)"},
            "score": {"type": "number", "description": "base score (v4: the score); computed by the platform, an editor's value is ignored"},
            "severity": {"enum": ["", "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"], "description": "computed by the platform"}}}},
        "cwes": {"type": "array", "maxItems": 64, "items": {"type": "object", "additionalProperties": False, "properties": {
            "id": {"type": "string", "pattern": "^CWE-[0-9]+$"}, "name": text("\"\" if unknown")}}},
        "references": {"type": "array", "maxItems": 64, "items": {"type": "object", "additionalProperties": False, "properties": {
            "url": {"type": "string", "format": "uri", "description": "http:// or https://"}, "label": text("\"\" if none")}}},
        "history": {"type": "array", "description": "public revisions, oldest first; the last is this one; set by the platform", "items": {"type": "object", "additionalProperties": False, "properties": {
            "version": {"type": "integer"}, "date": tn, "summary": s}}},
    }
    edit = {k: v for k, v in props.items()}
    edit["summary_of_changes"] = {"type": "string", "maxLength": 500, "description": "what this version changes (the version's summary; not part of the record)"}
    return {
      "Advisory": {"type": "object", "additionalProperties": False, "required": list(props), "properties": props,
          "description": "An advisory (公告, R31-R33) in the platform's own JSON, with the items of GB/T 28458-2020 plus CVSS vectors, CWE and references. Every export format is made from it."},
      "AdvisoryEdit": {"type": "object", "additionalProperties": False, "properties": edit,
          "description": "A new version as the editor leaves it: the keys of Advisory (each optional; missing or null is \"\"; an unknown key, also inside a list item, is 400 naming it, e.g. products[0].foo) plus summary_of_changes. "
                         "id, version, dates, publisher, publisher_url, history and withdrawn_* are the platform's and are replaced; CVSS scores and severities are recomputed. "
                         "Checked: title present, texts bounded and valid UTF-8 (one line for title, verifier, discoverer, category, category_name), lang zh-CN or en, grade one of four, "
                         "at least one product with a name, every CPE, purl, CVSS vector, CWE id, related id and reference URL well-formed; at most 64 items per list."},
      "AdvisorySummary": {"type": "object", "required": ["id", "title", "grade", "published_at", "updated_at", "withdrawn_at", "url"], "properties": {
          "id": s, "title": s, "grade": {"enum": [""] + GRADES}, "published_at": t, "updated_at": t,
          "withdrawn_at": dict(tn, description="always null in the list: withdrawn advisories are not listed"),
          "url": {"type": "string", "format": "uri", "description": "<base_url>/api/v1/advisories/{id}"}}},
      "AdvisoryRow": {"type": "object", "required": ["id", "case", "state", "version", "title", "publish_at", "held_by", "published_at", "withdrawn_at", "withdrawn_reason", "created_at", "updated_at"], "properties": {
          "id": s, "case": {"type": "string", "description": "the case it was drafted from"},
          "state": {"enum": STATES, "description": "draft → in_review → approved → (scheduled →) published → withdrawn; an edit before publication makes a new draft version, after it a new version reviewed again while the published one stays"},
          "version": {"type": "integer", "description": "the newest version"}, "title": s,
          "publish_at": dict(tn, description="scheduled: when"),
          "held_by": {"type": ["integer", "null"], "description": "scheduled and held by this major-event window (Art. 9(6)); retried after it ends"},
          "published_at": tn, "withdrawn_at": tn, "withdrawn_reason": s, "created_at": t, "updated_at": t}},
      "AdvisoryView": {"allOf": [ref("AdvisoryRow"), {"type": "object", "required": ["versions", "public_version", "advisory"], "properties": {
          "versions": {"type": "array", "description": "every version, oldest first", "items": {"type": "object", "required": ["version", "sha256", "summary", "created_at", "created_by", "reviewed_at", "reviewed_by", "review", "review_note"], "properties": {
              "version": {"type": "integer"}, "sha256": {"type": "string", "description": "of the version's record (sealed at rest until published)"},
              "summary": {"type": "string", "description": "summary_of_changes"}, "created_at": t, "created_by": {"type": "string", "description": "login"},
              "reviewed_at": tn, "reviewed_by": {"type": "string", "description": "login, \"\" before review"},
              "review": {"enum": ["", "approved", "changes_requested"]}, "review_note": s}}},
          "public_version": {"type": ["integer", "null"], "description": "the version the public reads; null when nothing is published"},
          "advisory": dict(ref("Advisory"), description="the version asked for (default the newest)")}}]},
      "DisclosureRecord": {"type": "object", "required": ["id", "kind", "reference", "issued_on", "scope", "approver", "allow", "note", "created_at", "created_by"], "properties": {
          "id": {"type": "integer"}, "kind": {"enum": RECORD_KINDS}, "reference": {"type": "string", "description": "the document's reference (文号)"},
          "issued_on": {"type": "string", "format": "date"}, "scope": s, "approver": s, "allow": {"type": "boolean"}, "note": s,
          "created_at": t, "created_by": {"type": "string", "description": "login"}}},
      "PolicyDecision": {"type": "object", "required": ["allow", "rule", "message", "window", "retry_at"], "properties": {
          "allow": {"type": "boolean"},
          "rule": {"type": ["string", "null"], "examples": GATE_RULES, "description": "null when allowed; a feed, export or share of content not yet published is refused with Art. 9(1) (only the publish step makes it public)"},
          "message": {"type": ["string", "null"], "description": "the refusal in plain words (Accept-Language); null when allowed"},
          "window": {"type": ["string", "null"], "description": "Art. 9(6): the name of the window that holds it"},
          "retry_at": dict(tn, description="Art. 9(6): the window's end, when it may be tried again")}},
      "EventWindow": {"type": "object", "required": ["id", "name", "starts_at", "ends_at", "scope", "source", "external_id", "withdrawn_at"], "properties": {
          "id": {"type": "integer"}, "name": s, "starts_at": dict(t, description="inclusive"), "ends_at": dict(t, description="exclusive"),
          "scope": {"type": "string", "description": "\"\": everything; else comma-separated keys (vendor slugs, product names, grades), compared case-insensitively"},
          "source": {"type": "string", "description": "local (an admin), else the pushing authority organisation's short name"},
          "external_id": {"type": "string", "description": "the authority's id, \"\" for local windows"}, "withdrawn_at": tn}},
      "PolicyLogEntry": {"type": "object", "required": ["id", "at", "action", "subject", "recipient", "allowed", "rule", "actor"], "properties": {
          "id": {"type": "integer"}, "at": t, "action": {"enum": ACTIONS},
          "subject": {"type": "string", "examples": ["case:LD-C-2026-000001", "advisory:LDSA-2026-000001"]},
          "recipient": {"type": "string", "examples": ["public", "user:alice", "org:acme", "mailto:a@example.com", "library:CNVDB", "local"]},
          "allowed": {"type": "boolean"}, "rule": {"type": ["string", "null"], "description": "null when allowed"},
          "actor": {"type": "string", "description": "login, \"\" for the system (the scheduler)"}}},
    }


def paths(h):
    ref, problem, body, ok, page = h["ref"], h["problem"], h["body"], h["ok"], h["page"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    E415 = problem("The body must be application/json.")
    aid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64, "examples": ["LDSA-2026-000001"]}}
    cid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}, "description": "the case"}
    staff403 = problem("Not staff: triager, coordinator or admin (`rule` rbac.role).")
    nf = problem("No such advisory (`field` id).")
    gone = problem("The advisory is withdrawn; draft a new one from the case.")
    view = ok("The advisory with every version", ref("AdvisoryView"))
    opt_body = lambda schema: {"required": False, "content": {"application/json": {"schema": schema}}}
    public = "Public: no account, no cookies; the answer may be cached. Reads only the public record, so nothing unpublished is ever served."
    return {
      # ---- public ----
      "/api/v1/advisories": {"get": {"summary": "Published advisories, newest first (published_at, then id); withdrawn ones are not listed. " + public, "security": [],
          "parameters": [
              {"name": "vendor", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}, "description": "a vendor's name, the whole name (case-insensitive)"},
              {"name": "product", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}, "description": "a product's name, the whole name (case-insensitive)"},
              {"name": "grade", "in": "query", "schema": {"type": "string", "maxLength": 16, "examples": GRADES}, "description": "GB/T 30279 grade: critical, high, medium or low"},
              {"name": "from", "in": "query", "schema": {"type": "string", "minLength": 10, "maxLength": 40, "examples": ["2026-01-01", "2026-01-01T08:00:00+08:00"]}, "description": "published at or after: YYYY-MM-DD (00:00 China Standard Time, UTC+8) or RFC 3339"},
              {"name": "to", "in": "query", "schema": {"type": "string", "minLength": 10, "maxLength": 40}, "description": "published before (exclusive): YYYY-MM-DD (00:00 China Standard Time) or RFC 3339"},
              {"name": "q", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}, "description": "text found in the title, id, related ids, CWE ids, vendors, products or summary (ASCII case-insensitive; Chinese works, e.g. 路由器)"},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}],
          "responses": {"200": ok("A page of advisories", {"type": "object", "required": ["items", "next_offset"], "properties": {
              "items": {"type": "array", "items": ref("AdvisorySummary")},
              "next_offset": {"type": ["integer", "null"], "description": "offset of the next page; null when this page was the last"}}}),
                        "400": problem("A bad parameter (`field` names it): from or to neither a date nor an RFC 3339 time, offset or limit out of range.")}}},
      "/api/v1/advisories/{id}": {"get": {"summary": "One published (or withdrawn: withdrawn_at and withdrawn_reason set) advisory in the platform's JSON. " + public, "security": [],
          "parameters": [aid],
          "responses": {"200": ok("The public record", ref("Advisory")), "404": problem("No such public advisory (`field` id).")}}},
      "/api/v1/advisories/{id}/{format}": {"get": {"summary": "One published advisory exported: csaf (CSAF 2.0, csaf_security_advisory profile), cve5 (CVE JSON 5.1 record, CNA container; needs a CVE id among ids), osv (OSV 1.6) or gbt28458 (GB/T 28458-2020 XML). " + public, "security": [],
          "parameters": [aid, {"name": "format", "in": "path", "required": True, "schema": {"enum": FORMATS}}],
          "responses": {"200": {"description": "The document", "content": {
                            "application/json": {"schema": {"type": "object", "description": "csaf, cve5, osv"}},
                            "application/xml; charset=utf-8": {"schema": {"type": "string", "description": "gbt28458"}}}},
                        "400": problem("The format cannot express this advisory (`field` format; `detail` says why, e.g. CVE JSON without a CVE id, or a withdrawn advisory as CVE JSON)."),
                        "404": problem("No such public advisory (`field` id), or not one of the formats (`field` format).")}}},
      # ---- staff: drafting, versions, review, publication ----
      "/api/v1/cases/{id}/advisory": {"post": {"summary": "Draft an advisory from a case (staff): its products and versions, vendors and fixed versions (the solution says which version fixes what), the reports' grade, category, CVSS vectors, CWE and related ids, the discoverer as the reporters chose to be credited, the publisher and verifier from the configuration. Version 1, state draft; timeline event advisory, audit advisory.draft. Location: /api/v1/advisories/{id}/draft.", "security": sec,
          "parameters": [cid, csrf],
          "responses": {"201": ok("The draft", ref("AdvisoryView")), "401": E401, "403": staff403, "404": problem("No such case (`field` id)."),
                        "409": problem("An incident case: its details are never published (`rule` Art. 9(2)).")}}},
      "/api/v1/advisories/{id}/draft": {
        "get": {"summary": "An advisory as the staff see it: its state, a version's record (default the newest) and every version (staff)", "security": sec,
                "parameters": [aid, {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}, "description": "default: the newest"}],
                "responses": {"200": view, "401": E401, "403": staff403, "404": problem("No such advisory (`field` id) or version (`field` version).")}},
        "put": {"summary": "Save a new version (staff). Before publication the advisory goes back to draft (a schedule is cancelled); after it, the published version stays public until the new one is approved and published. Timeline event advisory (edited), audit advisory.edit.", "security": sec,
                "parameters": [aid, csrf], "requestBody": body(ref("AdvisoryEdit")),
                "responses": {"200": view, "400": problem("Invalid record: `field` names the member (title, products[2].product, cvss[0].vector, summary_of_changes …)."),
                              "401": E401, "403": staff403, "404": nf, "409": gone, "415": E415}}},
      "/api/v1/advisories/{id}/diff": {"get": {"summary": "A readable diff of two versions (staff): a ---/+++ header, then per changed key an @@ line and its lines prefixed '  ', '- ' or '+ ' (version and updated_at are left out)", "security": sec,
          "parameters": [aid, {"name": "from", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1}},
                         {"name": "to", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}, "description": "default: the newest"}],
          "responses": {"200": {"description": "The diff", "content": {"text/plain; charset=utf-8": {"schema": {"type": "string"}}}},
                        "401": E401, "403": staff403, "404": problem("No such advisory (`field` id) or version (`field` version)."), "413": problem("The diff is larger than allowed.")}}},
      "/api/v1/advisories/{id}/submit": {"post": {"summary": "Submit the draft for review (staff): draft → in_review", "security": sec,
          "parameters": [aid, csrf], "requestBody": opt_body({"type": "object", "additionalProperties": False, "maxProperties": 0}),
          "responses": {"200": view, "400": E400, "401": E401, "403": staff403, "404": nf, "409": problem("Not a draft, or withdrawn.")}}},
      "/api/v1/advisories/{id}/review": {"post": {"summary": "Review the newest version (staff): approve (in_review → approved) or send it back with a note (changes: → draft). A new version of a published advisory is reviewed the same way while the published one stays. With [advisories] require_review (default on) the reviewer is not the version's author.", "security": sec,
          "parameters": [aid, csrf],
          "requestBody": body({"type": "object", "additionalProperties": False, "required": ["decision"], "properties": {
              "decision": {"enum": ["approve", "changes"]}, "note": {"type": "string", "maxLength": 2000, "description": "required for changes: what must change"}}}),
          "responses": {"200": view, "400": problem("A bad decision, or changes without a note, or a note over 2000 bytes (`field`)."), "401": E401,
                        "403": problem("Not staff (`rule` rbac.role), or your own version (`rule` advisories.require_review)."), "404": nf,
                        "409": problem("Not waiting for review, this version is reviewed already, or withdrawn."), "415": E415}}},
      "/api/v1/advisories/{id}/publish": {"post": {"summary": "Publish the newest version now, or schedule it (staff)",
          "description": "Without `at`, or with `at` not after now: published now (the public record and every format; the case moves to published when its workflow allows; timeline and audit advisory.publish). "
                         "With `at` later: scheduled (state scheduled, publish_at); the scheduler publishes it when due after asking the gate again (action release). "
                         "An update of a published advisory is published at once, not scheduled. With [advisories] require_review the newest version must be approved by another person.\n\n" + GATE,
          "security": sec,
          "parameters": [aid, csrf],
          "requestBody": opt_body({"type": "object", "additionalProperties": False, "properties": {"at": {"type": "string", "format": "date-time", "maxLength": 40, "description": "RFC 3339; later than now: schedule"}}}),
          "responses": {"200": ok("Published or scheduled", ref("AdvisoryView")), "400": problem("`at` is not an RFC 3339 time, or an unknown key (`field`)."), "401": E401, "403": staff403, "404": nf,
                        "409": problem("Refused; `rule` says why: Art. 9(1), Art. 9(2), Art. 9(4), Art. 9(5) or Art. 9(6) (the disclosure gate, `detail` in plain words), advisories.require_review (the newest version is not approved), "
                                       "or no rule: withdrawn, or `field` at (an update of a published advisory cannot be scheduled).")}}},
      "/api/v1/advisories/{id}/withdraw": {"post": {"summary": "Withdraw a published or scheduled advisory with a reason (staff); a published one stays readable with withdrawn_at and withdrawn_reason, leaves the list, and every format and feed says so", "security": sec,
          "parameters": [aid, csrf],
          "requestBody": body({"type": "object", "additionalProperties": False, "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 2000}}}),
          "responses": {"200": ok("Withdrawn", ref("AdvisoryView")), "400": problem("No reason, or over 2000 bytes (`field` reason)."), "401": E401, "403": staff403, "404": nf,
                        "409": problem("Not published or scheduled, or withdrawn already."), "415": E415}}},
      "/api/v1/advisory-queue": {"get": {"summary": "The editorial list of advisories (staff), newest first", "security": sec,
          "parameters": [{"name": "state", "in": "query", "schema": {"enum": STATES}}] + h["page_params"],
          "responses": {"200": ok("A page of advisories", page("AdvisoryRow")), "400": problem("A bad state (`field` state)."), "401": E401, "403": staff403}}},
      # ---- the Art. 9 records, the gate's preview, attachment classes ----
      "/api/v1/cases/{id}/disclosure-records": {
        "get": {"summary": "The Art. 9 records of a case, oldest first (staff)", "security": sec, "parameters": [cid],
                "responses": {"200": ok("{items}", {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": ref("DisclosureRecord")}}}), "401": E401, "403": staff403}},
        "post": {"summary": "Record an Art. 9 document on a case (staff): joint_assessment (with the product's provider), authority_report (to 工业和信息化部 and 公安部), authority_outcome (their assessment; allow: whether it allows publication before a fix) — all three let a case without a fix be published (Art. 9(1)); mps_consent (公安部同意) lets publication go ahead during the major-event window named by scope (empty scope: any window; Art. 9(6)). Timeline event disclosure_record.", "security": sec,
                 "parameters": [cid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["kind", "reference", "issued_on"], "properties": {
                     "kind": {"enum": RECORD_KINDS}, "reference": {"type": "string", "minLength": 1, "maxLength": 200, "description": "the document's reference (文号), one line"},
                     "issued_on": {"type": "string", "format": "date", "description": "YYYY-MM-DD"},
                     "scope": {"type": "string", "maxLength": 200, "description": "mps_consent: the window's name, \"\" for any window"},
                     "approver": {"type": "string", "maxLength": 200}, "allow": {"type": "boolean", "default": True, "description": "authority_outcome: the outcome allows publication"},
                     "note": {"type": "string", "maxLength": 2000}}}),
                 "responses": {"201": ok("{id, kind}", {"type": "object", "required": ["id", "kind"], "properties": {"id": {"type": "integer"}, "kind": {"enum": RECORD_KINDS}}}),
                               "400": problem("Invalid (`field`: kind, reference, issued_on, scope, approver or note)."), "401": E401, "403": staff403, "404": problem("No such case (`field` id)."), "415": E415}}},
      "/api/v1/cases/{id}/policy": {"get": {"summary": "What the disclosure gate would answer now for an action on the case, published to everyone (staff); remediation is assumed present (the advisory's text decides it at publication). The preview is logged like any decision.", "security": sec,
          "parameters": [cid, {"name": "action", "in": "query", "schema": {"enum": ACTIONS, "default": "publish"}}],
          "responses": {"200": ok("The decision", ref("PolicyDecision")), "400": problem("Not an action (`field` action)."), "401": E401, "403": staff403, "404": problem("No such case (`field` id).")}}},
      "/api/v1/reports/{id}/attachments/{attachment}/class": {"post": {"summary": "Classify a report's attachment (staff; audited attachment.classify): exploit or poc_tool marks an exploit tool or weaponised proof of concept, which never reaches public output (Art. 9(4); the gate counts it for the case, GET /api/v1/cases/{id}/policy); document or \"\" clears it", "security": sec,
          "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}, "description": "the report"},
                         {"name": "attachment", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, csrf],
          "requestBody": body({"type": "object", "additionalProperties": False, "required": ["class"], "properties": {"class": {"enum": ["", "document", "exploit", "poc_tool"]}}}),
          "responses": {"204": {"description": "Classified"}, "400": problem("Not a class (`field` class)."), "401": E401, "403": staff403,
                        "404": problem("No such attachment of that report (`field` attachment)."), "415": E415}}},
      # ---- major-event windows, the gate's log ----
      "/api/v1/major-events": {
        "get": {"summary": "Major-event windows (重大活动期间, R43) in force or to come (staff, auditors, admins, an authority's accounts)", "security": sec,
                "parameters": [{"name": "all", "in": "query", "schema": {"enum": ["1", "0", "true", "false", "on"]}, "description": "1: past and withdrawn ones too"}],
                "responses": {"200": ok("{items}", {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": ref("EventWindow")}}}), "401": E401, "403": E403}},
        "post": {"summary": "Enter a major-event window: an admin (source local), or an authority organisation's account (a registry) pushing it with its external_id, which updates that authority's window in place. Audited window.put. While a window covering an advisory is in force, nothing is published without an mps_consent (Art. 9(6)).", "security": sec,
                 "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["name", "starts_at", "ends_at"], "properties": {
                     "name": {"type": "string", "minLength": 1, "maxLength": 200, "description": "one line; an mps_consent names it"},
                     "starts_at": {"type": "string", "format": "date-time", "description": "RFC 3339, inclusive"},
                     "ends_at": {"type": "string", "format": "date-time", "description": "RFC 3339, exclusive; after starts_at"},
                     "scope": {"type": "string", "maxLength": 1000, "description": "\"\" or missing: everything; else comma-separated vendor slugs, product names or grades (case-insensitive)"},
                     "external_id": {"type": "string", "maxLength": 100, "description": "an authority's own id (kept for pushed windows only)"}}}),
                 "responses": {"201": ok("{id}", {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}),
                               "400": problem("Invalid (`field`: name, starts_at, ends_at (not RFC 3339, or not after starts_at), scope or external_id)."), "401": E401,
                               "403": problem("Not an admin nor an authority's account (`rule` rbac.role)."), "415": E415}}},
      "/api/v1/major-events/{id}/withdraw": {"post": {"summary": "Withdraw a window in force (an admin, or an authority's account); audited window.withdraw", "security": sec,
          "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, csrf],
          "responses": {"204": {"description": "Withdrawn"}, "401": E401, "403": problem("Not an admin nor an authority's account (`rule` rbac.role)."), "404": problem("No such window in force (`field` id).")}}},
      "/api/v1/policy-decisions": {"get": {"summary": "The disclosure gate's log (R44), newest first (auditors and admins): every decision, allowed or refused, with the action, subject, recipient and rule", "security": sec,
          "parameters": [{"name": "subject", "in": "query", "schema": {"type": "string", "maxLength": 200, "examples": ["case:LD-C-2026-000001"]}, "description": "only this subject"}] + h["page_params"],
          "responses": {"200": ok("A page of decisions", page("PolicyLogEntry")), "401": E401, "403": problem("Not an auditor nor an admin (`rule` rbac.role).")}}},
    }
