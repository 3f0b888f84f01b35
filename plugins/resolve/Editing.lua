--[[
Editing for DaVinci Resolve (free and Studio): Workspace > Scripts > Edit > Editing.

Exports the current timeline as OTIO, asks for a tool and its parameters (a dialog built from the tool's schema),
runs `editing apply` on the chosen clips (the clip under the playhead, clips with a clip colour, or clips with a
marker colour or name), imports the result as "<name> (edited)" and says what happened.

Lua 5.1 (Resolve's Lua and LuaJIT). The logic is in plain functions of the table M (no Resolve, no UI) so it can be
tested under luajit with a stand-in API (plugins/resolve/tests/test_editing.lua); the UI code at the end is thin.
The editing CLI comes from $EDITING_CLI, else the config file ("editing_cli"), else `editing` on PATH. See
INSTALL.md.
]]

local M = {}

M.SELECTION_MODES = { "playhead", "clip-color", "marker-color", "marker" }
M.CONFIG_KEYS = { editing_cli = true, work_dir = true, provider = true, codec = true }

local WINDOWS = package.config:sub(1, 1) == "\\"

-- Errors meant for the editor are tables {message = ...}; anything else is a bug and keeps its traceback.
local function fail(message)
  error({ message = message }, 0)
end
M.fail = fail

-- ---- JSON (decode only; what the editing CLI prints) ----------------------------------------------------------------

M.null = setmetatable({}, { __tostring = function() return "null" end })

local function decode_error(text, pos, what)
  local line, col = 1, 1
  for i = 1, pos - 1 do
    if text:sub(i, i) == "\n" then line, col = line + 1, 1 else col = col + 1 end
  end
  fail(string.format("invalid JSON at line %d, column %d: %s", line, col, what))
end

local function skip(text, pos)
  return text:find("[^ \t\r\n]", pos) or #text + 1
end

local function utf8_char(code)
  if code < 0x80 then return string.char(code) end
  if code < 0x800 then return string.char(0xC0 + math.floor(code / 0x40), 0x80 + code % 0x40) end
  if code < 0x10000 then
    return string.char(0xE0 + math.floor(code / 0x1000), 0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
  end
  return string.char(0xF0 + math.floor(code / 0x40000), 0x80 + math.floor(code / 0x1000) % 0x40,
    0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local decode_value

local function decode_string(text, pos)
  local parts, i = {}, pos + 1
  while true do
    local c = text:sub(i, i)
    if c == "" then decode_error(text, pos, "unterminated string") end
    if c == '"' then return table.concat(parts), i + 1 end
    if c == "\\" then
      local e = text:sub(i + 1, i + 1)
      if e == "u" then
        local code = tonumber(text:sub(i + 2, i + 5), 16) or decode_error(text, i, "bad \\u escape")
        i = i + 6
        if code >= 0xD800 and code <= 0xDBFF and text:sub(i, i + 1) == "\\u" then
          local low = tonumber(text:sub(i + 2, i + 5), 16) or decode_error(text, i, "bad \\u escape")
          code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
          i = i + 6
        end
        parts[#parts + 1] = utf8_char(code)
      else
        parts[#parts + 1] = escapes[e] or decode_error(text, i, "bad escape \\" .. e)
        i = i + 2
      end
    else
      local stop = text:find('["\\]', i) or #text + 1
      parts[#parts + 1] = text:sub(i, stop - 1)
      i = stop
    end
  end
end

decode_value = function(text, pos)
  pos = skip(text, pos)
  local c = text:sub(pos, pos)
  if c == "{" then
    local object = {}
    pos = skip(text, pos + 1)
    if text:sub(pos, pos) == "}" then return object, pos + 1 end
    while true do
      if text:sub(pos, pos) ~= '"' then decode_error(text, pos, "expected a key") end
      local key
      key, pos = decode_string(text, pos)
      pos = skip(text, pos)
      if text:sub(pos, pos) ~= ":" then decode_error(text, pos, "expected ':'") end
      object[key], pos = decode_value(text, pos + 1)
      pos = skip(text, pos)
      local d = text:sub(pos, pos)
      if d == "}" then return object, pos + 1 end
      if d ~= "," then decode_error(text, pos, "expected ',' or '}'") end
      pos = skip(text, pos + 1)
    end
  elseif c == "[" then
    local array = {}
    pos = skip(text, pos + 1)
    if text:sub(pos, pos) == "]" then return array, pos + 1 end
    while true do
      array[#array + 1], pos = decode_value(text, pos)
      pos = skip(text, pos)
      local d = text:sub(pos, pos)
      if d == "]" then return array, pos + 1 end
      if d ~= "," then decode_error(text, pos, "expected ',' or ']'") end
      pos = pos + 1
    end
  elseif c == '"' then
    return decode_string(text, pos)
  elseif text:sub(pos, pos + 3) == "true" then
    return true, pos + 4
  elseif text:sub(pos, pos + 4) == "false" then
    return false, pos + 5
  elseif text:sub(pos, pos + 3) == "null" then
    return M.null, pos + 4
  else
    local number = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not number or number == "" then decode_error(text, pos, "unexpected character '" .. c .. "'") end
    return tonumber(number), pos + #number
  end
end

function M.json_decode(text)
  local value, pos = decode_value(text, 1)
  pos = skip(text, pos)
  if pos <= #text then decode_error(text, pos, "trailing characters") end
  return value
end

-- ---- files and processes --------------------------------------------------------------------------------------------

function M.join(...)
  return table.concat({ ... }, WINDOWS and "\\" or "/")
end

function M.dirname(path)
  return path:match("^(.*)[/\\][^/\\]*$") or "."
end

function M.basename(path)
  return path:match("([^/\\]*)$")
end

function M.is_file(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

function M.read_file(path)
  local f, err = io.open(path, "rb")
  if not f then fail(path .. ": cannot be read: " .. tostring(err)) end
  local text = f:read("*a")
  f:close()
  return text
end

-- Writes through a temporary file and a rename, so a reader never sees half a file.
function M.write_file(path, text)
  local tmp = path .. ".tmp"
  local f, err = io.open(tmp, "wb")
  if not f then fail(tmp .. ": cannot be written: " .. tostring(err)) end
  f:write(text)
  f:close()
  if WINDOWS then os.remove(path) end
  local ok, rename_err = os.rename(tmp, path)
  if not ok then fail(path .. ": cannot be written: " .. tostring(rename_err)) end
end

function M.quote(arg)
  if WINDOWS then return '"' .. arg:gsub('"', '\\"') .. '"' end
  return "'" .. arg:gsub("'", "'\\''") .. "'"
end

function M.mkdirs(path)
  local command = WINDOWS and ('mkdir ' .. M.quote(path) .. ' 2>NUL') or ('mkdir -p ' .. M.quote(path))
  os.execute(command)
end

-- os.execute's result differs between Lua 5.1 (a wait status) and LuaJIT built with 5.2 compatibility.
local function exit_code(a, b, c)
  if type(a) == "number" then
    return a > 255 and math.floor(a / 256) or a
  end
  if b == "exit" then return c end
  return a and 0 or 1
end

-- Runs a command given as an argv table; returns exit code, stdout, stderr.
function M.run_cli(argv)
  local out, err = os.tmpname(), os.tmpname()
  local parts = {}
  for i, a in ipairs(argv) do parts[i] = M.quote(a) end
  local command = table.concat(parts, " ") .. " >" .. M.quote(out) .. " 2>" .. M.quote(err)
  if WINDOWS then command = '"' .. command .. '"' end
  local code = exit_code(os.execute(command))
  local stdout, stderr = M.read_file(out), M.read_file(err)
  os.remove(out)
  os.remove(err)
  return code, stdout, stderr
end

local function concat(a, b)
  local all = {}
  for _, v in ipairs(a) do all[#all + 1] = v end
  for _, v in ipairs(b) do all[#all + 1] = v end
  return all
end

function M.cli_json(cli, args)
  local code, out, err = M.run_cli(concat(cli, args))
  if code ~= 0 then
    local why = err:match("^%s*(.-)%s*$")
    if why == "" then why = out:match("^%s*(.-)%s*$") end
    fail(string.format("editing %s failed (exit %d): %s", table.concat(args, " "), code, why))
  end
  local ok, value = pcall(M.json_decode, out)
  if not ok then fail("editing " .. table.concat(args, " ") .. " printed " .. (type(value) == "table" and value.message or tostring(value))) end
  return value
end

-- ---- configuration --------------------------------------------------------------------------------------------------

function M.config_path(getenv)
  if getenv("EDITING_RESOLVE_CONFIG") then return getenv("EDITING_RESOLVE_CONFIG") end
  if WINDOWS and getenv("APPDATA") then return M.join(getenv("APPDATA"), "editing", "resolve.json") end
  local base = getenv("XDG_CONFIG_HOME") or M.join(getenv("HOME") or ".", ".config")
  return M.join(base, "editing", "resolve.json")
end

function M.load_config(path)
  if not M.is_file(path) then return {} end
  local ok, config = pcall(M.json_decode, M.read_file(path))
  if not ok then fail(path .. ": " .. (type(config) == "table" and config.message or tostring(config))) end
  if type(config) ~= "table" or config[1] ~= nil then fail(path .. ": expected a JSON object") end
  local unknown = {}
  for key in pairs(config) do
    if not M.CONFIG_KEYS[key] then unknown[#unknown + 1] = key end
  end
  table.sort(unknown)
  if #unknown > 0 then
    fail(path .. ": unknown key(s) " .. table.concat(unknown, ", ") .. " (known: codec, editing_cli, provider, work_dir)")
  end
  return config
end

local function which(program)
  local code, out = M.run_cli(WINDOWS and { "where", program } or { "sh", "-c", "command -v " .. program })
  if code ~= 0 then return nil end
  return out:match("^%s*([^\r\n]+)")
end
M.which = which

-- The editing command as an argv prefix; a path ending in .dll runs through dotnet.
function M.find_cli(getenv, config, find)
  local sources = { { "EDITING_CLI", getenv("EDITING_CLI") }, { "editing_cli in the config", config.editing_cli } }
  for _, source in ipairs(sources) do
    local origin, value = source[1], source[2]
    if value and value ~= "" then
      if not M.is_file(value) then fail(origin .. " = " .. value .. ": no such file") end
      if value:match("%.dll$") then return { "dotnet", value } end
      return { value }
    end
  end
  local found = (find or which)("editing")
  if not found then
    fail("the editing command was not found: set EDITING_CLI, add \"editing_cli\" to " .. M.config_path(getenv)
      .. ", or put editing on PATH")
  end
  return { found }
end

function M.work_dir(getenv, config)
  return getenv("EDITING_RESOLVE_WORK") or config.work_dir or M.join(getenv("HOME") or getenv("USERPROFILE") or ".", "EditingResolve")
end

-- ---- dialog fields from the schema ----------------------------------------------------------------------------------

local function number_text(n)
  if n == math.floor(n) then return string.format("%d", n) end
  return tostring(n)
end

function M.default_text(prop)
  local default = prop.default
  if default == nil or default == M.null then return "" end
  if prop["x-editing-type"] == "duration" and type(default) == "table" and default.rate then
    return number_text(default.value)
  end
  if type(default) == "boolean" then return default and "true" or "false" end
  if type(default) == "number" then return number_text(default) end
  return tostring(default)
end

function M.dialog_fields(schema, include_advanced)
  local props = schema.properties or {}
  local order = schema["x-editing-order"]
  if not order then
    order = {}
    for id in pairs(props) do order[#order + 1] = id end
    table.sort(order)
  end
  local fields = {}
  for _, id in ipairs(order) do
    local prop = props[id]
    if prop and (include_advanced or not prop["x-editing-advanced"]) then
      local choices = {}
      for _, option in ipairs(prop.oneOf or {}) do
        if option.const ~= nil then choices[#choices + 1] = option.const end
      end
      if #choices == 0 then
        for _, value in ipairs(prop.enum or {}) do choices[#choices + 1] = value end
      end
      fields[#fields + 1] = {
        id = id,
        label = prop.title or id,
        widget = #choices > 0 and "combo" or (prop["x-editing-multiline"] and "text" or "line"),
        default = M.default_text(prop),
        choices = choices,
        help = prop.description or "",
        unit = prop["x-editing-type"] == "duration" and "frames" or (prop["x-editing-unit"] or ""),
      }
    end
  end
  return fields
end

-- --param values for answers that differ from the defaults (the tool applies its own defaults).
function M.params_from_answers(fields, answers)
  local params = {}
  for _, field in ipairs(fields) do
    local value = answers[field.id]
    if value ~= nil then
      value = tostring(value):match("^%s*(.-)%s*$")
      if value ~= "" and value ~= field.default then params[#params + 1] = field.id .. "=" .. value end
    end
  end
  return params
end

-- ---- selections -----------------------------------------------------------------------------------------------------

function M.video_tracks(inspect)
  local tracks = {}
  for _, track in ipairs(inspect.tracks or {}) do
    if track.kind == "Video" then tracks[#tracks + 1] = track end
  end
  return tracks
end

-- index:T.I of the clip on Resolve video track N (1-based) covering record_frame (frames from the timeline start).
function M.select_item(inspect, track_number, record_frame)
  local track = M.video_tracks(inspect)[track_number]
  if not track then return nil end
  for _, item in ipairs(track.items or {}) do
    local range = item.range_in_track
    if item.schema == "Clip" and range then
      local start, duration = range.start_time.value, range.duration.value
      if start <= record_frame and record_frame < start + duration then
        return string.format("index:%d.%d", track.index, item.index)
      end
    end
  end
  return nil
end

function M.resolve_items(timeline)
  local found = {}
  for number = 1, tonumber(timeline:GetTrackCount("video")) or 0 do
    for _, item in pairs(timeline:GetItemListInTrack("video", number) or {}) do
      found[#found + 1] = { number, item }
    end
  end
  table.sort(found, function(a, b)
    if a[1] ~= b[1] then return a[1] < b[1] end
    return a[2]:GetStart() < b[2]:GetStart()
  end)
  return found
end

local function same_item(a, b)
  if a.GetUniqueId and b.GetUniqueId then
    local ok, ida = pcall(a.GetUniqueId, a)
    local okb, idb = pcall(b.GetUniqueId, b)
    if ok and okb and ida then return ida == idb end
  end
  return a:GetStart() == b:GetStart() and a:GetName() == b:GetName()
end

function M.selections_for(mode, value, timeline, inspect)
  if mode == "marker-color" then
    if not value or value == "" then fail("choose a marker colour") end
    return { "marker-color:" .. value }
  elseif mode == "marker" then
    if not value or value == "" then fail("give a marker name") end
    return { "marker:" .. value }
  end
  local start = tonumber(timeline:GetStartFrame())
  local chosen = {}
  if mode == "playhead" then
    local current = timeline:GetCurrentVideoItem()
    if not current then fail("no clip under the playhead on a video track") end
    for _, entry in ipairs(M.resolve_items(timeline)) do
      if same_item(entry[2], current) then chosen[1] = entry break end
    end
    chosen[1] = chosen[1] or { 1, current }
  elseif mode == "clip-color" then
    if not value or value == "" then fail("choose a clip colour") end
    for _, entry in ipairs(M.resolve_items(timeline)) do
      if (entry[2]:GetClipColor() or ""):lower() == value:lower() then chosen[#chosen + 1] = entry end
    end
    if #chosen == 0 then fail("no clip on a video track has the clip colour " .. value) end
  else
    fail("unknown selection mode " .. tostring(mode) .. " (use " .. table.concat(M.SELECTION_MODES, ", ") .. ")")
  end
  local selections, seen = {}, {}
  for _, entry in ipairs(chosen) do
    local number, item = entry[1], entry[2]
    local expr = M.select_item(inspect, number, tonumber(item:GetStart()) - start)
    if not expr then
      fail(string.format("clip %s (V%d, frame %d) is not in the exported timeline", item:GetName(), number, item:GetStart()))
    end
    if not seen[expr] then
      seen[expr] = true
      selections[#selections + 1] = expr
    end
  end
  return selections
end

-- ---- apply and import -----------------------------------------------------------------------------------------------

function M.apply_args(timeline_path, tool_id, selections, params, output, provider, codec)
  local args = { "apply", timeline_path, "--tool", tool_id }
  for _, s in ipairs(selections) do args[#args + 1] = "--select" args[#args + 1] = s end
  for _, p in ipairs(params) do args[#args + 1] = "--param" args[#args + 1] = p end
  if provider then args[#args + 1] = "--provider" args[#args + 1] = provider end
  if codec then args[#args + 1] = "--codec" args[#args + 1] = codec end
  args[#args + 1] = "-o"
  args[#args + 1] = output
  args[#args + 1] = "--json"
  return args
end

local function normalize(path)
  local absolute = path:sub(1, 1) == "/"
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." and #parts > 0 and parts[#parts] ~= ".." then
      parts[#parts] = nil
    elseif part ~= "." then
      parts[#parts + 1] = part
    end
  end
  return (absolute and "/" or "") .. table.concat(parts, "/")
end

-- Relative media paths made absolute (Resolve does not resolve them against the timeline's folder); file:// URLs
-- become plain paths; other URLs are left alone.
function M.absolute_media_paths(text, base_dir)
  base_dir = base_dir:gsub("\\", "/")
  return (text:gsub('("target_url": ")([^"]*)(")', function(open, url, close)
    local path
    if url:sub(1, 7) == "file://" then
      path = url:sub(8)
      if path:sub(1, 10) == "localhost/" then path = path:sub(10) end
    elseif url:find("://", 1, true) or url:sub(1, 1) == "/" or url:match("^%a:[/\\]") or url == "" then
      return open .. url .. close
    else
      path = normalize(base_dir .. "/" .. url)
    end
    return open .. path:gsub("\\", "/") .. close
  end))
end

function M.import_options(timeline_name, media_dir)
  return { timelineName = timeline_name .. " (edited)", importSourceClips = true, sourceClipsPath = media_dir }
end

function M.summary(report, imported_name)
  local lines = { string.format("%s: %d item(s) in %.1f s", report.tool, #report.items, report.seconds) }
  for _, item in ipairs(report.items) do
    lines[#lines + 1] = "  " .. item.item .. ": " .. table.concat(item.edits, "; ")
    for _, media in ipairs(item.media) do
      lines[#lines + 1] = string.format("    %s: %d frames from %s", M.basename(media.path), media.frames, media.start_timecode)
    end
  end
  for _, warning in ipairs(report.warnings or {}) do lines[#lines + 1] = "  warning: " .. warning end
  lines[#lines + 1] = "imported as timeline '" .. imported_name .. "'"
  return table.concat(lines, "\n")
end

function M.safe_name(name)
  local s = tostring(name or ""):gsub("[^%w%._%-]+", "_"):gsub("^_+", ""):gsub("_+$", "")
  return s ~= "" and s or "timeline"
end

-- The whole round trip. Returns the report; fails with {message} for the editor.
function M.run(resolve, ui, getenv, clock)
  getenv = getenv or os.getenv
  clock = clock or function() return os.date("%Y%m%d-%H%M%S") end
  local config = M.load_config(M.config_path(getenv))
  local cli = M.find_cli(getenv, config)
  local project = resolve:GetProjectManager():GetCurrentProject()
  if not project then fail("no project is open") end
  local timeline = project:GetCurrentTimeline()
  if not timeline then fail("no timeline is open") end
  local name = timeline:GetName()

  local folder = M.join(M.work_dir(getenv, config), M.safe_name(project:GetName()), M.safe_name(name) .. "-" .. clock())
  M.mkdirs(folder)
  local exported = M.join(folder, "cut.otio")
  if not timeline:Export(exported, resolve.EXPORT_OTIO) then
    fail("Resolve could not export the timeline to " .. exported .. " (needs Resolve 18.5 or later)")
  end
  local inspect = M.cli_json(cli, { "inspect", exported, "--json" })

  local tools = M.cli_json(cli, { "tools", "list", "--json" })
  local tool_id, mode, value = ui.choose_tool(tools, M.SELECTION_MODES)
  if not tool_id then return nil end
  local fields = M.dialog_fields(M.cli_json(cli, { "tools", "describe", tool_id, "--json" }))
  local answers = ui.ask_parameters(tool_id, fields)
  if not answers then return nil end
  local selections = M.selections_for(mode, value, timeline, inspect)

  local output = M.join(folder, "cut.edited.otio")
  local args = M.apply_args(exported, tool_id, selections, M.params_from_answers(fields, answers), output,
    config.provider, config.codec)
  ui.status("running editing " .. table.concat(args, " "))
  local code, out, err = M.run_cli(concat(cli, args))
  if code ~= 0 then
    local why = err:match("^%s*(.-)%s*$")
    if why == "" then why = out:match("^%s*(.-)%s*$") end
    fail(string.format("editing apply failed (exit %d):\n%s", code, why))
  end
  local report = M.json_decode(out)

  local for_resolve = M.join(folder, "cut.edited.resolve.otio")
  M.write_file(for_resolve, M.absolute_media_paths(M.read_file(output), folder))
  local options = M.import_options(name, report.media_directory)
  local imported = project:GetMediaPool():ImportTimelineFromFile(for_resolve, options)
  if not imported then fail("Resolve could not import " .. for_resolve) end
  ui.done(M.summary(report, options.timelineName))
  return report
end

-- ---- UI (thin) ------------------------------------------------------------------------------------------------------

function M.console_ui()
  local ui = {}
  local function ask(prompt)
    io.write(prompt)
    io.flush()
    return (io.read("*l") or ""):match("^%s*(.-)%s*$")
  end
  function ui.choose_tool(tools, modes)
    for i, t in ipairs(tools) do print(string.format("%d. %s: %s", i, t.id, t.description)) end
    local answer = ask("tool number (empty to cancel): ")
    if answer == "" then return nil end
    local tool = tools[tonumber(answer)] or fail("no tool number " .. answer)
    local mode = ask("apply to (" .. table.concat(modes, "/") .. ") [playhead]: ")
    if mode == "" then mode = "playhead" end
    local value = mode ~= "playhead" and ask("colour or marker name: ") or ""
    return tool.id, mode, value
  end
  function ui.ask_parameters(_, fields)
    local answers = {}
    for _, f in ipairs(fields) do
      local hint = #f.choices > 0 and (" (" .. table.concat(f.choices, "/") .. ")") or (f.unit ~= "" and (" [" .. f.unit .. "]") or "")
      local answer = ask(f.label .. hint .. " [" .. f.default .. "]: ")
      answers[f.id] = answer ~= "" and answer or f.default
    end
    return answers
  end
  function ui.status(text) print(text) end
  function ui.done(text) print(text) end
  function ui.error(text) io.stderr:write("editing: " .. text .. "\n") end
  return ui
end

-- Dialogs with Resolve's UIManager (Fusion UI).
function M.fusion_ui(fusion, bmd_module)
  local ui = M.console_ui()
  local manager = fusion.UIManager
  local dispatcher = bmd_module.UIDispatcher(manager)

  local function form(title, rows, populate)
    local items = {}
    for _, row in ipairs(rows) do
      items[#items + 1] = manager:HGroup({ manager:Label({ Text = row[1], Weight = 0.3 }), row[2] })
    end
    items[#items + 1] = manager:HGroup({ manager:Button({ ID = "OK", Text = "OK" }), manager:Button({ ID = "Cancel", Text = "Cancel" }) })
    local window = dispatcher:AddWindow({ ID = "EditingDialog", WindowTitle = title, Geometry = { 200, 200, 520, 60 + 34 * #items } },
      manager:VGroup(items))
    local ok = false
    local function closer(result) return function() ok = result dispatcher:ExitLoop() end end
    window.On.OK.Clicked = closer(true)
    window.On.Cancel.Clicked = closer(false)
    window.On.EditingDialog.Close = closer(false)
    local found = window:GetItems()
    populate(found)
    window:Show()
    dispatcher:RunLoop()
    window:Hide()
    return ok and found or nil
  end

  function ui.choose_tool(tools, modes)
    local found = form("Editing", {
      { "Tool", manager:ComboBox({ ID = "Tool" }) }, { "Apply to", manager:ComboBox({ ID = "Mode" }) },
      { "Colour / marker", manager:LineEdit({ ID = "Value" }) } }, function(f)
      for _, t in ipairs(tools) do f.Tool:AddItem(t.id) end
      for _, m in ipairs(modes) do f.Mode:AddItem(m) end
    end)
    if not found then return nil end
    return tools[found.Tool.CurrentIndex + 1].id, modes[found.Mode.CurrentIndex + 1], found.Value.Text
  end

  function ui.ask_parameters(tool_id, fields)
    local rows = {}
    for _, f in ipairs(fields) do
      if f.widget == "combo" then
        rows[#rows + 1] = { f.label, manager:ComboBox({ ID = f.id, ToolTip = f.help }) }
      else
        rows[#rows + 1] = { f.label, manager:LineEdit({ ID = f.id, Text = f.default, ToolTip = f.help }) }
      end
    end
    local found = form(tool_id, rows, function(items)
      for _, f in ipairs(fields) do
        if f.widget == "combo" then
          for i, c in ipairs(f.choices) do
            items[f.id]:AddItem(tostring(c))
            if tostring(c) == f.default then items[f.id].CurrentIndex = i - 1 end
          end
        end
      end
    end)
    if not found then return nil end
    local answers = {}
    for _, f in ipairs(fields) do
      answers[f.id] = f.widget == "combo" and f.choices[found[f.id].CurrentIndex + 1] or found[f.id].Text
    end
    return answers
  end
  return ui
end

function M.main()
  local app = rawget(_G, "resolve") or (rawget(_G, "Resolve") and Resolve())
  if not app then
    io.stderr:write("editing: run this from Resolve's Workspace > Scripts menu\n")
    return 2
  end
  local fusion, bmd_module = rawget(_G, "fu") or rawget(_G, "fusion"), rawget(_G, "bmd")
  local ui = (fusion and bmd_module) and M.fusion_ui(fusion, bmd_module) or M.console_ui()
  local ok, err = pcall(M.run, app, ui)
  if not ok then
    ui.error(type(err) == "table" and err.message or tostring(err))
    return 1
  end
  return 0
end

if not rawget(_G, "EDITING_AS_LIBRARY") then
  M.main()
end

return M
