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
      "Product": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "model": {"type": "string"}, "versions": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
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
               "requestBody": body({"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": {"type": "string"}, "model": {"type": "string"}, "versions": {"type": "string"}}}),
               "responses": {"201": ok("Created", ref("Product")), "400": E400, "404": problem("No such organisation."), "409": E409}}},
    "/api/v1/reports": {
      "post": {"summary": "Submit a vulnerability report (JSON, or multipart/form-data with a 'report' JSON part and files[] parts)", "security": [{"session": []}, {"bearer": []}, {}], "parameters": [csrf],
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewReport")}, "multipart/form-data": {"schema": {"type": "object", "properties": {"report": {"type": "string", "description": "NewReport as JSON"}, "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
               "responses": {"201": ok("Stored durably; the receipt proves it", {"type": "object", "properties": {"id": {"type": "string", "examples": ["LD-2026-000001"]}, "receipt": ref("Receipt")}}),
                             "400": problem("Invalid report; `errors` names every bad field."), "403": problem("Anonymous intake off, or reporter level too low (`rule`)."), "413": E413, "415": E415}},
      "get": {"summary": "List reports (reporters: their own; staff: all)", "security": [{"session": []}, {"bearer": []}],
              "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}}, {"name": "kind", "in": "query", "schema": {"enum": ["generic", "incident"]}}, {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "substring of title, vendor or product"}] + page_params,
              "responses": {"200": ok("A page", page("Report")), "401": E401}}},
    "/api/v1/reports/{id}": {"get": {"summary": "One report with its details (need-to-know; staff reads are audited)", "security": [{"session": []}, {"bearer": []}],
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
    "/api/v1/admin/audit": {"get": {"summary": "The audit log (admin, auditor, regulator): who did or read what, when", "security": [{"session": []}, {"bearer": []}], "parameters": page_params,
        "responses": {"200": ok("A page of {id, at, actor_id, action, subject, detail}"), "403": E403}}},
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
out = os.path.join(os.path.dirname(__file__), "..", "docs", "api", "openapi.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
