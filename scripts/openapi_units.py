"""OpenAPI paths of support units (支撑单位, issue 9; R40; the CAPPVD notice); loaded by gen-openapi.py."""

TYPES = ["technical", "governance"]
STATES = ["material_review", "expert_review", "site_visit", "certification", "announcement",
          "done", "rejected", "withdrawn"]
STATUSES = ["active", "suspended", "expired", "revoked"]
AWARDS = ["most_contributing", "special_contribution", "practice_advanced", "governance_most"]
TASK_STATES = ["assigned", "done", "confirmed", "cancelled"]
GRADES = ["critical", "high", "medium", "low"]


def schemas(h):
    ref = h["ref"]
    time = {"type": "string", "format": "date-time"}
    ntime = {"type": ["string", "null"], "format": "date-time"}
    date = {"type": "string", "format": "date"}
    ndate = {"type": ["string", "null"], "format": "date"}
    counts = {"type": "object", "properties": {k: {"type": "integer"} for k in
              ["critical", "high", "medium", "low", "ungraded", "warning", "verification", "assistance"]}}
    return {
      "NewUnitApplication": {"type": "object", "additionalProperties": False, "description": "Every problem is named at once (400 with `errors`): fields missing or too long, a wrong 统一社会信用代码, a score over its criterion's maximum, a criterion of the rating method without evidence or one the type does not have, a declaration not made, a file too large or not base64.", "properties": {
          "type": {"enum": TYPES, "description": "申报方向: technical (技术支撑单位) or governance (漏洞治理合作单位)"},
          "unit_name": {"type": "string", "maxLength": 600, "description": "the organisation's legal name (at most 200 characters)"},
          "credit_code": {"type": "string", "description": "统一社会信用代码: 18 characters of GB 32100's alphabet with its check character"},
          "address": {"type": "string", "description": "at most 500 characters"},
          "contact": {"type": "object", "additionalProperties": False, "description": "sealed at rest", "properties": {
              "name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string", "format": "email"}}},
          "team": {"type": "object", "additionalProperties": False, "properties": {
              "size": {"type": "integer", "minimum": 1, "maximum": 100000},
              "certificates": {"type": "string", "description": "qualifications held (optional)"},
              "description": {"type": "string"}}},
          "evidence": {"type": "array", "maxItems": 64, "description": "one entry per criterion of the rating method for the type (GET /api/v1/support-units/criteria), each required (a score of 0 is allowed)", "items": {
              "type": "object", "additionalProperties": False, "properties": {
                  "criterion": {"type": "string"}, "score": {"type": "integer", "minimum": 0, "description": "self-assessed, at most the criterion's max"},
                  "text": {"type": "string", "description": "how the organisation meets it (at most 4000 characters)"}}}},
          "declarations": {"type": "array", "items": {"type": "boolean"}, "maxItems": 5, "description": "遴选条件（一）–（五）, all must be true"},
          "documents": {"type": "array", "maxItems": 40, "description": "evidence files (at most 20 of 5 MiB), sealed; their type is sniffed from the bytes", "items": {
              "type": "object", "additionalProperties": False, "properties": {
                  "name": {"type": "string"}, "criterion": {"type": "string", "description": "the criterion it supports (optional)"},
                  "content": {"type": "string", "contentEncoding": "base64"}}}}}},
      "UnitApplication": {"type": "object", "required": ["id", "type", "unit_name", "state", "stages"], "properties": {
          "id": {"type": "string", "examples": ["ZC-2026-000001"], "description": "<[units] application_prefix>-<YYYY>-<seq>"},
          "type": {"enum": TYPES}, "unit_name": {"type": "string"}, "credit_code": {"type": "string"},
          "org": {"type": "string", "description": "the applying organisation's short name"},
          "state": {"enum": STATES, "description": "the stage it is in: material_review (材料审核) -> expert_review (专家评审) -> site_visit (现场考察) -> certification (颁发证书) -> announcement (公告) -> done; rejected; withdrawn"},
          "self_score": {"type": "integer"}, "criteria_version": {"type": "string", "description": "SHA-256 of the rating method used"},
          "paper_received_on": ndate, "leaf_index": {"type": ["integer", "null"]},
          "unit_id": {"type": ["integer", "null"], "description": "the unit made at certification"},
          "submitted_at": time, "updated_at": time,
          "stages": {"type": "array", "description": "every decided stage, oldest first", "items": {"type": "object", "properties": {
              "stage": {"enum": STATES[:5] + ["withdrawn"]}, "outcome": {"enum": ["passed", "failed", "withdrawn"]},
              "reviewer": {"type": ["string", "null"], "description": "the reviewer's display name"},
              "notes": {"type": "string"}, "held_on": ndate, "score": {"type": ["integer", "null"]}, "decided_at": time}}},
          "documents": {"type": "array", "items": {"type": "object", "properties": {
              "id": {"type": "integer"}, "criterion": {"type": ["string", "null"]}, "filename": {"type": "string"},
              "media_type": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"}}}},
          "address": {"type": "string", "description": "one application only (the dossier, opened for staff and the applying organisation)"},
          "contact": {"type": "object"}, "team": {"type": "object"},
          "evidence": {"type": "array", "items": {"type": "object", "properties": {
              "criterion": {"type": "string"}, "label_zh": {"type": "string"}, "label_en": {"type": "string"},
              "max": {"type": "integer"}, "score": {"type": "integer"}, "text": {"type": "string"}}}},
          "declarations": {"type": "array", "items": {"type": "boolean"}},
          "receipt": {"type": "object", "description": "on creation only: the receipt-log leaf, its signed tree head and inclusion proof"}}},
      "SupportUnit": {"type": "object", "required": ["id", "name", "type", "level", "status"], "properties": {
          "id": {"type": "integer"}, "name": {"type": "string"}, "org": {"type": "string"},
          "type": {"enum": TYPES}, "level": {"type": "integer", "minimum": 1, "maximum": 4, "description": "一星..四星"},
          "level_label": {"type": "string"}, "status": {"enum": STATUSES},
          "certified_on": date, "valid_until": ndate,
          "certificate": {"type": ["string", "null"], "description": "the valid certificate's number"},
          "evaluated_on": ndate, "announced_at": ntime,
          "standing": {"type": "object", "description": "one unit only: the current period's counts and points", "properties": {
              "period_from": date, "period_to": date, "counts": counts, "points": {"type": "integer"},
              "level_for_points": {"type": "integer"}, "next_threshold": {"type": ["integer", "null"]},
              "below_minimum": {"type": "boolean"}}},
          "certificates": {"type": "array", "description": "staff and members", "items": ref("UnitCertificate")},
          "evaluations": {"type": "array", "description": "staff and members"},
          "tasks": {"type": "array", "description": "staff and members", "items": ref("UnitTask")}}},
      "UnitCertificate": {"type": "object", "properties": {
          "number": {"type": "string", "examples": ["ZCDW20260001"]}, "unit_id": {"type": "integer"},
          "unit_name": {"type": "string"}, "type": {"enum": TYPES}, "level": {"type": "integer"},
          "issued_on": date, "valid_until": date, "status": {"enum": ["valid", "superseded", "revoked"]},
          "verdict": {"enum": ["valid", "superseded", "revoked", "expired"], "description": "verification only; expired: valid_until has passed"},
          "library": {"type": "string"}}},
      "UnitTask": {"type": "object", "properties": {
          "id": {"type": "integer"}, "unit_id": {"type": "integer"}, "unit_name": {"type": "string"},
          "kind": {"enum": ["verification", "assistance"]}, "subject": {"type": "string"},
          "grade": {"enum": GRADES + [None]}, "state": {"enum": TASK_STATES}, "brief": {"type": "string"},
          "result": {"type": ["string", "null"]}, "assigned_at": time, "done_at": ntime, "confirmed_at": ntime}},
      "UnitAward": {"type": "object", "properties": {
          "id": {"type": "integer"}, "year": {"type": "integer"}, "award": {"enum": AWARDS},
          "award_label": {"type": "string"}, "unit_id": {"type": "integer"}, "unit_name": {"type": "string"},
          "type": {"enum": TYPES}, "level": {"type": "integer"}, "metric": {"type": "integer"}, "rank": {"type": "integer"},
          "state": {"enum": ["candidate", "confirmed", "dismissed", "published"]}, "published_at": ntime}},
    }


def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    anyone = [{}, {"session": []}, {"bearer": []}]
    E404 = problem("No such item (or not visible to the caller), or this instance is not a registry (every support-unit route answers 404 outside the registry role).")
    staff = "Registry role, staff (triager, coordinator, admin)"
    aid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the application id"}
    uid = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
    year = {"name": "year", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 2000, "maximum": 9999}}
    nobody = body({"type": "object", "additionalProperties": False})
    app = ok("The application", ref("UnitApplication"))
    stage409 = problem("The application's stage does not allow this (`rule` 申报流程; 申报方式: 纸质材料 when material review would pass before the paper copy arrived).")
    task = ok("The task", ref("UnitTask"))
    task409 = problem("The task's state does not allow this.")
    units = {"type": "object", "properties": {"library": {"type": "string"}, "items": {"type": "array", "items": ref("SupportUnit")}}}
    awards = {"type": "object", "properties": {"year": {"type": "integer"}, "library": {"type": "string"}, "items": {"type": "array", "items": ref("UnitAward")}}}
    return {
      "/api/v1/support-units": {
        "get": {"summary": "The public list of support units: announced, active units, by star level (四星 first), then name. Cached; the same for everyone.", "security": [],
                "parameters": [{"name": "type", "in": "query", "schema": {"enum": TYPES}},
                               {"name": "level", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 4}, "description": "this level and above"}],
                "responses": {"200": ok("The units", units), "400": E400, "404": E404}},
        "post": {"summary": staff + ": register a unit certified before Loudong, by hand; it gets a Loudong certificate valid from today", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["org", "type", "level", "certified_on"], "properties": {
                     "org": {"type": "string"}, "type": {"enum": TYPES}, "level": {"type": "integer", "minimum": 1, "maximum": 4},
                     "certified_on": {"type": "string", "format": "date"}, "name": {"type": "string", "description": "default: the organisation's name"},
                     "announce": {"type": "boolean", "default": False, "description": "on the public list at once"}}}),
                 "responses": {"201": ok("The unit", ref("SupportUnit")), "400": E400, "401": E401, "403": E403, "404": E404, "409": problem("The organisation already is a unit of this type.")}}},
      "/api/v1/support-units/criteria": {
        "get": {"summary": "The rating method applications are scored against ([units] criteria_file or the built-in one) and the five eligibility declarations (遴选条件)", "security": [],
                "responses": {"200": ok("The criteria", {"type": "object", "properties": {
                    "version": {"type": "string"}, "criteria": {"type": "array", "items": {"type": "object", "properties": {
                        "key": {"type": "string"}, "type": {"enum": TYPES + ["any"]}, "max": {"type": "integer"},
                        "label_zh": {"type": "string"}, "label_en": {"type": "string"}}}},
                    "declarations": {"type": "array", "items": {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}}}}), "404": E404}}},
      "/api/v1/support-units/mine": {
        "get": {"summary": "The caller's organisation's active units, their tasks and the organisation's applications", "security": sec,
                "responses": {"200": ok("Mine", {"type": "object", "properties": {
                    "units": {"type": "array", "items": ref("SupportUnit")}, "tasks": {"type": "array", "items": ref("UnitTask")},
                    "applications": {"type": "array", "items": ref("UnitApplication")}}}), "401": E401, "404": E404}}},
      "/api/v1/support-units/{id}": {
        "get": {"summary": "One unit with its standing (counts, points, the level they earn, the next threshold). Public for an announced active unit; staff and the unit's members always, with its certificates, evaluations and tasks.", "security": anyone,
                "parameters": [uid], "responses": {"200": ok("The unit", ref("SupportUnit")), "404": E404}}},
      "/api/v1/support-units/{id}/certificate.pdf": {
        "get": {"summary": "The unit's valid certificate as a PDF (a public document for an announced active unit): unit, type, level, validity, number, a QR code of the verification page", "security": anyone,
                "parameters": [uid], "responses": {"200": {"description": "application/pdf; Content-Disposition names the certificate number", "content": {"application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}},
                                                   "404": E404, "503": problem("The certificate cannot be rendered now (no CJK font): the detail says why.")}}},
      "/api/v1/support-units/{id}/status": {
        "post": {"summary": staff + ": suspend, revoke (its certificate is revoked too) or reinstate a unit, with a reason; the unit is told", "security": sec, "parameters": [uid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["status", "reason"], "properties": {
                     "status": {"enum": ["active", "suspended", "revoked"]}, "reason": {"type": "string"}}}),
                 "responses": {"200": ok("The unit", ref("SupportUnit")), "400": E400, "401": E401, "403": E403, "404": E404, "409": problem("The same status, or the unit is revoked.")}}},
      "/api/v1/support-units/certificates/{number}": {
        "get": {"summary": "The public verification of a certificate number: valid, superseded (a newer one was issued), revoked, or expired", "security": [],
                "parameters": [{"name": "number", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": ok("The certificate", ref("UnitCertificate")), "404": E404}}},
      "/api/v1/support-units/evaluate": {
        "post": {"summary": staff + ": evaluate the star level of one unit or every active unit from the contributions of the [units] period_months ending with as_of (weights, thresholds: [units]); a changed level issues a new certificate and tells the unit; a unit below 一星's threshold is flagged to the staff, not removed", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "properties": {
                     "unit_id": {"type": "integer", "minimum": 1}, "as_of": {"type": "string", "format": "date", "description": "default today (China time)"}}}),
                 "responses": {"200": ok("One item per unit evaluated", {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
                     "unit_id": {"type": "integer"}, "name": {"type": "string"}, "counts": {"type": "object"}, "points": {"type": "integer"},
                     "level_before": {"type": "integer"}, "level_after": {"type": "integer"}, "below_minimum": {"type": "boolean"},
                     "certificate": {"type": ["string", "null"], "description": "the new certificate, if one was issued"}}}}}}),
                               "400": E400, "401": E401, "403": E403, "404": E404, "409": problem("The unit is not active.")}}},
      "/api/v1/support-units/applications": {
        "post": {"summary": "Apply (申报) for the caller's organisation to become a support unit of a type. One open application per organisation and type; an organisation that already is a unit of the type cannot apply for it. The dossier and files are sealed; a receipt-log leaf is appended; the staff are told. Post the stamped paper copy too (申报方式).", "security": sec, "parameters": [csrf],
                 "requestBody": body(ref("NewUnitApplication")),
                 "responses": {"201": ok("Received", ref("UnitApplication")), "400": problem("Invalid; `errors` names every problem."), "401": E401,
                               "403": problem("The account belongs to no organisation (`rule` rbac.org)."), "404": E404,
                               "409": problem("An open application of the type, or already a unit of it (`rule` 申报流程).")}},
        "get": {"summary": "Applications: staff all (filter by state, or open), anyone else their organisation's", "security": sec,
                "parameters": [{"name": "state", "in": "query", "schema": {"enum": STATES + ["open"]}}] + h["page_params"],
                "responses": {"200": ok("A page", h["page"]("UnitApplication")), "400": E400, "401": E401, "404": E404}}},
      "/api/v1/support-units/applications/{id}": {
        "get": {"summary": "One application with every decided stage (reviewer, notes, outcome, date) and the dossier: staff (the read is audited) and the applying organisation; 404 to anyone else", "security": sec,
                "parameters": [aid], "responses": {"200": app, "401": E401, "404": E404}}},
      "/api/v1/support-units/applications/{id}/decision": {
        "post": {"summary": staff + ": pass or fail the stage the application is in (the actor is the reviewer). Failing (材料审核, 专家评审, 现场考察 only) rejects it and needs notes. Passing 颁发证书 makes the unit (一星) and its first certificate; passing 公告 puts it on the public list. The applicant is told in-app and by mail (no details).", "security": sec, "parameters": [aid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["outcome"], "properties": {
                     "outcome": {"enum": ["pass", "fail"]}, "notes": {"type": "string", "description": "shown to the applicant"},
                     "held_on": {"type": "string", "format": "date", "description": "the meeting or visit; default today"},
                     "score": {"type": "integer", "minimum": 0, "maximum": 1000}}}),
                 "responses": {"200": app, "400": E400, "401": E401, "403": E403, "404": E404, "409": stage409}}},
      "/api/v1/support-units/applications/{id}/paper": {
        "post": {"summary": staff + ": the day the stamped paper copy arrived (申报方式)", "security": sec, "parameters": [aid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["received_on"], "properties": {"received_on": {"type": "string", "format": "date"}}}),
                 "responses": {"200": app, "400": E400, "401": E401, "403": E403, "404": E404, "409": stage409}}},
      "/api/v1/support-units/applications/{id}/withdraw": {
        "post": {"summary": "The applying organisation withdraws its application (until 颁发证书)", "security": sec, "parameters": [aid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "properties": {"reason": {"type": "string"}}}),
                 "responses": {"200": app, "400": E400, "401": E401, "404": E404, "409": stage409}}},
      "/api/v1/support-units/applications/{id}/documents/{doc}": {
        "get": {"summary": "One evidence file (staff, the applying organisation), always as a download", "security": sec,
                "parameters": [aid, {"name": "doc", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": {"description": "The file (application/octet-stream; X-Content-SHA256)"}, "401": E401, "404": E404}}},
      "/api/v1/support-units/tasks": {
        "get": {"summary": "Tasks: staff any unit's (filter), members their units'", "security": sec,
                "parameters": [{"name": "unit_id", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                               {"name": "state", "in": "query", "schema": {"enum": TASK_STATES}}],
                "responses": {"200": ok("Tasks", {"type": "object", "properties": {"items": {"type": "array", "items": ref("UnitTask")}}}), "400": E400, "401": E401, "404": E404}},
        "post": {"summary": staff + ": give an active unit a task about a report or 报送: verification (漏洞审核与验证) to technical units only (`rule` 权利义务（一）), assistance (协助处理) to governance units only (`rule` 权利义务（二）); the unit's members are told", "security": sec, "parameters": [csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["unit_id", "kind", "subject", "brief"], "properties": {
                     "unit_id": {"type": "integer"}, "kind": {"enum": ["verification", "assistance"]},
                     "subject": {"type": "string", "description": "submission:<id> or report:<id> held here"}, "brief": {"type": "string"}}}),
                 "responses": {"201": task, "400": E400, "401": E401, "403": E403, "404": E404, "409": problem("The unit is not active, or not of the type the task is for (`rule`).")}}},
      "/api/v1/support-units/tasks/{id}/answer": {
        "post": {"summary": "A member of the unit answers its task (assigned -> done)", "security": sec, "parameters": [uid, csrf],
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["result"], "properties": {"result": {"type": "string"}}}),
                 "responses": {"200": task, "400": E400, "401": E401, "404": E404, "409": task409}}},
      "/api/v1/support-units/tasks/{id}/confirm": {
        "post": {"summary": staff + ": confirm an answered task: the unit is credited (verification or assistance, with the item's grade)", "security": sec, "parameters": [uid, csrf],
                 "requestBody": nobody, "responses": {"200": task, "401": E401, "403": E403, "404": E404, "409": task409}}},
      "/api/v1/support-units/tasks/{id}/cancel": {
        "post": {"summary": staff + ": cancel an assigned or answered task", "security": sec, "parameters": [uid, csrf],
                 "requestBody": nobody, "responses": {"200": task, "401": E401, "403": E403, "404": E404, "409": task409}}},
      "/api/v1/support-units/awards/{year}": {
        "get": {"summary": "The published awards of a year (漏洞报送最具贡献单位, 漏洞报送特别贡献单位, 漏洞管理实践先进单位, 漏洞治理合作最具贡献单位)", "security": [],
                "parameters": [year], "responses": {"200": ok("The awards", awards), "404": E404}}},
      "/api/v1/support-units/awards/{year}/candidates": {
        "get": {"summary": staff + ": every candidate of the year, in any state", "security": sec,
                "parameters": [year], "responses": {"200": ok("The candidates", awards), "401": E401, "403": E403, "404": E404}}},
      "/api/v1/support-units/awards/{year}/compute": {
        "post": {"summary": staff + ": compute the year's candidates from every active unit's contributions of that calendar year by [units] award_rules; candidates not yet decided are replaced, decided ones stay", "security": sec, "parameters": [year, csrf],
                 "requestBody": nobody, "responses": {"200": ok("The candidates", awards), "401": E401, "403": E403, "404": E404}}},
      "/api/v1/support-units/awards/{year}/publish": {
        "post": {"summary": staff + ": publish the year's confirmed awards", "security": sec, "parameters": [year, csrf],
                 "requestBody": nobody, "responses": {"200": ok("The published awards, with `published` (how many now)", awards), "401": E401, "403": E403, "404": E404}}},
      "/api/v1/support-units/award-candidates/{id}/confirm": {
        "post": {"summary": staff + ": confirm a candidate", "security": sec, "parameters": [uid, csrf],
                 "requestBody": nobody, "responses": {"200": ok("The candidate", ref("UnitAward")), "401": E401, "403": E403, "404": E404, "409": problem("Already published.")}}},
      "/api/v1/support-units/award-candidates/{id}/dismiss": {
        "post": {"summary": staff + ": dismiss a candidate", "security": sec, "parameters": [uid, csrf],
                 "requestBody": nobody, "responses": {"200": ok("The candidate", ref("UnitAward")), "401": E401, "403": E403, "404": E404, "409": problem("Already published.")}}},
    }
