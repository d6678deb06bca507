-- wrk script for POST /api/rooms/{id}/messages (the write path alone, no subscribers). The seed file ($POST_SEED,
-- written by `Bench.java writers`) holds one "token room" line per writer: every request is the next writer posting
-- a new message (a clientMessageId of its own) into their room, so the requests spread over users and rooms as a
-- chat's do. Prints a JSON summary line ("WRK {...}") at the end for bench/run-all.sh; only 201 counts as success.
local seed = os.getenv("POST_SEED") or "post-seed.txt"
local writers = {}
local rooms = {}
for line in io.lines(seed) do
  local token, room = line:match("^(%S+)%s+(%S+)$")
  if token then
    writers[#writers + 1] = { auth = "Bearer " .. token, path = "/api/rooms/" .. room .. "/messages" }
    rooms[room] = true
  end
end
local roomCount = 0
for _ in pairs(rooms) do roomCount = roomCount + 1 end

local threads = {}
counter = 0
created = 0
other = 0
local prefix = ""

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  prefix = string.format("wrk-%d-%d-%d", os.time(), id or 0, math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  local writer = writers[(counter % #writers) + 1]
  local body = string.format('{"content":"a benchmark message of ordinary length, number %d","clientMessageId":"%s-%d"}',
    counter, prefix, counter)
  return wrk.format("POST", writer.path,
    { ["Authorization"] = writer.auth, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    bad = bad + thread:get("other")
  end
  io.write(string.format(
    'WRK {"requests":%d,"created":%d,"not_created":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,' ..
    '"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
    '"errors_status":%d,"errors_timeout":%d,"rooms":%d}\n',
    summary.requests, ok, bad, summary.duration / 1e6, ok / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, roomCount))
end
