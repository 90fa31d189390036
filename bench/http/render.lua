-- GET /api/v1/render with a distinct payload per request (no cache hits).
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/api/v1/render?data=https%%3A%%2F%%2Fqr.example.com%%2Fr%%2F%08d%d&format=png&scale=4", counter, math.random(1, 1000000000)))
end
