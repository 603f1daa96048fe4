-- wrk script for the autosave benchmark (see bench.mjs): one thread per
-- editor (wrk -tN -cN), each saving its own answer again and again, with the
-- version the previous save returned, as the wizard does.
--
-- From the environment: AUTOSAVE_COOKIE (a session), AUTOSAVE_ASSESSMENTS and
-- AUTOSAVE_INDICATORS (comma-separated ids), PAUSE_MS (the mean pause between
-- one editor's saves; 0 saves back to back).

local editors = 0

function setup(thread)
  thread:set("editor", editors)
  editors = editors + 1
end

local function split(list)
  local items = {}
  for item in string.gmatch(list, "[^,]+") do
    items[#items + 1] = item
  end
  return items
end

function init(args)
  local assessments = split(os.getenv("AUTOSAVE_ASSESSMENTS"))
  local indicators = split(os.getenv("AUTOSAVE_INDICATORS"))
  assessment = assessments[editor % #assessments + 1]
  indicator = indicators[math.floor(editor / #assessments) % #indicators + 1]
  pause = tonumber(os.getenv("PAUSE_MS") or "1000")
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Cookie"] = os.getenv("AUTOSAVE_COOKIE"),
  }
  levels = { "not-yet", "emerging", "established", "embedded" }
  version = 0
  saves = 0
  -- People do not type in step: pauses vary around the mean, and the first
  -- save comes anywhere within one pause.
  math.randomseed(editor + 1)
  first = true
end

function delay()
  if pause == 0 then
    return 0
  end
  if first then
    first = false
    return math.random(0, pause)
  end
  return math.random(math.floor(pause / 2), pause + math.floor(pause / 2))
end

function request()
  saves = saves + 1
  local body = string.format(
    "assessment=%s&indicator=%s&level=%s&narrative=Draft+%d+by+editor+%d&base_version=%d",
    assessment, indicator, levels[saves % #levels + 1], saves, editor, version)
  return wrk.format("POST", "/api/save_response", headers, body)
end

function response(status, headers, body)
  local saved = string.match(body, '"version":(%d+)')
  if saved then
    version = tonumber(saved)
  end
end
