"""OpenAPI paths of the clocks (issue 6) and of acknowledging a report; loaded by gen-openapi.py."""

KINDS = ["ack", "vendor_response", "submission", "publication", "filing_review", "filing_supplement", "change_filing", "initial_filing"]
STATES = ["open", "met", "missed", "paused", "waived"]


def schemas(h):
    t = {"type": "string", "format": "date-time"}
    tn = {"type": ["string", "null"], "format": "date-time"}
    return {
      "Deadline": {"type": "object", "required": ["id", "kind", "subject", "case", "report", "basis_at", "due_at", "period", "rule", "calendar_version", "provisional", "state", "overdue", "paused_at", "met_at", "missed_at", "reason"],
          "description": "A clock (时限). Working-day periods end at 24:00 China Standard Time (UTC+8) of the n-th working day after the basis, on the working-day calendar named by calendar_version (R26).",
          "properties": {
            "id": {"type": "integer"},
            "kind": {"enum": KINDS, "description": "ack: acknowledge a report (R42); vendor_response: a notified vendor's first answer (R34); submission: the 2-day 报送 to the national library (R5, Art. 7(2)); publication: publication reminder after the vendor notice; filing_review: the registry decides a complete 备案 filing (R24); filing_supplement: the applicant's 补正 (R24); change_filing: a platform files a change within 30 days (R22); initial_filing: a platform live before the 办法 files (R25)"},
            "subject": {"type": "string", "examples": ["report:LD-2026-000001", "case:LD-C-2026-000001", "vendor:LD-C-2026-000001/acme"]},
            "case": {"type": ["string", "null"]}, "report": {"type": ["string", "null"]},
            "basis_at": t, "due_at": t,
            "period": {"type": "string", "examples": ["3wd", "48h", "45d"], "description": "h hours, d calendar days, wd working days"},
            "rule": {"type": "string", "examples": ["R5 (Art. 7(2))"]},
            "calendar_version": {"type": "string", "description": "the holiday data the due time was computed with"},
            "provisional": {"type": "boolean", "description": "the calendar did not cover a day used (Monday to Friday assumed)"},
            "state": {"enum": STATES, "description": "a paused clock waits on the reporter; a missed clock that is met later keeps state missed with met_at set"},
            "overdue": {"type": "boolean", "description": "open and past due, or missed and not met since"},
            "paused_at": tn, "met_at": tn, "missed_at": tn,
            "reason": {"type": ["string", "null"], "description": "a waiver's reason"}}},
      "DeadlineWithReminders": {"allOf": [h["ref"]("Deadline"), {"type": "object", "required": ["reminders"], "properties": {
          "reminders": {"type": "array", "description": "largest offset first; each fires once ([deadlines] <kind>_reminders); of several due at one run only the latest is told", "items": {"type": "object", "required": ["offset_seconds", "fire_at", "fired_at", "told"], "properties": {
              "offset_seconds": {"type": "integer", "description": "before due_at"}, "fire_at": t, "fired_at": tn,
              "told": {"type": "boolean", "description": "a notice and mail went out for it"}}}}}}]},
    }


def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    did = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
    read403 = problem("Not staff (triager, coordinator, admin) nor an auditor (`rule` rbac.role).")
    nf = problem("No such deadline.")
    page = {"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items": ref("Deadline")}, "next_cursor": {"type": ["string", "null"], "description": "rows to skip for the next page"}}}
    return {
      "/api/v1/deadlines": {"get": {"summary": "The clocks, soonest due first (staff and auditors)", "security": sec,
          "parameters": [
              {"name": "state", "in": "query", "schema": {"enum": STATES + ["overdue"]}, "description": "overdue: open and past due, or missed and not met since"},
              {"name": "case", "in": "query", "schema": {"type": "string"}},
              {"name": "report", "in": "query", "schema": {"type": "string"}},
              {"name": "kind", "in": "query", "schema": {"enum": KINDS}}] + h["page_params"],
          "responses": {"200": ok("A page of deadlines", page), "400": problem("A bad state or kind (`field` names it)."), "401": E401, "403": read403}}},
      "/api/v1/deadlines/{id}": {"get": {"summary": "One clock with its reminders (staff and auditors)", "security": sec, "parameters": [did],
          "responses": {"200": ok("The deadline", ref("DeadlineWithReminders")), "401": E401, "403": read403, "404": nf}}},
      "/api/v1/deadlines/{id}/waive": {"post": {"summary": "Waive a clock with a reason (coordinators: triager, coordinator, admin). Open, paused or missed clocks only; a case's clock goes on the case's timeline (event deadline), and every waiver in the audit log. The 报送's clock is waived with the 报送 (POST /api/v1/submissions/{id}/waive).", "security": sec,
          "parameters": [did, csrf],
          "requestBody": body({"type": "object", "additionalProperties": False, "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 2000}}}),
          "responses": {"200": ok("Waived", ref("Deadline")), "400": E400, "401": E401, "403": E403, "404": nf,
                        "409": problem("Not open, paused or missed (`rule` the clock's rule), or the 报送's clock (`rule` R5).")}}},
      "/api/v1/reports/{id}/acknowledge": {"post": {"summary": "Acknowledge a received report (staff): received → acknowledged, which meets its acknowledgement clock (R42, ISO/IEC 29147 6.2). A triage decision acknowledges it too.", "security": sec,
          "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, csrf],
          "responses": {"204": {"description": "Acknowledged"}, "401": E401, "403": E403, "404": problem("No such report."),
                        "409": problem("The report is past received (acknowledged or triaged already).")}}},
    }
