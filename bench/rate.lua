-- wrk script: anonymous ratings of the demo's "fgu" service, each from its
-- own (pretend) address behind a proxy, so the per-address rate limit sees
-- many phones, as it would behind a municipality's load balancer.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
local body = '{"answers":{"listened":4,"next_step":5},"comment":"Bussen kom til tiden, og vejlederen lyttede."}'
function request()
  n = n + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Bench-Source"] = "bench-" .. tostring(tid) .. "-" .. tostring(n) }
  return wrk.format("POST", "/api/v1/municipalities/demo/services/fgu/ratings", headers, body)
end
