-- One request, repeated: WRK_METHOD, WRK_BODY (a file with the JSON body, optional), WRK_HEADERS ("Name: value|…").
-- Prints one line "RESULT <req/s> <p99 ms> <non-2xx/3xx responses> <requests>" for bench/load.sh to read.
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body_file = os.getenv("WRK_BODY")
if body_file ~= nil and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end
for header in string.gmatch(os.getenv("WRK_HEADERS") or "", "[^|]+") do
  local name, value = header:match("^([^:]+):%s*(.*)$")
  if name ~= nil then wrk.headers[name] = value end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end
