"""OpenAPI paths of the statistics (issue 9); loaded by gen-openapi.py."""

GRADES = ["critical", "high", "medium", "low", "none"]
PLATFORMS = ["android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp", "none"]
KINDS = ["report", "warning", "verification", "assistance"]


def schemas(h):
    ref = h["ref"]
    nums = {"type": "array", "items": {"type": "integer"}, "description": "one count per month, in the order of `months`"}

    def table(keys, what, points=False):
        props = {
            "months": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                       "description": "every month of the period, China time, none skipped"},
            "counts": {"type": "object", "properties": {k: nums for k in keys}, "description": what + " per month and key; `none`: no grade or no platform given"},
            "totals": {"type": "object", "properties": {k: {"type": "integer"} for k in keys}},
            "total": {"type": "integer"}}
        if points:
            props["points"] = {"type": "object", "properties": {k: nums for k in keys}, "description": "the points credited, same shape as counts"}
        return {"type": "object", "required": ["months", "counts", "totals", "total"], "properties": props}

    sla = {"type": "object", "properties": {
        "kind": {"type": ["string", "null"], "description": "the clock's kind (ack, vendor_response, submission, ...); null in the total"},
        "on_time": {"type": "integer", "description": "met by the due time"},
        "late": {"type": "integer", "description": "met after the due time"},
        "missed": {"type": "integer", "description": "past due and not met"},
        "open": {"type": "integer", "description": "open or paused"},
        "waived": {"type": "integer"},
        "on_time_share": {"type": "number", "minimum": 0, "maximum": 1, "description": "on_time / (on_time + late + missed); 0 when none"}}}
    period = {"type": "object", "properties": {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
                                               "timezone": {"const": "+08:00"}}}
    return {
      "StatsByGrade": table(GRADES, "Counts by the assessment's comprehensive grade (GB/T 30279)"),
      "StatsByPlatform": table(PLATFORMS, "Counts by app platform"),
      "StatsByState": {"type": "object", "description": "counts by state (报送: received, verified, rejected; reports: received, acknowledged, triage, needs_info, accepted, duplicate, rejected), same shape as StatsByGrade"},
      "StatsSla": sla,
      "LibraryStatistics": {"type": "object", "required": ["period", "submissions", "reports", "sla", "top_contributors"], "properties": {
          "period": period,
          "submissions": {"type": "object", "description": "the 报送 the library received", "properties": {
              "by_grade": ref("StatsByGrade"), "by_platform": ref("StatsByPlatform"), "by_state": ref("StatsByState")}},
          "reports": {"type": "object", "description": "the reports the library received", "properties": {
              "by_grade": ref("StatsByGrade"), "by_platform": ref("StatsByPlatform"), "by_status": ref("StatsByState")}},
          "sla": {"type": "object", "description": "the clocks due in the period", "properties": {
              "by_kind": {"type": "array", "items": ref("StatsSla")}, "total": ref("StatsSla")}},
          "top_contributors": {"type": "array", "description": "at most 20 support units, most points credited in the period first", "items": {"type": "object", "properties": {
              "unit_id": {"type": "integer"}, "name": {"type": "string"}, "type": {"enum": ["technical", "governance"]},
              "level": {"type": "integer", "minimum": 1, "maximum": 4}, "status": {"enum": ["active", "suspended", "expired", "revoked"]},
              "points": {"type": "integer"}, "contributions": {"type": "integer"}}}}}},
      "UnitStatistics": {"type": "object", "required": ["period", "unit", "points", "contributions", "submissions"], "properties": {
          "period": period,
          "unit": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                   "type": {"enum": ["technical", "governance"]}, "level": {"type": "integer"},
                   "status": {"enum": ["active", "suspended", "expired", "revoked"]}}},
          "points": {"type": "integer", "description": "credited in the period"},
          "contributions": {"type": "object", "properties": {
              "by_kind": table(KINDS, "Contributions by kind", True),
              "reports_by_grade": table(GRADES, "Accepted reports by grade", True)}},
          "submissions": {"type": "object", "description": "the 报送 of the unit's organisation", "properties": {
              "by_grade": ref("StatsByGrade"), "by_platform": ref("StatsByPlatform")}}}},
    }


def paths(h):
    ref, problem, ok = h["ref"], h["problem"], h["ok"]
    E400, E401 = h["E400"], h["E401"]
    sec = [{"session": []}, {"bearer": []}]
    params = [
        {"name": "from", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
         "description": "first day, YYYY-MM-DD (China time); default: the first of the month eleven months before `to`'s"},
        {"name": "to", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
         "description": "last day, inclusive; default: today. A period spans at most 120 months (400 `field` from)"},
        {"name": "unit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
         "description": "a support unit's id: that unit's figures"}]
    E403 = problem("The library's figures are for staff, regulators and auditors (`rule` rbac.role).")
    E404 = problem("This instance is not a registry (404 on every statistics route), or no such unit, or a unit whose figures are not the caller's (staff, regulators, auditors and the unit's members see them).")
    who = "Registry role. The library's figures: staff (triager, coordinator, admin), regulators and auditors; with `unit`, also the members of the unit's organisation. Months are counted in China time; grades are the assessments' comprehensive grades; the clocks are those due in the period."
    return {
      "/api/v1/statistics": {"get": {
          "summary": "Statistics of the library: 报送 and reports by grade, app platform and state per month, the clocks' compliance, the support units that contributed most; or, with `unit`, one unit's contributions by kind and grade and its organisation's 报送. " + who,
          "security": sec, "parameters": params,
          "responses": {"200": ok("The figures (LibraryStatistics, or UnitStatistics with `unit`)",
                                  {"oneOf": [ref("LibraryStatistics"), ref("UnitStatistics")]}),
                        "400": E400, "401": E401, "403": E403, "404": E404}}},
      "/api/v1/statistics.xlsx": {"get": {
          "summary": "The same figures as an Excel workbook (Content-Disposition: attachment; filename statistics-<from>_<to>.xlsx, or statistics-unit-<id>-<from>_<to>.xlsx). Sheets, named in the request's language: 概览/Summary, 按等级/By grade (month × grade, for 报送 and reports), 按平台/By platform, 时限/SLA, 贡献单位/Top contributors; with `unit` also 单位贡献/Unit contributions and 单位报送/Unit submissions (a unit member gets a summary and those two only). Header rows bold and frozen, numbers as numbers, shares as percentages. " + who,
          "security": sec, "parameters": params,
          "responses": {"200": {"description": "The workbook", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
                        "400": E400, "401": E401, "403": E403, "404": E404}}},
    }
