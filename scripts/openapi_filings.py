"""OpenAPI paths of 备案, registry side (issue 8; docs/FILING.md); loaded by gen-openapi.py."""

KINDS = ["initial", "change", "deregistration"]
STATES = ["submitted", "supplement_requested", "resubmitted", "approved", "rejected", "withdrawn"]
PROBLEMS = ["missing", "too_long", "format", "unknown", "duplicate", "encoding", "mismatch",
            "too_large", "not_filed"]


def schemas(h):
    ref = h["ref"]
    time = {"type": "string", "format": "date-time"}
    ntime = {"type": ["string", "null"], "format": "date-time"}
    date = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    item = {"type": "object", "required": ["field", "problem", "note"], "properties": {
        "field": {"type": "string", "description": "a key of the field set, or filing_number, change_date, end_date, changed"},
        "problem": {"enum": PROBLEMS + [None], "description": "what the registry's check found: missing (a required field is empty), too_long, format (not a URL, e-mail, phone, date, ID number, document reference ... of its type), unknown (no such field, or a document beside no field), duplicate, encoding (not UTF-8 text), mismatch (a document absent, unreadable, or not the file its field names by SHA-256), too_large (a document over 2 MiB), not_filed (a 备案编号 unknown, another organisation's, or deregistered); null when the staff wrote the note"},
        "note": {"type": "string", "description": "what to correct, in the staff's words; \"\" for the automatic check"}}}
    return {
      "FilingApplicationIn": {"type": "object", "additionalProperties": False, "required": ["kind"], "properties": {
          "kind": {"enum": KINDS},
          "fieldset": {"type": "string", "description": "SHA-256 (hex) of the field set the platform used; the registry checks against its own and notes a difference"},
          "fields": {"type": "object", "maxProperties": 256, "additionalProperties": {"type": "string"}, "description": "initial, change: the whole dossier, key -> value (第四条 (一)-(六); the keys are data/filing/fields.conf's). A document field's value is \"<name> sha256:<hex>\". ID numbers are sealed at rest and never published"},
          "documents": {"type": "object", "maxProperties": 64, "description": "one per document field with a value, keyed by the field", "additionalProperties": {"type": "object", "additionalProperties": False, "properties": {
              "name": {"type": "string", "maxLength": 255}, "media_type": {"type": "string", "maxLength": 127, "description": "the applicant's claim; the registry records what the bytes are"},
              "sha256": {"type": "string"}, "content": {"type": "string", "contentEncoding": "base64", "description": "at most 2 MiB decoded"}}}},
          "filing_number": {"type": "string", "maxLength": 256, "description": "change, deregistration: the platform's 备案编号"},
          "change_date": dict(date, description="change: when the information changed (第六条: file within 30 days)"),
          "changed": {"type": "array", "maxItems": 256, "items": {"type": "string"}, "description": "change: the keys that changed"},
          "end_date": dict(date, description="deregistration: the business's last day (第七条)"),
          "note": {"type": "string", "maxLength": 8000}}},
      "FilingDeficiency": item,
      "FilingApplication": {"type": "object", "required": ["id", "kind", "state", "submitted_at", "deficiencies", "rounds", "filing", "events"], "properties": {
          "id": {"type": "string", "examples": ["BA-2026-000001"], "description": "<[filing] application_prefix>-<YYYY>-<seq>"},
          "kind": {"enum": KINDS}, "state": {"enum": STATES},
          "submitted_at": time, "received_at": time, "complete_at": ntime,
          "review_due_at": dict(ntime, description="while under review: the decision is due (10 working days of a complete submission, 第五条)"),
          "supplement_due_at": dict(ntime, description="while awaiting 补正: the applicant's answer is due (10 working days)"),
          "platform": {"type": "object", "description": "the listable part: name, URL, ICP number, sponsor", "properties": {
              "name": {"type": "string"}, "url": {"type": "string"}, "icp": {"type": "string"}, "sponsor": {"type": "string"}}},
          "filing_number": {"type": ["string", "null"]}, "change_date": {"type": ["string", "null"]},
          "end_date": {"type": ["string", "null"]}, "changed": {"type": "array", "items": {"type": "string"}},
          "note": {"type": ["string", "null"]}, "decided_at": ntime, "reason": {"type": "string"},
          "deficiencies": {"type": "array", "items": ref("FilingDeficiency"), "description": "while awaiting 补正: every deficiency of the open round (R24); else []"},
          "rounds": {"type": "array", "items": {"type": "object", "properties": {
              "round": {"type": "integer"}, "requested_at": time, "answered_at": ntime, "note": {"type": "string"},
              "items": {"type": "array", "items": ref("FilingDeficiency")}}}},
          "filing": {"type": ["object", "null"], "description": "the filing the application concerns, once there is one", "properties": {
              "number": {"type": "string"}, "filed_on": date, "status": {"enum": ["filed", "deregistered"]},
              "deregistered_on": {"type": ["string", "null"], "description": "once deregistered"},
              "ends_on": {"type": ["string", "null"], "description": "the declared end date, also before it has come"}}},
          "events": {"type": "array", "items": {"type": "object", "properties": {"at": time, "event": {"type": "string"}, "note": {"type": "string"}}}},
          "leaf_index": {"type": ["integer", "null"], "description": "the receipt-log leaf of the first submission"},
          "org": {"type": "object", "description": "staff only"}, "submitter": {"type": ["string", "null"], "description": "staff only"},
          "decided_by": {"type": ["string", "null"], "description": "staff only"},
          "fieldset": {"type": "string", "description": "staff only"}, "payload_sha256": {"type": "string", "description": "staff only"},
          "fields": {"type": "object", "additionalProperties": {"type": "string"}, "description": "staff only (the read is audited): the dossier opened, ID numbers included, every field of the set in order then keys the set lacks"},
          "previous": {"type": "object", "additionalProperties": {"type": "string"}, "description": "staff only, a change: the filed dossier it changes"},
          "documents": {"type": "array", "description": "staff only", "items": {"type": "object", "properties": {
              "field": {"type": "string"}, "name": {"type": "string"}, "media_type": {"type": "string"}, "claimed_type": {"type": ["string", "null"]},
              "sha256": {"type": "string"}, "size": {"type": "integer"}, "url": {"type": "string"}}}},
          "notices": {"type": "array", "description": "staff only: the notices of the approval to 公安部 (mps) and 网信办 (cac)", "items": {"type": "object", "properties": {
              "recipient": {"enum": ["mps", "cac"]}, "target": {"type": ["string", "null"]},
              "delivery": {"enum": ["not_configured", "pending", "sent", "failed"]}, "attempts": {"type": "integer"},
              "last_error": {"type": ["string", "null"]}, "http_status": {"type": ["integer", "null"]},
              "created_at": time, "sent_at": ntime}}},
          "replay": {"type": "boolean", "description": "submission answers: the same Idempotency-Key again"},
          "receipt": {"type": ["object", "null"], "description": "submission answers: this submission's receipt-log leaf (base64 of {id, received_at, channel federation, submitter, payload_sha256}), its signed tree head and inclusion proof; null on a replay"}}},
      "FiledPlatform": {"type": "object", "required": ["number", "name", "sponsor", "url", "icp", "filed_on", "status", "deregistered_on"], "properties": {
          "number": {"type": "string", "description": "备案编号 (R41: opaque, at most 64 bytes)"},
          "name": {"type": "string"}, "sponsor": {"type": "string"}, "url": {"type": "string"}, "icp": {"type": "string"},
          "filed_on": date, "status": {"enum": ["filed", "deregistered"]},
          "deregistered_on": {"type": ["string", "null"]}}},
    }


