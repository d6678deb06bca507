-- wrk script for GET /api/rooms/{id}/messages/recent: cycles through the rooms of the seed file written by
-- `Bench.java seed` (first line: an access token, then one room id per line; path in $RECENT_SEED), sending the
-- token as a Bearer header, and prints a JSON summary line ("WRK {...}") at the end for bench/run-all.sh.
local seed = os.getenv("RECENT_SEED") or "recent-seed.txt"
local file = assert(io.open(seed, "r"))
local token = file:read("*l")
local paths = {}
for line in file:lines() do
  if #line > 0 then
    paths[#paths + 1] = "/api/rooms/" .. line .. "/messages/recent"
  end
end
file:close()

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #paths))
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + (offset or 0)) % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,' ..
    '"rooms":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, #paths))
end
