-- wrk script for bench/serve_load.sh: requests the preview's pages in turn and checks that
-- each response is a whole page of one build: status 200, ends with </html>, and every
-- "(load-N)" marker the edit loop puts into a message carries the same N. (tolk serves each
-- page as one render held whole in memory, so this holds by design; the check shows it from
-- the outside, under load, while rebuilds replace the pages.)
local paths = {
  "/hu/technical-support-benefits/", "/en/technical-support-benefits/",
  "/hu/manage-partner-network-benefits/", "/hu/", "/hu/search-index.json", "/",
}
local threads = {}
local n = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad_status, torn, checked, marked = 0, 0, 0, 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 then
    bad_status = bad_status + 1
    return
  end
  local html = body:sub(1, 15) == "<!DOCTYPE html>"
  if html and not body:find("</html>%s*$") then
    torn = torn + 1
    return
  end
  local seen = nil
  for mark in body:gmatch("%(load%-(%d+)%)") do
    if seen and mark ~= seen then
      torn = torn + 1
      return
    end
    seen = mark
  end
  if seen then
    marked = marked + 1
  end
end

function done(summary, latency, requests)
  local bad, t, c, m = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad_status")
    t = t + thread:get("torn")
    c = c + thread:get("checked")
    m = m + thread:get("marked")
  end
  local e = summary.errors
  io.write(string.format("requests %d, checked %d (%d with an edit marker), non-200 %d, torn %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, c, m, bad, t, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  -- No marker at all would mean the edits never reached a page: the check proved nothing.
  if bad + t + e.connect + e.read + e.write + e.timeout > 0 or m == 0 then
    io.write("FAILED\n")
  end
end
