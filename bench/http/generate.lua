-- POST /generate with a distinct payload per request.
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"data":"https://qr.example.com/r/%08d-%d","expiration_hours":24}', counter, math.random(1, 1000000000))
  return wrk.format("POST", "/generate", { ["Content-Type"] = "application/json" }, body)
end
