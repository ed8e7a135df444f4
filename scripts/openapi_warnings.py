"""OpenAPI paths of warnings (预警) and disputes (争议协调), issue 9 (R40); loaded by gen-openapi.py."""

KINDS = ["vulnerability", "incident", "activity"]
SEVERITIES = ["critical", "high", "medium", "low"]
AUDIENCES = ["technical", "governance", "both"]
DELIVERY_STATES = ["delivered", "acknowledged", "refused"]
CATEGORIES = ["disclosure", "handling"]
DSTATES = ["open", "coordinating", "resolved", "withdrawn"]
EVENTS = ["filed", "assigned", "note", "party", "resolved", "withdrawn"]


def schemas(h):
    ref = h["ref"]
    time = {"type": "string", "format": "date-time"}
    ntime = {"type": ["string", "null"], "format": "date-time"}
    nstr = {"type": ["string", "null"]}
    return {
      "NewWarning": {"type": "object", "additionalProperties": False, "required": ["kind", "severity", "title", "body"], "properties": {
          "kind": {"enum": KINDS, "description": "vulnerability: 重大漏洞; incident: 安全事件 (an operator's live system: never public, Art. 9(2)); activity: 活动通知"},
          "severity": {"enum": SEVERITIES},
          "title": {"type": "string", "maxLength": 200, "description": "one line, kept in the clear: names the matter, not the details"},
          "summary": {"type": "string", "maxLength": 1000, "description": "what the public reads from public_at on (required with public_at); never the body"},
          "body": {"type": "string", "maxLength": 50000, "description": "Markdown: the details; sealed at rest, read only by staff, regulators and the delivered units' members"},
          "related": {"type": "string", "maxLength": 500, "description": "CVE, CNVD or library ids (one line)"},
          "affected": {"type": "string", "maxLength": 2000, "description": "affected apps and products"},
          "audience": {"enum": AUDIENCES + [""], "description": "the unit types it is for; \"\" or absent with `units`: only the units named"},
          "min_level": {"type": "integer", "minimum": 1, "maximum": 4, "default": 1, "description": "the least star level (一星..四星) of the units of those types"},
          "units": {"type": "array", "maxItems": 64, "items": {"type": "integer", "minimum": 1}, "description": "unit ids named explicitly: they get it whatever their type and level (while active)"},
          "public_at": {"type": "string", "description": "RFC 3339 date-time from which the public sees title, kind, severity, summary and date (entitled units see it at once); absent: never public; refused for an incident (400, `rule` Art. 9(2))"}}},
      "Warning": {"type": "object", "required": ["id", "kind", "severity", "title", "issued_at", "state"], "properties": {
          "id": {"type": "string", "examples": ["YJ-2026-000001"], "description": "<[units] warning_prefix>-<YYYY>-<seq>"},
          "kind": {"enum": KINDS}, "severity": {"enum": SEVERITIES}, "title": {"type": "string"},
          "summary": nstr, "issued_at": time, "public_at": ntime,
          "related": nstr, "affected": nstr, "audience": {"enum": AUDIENCES + [None]},
          "min_level": {"type": "integer"}, "units": {"type": "array", "items": {"type": "integer"}},
          "issuer_org": {"type": ["string", "null"], "description": "the issuing unit's organisation; null: the registry's staff"},
          "state": {"enum": ["issued", "withdrawn"]}, "withdrawn_at": ntime, "withdraw_reason": nstr,
          "issuer": {"type": ["string", "null"], "description": "staff and regulators: the login of who issued it"},
          "deliveries_count": {"type": "object", "description": "staff and regulators", "properties": {k: {"type": "integer"} for k in DELIVERY_STATES}},
          "body": {"type": "string", "description": "one warning: the details (Markdown)"},
          "deliveries": {"type": "array", "description": "one warning, staff and regulators: every unit it was for", "items": {"type": "object", "properties": {
              "unit_id": {"type": "integer"}, "unit": {"type": "string"}, "type": {"enum": ["technical", "governance"]},
              "level": {"type": "integer"}, "state": {"enum": DELIVERY_STATES},
              "rule": {"type": ["string", "null"], "description": "refused: the rule (Art. 9(7): the unit's organisation is outside the domestic jurisdictions); nothing was sent to it"},
              "delivered_at": ntime, "acknowledged_at": ntime, "acknowledged_by": nstr}}},
          "acknowledgement": {"type": "object", "description": "one warning, a unit member: where their unit stands", "properties": {
              "delivered": {"type": "boolean"}, "can_acknowledge": {"type": "boolean"},
              "acknowledged_at": ntime, "acknowledged_by": nstr}}}},
      "PublicWarning": {"type": "object", "required": ["id", "kind", "severity", "title", "issued_at"], "properties": {
          "id": {"type": "string"}, "kind": {"enum": ["vulnerability", "activity"]}, "severity": {"enum": SEVERITIES},
          "title": {"type": "string"}, "summary": nstr, "issued_at": time, "public_at": time}},
      "NewDispute": {"type": "object", "additionalProperties": False, "required": ["category", "subject_ref", "other_party", "title", "statement"], "properties": {
          "category": {"enum": CATEGORIES, "description": "disclosure: 漏洞信息披露; handling: 漏洞处置"},
          "subject_ref": {"type": "string", "maxLength": 64, "description": "the case, 报送, advisory or report id it is about"},
          "other_party": {"type": "string", "maxLength": 200, "description": "the organisation on the other side"},
          "title": {"type": "string", "maxLength": 200, "description": "one line, in the clear"},
          "statement": {"type": "string", "maxLength": 20000, "description": "sealed at rest"},
          "outcome_wanted": {"type": "string", "maxLength": 20000, "description": "sealed at rest"},
          "on_behalf_of": {"type": "string", "description": "staff only: the login of the account (of an organisation) the dispute is filed for"}}},
      "Dispute": {"type": "object", "required": ["id", "category", "title", "priority", "state", "filed_at"], "properties": {
          "id": {"type": "string", "examples": ["ZY-2026-000001"], "description": "<[units] dispute_prefix>-<YYYY>-<seq>"},
          "category": {"enum": CATEGORIES}, "subject_ref": {"type": "string"}, "other_party": {"type": "string"},
          "title": {"type": "string"}, "filer": nstr, "filer_org": nstr,
          "recorded_by": {"type": ["string", "null"], "description": "staff who filed it on the filer's behalf"},
          "priority": {"type": "integer", "minimum": 0, "maximum": 5, "description": "the filer organisation's highest active support-unit level + 1 at filing (优先协调权), else 0; kept"},
          "unit_level": {"type": ["integer", "null"], "description": "that level (1..4), null for 0"},
          "state": {"enum": DSTATES}, "assignee": nstr, "leaf_index": {"type": "integer", "description": "the receipt-log leaf"},
          "filed_at": time, "updated_at": time, "closed_at": ntime,
          "clock": {"type": ["object", "null"], "description": "the 'dispute' clock ([deadlines] dispute)", "properties": {
              "due_at": time, "state": {"enum": ["open", "met", "missed", "paused", "waived"]}, "overdue": {"type": "boolean"}}},
          "payload_sha256": {"type": "string", "description": "one dispute"},
          "statement": {"type": "string", "description": "one dispute"}, "outcome_wanted": nstr,
          "resolution": {"type": ["string", "null"], "description": "one dispute, once resolved"},
          "timeline": {"type": "array", "description": "one dispute: every step, oldest first", "items": {"type": "object", "properties": {
              "at": time, "actor": nstr, "event": {"enum": EVENTS}, "from_state": nstr, "to_state": nstr,
              "detail": nstr, "note": nstr}}}}},
    }


