-- Fills a running emulator over HTTP as parallel test runners each making their own account would: each request
-- either makes an account's administrator (the control route) or, once one is made, a v3 virtual MFA device for
-- it with that user's own token. Each thread stops after its share of FILL_COUNT devices and writes
-- "<devices> <refused> <start ns> <end ns> <first user id> <its token>" to FILL_DIR/<thread>; bench/scale.sh waits
-- for every thread's file (wrk itself runs until -d, so the script stops it).
local threads = {}
local queue = {}
local made, refused, users = 0, 0, 0
local share, started, sample_id, sample_token

local function now_ns()
  local clock = io.popen("date +%s%N")
  local value = clock:read("*l")
  clock:close()
  return value
end

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  share = math.ceil(tonumber(os.getenv("FILL_COUNT")) / tonumber(os.getenv("FILL_THREADS")))
  started = now_ns()
end

request = function()
  local user = table.remove(queue)
  if user ~= nil then
    return wrk.format("POST", "/v3.0/OS-MFA/virtual-mfa-devices",
      { ["Content-Type"] = "application/json", ["X-Auth-Token"] = user.token },
      '{"virtual_mfa_device":{"name":"d","user_id":"' .. user.id .. '"}}')
  end
  users = users + 1
  return wrk.format("POST", "/_emulator/huawei/users", { ["Content-Type"] = "application/json" },
    '{"name":"fill-' .. id .. '-' .. users .. '","admin":true}')
end

response = function(status, headers, body)
  if status ~= 201 then
    refused = refused + 1
    return
  end
  local token = body:match('"token":"([^"]+)"')
  if token ~= nil then
    local user = { id = body:match('"user_id":"([^"]+)"'), token = token }
    if sample_id == nil then sample_id, sample_token = user.id, user.token end
    table.insert(queue, user)
    return
  end
  made = made + 1
  if made == share then
    local path = os.getenv("FILL_DIR") .. "/" .. id
    local file = assert(io.open(path .. ".part", "w"))
    file:write(string.format("%d %d %s %s %s %s\n", made, refused, started, now_ns(), sample_id, sample_token))
    file:close()
    os.rename(path .. ".part", path) -- whole, or not there yet
    wrk.thread:stop()
  end
end
