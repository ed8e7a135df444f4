"""OpenAPI paths of the notices of risk and remedy to users and downstream vendors (issue 6, Art. 7(3), R6); loaded by gen-openapi.py."""

def schemas(h):
    when = {"type": ["string", "null"], "format": "date-time"}
    return {
      "UserNoticeDraft": {"type": "object", "required": ["case_id", "state", "fix_available", "subject", "body", "support_channel", "downstream"], "properties": {
          "case_id": {"type": "string"}, "state": {"type": "string", "description": "the case's state"},
          "fix_available": {"type": "boolean", "description": "whether the notice may be sent now (Art. 7(3)): a generic case in fix_available, published, tracking or closed; an incident case fixed or closed"},
          "subject": {"type": "string", "description": "proposed, zh-CN then en"},
          "body": {"type": "string", "description": "proposed, zh-CN then en: the risk (the case's title, the grade when assessed), the affected products and versions, the vendors' fixed versions; no further technical detail. Edit before sending."},
          "support_channel": {"type": "string", "description": "empty: fill in where users get technical support"},
          "downstream": {"type": "array", "description": "who include_downstream reaches: the case's downstream vendors, and the organisations the supply chain proposes downstream that are not yet in the case",
              "items": {"type": "object", "required": ["org", "name", "in_case", "addresses"], "properties": {
                  "org": {"type": "string"}, "name": {"type": "string"},
                  "in_case": {"type": "boolean", "description": "a downstream vendor of the case (else proposed by the supply chain)"},
                  "addresses": {"type": "array", "items": {"type": "string"}, "description": "its active vendor members' e-mail addresses"}}}}}},
      "UserNotice": {"type": "object", "required": ["id", "case_id", "subject", "body", "support_channel", "created_by", "created_at", "recipients"], "properties": {
          "id": {"type": "integer"}, "case_id": {"type": "string"}, "subject": {"type": "string"}, "body": {"type": "string", "description": "as sent, without the support line"},
          "support_channel": {"type": "string", "description": "added as the last line of every mail (R6)"},
          "created_by": {"type": ["string", "null"], "description": "the sender's login"}, "created_at": {"type": "string", "format": "date-time"},
          "recipients": {"type": "array", "description": "by address; each its own outbox mail, the delivery evidence (R6)", "items": {"type": "object", "required": ["address", "source", "status", "attempts"], "properties": {
              "address": {"type": "string"}, "source": {"enum": ["downstream", "manual"]},
              "org": {"type": ["string", "null"], "description": "source downstream: the organisation"},
              "status": {"enum": ["pending", "sent", "failed", "refused"], "description": "refused: the disclosure gate refused this recipient (Art. 9(7)); it is never sent, and last_error says why (zh-CN / en)"}, "attempts": {"type": "integer"}, "last_error": {"type": "string"},
              "sent_at": when}}}}},
    }

def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E403 = h["csrf"], h["E400"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    cid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the case"}
    nf = problem("No such case.")
    return {
      "/api/v1/cases/{id}/user-notices/draft": {
        "get": {"summary": "Propose a notice of risk and remedy to users and downstream vendors from the case (staff; the read of the case is audited)", "security": sec, "parameters": [cid],
                "responses": {"200": ok("The proposal", ref("UserNoticeDraft")), "403": E403, "404": nf}}},
      "/api/v1/cases/{id}/user-notices": {
        "get": {"summary": "The notices sent for the case, newest first, each recipient with its delivery status (staff)", "security": sec, "parameters": [cid],
                "responses": {"200": ok("The notices", {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": ref("UserNotice")}}}), "403": E403, "404": nf}},
        "post": {"summary": "Send a notice of risk and remedy (Art. 7(3), R6; staff): one mail per recipient through the outbox (the subject; the body, then the support channel line), the recipients kept with where they came from, the timeline event user_notice and the audit entry case.user_notice, in one transaction. Only once the case has a fix (409, `rule` Art. 7(3)). Repeated addresses go once; at most 200 recipients, at least one. Each recipient passes the disclosure gate (action mail): the account the address belongs to, by its jurisdiction, else an address of unknown jurisdiction; an undisclosed case goes to nobody abroad or unknown other than the affected product's own provider (Art. 9(7)). A refused recipient is kept with status refused and never mailed; when all are refused, nothing is kept and the answer is 409 with `rule` Art. 9(7). Every decision is in GET /api/v1/policy-decisions.", "security": sec,
                 "parameters": [cid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["subject", "body"], "properties": {
                     "subject": {"type": "string", "minLength": 1, "maxLength": 200, "description": "bytes; one line"},
                     "body": {"type": "string", "minLength": 1, "maxLength": 20000, "description": "bytes, UTF-8 plain text"},
                     "support_channel": {"type": "string", "maxLength": 500, "description": "where users get technical support (R6); one line"},
                     "recipients": {"type": "array", "maxItems": 200, "items": {"type": "string", "format": "email"}, "description": "addresses typed by hand"},
                     "include_downstream": {"type": "boolean", "default": False, "description": "also the draft's downstream organisations' members"}}}),
                 "responses": {"201": ok("Sent (deliveries pending)", ref("UserNotice")), "400": problem("Invalid; `field` names the member (subject, body, support_channel, recipients: a bad address, too many, or none at all)."),
                               "403": E403, "404": nf, "409": problem("The case has no fix yet (`rule` Art. 7(3)).")}}},
    }
