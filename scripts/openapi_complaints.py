"""OpenAPI paths of complaints (举报, issue 8; 办法 第九条); loaded by gen-openapi.py."""

CATEGORIES = ["illegal_collection", "sale_of_vulnerabilities", "unauthorised_publication",
              "foreign_transfer", "no_filing", "false_filing", "mismanagement", "other"]
STATES = ["submitted", "assigned", "investigating", "closed"]
OUTCOMES = ["substantiated", "unsubstantiated", "referred", "duplicate", "withdrawn"]
CHANNELS = ["web", "api", "phone", "email"]

def schemas(h):
    ref = h["ref"]
    time = {"type": "string", "format": "date-time"}
    ntime = {"type": ["string", "null"], "format": "date-time"}
    return {
      "NewComplaint": {"type": "object", "additionalProperties": False, "required": ["platform_name", "category", "description"], "properties": {
          "platform_name": {"type": "string", "maxLength": 200, "description": "the platform complained about (one line, bytes)"},
          "platform_url": {"type": "string", "maxLength": 500, "description": "its home page, http:// or https://"},
          "filing_number": {"type": "string", "maxLength": 64, "description": "its 备案编号 as shown on its home page (opaque, R41)"},
          "category": {"enum": CATEGORIES, "description": "illegal_collection: collects by illegal means or beyond its filed scope (规定 Art. 4, 10); sale_of_vulnerabilities: sells or trades vulnerability information (Art. 4); unauthorised_publication: publishes against Art. 9; foreign_transfer: gives undisclosed vulnerabilities abroad (Art. 9(7)); no_filing: runs without a 备案 or without its number on the home page (办法 第五条, 第八条); false_filing: untrue or outdated filing information (办法 第五条, 第六条); mismanagement: leaks, no access control, no receipt log (规定 Art. 5, 11); other"},
          "description": {"type": "string", "maxLength": 20000, "description": "what happened (bytes; lines allowed); sealed at rest"},
          "contact": {"type": "string", "maxLength": 500, "description": "how to reach the complainant (one line); sealed at rest"},
          "anonymous": {"type": "boolean", "default": False, "description": "with an account: do not link the complaint to it (without one it is always anonymous)"},
          "channel": {"enum": ["api", "phone", "email"], "default": "api", "description": "phone and email: staff recording a complaint received on the published phone or e-mail (403 `rule` rbac.role for others)"}}},
      "ComplaintReceipt": {"type": "object", "required": ["id", "status_token", "leaf_index", "received_at", "state", "receipt"], "properties": {
          "id": {"type": "string", "examples": ["JB-2026-000001"], "description": "the tracking id, <[complaints] id_prefix>-<YYYY>-<seq>"},
          "status_token": {"type": "string", "pattern": "^ldc_[A-Za-z0-9_-]{43}$", "description": "shown once: send it as X-Complaint-Token to read the status; only its SHA-256 is stored"},
          "leaf_index": {"type": "integer", "description": "the receipt-log leaf (Art. 5)"},
          "received_at": time, "state": {"const": "submitted"},
          "status_url": {"type": "string"},
          "receipt": {"type": "object", "properties": {
              "leaf": {"type": ["string", "null"], "description": "base64 of the leaf JSON {id, received_at, channel, submitter, payload_sha256}; submitter is \"anonymous\" unless linked to an account or recorded by staff"},
              "leaf_index": {"type": "integer"},
              "sth": {"type": ["object", "null"], "description": "the signed tree head of the tree ending with this leaf (as GET /api/v1/log/sth)"},
              "inclusion_proof": {"type": "array", "items": {"type": "string"}, "description": "RFC 9162 inclusion proof, base64 hashes"}}}}},
      "Complaint": {"type": "object", "required": ["id", "platform", "category", "state", "outcome", "leaf_index", "received_at"], "properties": {
          "id": {"type": "string"},
          "platform": {"type": "object", "properties": {"name": {"type": "string"}, "url": {"type": ["string", "null"]}, "filing_number": {"type": ["string", "null"]}}},
          "category": {"enum": CATEGORIES}, "state": {"enum": STATES},
          "outcome": {"enum": OUTCOMES + [None], "description": "substantiated: the breach is established; unsubstantiated: investigated, none found; referred: handed to the competent authority; duplicate: the same matter as another complaint; withdrawn: the complainant withdrew it. null until closed"},
          "leaf_index": {"type": "integer"}, "received_at": time, "updated_at": time, "closed_at": ntime,
          "channel": {"enum": CHANNELS, "description": "staff only"},
          "anonymous": {"type": "boolean", "description": "staff only"},
          "reporter": {"type": ["string", "null"], "description": "staff only: the linked account's login"},
          "recorded_by": {"type": ["string", "null"], "description": "staff only: who entered a phone or e-mail complaint"},
          "assignee": {"type": ["string", "null"], "description": "staff only"},
          "payload_sha256": {"type": "string", "description": "staff, one complaint: SHA-256 of the exact request received"},
          "description": {"type": "string", "description": "staff, one complaint (the read is audited)"},
          "contact": {"type": ["string", "null"], "description": "staff, one complaint"},
          "outcome_note": {"type": ["string", "null"], "description": "staff, one complaint"},
          "history": {"type": "array", "description": "staff, one complaint: every step, oldest first", "items": {"type": "object", "properties": {
              "at": time, "actor": {"type": ["string", "null"]}, "event": {"enum": ["submitted", "assigned", "note", "closed"]},
              "from_state": {"type": ["string", "null"]}, "to_state": {"type": ["string", "null"]},
              "detail": {"type": ["string", "null"], "description": "submitted: the channel; assigned: the assignee's login; closed: the outcome"},
              "note": {"type": ["string", "null"], "description": "an investigation note"}}}}}},
      "ComplaintStatistics": {"type": "object", "required": ["total", "by_state", "by_outcome", "by_category", "by_platform"], "properties": {
          "year": {"type": ["integer", "null"]}, "total": {"type": "integer"},
          "by_state": {"type": "object", "properties": {k: {"type": "integer"} for k in STATES}},
          "by_outcome": {"type": "object", "properties": {k: {"type": "integer"} for k in OUTCOMES}},
          "by_category": {"type": "object", "properties": {k: {"type": "integer"} for k in CATEGORIES}},
          "by_platform": {"type": "array", "description": "at most 50, most complaints first; platforms are grouped by name, ASCII case and surrounding spaces ignored", "items": {"type": "object", "properties": {
              "name": {"type": "string"}, "total": {"type": "integer"}, "open": {"type": "integer"},
              "substantiated": {"type": "integer"}, "last_received_at": time}}}}},
    }

