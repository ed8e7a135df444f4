/*
 * Loudong: live CVSS scores, GB/T 30279-2020 grades and CWE suggestions as
 * one types (issue 4).  Progressive enhancement: every page that loads this
 * works without it, since a submit computes the same on the server.
 *
 * It looks for what the server wrote (src/web/assessment.c):
 *   input[data-cvss-input="ID"]   a vector; ID is the <output> for its score
 *   form[data-grade]              selects with data-gbt="key" (technical ones
 *                                 also data-gbt-technical) and one
 *                                 output[data-grade-output] whose data-*
 *                                 attributes hold the words to write
 *   input[data-cwe-input="ID"]    ID is the <datalist> to fill
 * and asks this server's public calculators (/api/v1/cvss, /api/v1/grade,
 * /api/v1/cwe; CSP connect-src 'self').  Text reaches the page through
 * textContent only; no HTML is ever built from data.
 */
(function () {
	"use strict";

	var DELAY = 300;	/* ms of quiet typing before asking */
	var CWE_MIN = 2;	/* characters before suggesting */
	var CWE_LIMIT = 20;	/* suggestions */
	var Q_MAX = 100;	/* /api/v1/cwe's q limit */

	if (!window.fetch || !document.querySelectorAll)
		return;

	function debounce(fn) {
		var timer = null;

		return function () {
			clearTimeout(timer);
			timer = setTimeout(fn, DELAY);
		};
	}

	/* GET a JSON answer: resolves to {ok, body}; body null if not JSON. */
	function getJSON(url) {
		return fetch(url, {
			credentials: "same-origin",
			headers: { "Accept": "application/json" }
		}).then(function (r) {
			return r.json().then(function (j) {
				return { ok: r.ok, body: j };
			}, function () {
				return { ok: false, body: null };
			});
		});
	}

	function show(out, text, cls) {
		out.textContent = text;
		out.className = cls ? "live " + cls : "live";
	}

	/* A problem+json answer's explanation, or "". */
	function detail(body) {
		return body && typeof body.detail === "string" ? body.detail : "";
	}

	function tenths(x) {
		return typeof x === "number" ? x.toFixed(1) : "";
	}

	/* As the server writes it: "9.8 CRITICAL", v4.0 "9.3 CRITICAL · CVSS-BT". */
	function cvssText(j) {
		if (j.version === "4.0")
			return tenths(j.score) + " " + j.severity + " · " + j.nomenclature;
		return tenths(j.base_score) + " " + j.base_severity;
	}

	function initCvss(input) {
		var out = document.getElementById(input.getAttribute("data-cvss-input"));
		var seq = 0;

		if (!out)
			return;
		input.addEventListener("input", debounce(function () {
			var v = input.value.trim(), mine = ++seq;

			if (v === "") {
				show(out, "", "");
				return;
			}
			getJSON("/api/v1/cvss?vector=" + encodeURIComponent(v)).then(function (r) {
				var sev;

				if (mine !== seq)
					return;	/* a newer vector was asked for */
				if (r.ok && r.body) {
					sev = String(r.body.severity || r.body.base_severity || "");
					show(out, cvssText(r.body), "sev sev-" + sev.toLowerCase());
				} else
					show(out, detail(r.body), "live-error");
			}, function () {
				if (mine === seq)
					show(out, "", "");
			});
		}));
	}

	function initGrade(form) {
		var out = form.querySelector("[data-grade-output]");
		var sels = form.querySelectorAll("select[data-gbt]");
		var ntech = form.querySelectorAll("select[data-gbt-technical]").length;
		var seq = 0;

		if (!out)
			return;

		function label(which) {
			return out.getAttribute("data-label-" + which) +
			    out.getAttribute("data-sep");
		}

		function name(key) {
			return out.getAttribute("data-name-" + key) || key;
		}

		function run() {
			var q = [], tech = 0, mine = ++seq, i, s;

			for (i = 0; i < sels.length; i++) {
				s = sels[i];
				if (s.value === "")
					continue;
				q.push(encodeURIComponent(s.getAttribute("data-gbt")) + "=" +
				    encodeURIComponent(s.value));
				if (s.hasAttribute("data-gbt-technical"))
					tech++;
			}
			if (tech < ntech) {
				show(out, out.getAttribute("data-pending"), "grade-live");
				return;
			}
			getJSON("/api/v1/grade?" + q.join("&")).then(function (r) {
				var text;

				if (mine !== seq)
					return;
				if (!r.ok || !r.body) {
					show(out, detail(r.body), "grade-live live-error");
					return;
				}
				text = label("technical") + name(r.body.technical_grade);
				if (r.body.comprehensive_grade)
					text += " · " + label("comprehensive") +
					    name(r.body.comprehensive_grade);
				show(out, text, "grade-live grade-" + r.body.technical_grade);
			}, function () {
				if (mine === seq)
					show(out, "", "grade-live");
			});
		}

		form.addEventListener("change", function (e) {
			if (e.target && e.target.hasAttribute &&
			    e.target.hasAttribute("data-gbt"))
				run();
		});
	}

	function initCwe(input) {
		var list = document.getElementById(input.getAttribute("data-cwe-input"));
		var seq = 0;

		if (!list)
			return;
		input.addEventListener("input", debounce(function () {
			var q = input.value.trim().slice(0, Q_MAX), mine = ++seq;

			if (q.length < CWE_MIN)
				return;
			getJSON("/api/v1/cwe?limit=" + CWE_LIMIT + "&q=" +
			    encodeURIComponent(q)).then(function (r) {
				var items, o, i;

				if (mine !== seq || !r.ok || !r.body || !r.body.items)
					return;
				items = r.body.items;
				while (list.firstChild)
					list.removeChild(list.firstChild);
				for (i = 0; i < items.length; i++) {
					o = document.createElement("option");
					o.value = "CWE-" + items[i].id;
					o.textContent = String(items[i].name);
					list.appendChild(o);
				}
			}, function () {
				/* No suggestions: the field still takes what is typed. */
			});
		}));
	}

	function each(selector, fn) {
		Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
	}

	function init() {
		each("input[data-cvss-input]", initCvss);
		each("form[data-grade]", initGrade);
		each("input[data-cwe-input]", initCwe);
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
}());
