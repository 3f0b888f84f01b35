--[[
Editing.lua under LuaJIT against the stand-in Resolve API (resolve_standin.lua) and the REAL editing CLI.
Run from plugins/resolve:  EDITING_CLI=/path/to/editing luajit tests/test_editing.lua
Prints "N passed, M failed" and exits non-zero on a failure. Needs ffmpeg (the cut is made by native/tests/make_cut.sh).
]]

local here = arg[0]:match("^(.*)/[^/]*$") or "."
local resolve_dir = here .. "/.."
package.path = here .. "/?.lua;" .. package.path
EDITING_AS_LIBRARY = true
local M = dofile(resolve_dir .. "/Editing.lua")
local standin = require("resolve_standin")

local cli = os.getenv("EDITING_CLI")
if not cli or not M.is_file(cli) then
  io.stderr:write("set EDITING_CLI to the built editing program (src/Editing.Cli/bin/Release/net10.0/editing)\n")
  os.exit(2)
end

local scratch = os.tmpname()
os.remove(scratch)
M.mkdirs(scratch)
local fixture = scratch .. "/source"
assert(M.run_cli({ "sh", resolve_dir .. "/../../native/tests/make_cut.sh", fixture }) == 0, "make_cut.sh failed (is ffmpeg installed?)")
local source = fixture .. "/cut.otio"

local passed, failed = 0, 0
local function test(name, body)
  standin.calls = {}
  local ok, err = xpcall(body, function(e)
    return (type(e) == "table" and e.message or tostring(e)) .. "\n" .. debug.traceback()
  end)
  if ok then
    passed = passed + 1
    print("ok " .. name)
  else
    failed = failed + 1
    print("FAIL " .. name .. ": " .. err)
  end
end

local function eq(actual, expected, what)
  if actual ~= expected then
    error(string.format("%s: expected %s, got %s", what, tostring(expected), tostring(actual)), 2)
  end
end

local function contains(text, part, what)
  if not tostring(text):find(part, 1, true) then error(string.format("%s: %q not in %q", what, part, tostring(text)), 2) end
end

local function getenv_with(values)
  return function(name)
    if values[name] ~= nil then return values[name] or nil end
    return os.getenv(name)
  end
end

