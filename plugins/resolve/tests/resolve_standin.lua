--[[
A stand-in for Resolve's scripting API in Lua, for tests: every method call is recorded in standin.calls as
{object = "Timeline", method = "Export", args = {...}}. The timeline is the one native/tests/make_cut.sh makes:
sh010, sh020 (red marker "fix"), a gap, sh030 (clip colour Orange), starting at 01:00:00:00 (frame 86400 at 24 fps);
the playhead is on sh020. Timeline:Export copies `source` (its relative media paths made absolute, as Resolve writes
them).
]]

local standin = { calls = {}, EXPORT_OTIO = "EXPORT_OTIO" }

local function record(object, method, ...)
  standin.calls[#standin.calls + 1] = { object = object, method = method, args = { ... } }
end

function standin.find(method)
  local found = {}
  for _, call in ipairs(standin.calls) do
    if call.method == method then found[#found + 1] = call end
  end
  return found
end

local function item(name, start, duration, color)
  local self = {}
  function self:GetName() record("TimelineItem", "GetName", name) return name end
  function self:GetStart() record("TimelineItem", "GetStart", name) return start end
  function self:GetEnd() record("TimelineItem", "GetEnd", name) return start + duration end
  function self:GetClipColor() record("TimelineItem", "GetClipColor", name) return color or "" end
  function self:GetUniqueId() record("TimelineItem", "GetUniqueId", name) return name end
  return self
end

local function timeline(name, source)
  local self = {}
  function self:GetName() record("Timeline", "GetName") return name end
  function self:GetStartFrame() record("Timeline", "GetStartFrame") return 86400 end
  function self:GetTrackCount(kind) record("Timeline", "GetTrackCount", kind) return kind == "video" and 1 or 0 end
  function self:GetItemListInTrack(kind, index)
    record("Timeline", "GetItemListInTrack", kind, index)
    if kind == "video" and index == 1 then
      return { item("sh010", 86400, 16), item("sh020", 86416, 16), item("sh030", 86440, 16, "Orange") }
    end
    return {}
  end
  function self:GetCurrentVideoItem() record("Timeline", "GetCurrentVideoItem") return item("sh020", 86416, 16) end
  function self:Export(path, export_type)
    record("Timeline", "Export", path, export_type)
    local f = assert(io.open(source, "rb"))
    local text = f:read("*a")
    f:close()
    local base = source:match("^(.*)/[^/]*$")
    text = text:gsub('"target_url": "(media/[^"]*)"', function(rel) return '"target_url": "' .. base .. "/" .. rel .. '"' end)
    local out = io.open(path, "wb")
    if not out then return false end
    out:write(text)
    out:close()
    return true
  end
  return self
end

function standin.new(source)
  local media_pool = {}
  function media_pool:ImportTimelineFromFile(path, options)
    record("MediaPool", "ImportTimelineFromFile", path, options)
    local f = io.open(path, "rb")
    if not f then return nil end
    f:close()
    return timeline(options and options.timelineName or "imported", path)
  end
  local project = {}
  function project:GetName() record("Project", "GetName") return "Stand-in Show" end
  function project:GetCurrentTimeline() record("Project", "GetCurrentTimeline") return timeline("native test cut", source) end
  function project:GetMediaPool() record("Project", "GetMediaPool") return media_pool end
  local manager = {}
  function manager:GetCurrentProject() record("ProjectManager", "GetCurrentProject") return project end
  local resolve = { EXPORT_OTIO = standin.EXPORT_OTIO }
  function resolve:GetProjectManager() record("Resolve", "GetProjectManager") return manager end
  return resolve
end

return standin
