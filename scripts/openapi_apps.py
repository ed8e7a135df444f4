"""OpenAPI paths of the app fields (issue 9: a library of mobile-internet apps, CAPPVD); loaded by gen-openapi.py.

The app fields also travel on routes documented elsewhere: POST and GET
/api/v1/reports (app_name, app_package, app_version, app_platform, app_store,
app_developer; GET takes ?app= and ?platform=), the 报送 record and GET
/api/v1/submissions (?app=, ?platform= on a registry), GET
/api/v1/products/{id}, and the advisory formats."""

PLATFORMS = ["android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp"]

def schemas(h):
    return {
      "App": {"type": "object", "description": "The app a report, 报送 or product concerns (all optional; on a registry with [registry] specialisation = app the 报送 received must fill [registry] app_required_fields, default app_name and app_platform: 400 `rule` R40 naming the first missing one). Kept in the clear: they name the app, not the flaw.", "properties": {
          "app_name": {"type": "string", "maxLength": 128, "description": "应用名称 (characters)"},
          "app_package": {"type": "string", "maxLength": 255, "description": "package name or bundle id: on android, ios and harmonyos a reverse domain name such as com.example.app (letters, digits, _ and -, at least two dot-separated parts, starting with a letter); free text on the other platforms (a 小程序's AppID, a 公众号's original id)"},
          "app_version": {"type": "string", "maxLength": 64},
          "app_platform": {"enum": PLATFORMS + [""], "description": "android, ios, harmonyos, miniprogram (小程序), official_account (公众号), quickapp (快应用), or \"\""},
          "app_store": {"type": "string", "maxLength": 256, "description": "distribution channel or store; an http(s) URL is linked and becomes CVE JSON 5's collectionURL"},
          "app_developer": {"type": "string", "maxLength": 128}}},
    }

def paths(h):
    ref, problem, body, ok = h["ref"], h["problem"], h["body"], h["ok"]
    csrf, E400, E401 = h["csrf"], h["E400"], h["E401"]
    pid = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
    app_body = {"type": "object", "additionalProperties": False, "properties": {
        "app_package": {"type": "string", "maxLength": 255},
        "app_platform": {"enum": PLATFORMS + [""]},
        "app_store": {"type": "string", "maxLength": 256},
        "app_developer": {"type": "string", "maxLength": 128}}}
    return {
      "/api/v1/products/{id}/app": {
        "put": {"summary": "Set the app a product is (issue 9): its package name or bundle id, platform, store and developer (the app's name is the product's). Members left out are emptied. Staff holding orgs.manage or cases.manage, or a member of the product's organisation; audited as product.app. A 报送 drafted for CAPPVD ([federation] target_library), or from a case whose product has a platform, is pre-filled from these, and advisories drafted from the case carry them into CVE JSON 5 (packageName, platforms, collectionURL), CSAF (product names), OSV (database_specific) and GB/T 28458 XML.",
                "security": [{"session": []}, {"bearer": []}], "parameters": [pid, csrf],
                "requestBody": body(app_body),
                "responses": {"200": ok("{id, app_package, app_platform, app_store, app_developer}"), "401": E401,
                              "400": problem("An app field is wrong (`field`; `errors` lists all): the platform is not one of the six, or the package is not a reverse domain name on android, ios or harmonyos; or the body is not an object of these members."),
                              "403": problem("Not staff and not a member of an organisation (`rule` rbac.role)."),
                              "404": problem("No such product, or another organisation's.")}}},
    }
