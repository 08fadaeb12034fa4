-- S5: wrk rotates over the benchmark's requests: wrk ... -s src/bench/mix.lua URL TOKEN PATH...
-- A PATH starting with "auth:" (the views) is sent with "Authorization: Bearer TOKEN", the others
-- (the lists) without. wrk passes args[0] = URL, args[1] = TOKEN, args[2..] = the paths. Each wrk
-- thread starts at a different place in the rotation.
local requests = {}
local next_index = 0

function setup(thread)
   setup_count = (setup_count or 0) + 1
   thread:set("offset", setup_count)
end

function init(args)
   local token = args[1]
   for k = 2, #args do
      local path = args[k]
      if path:sub(1, 5) == "auth:" then
         requests[#requests + 1] = wrk.format("GET", path:sub(6), { ["Authorization"] = "Bearer " .. token })
      else
         requests[#requests + 1] = wrk.format("GET", path)
      end
   end
   next_index = (offset or 0) % #requests
end

function request()
   next_index = next_index % #requests + 1
   return requests[next_index]
end
