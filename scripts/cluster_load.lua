-- wrk script of the cluster test (scripts/cluster_test.py): each connection asks in turn for
-- the pages listed, one path a line, in the file named after `--`:
--   wrk -t2 -c200 -d60s --latency -s scripts/cluster_load.lua http://127.0.0.1:8180 -- PATHS
-- as a browser would (gzip accepted, no cookie), each thread starting at another place in the
-- list. At the end it prints one line, `CLUSTER {json}`: requests, duration, errors (wrk's own
-- counts: refused or broken connections, timeouts, answers other than 2xx or 3xx) and the
-- latency percentiles in microseconds.

local paths = {}
local counter = 0
local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local file = assert(io.open(args[1], "r"), "usage: -- FILE_OF_PATHS")
  for line in file:lines() do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  file:close()
  assert(#paths > 0, "no path in " .. args[1])
  counter = (offset or 0) * math.floor(#paths / 2)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip", ["Accept"] = "text/html" })
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'CLUSTER {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean
  ))
end
