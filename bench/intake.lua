-- wrk script for bench/intake.sh: POST /api/v1/reports as a reporter.
--   wrk -s bench/intake.lua URL/api/v1/reports [-- TOKEN]
-- The token comes from the wrk argument or else $LOUDONG_TOKEN.  Each request
-- carries a different title (thread number and counter), so no two bodies are
-- equal; the description is ~1 KB, like the row of bench/sqlite_ceiling.c.
-- done() prints one parseable line:
--   intake requests=N status_201=K non201=M socket_errors=E seconds=S ok_per_s=R p50_ms=A p99_ms=B max_ms=C
-- then, if any, the socket errors by kind and one "intake status=CODE count=N"
-- line per other status seen.  ok_per_s counts 201s only; the latencies are
-- wrk's, over every response.

-- Globals, not locals: done() reads them from each thread with thread:get.
threads = {}
counter = 0
non201 = 0
ok = 0
other = {}	-- status -> count, per thread
local token = os.getenv("LOUDONG_TOKEN")

local filler = string.rep("The parser reads a length field and copies that many bytes " ..
	"into a fixed buffer without a bound check. ", 10)	-- ~1 KB

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	if args[1] ~= nil and args[1] ~= "" then
		token = args[1]
	end
	if token == nil or token == "" then
		error("intake.lua: no token (pass it after -- or set LOUDONG_TOKEN)")
	end
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
	counter = counter + 1
	local body = string.format(
		'{"title":"Bench report %d-%d: heap overflow in the frame parser",' ..
		'"kind":"generic","vendor":"Bench Vendor","product":"Bench Router",' ..
		'"versions":"1.0-1.4","weakness":"CWE-787",' ..
		'"description":"%s"}', tid, counter, filler)
	return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
	if status == 201 then
		ok = ok + 1
	else
		non201 = non201 + 1
		other[status] = (other[status] or 0) + 1
	end
end

function done(summary, latency, requests)
	local n201, bad, statuses = 0, 0, {}
	for _, t in ipairs(threads) do
		n201 = n201 + t:get("ok")
		bad = bad + t:get("non201")
		for code, n in pairs(t:get("other")) do
			statuses[code] = (statuses[code] or 0) + n
		end
	end
	local e = summary.errors
	local seconds = summary.duration / 1e6
	io.write(string.format("intake requests=%d status_201=%d non201=%d socket_errors=%d " ..
		"seconds=%.2f ok_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
		summary.requests, n201, bad, e.connect + e.read + e.write + e.timeout,
		seconds, n201 / seconds, latency:percentile(50) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000))
	if e.connect + e.read + e.write + e.timeout > 0 then
		io.write(string.format("intake socket_errors connect=%d read=%d write=%d timeout=%d\n",
			e.connect, e.read, e.write, e.timeout))
	end
	for code, n in pairs(statuses) do
		io.write(string.format("intake status=%d count=%d\n", code, n))
	end
end