def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403, E409 = h["csrf"], h["E400"], h["E401"], h["E403"], h["E409"]
    sec = [{"session": []}, {"bearer": []}]
    aid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the application id"}
    idem = {"name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,128}$"},
            "description": "the same key from the same organisation answers the same application (or resubmission) again"}
    E404 = problem("No such application (or not the caller's), or this instance is not a registry (every 备案 route answers 404 outside the registry role).")
    state409 = problem("The application's state does not allow this step (`rule` 办法 第五条).")
    staff = "Registry role, staff (triager, coordinator, admin)"
    applicant = "Registry role, an account of a member organisation (a vendor-role member of a platform or provider organisation; 403 `rule` rbac.org otherwise)"
    public_params = [
        {"name": "status", "in": "query", "schema": {"enum": ["filed", "deregistered"]}},
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}, "description": "a fragment of the number, name, sponsor, URL or ICP number (ASCII case ignored)"},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1000}}]
    return {
      "/api/v1/filings/applications": {
        "post": {"summary": applicant + ": file a 备案 (first filing, change, deregistration; 第四条-第七条). Every application that can be read is recorded: the id, a receipt-log leaf (the SHA-256 of the exact body), the sealed dossier and documents; then, complete, a review clock (10 working days, 第五条), or else an automatic 补正 listing every deficiency at once (R24) with a 补正 clock. The staff are told.",
                 "security": sec, "parameters": [idem, csrf],
                 "requestBody": body(ref("FilingApplicationIn")),
                 "responses": {"201": ok("Recorded (state submitted or supplement_requested)", ref("FilingApplication")),
                               "200": ok("The same Idempotency-Key again: the stored application, replay true", ref("FilingApplication")),
                               "400": problem("Not such an object, a bad kind, or no Idempotency-Key; `field` names it."), "401": E401, "403": E403, "404": E404,
                               "409": problem("The same platform (for a first filing: the organisation) has an application under review or awaiting 补正; `detail` names it.")}},
        "get": {"summary": staff + ": the queue, newest first, each with the due time of the clock that runs", "security": sec,
                "parameters": [{"name": "state", "in": "query", "schema": {"enum": STATES + ["open"]}, "description": "open: not yet decided"},
                               {"name": "kind", "in": "query", "schema": {"enum": KINDS}}] + h["page_params"],
                "responses": {"200": ok("A page of applications", {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"}, "kind": {"enum": KINDS}, "state": {"enum": STATES}, "platform": {"type": "object"},
                    "filing_number": {"type": ["string", "null"]}, "org": {"type": "object"}, "submitted_at": {"type": "string"},
                    "due_at": {"type": ["string", "null"]}, "decided_at": {"type": ["string", "null"]}}}}, "next_cursor": {"type": ["string", "null"]}}}),
                              "400": E400, "401": E401, "403": E403, "404": E404}}},
      "/api/v1/filings/applications/{id}": {
        "get": {"summary": "One application. The applicant's organisation sees the state, deficiencies, 补正 rounds, events and the filing, never the dossier; the staff also get the dossier opened (ID numbers included; the read is audited), the documents, the notices with their delivery and, for a change, the filed dossier it changes.",
                "security": sec, "parameters": [aid],
                "responses": {"200": ok("The application", ref("FilingApplication")), "401": E401, "404": E404}}},
      "/api/v1/filings/applications/{id}/resubmission": {
        "post": {"summary": applicant + ": answer a 补正 with the whole dossier again (documents already sent may be left out when their field names the same SHA-256). Checked again: complete, it is resubmitted and a new review clock starts; still deficient, a new 补正 round lists every deficiency. The round's clock is met either way; a receipt-log leaf <id>/R<round> records it.",
                 "security": sec, "parameters": [aid, idem, csrf],
                 "requestBody": body(ref("FilingApplicationIn")),
                 "responses": {"200": ok("Recorded, or replayed", ref("FilingApplication")), "400": problem("A bad body, or `field` kind: not the application's kind."),
                               "401": E401, "403": E403, "404": E404, "409": problem("Not awaiting 补正.")}}},
      "/api/v1/filings/applications/{id}/withdraw": {
        "post": {"summary": applicant + ": withdraw an application not yet decided; its clocks are waived", "security": sec, "parameters": [aid, csrf],
                 "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"reason": {"type": "string"}}}}}},
                 "responses": {"200": ok("Withdrawn", ref("FilingApplication")), "400": E400, "401": E401, "403": E403, "404": E404, "409": state409}}},
      "/api/v1/filings/applications/{id}/supplement": {
        "post": {"summary": staff + ": a 补正 listing every deficiency at once (第五条, R24), each field once with a note. The review clock is waived (the submission was not complete) and a 补正 clock starts (10 working days).",
                 "security": sec, "parameters": [aid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["items"], "properties": {
                     "items": {"type": "array", "minItems": 1, "maxItems": 640, "items": {"type": "object", "additionalProperties": False, "required": ["field", "note"], "properties": {
                         "field": {"type": "string"}, "note": {"type": "string", "maxLength": 8000}}}},
                     "note": {"type": "string", "maxLength": 8000}}}),
                 "responses": {"200": ok("Awaiting 补正", ref("FilingApplication")), "400": problem("`field` items: empty, a field not of the filing, one named twice, or a note missing."),
                               "401": E401, "403": E403, "404": E404, "409": state409}}},
      "/api/v1/filings/applications/{id}/approve": {
        "post": {"summary": staff + ": approve an application under review. A first filing gets its 备案编号 ([filing] number_template) and joins the public list; a change puts the new name, URL, ICP number and sponsor on it; a deregistration deregisters the platform on its end date (at once when it has come). Each approval queues a notice to [filing] notify_mps and notify_cac (HTTP JSON with notify_token, or mail; recorded as not configured when unset) and changes the public list's generation.",
                 "security": sec, "parameters": [aid, csrf],
                 "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"note": {"type": "string", "maxLength": 8000}}}}}},
                 "responses": {"200": ok("Approved", ref("FilingApplication")), "400": E400, "401": E401, "403": E403, "404": E404,
                               "409": problem("Not under review, or (a change, a deregistration) the platform is not filed any more.")}}},
      "/api/v1/filings/applications/{id}/reject": {
        "post": {"summary": staff + ": reject an application not yet decided, with the reasons (required); its clocks are waived", "security": sec, "parameters": [aid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": 16000}}}),
                 "responses": {"200": ok("Rejected", ref("FilingApplication")), "400": problem("`field` reason: missing."), "401": E401, "403": E403, "404": E404, "409": state409}}},
      "/api/v1/filings/applications/{id}/documents/{key}": {
        "get": {"summary": staff + ": a document's bytes (a download: application/octet-stream, Content-Disposition attachment; X-Content-SHA256). The read is audited.",
                "security": sec, "parameters": [aid, {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the document field's key"}],
                "responses": {"200": {"description": "The bytes", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                              "401": E401, "403": E403, "404": E404}}},
      "/api/v1/filings/public": {
        "get": {"summary": "The filed platforms (R41; 第五条: published): number, name, sponsor, URL, ICP number, filing date, status. Never a field flagged secret. Cached (ETag).", "security": [],
                "parameters": public_params,
                "responses": {"200": ok("The list, oldest filing first", {"type": "object", "properties": {"basis": {"type": "string"}, "items": {"type": "array", "items": ref("FiledPlatform")}}}),
                              "400": E400, "404": E404}}},
      "/api/v1/filings/public.csv": {
        "get": {"summary": "The same list as CSV: UTF-8 with a BOM (spreadsheet programs read the Chinese), RFC 4180 quoting, the header number,name,sponsor,url,icp,filed_on,status,deregistered_on; a cell a spreadsheet would read as a formula starts with an apostrophe.", "security": [],
                "parameters": public_params,
                "responses": {"200": {"description": "The list", "content": {"text/csv": {"schema": {"type": "string"}}}}, "400": E400, "404": E404}}},
    }
