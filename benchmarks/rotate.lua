-- wrk script for benchmarks/probe-cost.sh: sends the paths given after "--" in turn, so that
-- one run warms up every endpoint of the application at once.
local paths = {}
local next_path = 0

init = function(args)
	for _, path in ipairs(args) do
		paths[#paths + 1] = wrk.format(nil, path)
	end
end

request = function()
	next_path = next_path % #paths + 1
	return paths[next_path]
end
