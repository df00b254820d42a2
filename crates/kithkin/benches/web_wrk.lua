-- wrk script for web_wrk.sh: every request GETs a path picked at random from the file named
-- by the environment variable WRK_PATHS (one path a line, e.g. /people/<id>), and the run ends
-- with one line that web_wrk.sh reads: requests per second, p50/p99 latency, errors.

local paths = {}

function init(args)
  local name = os.getenv("WRK_PATHS")
  local f = assert(io.open(name, "r"), "cannot read WRK_PATHS=" .. tostring(name))
  for line in f:lines() do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  f:close()
  assert(#paths > 0, "no paths in " .. name)
  -- each wrk thread has its own Lua state: seed them differently
  math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