local function scripted_ui(tool, mode, value, answers)
  local ui = { messages = {} }
  function ui.choose_tool(tools)
    local found = false
    for _, t in ipairs(tools) do found = found or t.id == tool end
    assert(found, "tool " .. tool .. " is listed")
    return tool, mode, value
  end
  function ui.ask_parameters(_, fields)
    ui.fields = fields
    local result = {}
    for _, f in ipairs(fields) do result[f.id] = answers[f.id] or f.default end
    return result
  end
  function ui.status(text) ui.messages[#ui.messages + 1] = text end
  function ui.done(text) ui.final = text end
  return ui
end

local function expect_failure(body, part)
  local ok, err = pcall(body)
  assert(not ok, "expected a failure mentioning " .. part)
  contains(type(err) == "table" and err.message or tostring(err), part, "failure message")
end

test("extend_clip_under_playhead_exports_applies_and_imports", function()
  local work = scratch .. "/run1"
  local ui = scripted_ui("editing.extend", "playhead", "", { duration = "6", audio = "silence" })
  local report = M.run(standin.new(source), ui,
    getenv_with({ EDITING_CLI = cli, EDITING_RESOLVE_WORK = work, EDITING_RESOLVE_CONFIG = work .. "/none.json" }),
    function() return "20260101-120000" end)

  local folder = work .. "/Stand-in_Show/native_test_cut-20260101-120000"
  local export = standin.find("Export")
  eq(#export, 1, "Export calls")
  eq(export[1].args[1], folder .. "/cut.otio", "export path")
  eq(export[1].args[2], standin.EXPORT_OTIO, "export type")

  local apply = ui.messages[1]
  eq(apply, "running editing apply " .. folder .. "/cut.otio --tool editing.extend --select index:0.1"
    .. " --param duration=6 --param audio=silence -o " .. folder .. "/cut.edited.otio --json", "apply command")
  contains(report.items[1].item, "sh020", "extended item")
  eq(report.items[1].media[1].frames, 6, "generated frames")
  assert(M.is_file(report.items[1].media[1].path), "generated media exists")

  local imports = standin.find("ImportTimelineFromFile")
  eq(#imports, 1, "ImportTimelineFromFile calls")
  eq(imports[1].args[1], folder .. "/cut.edited.resolve.otio", "import path")
  local options = imports[1].args[2]
  eq(options.timelineName, "native test cut (edited)", "timelineName")
  eq(options.importSourceClips, true, "importSourceClips")
  eq(options.sourceClipsPath, folder .. "/cut.edited.media", "sourceClipsPath")
  local text = M.read_file(imports[1].args[1])
  for url in text:gmatch('"target_url": "([^"]*)"') do eq(url:sub(1, 1), "/", "absolute media path " .. url) end
  contains(ui.final, "imported as timeline 'native test cut (edited)'", "message to the editor")
  eq(ui.fields[1].id, "side", "first dialog field")
end)

test("failed_apply_is_reported_and_nothing_is_imported", function()
  local work = scratch .. "/run2"
  local ui = scripted_ui("editing.extend", "marker", "no-such-marker", {})
  expect_failure(function()
    M.run(standin.new(source), ui, getenv_with({ EDITING_CLI = cli, EDITING_RESOLVE_WORK = work, EDITING_RESOLVE_CONFIG = work .. "/none.json" }))
  end, "matched no item")
  eq(#standin.find("ImportTimelineFromFile"), 0, "no import")
end)

test("clip_colour_and_playhead_map_to_otio_items", function()
  local resolve = standin.new(source)
  local timeline = resolve:GetProjectManager():GetCurrentProject():GetCurrentTimeline()
  local exported = scratch .. "/exported.otio"
  assert(timeline:Export(exported, resolve.EXPORT_OTIO))
  local inspect = M.cli_json({ cli }, { "inspect", exported, "--json" })
  eq(table.concat(M.selections_for("clip-color", "orange", timeline, inspect), " "), "index:0.3", "clip colour")
  eq(table.concat(M.selections_for("playhead", "", timeline, inspect), " "), "index:0.1", "playhead")
  eq(table.concat(M.selections_for("marker-color", "Red", timeline, inspect), " "), "marker-color:Red", "marker colour")
  expect_failure(function() M.selections_for("clip-color", "Teal", timeline, inspect) end, "Teal")
end)

test("dialog_follows_the_tool_schema", function()
  local fields = M.dialog_fields(M.cli_json({ cli }, { "tools", "describe", "editing.extend", "--json" }))
  local by_id = {}
  for _, f in ipairs(fields) do by_id[f.id] = f end
  eq(fields[1].id, "side", "order")
  eq(table.concat(by_id.side.choices, ","), "head,tail", "choices")
  eq(by_id.side.default, "tail", "default")
  eq(by_id.duration.default, "48", "duration default in frames")
  eq(by_id.context_frames, nil, "advanced parameters hidden")
  eq(table.concat(M.params_from_answers(fields, { side = "tail", duration = "12" }), " "), "duration=12", "only changed values")
end)

test("json_decoder_reads_cli_output_and_names_the_place_of_errors", function()
  local value = M.json_decode('{"a": [1, 2.5, -3e2], "s": "x\\u00e9\\n", "t": true, "n": null}')
  eq(value.a[3], -300, "number")
  eq(value.s, "x\195\169\n", "escapes")
  eq(value.n, M.null, "null")
  expect_failure(function() M.json_decode('{"a": 1,\n "b" 2}') end, "line 2, column 6")
end)

test("missing_cli_and_bad_config_name_the_setting", function()
  expect_failure(function() M.find_cli(getenv_with({ EDITING_CLI = "/nonexistent/editing" }), {}) end, "EDITING_CLI = /nonexistent/editing")
  expect_failure(function() M.find_cli(getenv_with({ EDITING_CLI = false }), {}, function() return nil end) end, "set EDITING_CLI")
  local config = scratch .. "/resolve.json"
  M.write_file(config, '{"editing_cli": "/x", "colour": 1}')
  expect_failure(function() M.load_config(config) end, config .. ": unknown key(s) colour")
end)

test("media_paths_become_absolute_plain_paths", function()
  local text = '"target_url": "media/a.mov"\n"target_url": "file:///x/b.mov"\n"target_url": "https://h/c.mov"\n"target_url": "../m/d.mov"'
  eq(M.absolute_media_paths(text, "/work/f"),
    '"target_url": "/work/f/media/a.mov"\n"target_url": "/x/b.mov"\n"target_url": "https://h/c.mov"\n"target_url": "/work/m/d.mov"', "paths")
end)

M.run_cli({ "rm", "-rf", scratch })
print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
