#!/usr/bin/env python3
"""Writes docs/api/openapi.json, the OpenAPI 3.1 description of the JSON API.

The document is data, kept beside the code; this script is only a readable way
to write it.  Run it after changing an endpoint: python3 scripts/gen-openapi.py
"""
import json, os

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def problem(desc): return {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
def ok(desc, schema=None, status="200"):
    r = {"description": desc}
    if schema: r["content"] = {"application/json": {"schema": schema}}
    return r

E400 = problem("Invalid input; `field` names the offending member.")
E401 = problem("Not authenticated, or the credentials are invalid, expired or revoked.")
E403 = problem("Not allowed; `rule` names the rule the denial rests on (e.g. `rbac.role`, `csrf.token`, `account.must_change_password`).")
E409 = problem("Conflict (e.g. the login, e-mail or short name is taken).")
E413 = problem("The body is larger than allowed.")
E415 = problem("The body must be application/json.")
E429 = problem("Too many failed logins; see Retry-After.")
page_params = [
    {"name": "cursor", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+$"}, "description": "Opaque cursor from the previous page's next_cursor."},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
]
def page(item): return {"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items": ref(item)}, "next_cursor": {"type": ["string", "null"]}}}
csrf = {"name": "X-CSRF-Token", "in": "header", "required": False, "schema": {"type": "string"}, "description": "Required when authenticated by the session cookie (value: csrf_token from the login or /me response). Not needed with a bearer token."}

