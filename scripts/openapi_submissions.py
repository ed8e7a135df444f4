"""OpenAPI paths of the 报送 and federation (issue 6); loaded by gen-openapi.py."""

def schemas(h):
    fields = ["name", "product_name", "product_model", "product_versions", "technical_characteristics",
              "harm", "impact_scope", "vendor", "category", "grade", "cvss", "cwe", "affected_versions",
              "discovered_at", "known_at", "reporter_org", "reporter_role", "contact_name", "contact_phone",
              "contact_email", "verification", "remediation_status", "remediation_plan", "user_notification",
              "upstream_component", "related_ids", "target_library", "forward_to",
              "app_name", "app_package", "app_version", "app_platform", "app_store", "app_developer"]
    props = {k: {"type": "string"} for k in fields}
    props["grade"] = {"enum": ["", "critical", "high", "medium", "low"], "description": "GB/T 30279 grade"}
    props["reporter_role"] = {"enum": ["", "provider", "platform", "individual"]}
    props["remediation_status"] = {"enum": ["", "none", "in_progress", "fix_available", "fixed"]}
    props["user_notification"] = {"enum": ["", "not_started", "in_progress", "done"]}
    props["target_library"] = {"enum": ["", "CNVDB", "CICSVD", "CAPPVD", "CAVD", "OTHER"], "description": "R37"}
    props["discovered_at"] = {"type": "string", "description": "YYYY-MM-DD"}
    props["known_at"] = {"type": "string", "description": "RFC 3339"}
    props["forward_to"] = {"type": "string", "description": "other libraries to forward to (R17), comma-separated names the registry knows"}
    props["app_platform"] = {"enum": ["", "android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp"], "description": "issue 9: the app fields (see the App schema); a registry with [registry] specialisation = app requires [registry] app_required_fields (400 `rule` R40)"}
    return {
      "SubmissionRecord": {"type": "object", "additionalProperties": False, "properties": props,
          "description": "The 报送 (Art. 7(2) + R37). Legal fields (always required to send): name, product_name, product_model, product_versions, technical_characteristics, harm, impact_scope; more by [federation] required_fields."},
      "Submission": {"type": "object", "required": ["id", "case_id", "state", "target_library", "name", "product_name", "manual", "library_id"], "properties": {
          "id": {"type": "integer"}, "case_id": {"type": "string"},
          "state": {"enum": ["draft", "queued", "sent", "accepted", "rejected", "waived"]},
          "target_library": {"type": "string"}, "name": {"type": "string"}, "product_name": {"type": "string"},
          "manual": {"type": "boolean", "description": "no registry configured: a file for manual upload"},
          "library_id": {"type": "string", "description": "the registry's id once accepted"},
          "reason": {"type": "string", "description": "rejected: the registry's reason; waived: why"},
          "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
          "sent_at": {"type": ["string", "null"], "format": "date-time"}, "uploaded_at": {"type": ["string", "null"], "format": "date-time"},
          "decided_at": {"type": ["string", "null"], "format": "date-time"},
          "delivery": {"type": "object", "properties": {"status": {"enum": ["pending", "sent", "failed"]}, "attempts": {"type": "integer"}, "last_error": {"type": "string"}, "http_status": {"type": ["integer", "null"]}}},
          "record": h["ref"]("SubmissionRecord")}},
      "ReceivedSubmission": {"type": "object", "required": ["library_id", "organisation", "state", "received_at", "leaf_index"], "properties": {
          "library_id": {"type": "string", "examples": ["NVDB-2026-000001"]}, "organisation": {"type": "string"}, "organisation_name": {"type": "string"},
          "target_library": {"type": "string"}, "name": {"type": "string"}, "product_name": {"type": "string"},
          "payload_sha256": {"type": "string"}, "leaf_index": {"type": "integer", "description": "receipt-log leaf (Art. 5)"},
          "state": {"enum": ["received", "verified", "rejected"]}, "reason": {"type": "string"},
          "received_at": {"type": "string", "format": "date-time"}, "verified_at": {"type": ["string", "null"], "format": "date-time"},
          "replay": {"type": "boolean", "description": "POST only: true when the Idempotency-Key was seen before (200, the same record)"},
          "reference": {"type": "string", "description": "POST only: the submitter's own reference, echoed"},
          "record": h["ref"]("SubmissionRecord"),
          "forwards": {"type": "array", "items": {"type": "object", "properties": {
              "recipient": {"type": "string"}, "target": {"enum": ["http", "mail"]}, "on_request": {"type": "boolean", "description": "R17"},
              "status": {"enum": ["pending", "sent", "failed", "refused"], "description": "refused: the disclosure gate refused this recipient (Art. 9(7)); it is never sent, and last_error says why (zh-CN / en)"}, "attempts": {"type": "integer"}, "last_error": {"type": "string"},
              "http_status": {"type": ["integer", "null"]}, "delivered_at": {"type": ["string", "null"], "format": "date-time"}}}}}},
    }