def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    cid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the tracking id"}
    E404 = problem("No such complaint, or this instance is not a registry (every complaint route answers 404 outside the registry role).")
    state409 = problem("The complaint's state does not allow this step (closed; a note before it is assigned; substantiated or unsubstantiated before any investigation note).")
    staff = "Registry role, staff (triager, coordinator, admin: the permission of the registry's 报送)"
    return {
      "/api/v1/complaints": {
        "post": {"summary": "File a complaint (举报) about a vulnerability collection platform suspected of breaking laws and regulations (办法 第九条). No account needed: anonymous complaints are accepted. The fields are checked (400: `field` names the first problem, `errors` lists all), then in one transaction the complaint gets its tracking id, its text and contact are sealed, a receipt-log leaf is appended (channel api, the SHA-256 of the exact body) and the staff are told. The answer carries a status token, shown once. At most 10 complaints per client address per hour (429, Retry-After; the address is kept only as a hash, only for that hour); staff recording phone or e-mail complaints are not limited.",
                 "security": [{}, {"session": []}, {"bearer": []}], "parameters": [csrf],
                 "requestBody": body(ref("NewComplaint")),
                 "responses": {"201": ok("Received; Cache-Control: no-store", ref("ComplaintReceipt")), "400": E400,
                               "403": problem("channel phone or email without the staff's permission (`rule` rbac.role)."), "404": E404,
                               "413": h.get("E413", problem("The body is larger than allowed.")),
                               "429": problem("Too many complaints from this address; see Retry-After.")}},
        "get": {"summary": staff + ": complaints, newest first, filtered", "security": sec,
                "parameters": [{"name": "state", "in": "query", "schema": {"enum": STATES}},
                               {"name": "category", "in": "query", "schema": {"enum": CATEGORIES}},
                               {"name": "platform", "in": "query", "schema": {"type": "string", "maxLength": 200}, "description": "a fragment of the platform's name, address or 备案编号 (ASCII case ignored)"}] + h["page_params"],
                "responses": {"200": ok("A page of Complaint (without the sealed parts)", h["page"]("Complaint")), "400": E400, "401": E401, "403": E403, "404": E404}}},
      "/api/v1/complaints/channels": {
        "get": {"summary": "The published complaint channels (办法 第九条): [complaints] phone and email (null when not published), the web form, the status page and this API; and the categories", "security": [],
                "responses": {"200": ok("The channels", {"type": "object", "properties": {
                    "basis": {"type": "string"}, "phone": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
                    "form": {"type": "string"}, "status": {"type": "string"}, "api": {"type": "string"},
                    "categories": {"type": "array", "items": {"enum": CATEGORIES}}}}), "404": E404}}},
      "/api/v1/complaints/statistics": {
        "get": {"summary": staff + ": counts by state, outcome and category, and per platform (total, open, substantiated)", "security": sec,
                "parameters": [{"name": "year", "in": "query", "schema": {"type": "integer", "minimum": 2000, "maximum": 9999}, "description": "only complaints numbered in this year (default: all)"}],
                "responses": {"200": ok("The statistics", ref("ComplaintStatistics")), "400": E400, "401": E401, "403": E403, "404": E404}}},
      "/api/v1/complaints/{id}": {
        "get": {"summary": "One complaint. Staff see everything, with the history and notes (the read is audited). The complainant, with the status token in X-Complaint-Token (or logged in to the account the complaint is linked to), sees the platform, category, state, outcome and times, never the notes. Anyone else, an unknown id and a wrong token all get the same 404.",
                "security": [{}, {"session": []}, {"bearer": []}],
                "parameters": [cid, {"name": "X-Complaint-Token", "in": "header", "required": False, "schema": {"type": "string"}, "description": "the status token from the 201 answer"}],
                "responses": {"200": ok("The complaint; Cache-Control: no-store", ref("Complaint")), "404": E404}}},
      "/api/v1/complaints/{id}/assign": {
        "post": {"summary": staff + ": give an open complaint to a staff member (submitted becomes assigned); the assignee is told by a notice. The same assignee again changes nothing.", "security": sec, "parameters": [cid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "properties": {"assignee": {"type": "string", "description": "a login of an active triager, coordinator or admin; absent: yourself"}}}),
                 "responses": {"200": ok("Assigned", ref("Complaint")), "400": problem("`field` assignee: not an active staff account."), "401": E401, "403": E403, "404": E404, "409": state409}}},
      "/api/v1/complaints/{id}/notes": {
        "post": {"summary": staff + ": record an investigation note (sealed at rest; never shown to the complainant); an assigned complaint becomes investigating", "security": sec, "parameters": [cid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["note"], "properties": {"note": {"type": "string", "maxLength": 10000}}}),
                 "responses": {"201": ok("Recorded", ref("Complaint")), "400": E400, "401": E401, "403": E403, "404": E404, "409": state409}}},
      "/api/v1/complaints/{id}/close": {
        "post": {"summary": staff + ": close with an outcome and a note (sealed). substantiated and unsubstantiated need an investigation note first; referred, duplicate and withdrawn may close any open complaint.", "security": sec, "parameters": [cid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["outcome", "note"], "properties": {
                     "outcome": {"enum": OUTCOMES}, "note": {"type": "string", "maxLength": 10000, "description": "why; to whom it was referred; which complaint it duplicates"}}}),
                 "responses": {"200": ok("Closed", ref("Complaint")), "400": E400, "401": E401, "403": E403, "404": E404, "409": state409}}},
    }