doc = {
  "openapi": "3.1.0",
  "info": {"title": "Loudong API", "version": "0.1.0",
           "description": "The JSON API of a Loudong instance. Errors are RFC 9457 problem+json with `field` (the offending input) and `rule` (what a denial rests on). Authenticate with the session cookie from POST /api/v1/session (state-changing requests then need X-CSRF-Token), or with `Authorization: Bearer <token>` (tokens from POST /api/v1/tokens or `loudong token create`). Titles and details follow Accept-Language (zh-CN default, en)."},
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "ld_session"},
      "bearer": {"type": "http", "scheme": "bearer", "description": "API token, prefix ldt_"}},
    "schemas": {
      "NewMessage": {"type": "object", "additionalProperties": False, "required": ["body"], "properties": {
        "body": {"type": "string", "maxLength": 20000, "description": "Markdown, UTF-8, not blank"},
        "visibility": {"type": "string", "pattern": "^(internal|participants|reporter|vendor:[a-z0-9-]+)$", "description": "default: staff internal, a vendor member vendor:<own org>, a reporter reporter"},
        "attachments": {"type": "array", "items": {"type": "object", "required": ["filename", "content_base64"], "properties": {"filename": {"type": "string"}, "content_base64": {"type": "string"}}}}}},
      "Message": {"type": "object", "required": ["id", "case", "report", "kind", "visibility", "author", "body", "leaf_index", "created_at", "attachments"], "properties": {
        "id": {"type": ["integer", "null"], "description": "null for a triage question"}, "case": {"type": ["string", "null"]}, "report": {"type": ["string", "null"]},
        "kind": {"enum": ["message", "question", "reply", "retest_confirmed", "retest_disputed"]},
        "visibility": {"type": "string", "examples": ["internal", "participants", "reporter", "vendor:acme"]},
        "author": {"type": ["object", "null"], "properties": {"login": {"type": "string"}, "name": {"type": "string"}, "org": {"type": ["string", "null"]}}},
        "body": {"type": "string", "description": "Markdown"}, "body_sha256": {"type": "string", "description": "of the exact request received"},
        "leaf_index": {"type": ["integer", "null"], "description": "receipt-log leaf of an inbound message (vendor, reporter)"},
        "created_at": {"type": "string", "format": "date-time"},
        "attachments": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "filename": {"type": "string"}, "mime": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"}}}}}},
      "Cvss": {"type": "object", "required": ["version", "vector"], "properties": {
        "version": {"enum": ["2.0", "3.0", "3.1", "4.0"]}, "vector": {"type": "string", "description": "normalised"},
        "base_score": {"type": "number"}, "base_severity": {"enum": ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"]},
        "temporal_score": {"type": "number"}, "environmental_score": {"type": "number"},
        "score": {"type": "number"}, "severity": {"enum": ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"]},
        "nomenclature": {"enum": ["CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE"]}}},
      "Grade": {"type": "object", "properties": {
        "scheme": {"const": "GB/T 30279-2020"}, "tables_version": {"type": "string"}, "tables_sha256": {"type": "string"},
        "indicators": {"type": "object"}, "exploitability_level": {"type": "string"}, "impact_level": {"type": "string"},
        "technical_grade": {"enum": ["critical", "high", "medium", "low"]}, "technical_grade_zh": {"enum": ["超危", "高危", "中危", "低危"]},
        "environment_level": {"type": "string"}, "comprehensive_grade": {"enum": ["critical", "high", "medium", "low"]},
        "comprehensive_grade_zh": {"enum": ["超危", "高危", "中危", "低危"]}}},
      "Assessment": {"type": "object", "properties": {
        "subject": {"type": "string"}, "cvss_v2": {"oneOf": [ref("Cvss"), {"type": "null"}]}, "cvss_v3": {"oneOf": [ref("Cvss"), {"type": "null"}]},
        "cvss_v4": {"oneOf": [ref("Cvss"), {"type": "null"}]}, "gbt": {"type": "object"},
        "technical_grade": {"type": ["string", "null"]}, "comprehensive_grade": {"type": ["string", "null"]},
        "grading_scheme": {"type": "string"}, "tables_version": {"type": "string"}, "tables_sha256": {"type": "string"},
        "category_path": {"type": ["string", "null"]}, "cwe": {"type": ["string", "null"]},
        "related_ids": {"type": "array", "items": {"type": "object", "properties": {"scheme": {"type": "string"}, "value": {"type": "string"}}}},
        "updated_at": {"type": ["string", "null"], "format": "date-time"},
        "history": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"}, "field": {"type": "string"}, "old": {"type": "string"}, "new": {"type": "string"}, "reason": {"type": "string"}}}}}},
      "Case": {"type": "object", "required": ["id", "kind", "state", "title"], "properties": {
        "id": {"type": "string"}, "kind": {"enum": ["generic", "incident"]},
        "state": {"type": "string"}, "title": {"type": "string"}, "vendor_unresponsive": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
        "reports": {"type": "array", "items": {"type": "string"}},
        "vendors": {"type": "array", "items": {"type": "object", "properties": {"org": {"type": "string"}, "name": {"type": "string"}, "status": {"type": "string"}, "justification": {"type": "string"}, "fixed_version": {"type": "string"}, "statement": {"type": "string"}, "statement_approved": {"type": "boolean"}, "notified_at": {"type": ["string", "null"]}, "first_seen_at": {"type": ["string", "null"]}, "updated_at": {"type": "string"}}}}}},
      "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
        "type": {"type": "string", "examples": ["urn:loudong:problem:invalid-request"]},
        "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
        "instance": {"type": "string"}, "field": {"type": "string"}, "rule": {"type": "string"},
        "request_id": {"type": "string"}}},
      "User": {"type": "object", "required": ["id", "login", "display_name", "email", "role", "org", "must_change_password", "disabled", "created_at"], "properties": {
        "id": {"type": "integer"}, "login": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{2,31}$"},
        "display_name": {"type": "string"}, "email": {"type": "string"},
        "role": {"enum": ["reporter", "triager", "coordinator", "vendor", "regulator", "auditor", "admin"]},
        "org": {"type": ["string", "null"], "description": "Organisation short name"},
        "must_change_password": {"type": "boolean"}, "disabled": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"}}},
      "Org": {"type": "object", "required": ["id", "slug", "name", "kind", "country", "created_at"], "properties": {
        "id": {"type": "integer"}, "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$"},
        "name": {"type": "string"}, "kind": {"enum": ["provider", "operator", "platform", "authority", "support_unit"]},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 jurisdiction (Art. 9(7))"},
        "created_at": {"type": "string", "format": "date-time"}}},
      "Product": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "model": {"type": "string"}, "versions": {"type": "string"},
        "cpe": {"type": "string", "description": "CPE 2.3 formatted string, \"\" if none"}, "purl": {"type": "string", "description": "Package URL, \"\" if none"},
        "org": {"type": "string", "description": "the vendor organisation's short name (/api/v1/products)"}, "org_name": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"}}},
      "ProductLink": {"type": "object", "description": "A product reached in a walk of the supply chain (breadth first, each product once)", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "model": {"type": "string"}, "org": {"type": "string"}, "org_name": {"type": "string"},
        "versions": {"type": "string", "description": "the component versions the link names"}, "depth": {"type": "integer", "description": "1: direct"},
        "via": {"type": "integer", "description": "the product it was reached from"}}},
      "ProductBrief": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "model": {"type": "string"}, "org": {"type": "string"}}},
      "SupplyProposal": {"type": "object", "required": ["org", "name", "role", "products", "why"], "properties": {
        "org": {"type": "string"}, "name": {"type": "string"},
        "role": {"enum": ["upstream", "vendor", "downstream"], "description": "the role to confirm with POST /api/v1/cases/{id}/vendors"},
        "products": {"type": "array", "items": ref("ProductBrief")},
        "why": {"type": "array", "items": {"type": "object", "properties": {
          "reason": {"enum": ["flaw_in_component", "affected_product", "component_of_affected", "includes_affected"]},
          "product": {"type": "integer"}, "path": {"type": "array", "items": ref("ProductBrief"), "description": "from the affected product to this organisation's product"},
          "path_text": {"type": "string", "examples": ["Router X1 → libfoo"]}}}}}},
      "Token": {"type": "object", "properties": {"id": {"type": "integer"}, "label": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"}, "last_used_at": {"type": ["string", "null"], "format": "date-time"},
        "revoked_at": {"type": ["string", "null"], "format": "date-time"},
        "token": {"type": "string", "description": "Only in the creation response; never shown again."}}},
      "NewReport": {"type": "object", "additionalProperties": False, "required": ["title", "kind", "product", "description"], "properties": {
        "title": {"type": "string", "maxLength": 200}, "kind": {"enum": ["generic", "incident"], "description": "generic 通用型 (a product) or incident 事件型 (an operator's live system; never published, Art. 9(2))"},
        "vendor": {"type": "string"}, "product": {"type": "string"}, "model": {"type": "string"}, "versions": {"type": "string"},
        "weakness": {"type": "string"}, "cvss_vector": {"type": "string"}, "discovered_at": {"type": "string", "format": "date"},
        "description": {"type": "string", "description": "Markdown; sealed at rest"}, "reproduction": {"type": "string"}, "impact": {"type": "string"}, "suggested_fix": {"type": "string"},
        "vendor_contacted": {"type": "boolean"}, "vendor_contact": {"type": "string"}, "disclosure_plan": {"type": "string"},
        "credit": {"enum": ["name", "alias", "anonymous"]}, "credit_alias": {"type": "string"},
        "app_name": {"type": "string", "maxLength": 128}, "app_package": {"type": "string", "maxLength": 255, "description": "reverse domain name on android, ios, harmonyos (see the App schema)"},
        "app_version": {"type": "string", "maxLength": 64}, "app_platform": {"enum": ["", "android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp"]},
        "app_store": {"type": "string", "maxLength": 256}, "app_developer": {"type": "string", "maxLength": 128},
        "attachments": {"type": "array", "items": {"type": "object", "required": ["filename", "content_base64"], "properties": {"filename": {"type": "string"}, "content_base64": {"type": "string"}}}}}},
      "STH": {"type": "object", "required": ["tree_size", "timestamp", "root_hash", "signature"], "properties": {
        "tree_size": {"type": "integer"}, "timestamp": {"type": "integer", "description": "ms since the epoch"},
        "root_hash": {"type": "string", "description": "base64 SHA-256 (RFC 9162)"},
        "signature": {"type": "string", "description": "base64 Ed25519 over 'loudong-sth:v1:<tree_size>:<timestamp>:<root_hash>'"}}},
      "Receipt": {"type": "object", "required": ["leaf", "leaf_index", "sth", "inclusion_proof"], "properties": {
        "leaf": {"type": "string", "description": "base64 of the leaf JSON {id, received_at, channel, submitter, payload_sha256}"},
        "leaf_index": {"type": "integer"}, "sth": ref("STH"), "inclusion_proof": {"type": "array", "items": {"type": "string"}, "description": "RFC 9162 §2.1.3 path, base64 hashes"}}},
      "Report": {"type": "object", "description": "Listing fields; GET /api/v1/reports/{id} adds details and the attachments list"},
      "Profile": {"type": "object", "properties": {"user_id": {"type": "integer"}, "login": {"type": "string"}, "id_type": {"enum": ["resident_card", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent", "other"]},
        "id_number_masked": {"type": "string"}, "phone_masked": {"type": "string"}, "status": {"enum": ["pending", "verified", "rejected"]}, "reason": {"type": "string"}, "level": {"type": "integer", "minimum": 0, "maximum": 3},
        "personal": {"type": "object", "description": "staff view only (audited): real_name, id_number, phone"}}},
      "NewUser": {"type": "object", "additionalProperties": False, "required": ["login", "password"], "properties": {
        "login": {"type": "string"}, "password": {"type": "string", "minLength": 12}, "display_name": {"type": "string"}, "email": {"type": "string"}}},
    }},
  "paths": {
    "/healthz": {"get": {"summary": "Liveness and database check", "security": [], "responses": {
        "200": ok("Healthy", {"type": "object", "properties": {"status": {"const": "ok"}}}),
        "503": ok("The database does not answer", {"type": "object", "properties": {"status": {"const": "unavailable"}}})}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": ok("OpenAPI 3.1")}}},
    "/api/v1/session": {
      "post": {"summary": "Log in", "security": [], "requestBody": body({"type": "object", "additionalProperties": False, "required": ["login", "password"], "properties": {"login": {"type": "string"}, "password": {"type": "string"}}}),
               "responses": {"201": {"description": "Logged in; Set-Cookie ld_session (HttpOnly; SameSite=Strict; Secure behind TLS)", "content": {"application/json": {"schema": {"type": "object", "properties": {"user": ref("User"), "csrf_token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"}}}}}},
                             "400": E400, "401": E401, "403": problem("The account is disabled."), "413": E413, "415": E415, "429": E429}},
      "delete": {"summary": "Log out", "security": [{"session": []}], "parameters": [csrf], "responses": {"204": {"description": "Logged out"}, "401": E401, "403": E403}}},
    "/api/v1/me": {"get": {"summary": "Who am I", "security": [{"session": []}, {"bearer": []}], "responses": {
        "200": ok("The account; csrf_token when authenticated by session", {"type": "object", "properties": {"user": ref("User"), "auth": {"enum": ["session", "token"]}, "csrf_token": {"type": "string"}}}), "401": E401}}},
    "/api/v1/me/password": {"post": {"summary": "Change my password (ends my other sessions)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["current_password", "new_password"], "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string"}}}),
        "responses": {"204": {"description": "Changed"}, "400": E400, "401": E401, "403": E403}}},
    "/api/v1/users": {"post": {"summary": "Register as a reporter (if [auth] allow_registration)", "security": [], "requestBody": body(ref("NewUser")),
        "responses": {"201": ok("Created", ref("User")), "400": E400, "403": problem("Registration is switched off."), "409": E409, "413": E413, "415": E415}}},
    "/api/v1/admin/users": {
      "get": {"summary": "List accounts (admin, auditor)", "security": [{"session": []}, {"bearer": []}], "parameters": page_params, "responses": {"200": ok("A page", page("User")), "401": E401, "403": E403}},
      "post": {"summary": "Create an account (admin)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
               "requestBody": body({"allOf": [ref("NewUser"), {"type": "object", "required": ["role"], "properties": {"role": {"enum": ["reporter", "triager", "coordinator", "vendor", "regulator", "auditor", "admin"]}, "org": {"type": "string"}, "must_change_password": {"type": "boolean", "default": True}}}]}),
               "responses": {"201": ok("Created", ref("User")), "400": E400, "401": E401, "403": E403, "404": problem("No such organisation."), "409": E409}}},
    "/api/v1/admin/orgs": {
      "get": {"summary": "List organisations", "security": [{"session": []}, {"bearer": []}], "parameters": page_params, "responses": {"200": ok("A page", page("Org")), "401": E401, "403": E403}},
      "post": {"summary": "Create an organisation (admin)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
               "requestBody": body({"type": "object", "additionalProperties": False, "required": ["slug", "name", "kind", "country"], "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}, "country": {"type": "string"}}}),
               "responses": {"201": ok("Created", ref("Org")), "400": E400, "401": E401, "403": E403, "409": E409}}},
    "/api/v1/admin/orgs/{slug}/products": {
      "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
      "get": {"summary": "An organisation's products", "security": [{"session": []}, {"bearer": []}], "responses": {"200": ok("Products", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Product")}}}), "404": problem("No such organisation.")}},
      "post": {"summary": "Add a product (admin)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
               "requestBody": body({"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": {"type": "string"}, "model": {"type": "string"}, "versions": {"type": "string"},
                   "cpe": {"type": "string", "maxLength": 512, "examples": ["cpe:2.3:h:acme:router_x1:*:*:*:*:*:*:*:*"], "description": "CPE 2.3 formatted string (13 parts)"},
                   "purl": {"type": "string", "maxLength": 1024, "examples": ["pkg:generic/acme/libfoo@1.2.0"], "description": "Package URL"}}}),
               "responses": {"201": ok("Created", ref("Product")), "400": problem("Invalid input; `field` names it (name, model, versions, cpe, purl)."), "404": problem("No such organisation."), "409": E409}}},
    "/api/v1/reports": {
      "post": {"summary": "Submit a vulnerability report (JSON, or multipart/form-data with a 'report' JSON part and files[] parts)", "security": [{"session": []}, {"bearer": []}, {}], "parameters": [csrf],
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewReport")}, "multipart/form-data": {"schema": {"type": "object", "properties": {"report": {"type": "string", "description": "NewReport as JSON"}, "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
               "responses": {"201": ok("Stored durably; the receipt proves it", {"type": "object", "properties": {"id": {"type": "string", "examples": ["LD-2026-000001"]}, "receipt": ref("Receipt")}}),
                             "400": problem("Invalid report; `errors` names every bad field."), "403": problem("Anonymous intake off, or reporter level too low (`rule`)."), "413": E413, "415": E415}},
      "get": {"summary": "List reports (reporters: their own; staff: all)", "security": [{"session": []}, {"bearer": []}],
              "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}}, {"name": "kind", "in": "query", "schema": {"enum": ["generic", "incident"]}}, {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "substring of title, vendor or product, or of the app's name or package"},
                             {"name": "app", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "substring (ASCII case ignored; % and _ literal) of the app's name, package or developer (issue 9)"},
                             {"name": "platform", "in": "query", "schema": {"enum": ["android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp"]}, "description": "the app's platform (issue 9)"}] + page_params,
              "responses": {"200": ok("A page", page("Report")), "401": E401}}},
    "/api/v1/reports/{id}": {"get": {"summary": "One report with its details (need-to-know; staff reads are audited) and its latest triage decision (`triage`: decision, at, reject_reason, duplicate_of, case and case_state (the progress), and the question or note addressed to the reporter; staff also see the internal note)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}], "responses": {"200": ok("The report", ref("Report")), "404": problem("No such report of yours.")}}},
    "/api/v1/reports/{id}/attachments/{n}": {"get": {"summary": "Download an attachment (always as a download)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "n", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "The bytes, Content-Disposition: attachment"}, "404": problem("No such report or attachment.")}}},
    "/api/v1/log/key": {"get": {"summary": "The receipt log's public key", "security": [], "responses": {"200": ok("Ed25519 key", {"type": "object", "properties": {"algorithm": {"const": "Ed25519"}, "public_key": {"type": "string"}}})}}},
    "/api/v1/log/sth": {"get": {"summary": "The newest (or a given size's) signed tree head", "security": [], "parameters": [{"name": "tree_size", "in": "query", "schema": {"type": "integer"}}], "responses": {"200": ok("STH", ref("STH"))}}},
    "/api/v1/log/proof": {"get": {"summary": "Inclusion proof of a leaf (reporters: their own leaves)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "index", "in": "query", "required": True, "schema": {"type": "integer"}}, {"name": "tree_size", "in": "query", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": ok("leaf, inclusion_proof, sth"), "404": problem("No such leaf or tree size.")}}},
    "/api/v1/log/consistency": {"get": {"summary": "Consistency proof between two signed tree sizes (RFC 9162 §2.1.4)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "first", "in": "query", "required": True, "schema": {"type": "integer"}}, {"name": "second", "in": "query", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": ok("consistency_proof, first_sth, second_sth")}}},
    "/api/v1/me/profile": {
      "get": {"summary": "My identity profile (masked)", "security": [{"session": []}, {"bearer": []}], "responses": {"200": ok("Profile", ref("Profile")), "404": problem("No profile yet.")}},
      "put": {"summary": "File or replace my identity (back to pending, level 0)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
              "requestBody": body({"type": "object", "additionalProperties": False, "required": ["real_name", "id_type", "id_number", "phone"], "properties": {"real_name": {"type": "string"}, "id_type": {"type": "string"}, "id_number": {"type": "string", "description": "居民身份证: GB 11643 check digit"}, "phone": {"type": "string"}}}),
              "responses": {"200": ok("Profile", ref("Profile")), "400": E400, "403": problem("Only reporters file profiles.")}}},
    "/api/v1/admin/reporters": {"get": {"summary": "Reporter profiles for review (admin, triager, coordinator)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "status", "in": "query", "schema": {"enum": ["pending", "verified", "rejected"]}}] + page_params, "responses": {"200": ok("A page", page("Profile")), "403": E403}}},
    "/api/v1/admin/reporters/{user_id}": {"get": {"summary": "One profile with the personal data (audited)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}], "responses": {"200": ok("Profile", ref("Profile")), "404": problem("No profile.")}}},
    "/api/v1/admin/reporters/{user_id}/review": {"post": {"summary": "Verify or reject an identity", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}, csrf],
        "requestBody": body({"type": "object", "required": ["decision"], "properties": {"decision": {"enum": ["verified", "rejected"]}, "reason": {"type": "string", "description": "required when rejected"}}}),
        "responses": {"200": ok("Profile", ref("Profile")), "400": E400}}},
    "/api/v1/admin/reporters/{user_id}/level": {"post": {"summary": "Set a reporter's level (thresholds in [reporters])", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}, csrf],
        "requestBody": body({"type": "object", "required": ["level"], "properties": {"level": {"type": "integer", "minimum": 0, "maximum": 3}}}),
        "responses": {"200": ok("Profile", ref("Profile")), "400": E400, "409": problem("Not enough accepted reports or identity not verified (rule reporters.levels).")}}},
    "/api/v1/cvss": {"get": {"summary": "Score a CVSS 2.0/3.0/3.1/4.0 vector (public calculator)", "security": [],
        "parameters": [{"name": "vector", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 255}, "description": "With its CVSS:x.y/ prefix (none or CVSS:2.0/ for v2). Metrics in any order; X/ND values are dropped from the normalised vector."}],
        "responses": {"200": ok("Scores (one decimal). v2/v3: base_score, base_severity, and temporal_score / environmental_score when the vector has such metrics. v4: score, severity, nomenclature (CVSS-B/BT/BE/BTE).", ref("Cvss")),
                      "400": problem("Invalid vector: `detail` says why (unknown metric or value, duplicate, missing base metric, wrong prefix); never scored.")}}},
    "/api/v1/grade": {"get": {"summary": "GB/T 30279-2020 technical and comprehensive grade of indicators (public calculator)", "security": [],
        "parameters": [{"name": k, "in": "query", "required": k in ("access_path", "trigger", "privilege", "interaction", "confidentiality", "integrity", "availability"), "schema": {"enum": v}, "description": "English term or the Chinese one (" + zh + ")"} for k, v, zh in [
            ("access_path", ["network", "adjacent", "local", "physical"], "网络/邻接/本地/物理"),
            ("trigger", ["low", "high"], "低/高"), ("privilege", ["none", "low", "high"], "无/低/高"),
            ("interaction", ["none", "required"], "不需要/需要"),
            ("confidentiality", ["severe", "general", "none"], "严重/一般/无"), ("integrity", ["severe", "general", "none"], "严重/一般/无"),
            ("availability", ["severe", "general", "none"], "严重/一般/无"),
            ("exploit_cost", ["low", "medium", "high"], "低/中/高"), ("fix_difficulty", ["high", "medium", "low"], "高/中/低"),
            ("scope", ["high", "medium", "low", "none"], "高/中/低/无")]],
        "responses": {"200": ok("Grades from the instance's tables ([grading] tables_file, or the built-in CVSS v3.1 equivalence); comprehensive_grade only with all three environmental factors", ref("Grade")),
                      "400": problem("A value is not one of the indicator's, or a technical indicator is missing (`field` names it).")}}},
    "/api/v1/grading/categories": {"get": {"summary": "The GB/T 30279-2020 category tree (versioned data, zh-CN and en names, CWE ids)", "security": [],
        "responses": {"200": ok("{version, categories: [{path, zh, en, depth, cwe: [int]}]}")}}},
    "/api/v1/cwe": {"get": {"summary": "Search the CWE list loaded by `loudong import cwe`", "security": [],
        "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "CWE-79, 79, or a fragment of the name"},
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}],
        "responses": {"200": ok("{version, count, items: [{id, name, abstraction, status}]}")}}},
    "/api/v1/reports/{id}/assessment": {
      "get": {"summary": "A report's assessment: vectors with scores, GB/T indicators and grades, category, CWE, related ids, and the change history (triager, coordinator, admin)", "security": [{"session": []}, {"bearer": []}],
              "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
              "responses": {"200": ok("Assessment", ref("Assessment")), "403": E403, "404": problem("No such report.")}},
      "put": {"summary": "Replace a report's assessment; grades are computed, every change is recorded (R27-R30)", "security": [{"session": []}, {"bearer": []}],
              "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
              "requestBody": body({"type": "object", "additionalProperties": False, "properties": {
                  "cvss_v2": {"type": ["string", "null"]}, "cvss_v3": {"type": ["string", "null"], "description": "3.0 or 3.1"}, "cvss_v4": {"type": ["string", "null"]},
                  "gbt": {"type": "object", "description": "Indicators by key (access_path … scope), English or Chinese terms; all seven technical ones or none, all three environmental ones or none"},
                  "category_path": {"type": ["string", "null"], "examples": ["code.input_validation.injection.sql"]},
                  "cwe": {"type": ["string", "null"], "examples": ["CWE-89", "89"]},
                  "related_ids": {"type": "array", "maxItems": 32, "items": {"oneOf": [{"type": "string", "description": "CVE, CNVD, CNVD-C, CNNVD, GHSA or OSV id, recognised by its form"}, {"type": "object", "required": ["value"], "properties": {"scheme": {"type": "string"}, "value": {"type": "string"}}}]}},
                  "reason": {"type": ["string", "null"], "maxLength": 2000, "description": "Required when a grade changes from one value to another (R30)"}}}),
              "responses": {"200": ok("Assessment as stored", ref("Assessment")), "400": problem("Every bad field is in `errors`; `rule` R30 when a change of grade has no reason."), "403": E403, "404": problem("No such report.")}}},
    "/api/v1/reports/{id}/triage": {"post": {"summary": "Triage a report: accept into a new or existing case, reject with a structured reason, mark a duplicate, or ask the reporter (triager, coordinator, admin)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["decision"], "properties": {
            "decision": {"enum": ["accept", "reject", "duplicate", "needs_info"]},
            "reason": {"type": "string", "maxLength": 2000, "description": "reject: one of out_of_scope, not_reproducible, not_vulnerability, insufficient_info, spam, already_public; needs_info: the question to the reporter; otherwise a note"},
            "note": {"type": "string", "maxLength": 2000, "description": "reject: an explanation"},
            "duplicate_of": {"type": "string", "description": "duplicate: the original report's id"},
            "case": {"type": "string", "description": "accept: join this case (same kind); absent: a new case"}}}),
        "responses": {"200": ok("{report, decision, status, case, case_created}"), "400": E400, "403": E403, "404": problem("No such report."), "409": problem("Already triaged, or the case is of another kind (`rule` R34 / R9).")}}},
    "/api/v1/reports/{id}/similar": {"get": {"summary": "Up to 5 likely duplicates of a report, best first, each with why: same product (and versions), a shared related id, a similar title (character bigrams, so Chinese titles compare too)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("{items: [{id, title, product, status, score (0-100), title_similarity (percent), reasons: [same_product, same_versions, shared_id, similar_title], shared_id}]}"), "403": E403, "404": problem("No such report.")}}},
    "/api/v1/cases": {"get": {"summary": "Cases, newest first (triager, coordinator, admin: all; a vendor member: those shared with their organisation)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "state", "in": "query", "schema": {"enum": ["verified", "graded", "vendor_notified", "in_remediation", "fix_available", "published", "tracking", "closed", "reopened", "operator_notified", "fixed"]}}] + page_params,
        "responses": {"200": ok("A page", page("Case")), "403": E403}}},
    "/api/v1/cases/{id}": {"get": {"summary": "A case with its reports and vendors (a vendor member: only a case shared with their organisation, no reports; other vendors' statements once approved)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "examples": ["LD-C-2026-000001"]}}],
        "responses": {"200": ok("Case", ref("Case")), "403": E403, "404": problem("No such case.")}}},
    "/api/v1/cases/{id}/transition": {"post": {"summary": "Move a case through its workflow (R34); illegal moves are refused with the reason and the states that may follow", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["to"], "properties": {"to": {"type": "string"}, "reason": {"type": "string", "maxLength": 2000, "description": "required to close early or to reopen"}}}),
        "responses": {"200": ok("Case", ref("Case")), "400": E400, "403": E403, "404": problem("No such case."), "409": problem("Not a move of this workflow; `rule` R34, R34.reason, R9 or policy.disclosure_gate.")}}},
    "/api/v1/cases/{id}/vendors": {"post": {"summary": "Bring a vendor organisation into a case (a provider; for an incident, the operator)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["org"], "properties": {"org": {"type": "string", "description": "the organisation's short name"},
            "role": {"enum": ["vendor", "upstream", "downstream"], "description": "the affected product's own vendor (default), the upstream supplier of a flawed component (Art. 7(1)), or a downstream vendor whose product includes the affected one"},
            "party_type": {"enum": ["user", "provider", "operator", "repository_org", "emergency_org", "reporter"], "description": "R35; default from the organisation's kind"}}}),
        "responses": {"201": ok("{case, org, role}"), "400": E400, "403": E403, "404": problem("No such case or organisation."), "409": problem("Already a vendor in this case; or upstream/downstream on an incident (`rule` R9).")}}},
    "/api/v1/cases/{id}/participants": {
      "get": {"summary": "Who takes part in a case, each with a role and an R35 party type: people (reporters, coordinators, observers) and organisations (vendors). Only the staff see who the reporters are.", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("{case, people: [{role, party_type, added_at, login?, name?, org?}], organisations: [{org, name, role, party_type, status}]}"), "403": E403, "404": problem("No such case (or not shared with you).")}},
      "post": {"summary": "Add a person to a case: a coordinator (a triager, coordinator or admin) or an observer (a regulator's account, who may then read the case)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["user", "role"], "properties": {"user": {"type": "string", "description": "login"}, "role": {"enum": ["coordinator", "observer"]},
            "party_type": {"enum": ["user", "provider", "operator", "repository_org", "emergency_org", "reporter"]}}}),
        "responses": {"201": ok("{case, user, role}"), "400": E400, "403": E403, "404": problem("No such case."), "409": problem("Already takes part.")}}},
    "/api/v1/cases/{id}/participants/{user}": {"delete": {"summary": "Remove a coordinator or an observer (a reporter stays while their report is in the case)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "user", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "responses": {"204": {"description": "Removed"}, "403": E403, "404": problem("Not a participant."), "409": problem("A reporter cannot be removed (`rule` R35).")}}},
    "/api/v1/cases/{id}/vendors/{org}/notify": {"post": {"summary": "Notify a vendor: a mail to each of its members through the outbox and an in-app notice (case id, their part in it — an upstream supplier is told the flaw is in a component it supplies — and a link, no details); records the first contact", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "responses": {"200": ok("{case, org, mails}"), "403": E403, "404": problem("No such case, or the organisation is not a vendor in it.")}}},
    "/api/v1/cases/{id}/vendors/{org}": {"put": {"summary": "Where a vendor stands: set by its own members (investigating, affected, not_affected, fixed, wont_fix) or the coordinator (also not_contacted, notified, unresponsive); a changed statement needs approval again", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["status"], "properties": {
            "status": {"enum": ["not_contacted", "notified", "unresponsive", "investigating", "affected", "not_affected", "fixed", "wont_fix"]},
            "justification": {"enum": ["component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"], "description": "VEX (CSAF 2.0 flags); required for not_affected"},
            "fixed_version": {"type": "string", "maxLength": 200}, "statement": {"type": "string", "maxLength": 4000}}}),
        "responses": {"200": ok("{case, org, status}"), "400": E400, "403": E403, "404": problem("No such case shared with your organisation.")}}},
    "/api/v1/cases/{id}/vendors/{org}/approve": {"post": {"summary": "Share a vendor's statement with the other participants", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "responses": {"200": ok("{case, org, statement_approved}"), "403": E403, "404": problem("No such case, vendor or statement.")}}},
    "/api/v1/cases/{id}/timeline": {"get": {"summary": "Every step of a case: created, reports added, transitions with who, when and why", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("{items: [{id, at, actor, event, from, to, detail, reason}]}"), "403": E403, "404": problem("No such case.")}}},
    # The conversation of a case (issue 5, R42, Art. 11).
    "/api/v1/cases/{id}/messages": {
      "get": {"summary": "A case's messages the reader may see, oldest first: staff everything; a vendor member (its organisation a vendor of the case) participants and vendor:<own org> messages; a reporter of the case participants and reporter messages; anyone else 404. Staff and vendor reads are audited (case.messages.read). Bodies are Markdown.", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("{case, items}", {"type": "object", "required": ["case", "items"], "properties": {"case": {"type": "string"}, "items": {"type": "array", "items": ref("Message")}}}), "401": E401, "404": problem("No such case (or no part in it).")}},
      "post": {"summary": "Post a message (JSON, or multipart/form-data with a 'message' JSON part and files[] parts). Staff: any visibility; a vendor member: participants or vendor:<own org>; a reporter: reporter. A vendor's or reporter's message is inbound: it gets a receipt-log leaf (leaf_index). Timeline event 'message' and an audit entry.", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewMessage")}, "multipart/form-data": {"schema": {"type": "object", "properties": {"message": {"type": "string", "description": "NewMessage as JSON"}, "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
        "responses": {"201": ok("The message as stored", ref("Message")), "400": problem("Invalid input; `field` is body (blank, not UTF-8, over 20000 bytes), visibility or attachments."), "403": problem("Not a visibility this account may use (`rule` R42)."), "404": problem("No such case (or no part in it)."), "413": E413}}},
    "/api/v1/cases/{id}/messages/{mid}/attachments/{aid}": {"get": {"summary": "Download a message's attachment (same visibility as the message; always as a download; X-Loudong-Sniffed-Type gives the sniffed type)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "mid", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, {"name": "aid", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {"200": {"description": "The bytes, Content-Disposition: attachment"}, "404": problem("No such case, message or attachment visible to you.")}}},
    "/api/v1/cases/{id}/retest": {"post": {"summary": "A reporter of the case retests the fix (fix_available, tracking, closed, or fixed for an incident): a message of kind retest_confirmed or retest_disputed (visibility reporter) with a receipt-log leaf, timeline event 'retest'", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["outcome"], "properties": {"outcome": {"enum": ["confirmed", "disputed"]}, "body": {"type": "string", "maxLength": 20000, "description": "Markdown, optional"}}}),
        "responses": {"201": ok("The message", ref("Message")), "400": E400, "403": problem("Not a reporter of the case (`rule` R34)."), "404": problem("No such case (or no part in it)."), "409": problem("No fix to retest in this state (`rule` R34).")}}},
    "/api/v1/reports/{id}/reply": {"post": {"summary": "The reporter answers triage's question (only while the report is needs_info): a message of kind reply with a receipt-log leaf; the report goes back to triage (JSON, or multipart with a 'message' JSON part and files[])", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "required": ["body"], "properties": {"body": {"type": "string", "maxLength": 20000}, "attachments": {"type": "array", "items": {"type": "object", "required": ["filename", "content_base64"], "properties": {"filename": {"type": "string"}, "content_base64": {"type": "string"}}}}}}}, "multipart/form-data": {"schema": {"type": "object", "properties": {"message": {"type": "string"}, "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
        "responses": {"201": ok("The reply, with report_status: triage", ref("Message")), "400": E400, "404": problem("No such report of yours."), "409": problem("The report is not waiting for an answer (`rule` R34).")}}},
    "/api/v1/reports/{id}/messages": {"get": {"summary": "The progress thread of a report (its reporter and staff): triage's questions (kind question, id null), the reporter's replies, and, once the report is in a case, the case's participants and reporter messages; oldest first", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("{report, case, items}", {"type": "object", "required": ["report", "case", "items"], "properties": {"report": {"type": "string"}, "case": {"type": ["string", "null"]}, "items": {"type": "array", "items": ref("Message")}}}), "404": problem("No such report of yours.")}}},
    "/api/v1/products": {"get": {"summary": "Search products for a picker (staff; a vendor member too): by organisation and a fragment of the name, model, CPE or purl", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "org", "in": "query", "schema": {"type": "string"}, "description": "the organisation's short name"}, {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}},
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 20}}],
        "responses": {"200": ok("{items: [Product]}", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Product")}}}), "403": E403, "404": problem("No such organisation.")}}},
    "/api/v1/products/{id}": {"get": {"summary": "A product with its components and the products that include it (used_by), 4 levels each (R4); a vendor member reads their own organisation's products, and of used_by only their own", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {"200": ok("Product with components and used_by", {"allOf": [ref("Product"), {"type": "object", "properties": {"components": {"type": "array", "items": ref("ProductLink")}, "used_by": {"type": "array", "items": ref("ProductLink")}}}]}),
                      "403": E403, "404": problem("No such product.")}}},
    "/api/v1/products/{id}/components": {"post": {"summary": "Record that a product includes another (possibly another vendor's): admin, triager, coordinator, or a vendor member for their own organisation's product; a loop is refused", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, csrf],
        "requestBody": body({"type": "object", "additionalProperties": False, "required": ["component"], "properties": {"component": {"type": "integer", "minimum": 1}, "versions": {"type": "string", "maxLength": 1024, "description": "the component versions it ships"}}}),
        "responses": {"201": ok("{product, component, versions}"), "400": E400, "403": problem("Not allowed; `rule` rbac.role, or rbac.org for another organisation's product."), "404": problem("No such product or component (`field`)."), "409": problem("Already a component, or the component includes the product (`rule` R4).")}}},
    "/api/v1/cases/{id}/products": {
      "get": {"summary": "The products a case affects (staff; a vendor member of a case shared with their organisation)", "security": [{"session": []}, {"bearer": []}],
              "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
              "responses": {"200": ok("{case, items: [{product: Product, versions, upstream, added_at}]}"), "403": E403, "404": problem("No such case.")}},
      "post": {"summary": "Add a product the case affects; upstream: the flaw is in it as a component of others (timeline product_added, audit case.product_add)", "security": [{"session": []}, {"bearer": []}],
               "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
               "requestBody": body({"type": "object", "additionalProperties": False, "required": ["product"], "properties": {"product": {"type": "integer", "minimum": 1}, "versions": {"type": "string", "maxLength": 1024, "description": "affected versions"}, "upstream": {"type": "boolean", "default": False}}}),
               "responses": {"201": ok("{case, product, versions, upstream}"), "400": E400, "403": E403, "404": problem("No such case or product (`field`)."), "409": problem("The product is already in this case.")}}},
    "/api/v1/cases/{id}/supply-chain": {"get": {"summary": "Whom to notify (Art. 7(1), R4): for each affected product its vendor (upstream when marked so), the vendors of its components (upstream candidates) and of the products that include it (downstream), each with why and the path; confirm with POST /api/v1/cases/{id}/vendors", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": ok("Proposals by the strength of their reason, then short name; organisations already vendors of the case apart", {"type": "object", "properties": {"case": {"type": "string"}, "proposals": {"type": "array", "items": ref("SupplyProposal")}, "already_in_case": {"type": "array", "items": ref("SupplyProposal")}}}),
                      "403": E403, "404": problem("No such case.")}}},
    "/api/v1/admin/audit": {"get": {"summary": "The audit log (admin, auditor, regulator): who did or read what, when", "security": [{"session": []}, {"bearer": []}], "parameters": page_params,
        "responses": {"200": ok("A page of {id, at, actor_id, action, subject, detail}"), "403": E403}}},
    "/api/v1/notices": {"get": {"summary": "My in-app notices, newest first (any account): what happened and about what (`subject` case:<id> or report:<id>), never vulnerability details", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "unseen", "in": "query", "schema": {"enum": ["1", "0", "true", "false", "on"]}, "description": "1: only notices not seen yet"}] + page_params,
        "responses": {"200": ok("A page of notices", {"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items": {"type": "object", "required": ["id", "kind", "subject", "text", "created_at", "seen_at"], "properties": {
            "id": {"type": "integer"}, "kind": {"type": "string", "examples": ["vendor_notified", "vendor_unresponsive"]}, "subject": {"type": "string", "examples": ["case:LD-C-2026-000001"]},
            "text": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}, "seen_at": {"type": ["string", "null"], "format": "date-time"}}}}, "next_cursor": {"type": ["string", "null"]}}}), "401": E401}}},
    "/api/v1/notices/{id}/seen": {"post": {"summary": "Mark one of my notices seen; a vendor member seeing the notice that their organisation was notified of a case records the vendor's first look on the case (timeline event vendor_seen)", "security": [{"session": []}, {"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, csrf],
        "responses": {"204": {"description": "Seen"}, "401": E401, "404": problem("No such notice of yours.")}}},
    "/api/v1/tokens": {
      "get": {"summary": "My API tokens", "security": [{"session": []}, {"bearer": []}], "responses": {"200": ok("Tokens", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Token")}}})}},
      "post": {"summary": "Create an API token (shown once)", "security": [{"session": []}, {"bearer": []}], "parameters": [csrf],
               "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"label": {"type": "string", "maxLength": 64}}}}}},
               "responses": {"201": ok("Created; `token` is in this response only", ref("Token")), "400": E400, "401": E401}}},
    "/api/v1/tokens/{id}": {"delete": {"summary": "Revoke one of my API tokens", "security": [{"session": []}, {"bearer": []}], "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}, csrf],
        "responses": {"204": {"description": "Revoked"}, "401": E401, "404": problem("No such token of yours.")}}},
  },
  "security": [{"session": []}, {"bearer": []}],
}
# Later areas keep their paths in scripts/openapi_<area>.py: each defines
# paths(h), where h holds the helpers above, and returns {path: item}.
import glob, importlib.util
h = {"ref": ref, "problem": problem, "body": body, "ok": ok, "page": page, "page_params": page_params,
     "csrf": csrf, "E400": E400, "E401": E401, "E403": E403, "E409": E409}
for path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi_*.py"))):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    doc["paths"].update(mod.paths(h))
    if hasattr(mod, "schemas"):
        doc["components"]["schemas"].update(mod.schemas(h))
out = os.path.join(os.path.dirname(__file__), "..", "docs", "api", "openapi.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