def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401, E403 = h["csrf"], h["E400"], h["E401"], h["E403"]
    sec = [{"session": []}, {"bearer": []}]
    wid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the warning's id"}
    did = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the dispute's id"}
    W404 = problem("No such warning, or not one for you (the same answer, so a warning's existence is not revealed), or this instance is not a registry.")
    D404 = problem("No such dispute, or not yours, or this instance is not a registry.")
    D409 = problem("The dispute's state does not allow this step (closed; resolving before it is taken into coordination).")
    staff = "Registry role, staff (triager, coordinator, admin)"
    return {
      "/api/v1/warnings": {
        "post": {"summary": "Issue a warning (预警; R40): staff, or a member of an active support unit (403 `rule` R40 otherwise). In one transaction: the warning (its body sealed), one delivery per entitled unit (active; its type in the audience at min_level or above, or named in `units`; never the issuing unit's own organisation), each through the Art. 9(7) gate with the unit organisation's country: a refused unit gets a delivery `refused` with the rule and nothing else; a delivered unit's members get a notice and a mail without details each, and a warning_ack clock starts. Issued by a unit: its contribution is credited.",
                 "security": sec, "parameters": [csrf], "requestBody": body(ref("NewWarning")),
                 "responses": {"201": ok("Issued", ref("Warning")), "400": problem("A field is wrong (`field`; `errors` lists all); an incident with public_at: `rule` Art. 9(2)."),
                               "401": E401, "403": problem("Neither staff nor a member of an active unit (`rule` R40)."), "404": W404}},
        "get": {"summary": "The warnings for the caller, newest first: staff and regulators all; anyone else those delivered (or acknowledged) to a unit of their organisation, or issued by it", "security": sec,
                "parameters": h["page_params"],
                "responses": {"200": ok("A page of Warning (without the body)", h["page"]("Warning")), "401": E401, "404": W404}}},
      "/api/v1/warnings/public": {
        "get": {"summary": "The public warnings: issued, not withdrawn, not incidents, public_at reached; newest public first. Title, kind, severity, summary and dates only, never the body. `cursor` is the number of rows to skip.", "security": [],
                "parameters": h["page_params"],
                "responses": {"200": ok("A page of PublicWarning", h["page"]("PublicWarning")), "404": W404}}},
      "/api/v1/warnings/{id}": {
        "get": {"summary": "One warning with its body: staff and regulators (with every delivery), the members of a unit it was delivered to (with their unit's acknowledgement; every such read is audited), the members of the issuing unit. Anyone else 404.", "security": sec,
                "parameters": [wid], "responses": {"200": ok("The warning; Cache-Control: no-store", ref("Warning")), "401": E401, "404": W404}}},
      "/api/v1/warnings/{id}/acknowledge": {
        "post": {"summary": "A member of a delivered unit acknowledges receipt for their organisation's units (who, when); the warning_ack clocks are met. Acknowledged already: 200, nothing changes.", "security": sec,
                 "parameters": [wid, csrf],
                 "responses": {"200": ok("Acknowledged", ref("Warning")), "401": E401, "404": W404, "409": problem("The warning was withdrawn.")}}},
      "/api/v1/warnings/{id}/withdraw": {
        "post": {"summary": staff + ": withdraw a warning with a reason; the open warning_ack clocks are waived and the delivered units' members told", "security": sec,
                 "parameters": [wid, csrf], "requestBody": body({"type": "object", "additionalProperties": False, "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": 2000}}}),
                 "responses": {"200": ok("Withdrawn", ref("Warning")), "400": E400, "401": E401, "403": E403, "404": W404, "409": problem("Withdrawn already.")}}},
      "/api/v1/disputes": {
        "post": {"summary": "Ask the registry to coordinate a dispute about a vulnerability's disclosure or handling (争议协调). An account of an organisation files; staff may file on_behalf_of one. The dispute gets its id, a receipt-log leaf, a 'dispute' clock and its priority (the filer organisation's highest active unit level + 1, else 0); the staff are told.",
                 "security": sec, "parameters": [csrf], "requestBody": body(ref("NewDispute")),
                 "responses": {"201": ok("Filed", ref("Dispute")), "400": E400, "401": E401,
                               "403": problem("The account belongs to no organisation (`rule` R40), or on_behalf_of without the staff's permission."), "404": D404}},
        "get": {"summary": "Staff: the queue, open first, then by priority (highest first), due time (soonest first) and id. Anyone else: their own disputes in that order. `cursor` is the number of rows to skip.", "security": sec,
                "parameters": [{"name": "state", "in": "query", "schema": {"enum": DSTATES}},
                               {"name": "open", "in": "query", "schema": {"type": "boolean"}, "description": "only open and coordinating ones"}] + h["page_params"],
                "responses": {"200": ok("A page of Dispute", h["page"]("Dispute")), "400": E400, "401": E401, "404": D404}}},
      "/api/v1/disputes/{id}": {
        "get": {"summary": "One dispute with its statement, the outcome sought, the resolution and the timeline (notes opened): staff and the filer. Anyone else 404.", "security": sec,
                "parameters": [did], "responses": {"200": ok("The dispute; Cache-Control: no-store", ref("Dispute")), "401": E401, "404": D404}}},
      "/api/v1/disputes/{id}/assign": {
        "post": {"summary": staff + ": take an open dispute into coordination (open -> coordinating) and give it to a staff member; the filer is told", "security": sec,
                 "parameters": [did, csrf], "requestBody": body({"type": "object", "additionalProperties": False, "properties": {"assignee": {"type": "string", "description": "a staff login; absent: yourself"}}}),
                 "responses": {"200": ok("Assigned", ref("Dispute")), "400": E400, "401": E401, "403": E403, "404": D404, "409": D409}}},
      "/api/v1/disputes/{id}/notes": {
        "post": {"summary": "A note on an open dispute (sealed), by staff or the filer; `party` (staff only): the note is the other party's statement", "security": sec,
                 "parameters": [did, csrf], "requestBody": body({"type": "object", "additionalProperties": False, "required": ["note"], "properties": {
                     "note": {"type": "string", "maxLength": 20000}, "party": {"type": "boolean", "default": False}}}),
                 "responses": {"201": ok("Recorded", ref("Dispute")), "400": E400, "401": E401, "403": problem("`party` without the staff's permission."), "404": D404, "409": D409}}},
      "/api/v1/disputes/{id}/resolve": {
        "post": {"summary": staff + ": resolve a dispute being coordinated with its outcome (sealed); the clock is met and the filer told", "security": sec,
                 "parameters": [did, csrf], "requestBody": body({"type": "object", "additionalProperties": False, "required": ["outcome"], "properties": {"outcome": {"type": "string", "maxLength": 20000}}}),
                 "responses": {"200": ok("Resolved", ref("Dispute")), "400": E400, "401": E401, "403": E403, "404": D404, "409": D409}}},
      "/api/v1/disputes/{id}/withdraw": {
        "post": {"summary": "The filer withdraws an open dispute (reason optional); the clock is waived", "security": sec,
                 "parameters": [did, csrf], "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "properties": {"reason": {"type": "string", "maxLength": 20000}}}}}},
                 "responses": {"200": ok("Withdrawn", ref("Dispute")), "401": E401, "403": problem("Not the filer (`rule` R40)."), "404": D404, "409": D409}}},
    }
