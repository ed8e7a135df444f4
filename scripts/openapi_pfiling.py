"""OpenAPI paths of 备案, platform side (issue 8); loaded by gen-openapi.py."""

STATUSES = ["draft", "submitted", "supplement_requested", "resubmitted", "filed", "change_pending",
            "deregistration_pending", "deregistered"]
KINDS = ["initial", "change", "deregistration"]
APP_STATES = ["submitted", "supplement_requested", "resubmitted", "approved", "rejected", "withdrawn"]
PROBLEMS = ["missing", "too_long", "format", "unknown", "duplicate", "encoding"]


def schemas(h):
    time = {"type": "string", "format": "date-time"}
    ntime = {"type": ["string", "null"], "format": "date-time"}
    nstr = {"type": ["string", "null"]}
    clock = {"type": "object", "properties": {"id": {"type": "integer"}, "state": {"enum": ["open", "met", "missed", "paused", "waived"]},
             "basis_at": time, "due_at": time, "rule": {"type": "string"}, "met_at": ntime}}
    return {
      "PlatformFiling": {"type": "object", "required": ["status", "number", "fields", "problems", "documents", "application", "changes", "events", "may"], "properties": {
          "status": {"enum": STATUSES, "description": "the platform's own filing (R20); intake is open while filed or change_pending (办法 第八条)"},
          "number": {"type": ["string", "null"], "description": "备案编号 once filed (opaque, at most 64 bytes, R41)"},
          "filed_on": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
          "end_date": {"type": ["string", "null"], "description": "deregistration: the business's last day (第七条)"},
          "fieldset": {"type": "string", "description": "SHA-256 of the field set in use (data/filing/fields.conf or [filing] fields_file)"},
          "intake_open": {"type": "boolean"},
          "fields": {"type": "object", "additionalProperties": {"type": "string"}, "description": "the working copy: every item of the field set, \"\" when empty; ID numbers masked (never given back)"},
          "problems": {"type": "array", "description": "every deficiency of the working copy at once (filing_check, documents missing)", "items": {"type": "object", "properties": {"field": {"type": "string"}, "problem": {"enum": PROBLEMS}}}},
          "documents": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "name": nstr, "media_type": {"type": "string"}, "sha256": {"type": "string"}, "size": {"type": "integer"}, "uploaded_at": time}}},
          "application": {"type": "object", "description": "the application under way (or the last one) at the registry", "properties": {
              "id": nstr, "kind": {"enum": KINDS + [None]}, "state": {"enum": APP_STATES + [None], "description": "as last read back; null before the registry received it"},
              "manual": {"type": "boolean", "description": "no registry_url: handed in by hand, its answer recorded with POST /api/v1/filing/manual"},
              "submitted_at": ntime, "polled_at": ntime, "review_due_at": ntime, "supplement_due_at": ntime,
              "reason": {"type": ["string", "null"], "description": "a rejection's reasons, or a refusal's"},
              "deficiencies": {"type": "array", "description": "the registry's last 补正 round", "items": {"type": "object", "properties": {"field": nstr, "problem": nstr, "note": {"type": "string"}}}},
              "change_date": nstr, "changed": {"type": "array", "items": {"type": "string"}}}},
          "changes": {"type": "array", "description": "change tasks (第六条), newest first, each with its change_filing clock (30 days from change_date)", "items": {"type": "object", "properties": {
              "id": {"type": "integer"}, "fields": {"type": "array", "items": {"type": "string"}}, "change_date": {"type": "string"},
              "state": {"enum": ["open", "filed", "confirmed", "rejected", "undone"]}, "application_id": nstr, "created_at": time,
              "clock": {"oneOf": [clock, {"type": "null"}]}}}},
          "pending_change": {"type": "array", "items": {"type": "string"}, "description": "items of the working copy that differ from what is filed (or under review)"},
          "open_cases": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "state": {"type": "string"}, "handed_to": nstr, "handed_at": ntime}}},
          "cases_not_handed_over": {"type": "integer"},
          "initial_filing_clock": {"oneOf": [clock, {"type": "null"}], "description": "R25: [filing] live_before_effective"},
          "events": {"type": "array", "description": "deliveries and answers, newest first", "items": {"type": "object", "properties": {
              "at": time, "actor": nstr, "event": {"type": "string"}, "kind": nstr, "resubmission": {"type": "boolean"},
              "application_id": nstr, "note": {"type": "string"},
              "delivery": {"type": ["object", "null"], "properties": {"status": {"enum": ["pending", "sent", "failed"]}, "attempts": {"type": "integer"}, "http_status": {"type": ["integer", "null"]}, "last_error": nstr}}}}},
          "may": {"type": "object", "description": "what the state allows now", "properties": {k: {"type": "boolean"} for k in ["edit", "submit", "change", "refresh", "deregister", "manual"]}}}},
      "FilingDocument": {"type": "object", "properties": {"key": {"type": "string"}, "name": {"type": "string"}, "media_type": {"type": "string", "description": "sniffed from the bytes"}, "sha256": {"type": "string"}, "size": {"type": "integer"}, "uploaded_at": time}},
      "InstanceMeta": {"type": "object", "required": ["name", "role", "software"], "properties": {
          "name": {"type": "string"}, "role": {"enum": ["platform", "provider", "registry"]}, "base_url": {"type": "string"}, "software": {"type": "string"},
          "filing": {"type": "object", "description": "platform role only (办法 第五条, R41)", "properties": {
              "number": {"type": ["string", "null"], "description": "the 备案编号 every page shows ([instance] filing_number wins)"},
              "status": {"enum": STATUSES}, "filed_on": nstr, "intake_open": {"type": "boolean"},
              "test_installation": {"type": "boolean", "description": "intake open only because of [filing] open_intake_unfiled"}}}}},
    }