def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    sid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "provider: the 报送's number; registry: the library id"}
    cid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    nf = problem("No such 报送 (or case).")
    state409 = problem("Not in a state that allows this step (`rule` R5).")
    reason = body({"type": "object", "additionalProperties": False, "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": 2000}}})
    assess_note = "Registry role: grade a received 报送 exactly like a report (the same body and answer as /api/v1/reports/{id}/assessment: CVSS vectors, GB/T 30279 indicators and grades, category, CWE, related ids; a grade change needs a reason, rule R30); triagers, coordinators, admins"
    return {
      "/api/v1/submissions/{id}/assessment": {
        "get": {"summary": assess_note + " (read, with its history)", "security": sec, "parameters": [sid],
                "responses": {"200": ok("The assessment (as for a report)"), "403": E403, "404": nf}},
        "put": {"summary": assess_note, "security": sec, "parameters": [sid, csrf],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "description": "as PUT /api/v1/reports/{id}/assessment"}}}},
                "responses": {"200": ok("Saved (as for a report)"), "400": problem("Invalid input, or a grade change without a reason (`rule` R30)."), "403": E403, "404": nf}}},
      "/api/v1/cases/{id}/submission": {
        "post": {"summary": "Draft the case's 报送 from the case (staff): reports, assessment, products, vendors, known_at, the instance as submitter and you as contact. Incident cases are not reported (409, Art. 8).", "security": sec,
                 "parameters": [cid, csrf], "responses": {"201": ok("The draft", ref("Submission")), "403": E403, "404": problem("No such case."), "409": problem("The case has its 报送 already, or is an incident case.")}},
        "get": {"summary": "The case's 报送 with its record (staff; the read is audited)", "security": sec, "parameters": [cid],
                "responses": {"200": ok("The 报送", ref("Submission")), "403": E403, "404": nf}}},
      "/api/v1/submissions": {
        "get": {"summary": "Staff: provider/platform role: this instance's 报送; registry role: the 报送 received, newest first", "security": sec,
                "parameters": [{"name": "state", "in": "query", "schema": {"type": "string"}},
                               {"name": "app", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "registry: substring (ASCII case ignored; % and _ literal) of the app's name, package or developer (issue 9)"},
                               {"name": "platform", "in": "query", "schema": {"enum": ["android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp"]}, "description": "registry: the app's platform"}] + h["page_params"],
                "responses": {"200": ok("A page of Submission (provider) or ReceivedSubmission (registry)"), "400": E400, "403": E403}},
        "post": {"summary": "Registry role: receive a 报送 from a member organisation's account (a vendor member of a provider or platform organisation, usually its API token). Checked, a receipt-log leaf appended (channel federation, SHA-256 of the exact body), a library id <PREFIX>-<YYYY>-<seq> assigned, stored sealed, and forwarded (同步通报, R7) to [registry] forward_to and, if asked, to [registry] libraries (R17); each forward passes the disclosure gate (action federate, the recipient in [policy] default_country) and a refused one is kept with status refused and never sent. The same Idempotency-Key from the same organisation answers 200 with the same record.", "security": [{"bearer": []}, {"session": []}],
                 "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,128}$"}}, csrf],
                 "requestBody": body({"allOf": [ref("SubmissionRecord"), {"type": "object", "properties": {"reference": {"type": "string", "maxLength": 128, "description": "the submitter's own reference (e.g. its case id)"}}}]}),
                 "responses": {"201": ok("Received", ref("ReceivedSubmission")), "200": ok("A replay of a key already received: the same record", ref("ReceivedSubmission")),
                               "400": problem("Invalid: `field` names the first problem, `errors` lists all; `rule` Art. 7(2) for a legal field, R37 for a configured one, R17 for forward_to."),
                               "401": E401, "403": problem("Not a member organisation's account (`rule` rbac.org)."), "404": problem("This instance is not a registry.")}}},
      "/api/v1/submissions/{id}": {
        "get": {"summary": "One 报送 with its record (provider) or one received 报送 with its record and forwards' delivery status (registry); staff; the read is audited", "security": sec, "parameters": [sid],
                "responses": {"200": ok("Submission or ReceivedSubmission"), "403": E403, "404": nf}},
        "put": {"summary": "Edit a draft or a rejected 报送 (which becomes a draft): the fields given replace the record's; only their shape is checked here", "security": sec, "parameters": [sid, csrf],
                "requestBody": body(ref("SubmissionRecord")), "responses": {"200": ok("Saved", ref("Submission")), "400": E400, "403": E403, "404": nf, "409": state409}}},
      "/api/v1/submissions/{id}/send": {"post": {"summary": "Send (a person reviewed it): the record must be complete. With [federation] registry_url: queued in the outbox (POST {registry}/api/v1/submissions, bearer registry_token, the 报送's Idempotency-Key; retried with backoff; the answer makes it accepted with the library id, or rejected with the reason). Without: queued for manual upload (GET …/file, then POST …/uploaded). Either way the disclosure gate decides first (action federate, recipient the national library: domestic by definition, as the first of [policy] domestic_countries); refused: 409 with `rule` Art. 9(7), nothing changes.", "security": sec, "parameters": [sid, csrf],
                "responses": {"202": ok("Queued", ref("Submission")), "400": problem("Incomplete: `errors` lists every missing or bad field (`rule` Art. 7(2) or R37)."), "403": E403, "404": nf, "409": state409}}},
      "/api/v1/submissions/{id}/file": {"get": {"summary": "The 报送 as the JSON document a registry receives, for manual upload (Content-Disposition: attachment)", "security": sec, "parameters": [sid],
                "responses": {"200": {"description": "The document", "content": {"application/json": {}}}, "403": E403, "404": nf}}},
      "/api/v1/submissions/{id}/uploaded": {"post": {"summary": "Manual upload: record that you uploaded it, now (queued → sent, or accepted when the library's id is given); meets the 报送 clock", "security": sec, "parameters": [sid, csrf],
                "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"library_id": {"type": "string", "maxLength": 64}}}}}},
                "responses": {"200": ok("Recorded", ref("Submission")), "400": E400, "403": E403, "404": nf, "409": state409}}},
      "/api/v1/submissions/{id}/outcome": {"post": {"summary": "Manual upload: the library's answer", "security": sec, "parameters": [sid, csrf],
                "requestBody": body({"type": "object", "additionalProperties": False, "required": ["accepted"], "properties": {"accepted": {"type": "boolean"}, "library_id": {"type": "string", "description": "required when accepted"}, "reason": {"type": "string", "description": "required when not"}}}),
                "responses": {"200": ok("Recorded", ref("Submission")), "400": E400, "403": E403, "404": nf, "409": state409}}},
      "/api/v1/submissions/{id}/waive": {"post": {"summary": "Waive the 报送 with a reason (its clock is waived too); the case may then close", "security": sec, "parameters": [sid, csrf],
                "requestBody": reason, "responses": {"200": ok("Waived", ref("Submission")), "400": E400, "403": E403, "404": nf, "409": state409}}},
      "/api/v1/submissions/{id}/decision": {"post": {"summary": "Registry role, staff: verify a received 报送, or reject it with a reason", "security": sec, "parameters": [sid, csrf],
                "requestBody": body({"type": "object", "additionalProperties": False, "required": ["state"], "properties": {"state": {"enum": ["verified", "rejected"]}, "reason": {"type": "string", "maxLength": 2000}}}),
                "responses": {"200": ok("Decided", ref("ReceivedSubmission")), "400": E400, "403": E403, "404": nf, "409": problem("Already decided.")}}},
    }
