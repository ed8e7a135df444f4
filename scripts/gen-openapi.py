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