def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403, E409 = h["csrf"], h["E400"], h["E401"], h["E403"], h["E409"]
    sec = [{"session": []}, {"bearer": []}]
    admin = "Platform role, administrator"
    E404 = problem("Not a collection platform (every /api/v1/filing route answers 404 outside the platform role).")
    E403a = problem("Not an administrator (`rule` rbac.role).")
    state409 = problem("The filing's status does not allow this (`rule` R20), or nothing changed (`rule` 办法 第六条).")
    view = ok("The filing", ref("PlatformFiling"))
    note_body = {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"note": {"type": "string", "maxLength": 2000}}}}}}
    key = {"name": "key", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}, "description": "a document item of the field set, e.g. rules.publication"}
    incomplete = problem("The dossier is not complete: `errors` lists every missing or wrong item (`rule` 办法 第四条).")
    return {
      "/api/v1/meta": {
        "get": {"summary": "This instance: name, role, software and, on a collection platform, its 备案编号 and status (办法 第五条, R41). Public and cached.", "security": [],
                "responses": {"200": ok("The instance", ref("InstanceMeta"))}}},
      "/api/v1/filing": {
        "get": {"summary": admin + ": the platform's own filing (办法 第四条-第八条): the dossier (ID numbers masked), every problem, documents, the application at the registry, change tasks with their clocks, open cases, history", "security": sec,
                "responses": {"200": view, "401": E401, "403": E403a, "404": E404}},
        "put": {"summary": admin + ": set items of the dossier (keys of the field set; \"\" or null empties one). Every problem other than a missing item refuses the whole edit (`errors` lists them all). Not while an application is under review. Once filed, a changed item opens a change task with a 30-day clock from change_date (第六条); the filed information stays in force until the registry approves the change (R22). Document items are set by uploading.", "security": sec, "parameters": [csrf],
                "requestBody": body({"type": "object", "additionalProperties": False, "properties": {
                    "fields": {"type": "object", "additionalProperties": {"type": ["string", "null"]}, "maxProperties": 256},
                    "change_date": {"type": "string", "description": "YYYY-MM-DD, not in the future; default today"}}}),
                "responses": {"200": view, "400": problem("A problem with the items (`errors`: each item and its problem; `rule` 办法 第四条)."), "401": E401, "403": E403a, "404": E404, "409": state409}}},
      "/api/v1/filing/documents/{key}": {
        "get": {"summary": admin + ": the document the dossier names for key (Content-Disposition attachment)", "security": sec, "parameters": [key],
                "responses": {"200": {"description": "The bytes, with their sniffed type", "content": {"application/octet-stream": {}}}, "401": E401, "403": E403a, "404": problem("No such document item, or none uploaded.")}},
        "put": {"summary": admin + ": upload a document (the rules, 验证评估规则 …, as files: R21); at most 2 MiB; sealed at rest; the item's value becomes \"<name> sha256:<hex>\"", "security": sec, "parameters": [key, csrf],
                "requestBody": body({"type": "object", "additionalProperties": False, "required": ["name", "content_base64"], "properties": {
                    "name": {"type": "string", "description": "file name; a path is dropped, spaces become _"}, "content_base64": {"type": "string"}}}),
                "responses": {"200": ok("Uploaded", ref("FilingDocument")), "400": E400, "401": E401, "403": E403a, "404": E404, "409": state409, "413": problem("Larger than 2 MiB.")}}},
      "/api/v1/filing/export": {
        "get": {"summary": admin + ": the dossier generator (R21): the JSON document the registry receives (docs/FILING.md: kind, fieldset, fields with the ID numbers, documents in base64, filing_number, change_date, changed, end_date), for a submission by hand. The export is audited.", "security": sec,
                "parameters": [{"name": "kind", "in": "query", "schema": {"enum": KINDS}, "description": "default: what the status calls for"}],
                "responses": {"200": {"description": "filing.json (Content-Disposition attachment)", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": E400, "401": E401, "403": E403a, "404": E404}}},
      "/api/v1/filing/submit": {
        "post": {"summary": admin + ": submit the first filing (draft), or the answer to a 补正 (any kind), or again a delivery that failed. The dossier must be complete. With [federation] registry_url: an outbox delivery to {registry}/api/v1/filings/applications (or …/{id}/resubmission) with an Idempotency-Key and the registry token, the status then read back; without: recorded as handed in by hand.", "security": sec, "parameters": [csrf],
                 "requestBody": note_body,
                 "responses": {"200": view, "400": incomplete, "401": E401, "403": E403a, "404": E404, "409": state409}}},
      "/api/v1/filing/change": {
        "post": {"summary": admin + ": file the change of filed information (第六条): filed -> change_pending; the change tasks' clocks are met when the registry receives it", "security": sec, "parameters": [csrf],
                 "requestBody": note_body,
                 "responses": {"200": view, "400": incomplete, "401": E401, "403": E403a, "404": E404, "409": state409}}},
      "/api/v1/filing/deregister": {
        "post": {"summary": admin + ": deregister (第七条): every case not closed must be handed over first; public intake closes at once; the deregistration is filed with the registry and takes effect on end_date once approved; final. Logs are kept for their retention.", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["end_date"], "properties": {
                     "end_date": {"type": "string", "description": "YYYY-MM-DD, not before today"}, "note": {"type": "string", "maxLength": 2000}}}),
                 "responses": {"200": view, "400": E400, "401": E401, "403": E403a, "404": E404,
                               "409": problem("Cases are neither closed nor handed over (`rule` 办法 第七条), or the status does not allow it (`rule` R20).")}}},
      "/api/v1/filing/handover": {
        "post": {"summary": admin + ": hand a case (case_id) or every case not closed and not yet handed over to another organisation before deregistering (第七条); recorded on each case's timeline", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["to"], "properties": {
                     "to": {"type": "string", "maxLength": 200, "description": "the receiving organisation"},
                     "case_id": {"type": "string"}, "note": {"type": "string", "maxLength": 2000}}}),
                 "responses": {"200": ok("How many were handed over", {"type": "object", "properties": {"handed_over": {"type": "integer"}}}), "400": E400, "401": E401, "403": E403a,
                               "404": problem("No such open case."), "409": problem("The case was handed over already.")}}},
      "/api/v1/filing/refresh": {
        "post": {"summary": admin + ": read the application's status back from the registry now (GET {registry}/api/v1/filings/applications/{id}) and apply it: 补正 items, approval (number, date; the filed copy), rejection (reasons)", "security": sec, "parameters": [csrf],
                 "responses": {"200": view, "401": E401, "403": E403a, "404": E404,
                               "409": problem("No registry configured, or nothing under way."),
                               "502": problem("The registry could not be reached or did not answer with the application.")}}},
      "/api/v1/filing/manual": {
        "post": {"summary": admin + ": record the registry's answer to a filing handed in by hand", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["outcome"], "properties": {
                     "outcome": {"enum": ["approved", "supplement_requested", "rejected"]},
                     "application_id": {"type": "string", "maxLength": 64},
                     "number": {"type": "string", "maxLength": 64, "description": "an approved first filing: required"},
                     "filed_on": {"type": "string", "description": "YYYY-MM-DD; default today"},
                     "note": {"type": "string", "maxLength": 2000, "description": "the deficiencies (补正) or the reasons (rejected: required)"}}}),
                 "responses": {"200": view, "400": E400, "401": E401, "403": E403a, "404": E404, "409": state409}}},
    }
