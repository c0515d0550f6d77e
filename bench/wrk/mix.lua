-- The weighted mix: each request picks a page by weight from the file named in $BENCH_MIX
-- (lines "weight<TAB>path<TAB>header name<TAB>header value": the persona's session cookie
-- or API token). Same counting and output as page.lua.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local requests_, cumulative, total

function init(args)
  non2xx = 0
  first_bad = 0
  requests_, cumulative, total = {}, {}, 0
  for line in io.lines(os.getenv("BENCH_MIX")) do
    local weight, path, name, value = line:match("^(%d+)\t([^\t]+)\t([^\t]+)\t(.*)$")
    total = total + tonumber(weight)
    table.insert(cumulative, total)
    table.insert(requests_, wrk.format("GET", path, { [name] = value }))
  end
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  local r = math.random() * total
  for i = 1, #cumulative do
    if r < cumulative[i] then return requests_[i] end
  end
  return requests_[#requests_]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local bad, status = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    if status == 0 then status = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, ' ..
    '"first_bad_status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, bad, status, e.connect, e.read,
    e.write, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
