#!/usr/bin/env python3
"""Editing for DaVinci Resolve Studio (Workspace > Scripts > Edit > editing_resolve).

Exports the current timeline as OTIO, asks for a tool and its parameters (a dialog built from the tool's schema),
runs `editing apply` on the chosen clips (the clip under the playhead, clips with a clip colour, or clips with a
marker colour or name), imports the result as "<name> (edited)" and says what happened.

The logic lives in plain functions (no Resolve, no UI) so it can be tested under python3 with a stand-in
`DaVinciResolveScript` module; the UI classes at the end are thin. The editing CLI comes from $EDITING_CLI, else
the config file ("editing_cli"), else `editing` on PATH. See INSTALL.md.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time

SELECTION_MODES = ("playhead", "clip-color", "marker-color", "marker")
CONFIG_KEYS = ("editing_cli", "work_dir", "provider", "codec")


class ScriptError(Exception):
    """A problem to show the editor (one sentence, naming the file or setting at fault)."""


# ---- configuration -------------------------------------------------------------------------------------------------

def config_path(env=None):
    """$EDITING_RESOLVE_CONFIG, else %APPDATA%/editing/resolve.json on Windows, else ~/.config/editing/resolve.json."""
    env = os.environ if env is None else env
    if env.get("EDITING_RESOLVE_CONFIG"):
        return env["EDITING_RESOLVE_CONFIG"]
    if os.name == "nt" and env.get("APPDATA"):
        return os.path.join(env["APPDATA"], "editing", "resolve.json")
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "editing", "resolve.json")


def load_config(path):
    """The config file as a dict ({} when absent). Unknown keys or bad JSON are errors naming the file."""
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
    except ValueError as e:
        raise ScriptError(f"{path}: invalid JSON: {e}")
    if not isinstance(config, dict):
        raise ScriptError(f"{path}: expected a JSON object")
    unknown = sorted(set(config) - set(CONFIG_KEYS))
    if unknown:
        raise ScriptError(f"{path}: unknown key(s) {', '.join(unknown)} (known: {', '.join(CONFIG_KEYS)})")
    return config


def find_cli(env, config, which=shutil.which):
    """The editing command as an argv prefix: $EDITING_CLI, else config "editing_cli", else `editing` on PATH.
    A path ending in .dll runs through `dotnet`."""
    for origin, value in (("EDITING_CLI", env.get("EDITING_CLI")), ("editing_cli in the config", config.get("editing_cli"))):
        if value:
            if not os.path.isfile(value):
                raise ScriptError(f"{origin} = {value}: no such file")
            return ["dotnet", value] if value.endswith(".dll") else [value]
    found = which("editing")
    if not found:
        raise ScriptError("the editing command was not found: set EDITING_CLI, add \"editing_cli\" to "
                          f"{config_path(env)}, or put editing on PATH")
    return [found]


def work_dir(env, config):
    """Where exports and results go (kept: Resolve reads the generated media from there)."""
    return env.get("EDITING_RESOLVE_WORK") or config.get("work_dir") or os.path.join(os.path.expanduser("~"), "EditingResolve")


# ---- the editing CLI -----------------------------------------------------------------------------------------------

def run_cli(cli, args, runner=subprocess.run):
    """Runs editing; returns (exit code, stdout, stderr)."""
    done = runner(cli + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def cli_json(cli, args, runner=subprocess.run):
    code, out, err = run_cli(cli, args, runner)
    if code != 0:
        raise ScriptError(f"editing {' '.join(args)} failed (exit {code}): {err.strip() or out.strip()}")
    try:
        return json.loads(out)
    except ValueError as e:
        raise ScriptError(f"editing {' '.join(args)} printed invalid JSON: {e}")


def list_tools(cli, runner=subprocess.run):
    return cli_json(cli, ["tools", "list", "--json"], runner)


def tool_schema(cli, tool_id, runner=subprocess.run):
    return cli_json(cli, ["tools", "describe", tool_id, "--json"], runner)


# ---- dialog fields from the schema ---------------------------------------------------------------------------------

def default_text(prop):
    """A parameter's default as the text the editor sees and edits (the --param syntax)."""
    default = prop.get("default")
    kind = prop.get("x-editing-type")
    if default is None:
        return ""
    if kind == "duration" and isinstance(default, dict) and default.get("rate"):
        frames = default["value"]
        return str(int(frames)) if float(frames).is_integer() else str(frames)
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, (dict, list)):
        return json.dumps(default)
    return str(default)


def dialog_fields(schema, include_advanced=False):
    """The controls of the parameter dialog, in the tool's order: id, label, widget, default text, choices, help."""
    props = schema.get("properties", {})
    order = schema.get("x-editing-order") or list(props)
    fields = []
    for pid in order:
        prop = props.get(pid)
        if prop is None or (prop.get("x-editing-advanced") and not include_advanced):
            continue
        choices = [o.get("const") for o in prop.get("oneOf", []) if "const" in o] or list(prop.get("enum", []))
        fields.append({
            "id": pid,
            "label": prop.get("title", pid),
            "widget": "combo" if choices else ("text" if prop.get("x-editing-multiline") else "line"),
            "default": default_text(prop),
            "choices": choices,
            "help": prop.get("description", ""),
            "unit": "frames" if prop.get("x-editing-type") == "duration" else prop.get("x-editing-unit", ""),
        })
    return fields


def params_from_answers(fields, answers):
    """--param values for the answers that differ from the defaults (the tool applies its own defaults)."""
    params = []
    for field in fields:
        value = answers.get(field["id"])
        if value is None:
            continue
        value = str(value).strip()
        if value != field["default"] and value != "":
            params.append(f"{field['id']}={value}")
    return params


# ---- selections ----------------------------------------------------------------------------------------------------

def video_tracks(inspect):
    """The video tracks of `editing inspect --json` output, in order (Resolve's V1, V2, ...)."""
    return [t for t in inspect.get("tracks", []) if t.get("kind") == "Video"]


def select_item(inspect, video_track_number, record_frame):
    """`index:T.I` of the clip on Resolve video track N (1-based) that covers record_frame (frames from the
    timeline's start). None when no clip is there."""
    tracks = video_tracks(inspect)
    if not 1 <= video_track_number <= len(tracks):
        return None
    track = tracks[video_track_number - 1]
    for item in track.get("items", []):
        if item.get("schema") != "Clip" or "range_in_track" not in item:
            continue
        start = item["range_in_track"]["start_time"]["value"]
        duration = item["range_in_track"]["duration"]["value"]
        if start <= record_frame < start + duration:
            return f"index:{track['index']}.{item['index']}"
    return None


def resolve_items(timeline):
    """(track number, item) for every video item of a Resolve timeline."""
    found = []
    for number in range(1, int(timeline.GetTrackCount("video") or 0) + 1):
        for item in timeline.GetItemListInTrack("video", number) or []:
            found.append((number, item))
    return found


def selections_for(mode, value, timeline, inspect):
    """--select expressions for a selection mode: the clip under the playhead, clips with a clip colour (found
    through the Resolve API and mapped to the exported OTIO by track and record position), or clips with a marker
    colour or name (the CLI's marker-color:/marker: forms)."""
    if mode == "marker-color":
        if not value:
            raise ScriptError("choose a marker colour")
        return [f"marker-color:{value}"]
    if mode == "marker":
        if not value:
            raise ScriptError("give a marker name")
        return [f"marker:{value}"]
    start = int(timeline.GetStartFrame())
    if mode == "playhead":
        current = timeline.GetCurrentVideoItem()
        if current is None:
            raise ScriptError("no clip under the playhead on a video track")
        candidates = [(n, i) for n, i in resolve_items(timeline) if _same_item(i, current)] or [(1, current)]
        number, item = candidates[0]
        chosen = [(number, item)]
    elif mode == "clip-color":
        if not value:
            raise ScriptError("choose a clip colour")
        chosen = [(n, i) for n, i in resolve_items(timeline) if (i.GetClipColor() or "").lower() == value.lower()]
        if not chosen:
            raise ScriptError(f"no clip on a video track has the clip colour {value}")
    else:
        raise ScriptError(f"unknown selection mode {mode} (use {', '.join(SELECTION_MODES)})")
    selections = []
    for number, item in chosen:
        expr = select_item(inspect, number, int(item.GetStart()) - start)
        if expr is None:
            raise ScriptError(f"clip {item.GetName()} (V{number}, frame {item.GetStart()}) is not in the exported timeline")
        if expr not in selections:
            selections.append(expr)
    return selections


def _same_item(a, b):
    if hasattr(a, "GetUniqueId") and hasattr(b, "GetUniqueId"):
        try:
            return a.GetUniqueId() == b.GetUniqueId()
        except Exception:  # older Resolve: compare position and name
            pass
    return a.GetStart() == b.GetStart() and a.GetName() == b.GetName()


# ---- apply and import ----------------------------------------------------------------------------------------------

def apply_args(timeline_path, tool_id, selections, params, output, provider=None, codec=None):
    """The `editing apply` arguments."""
    args = ["apply", timeline_path, "--tool", tool_id]
    for s in selections:
        args += ["--select", s]
    for p in params:
        args += ["--param", p]
    if provider:
        args += ["--provider", provider]
    if codec:
        args += ["--codec", codec]
    return args + ["-o", output, "--json"]


_URL = re.compile(r'("target_url": ")([^"]*)(")')


def absolute_media_paths(otio_text, base_dir):
    """Relative media paths made absolute (Resolve does not resolve them against the timeline's folder);
    file:// URLs become plain paths. Other URLs are left alone."""
    def fix(match):
        url = match.group(2)
        if url.startswith("file://"):
            path = url[len("file://"):]
            path = path[len("localhost"):] if path.startswith("localhost/") else path
        elif "://" in url or url.startswith("/") or re.match(r"^[A-Za-z]:[/\\]", url) or url == "":
            return match.group(0)
        else:
            path = os.path.normpath(os.path.join(base_dir, url))
        return match.group(1) + path.replace("\\", "/") + match.group(3)
    return _URL.sub(fix, otio_text)


def import_options(timeline_name, media_dir):
    """ImportTimelineFromFile options: the new timeline's name, and where Resolve looks for media."""
    return {"timelineName": f"{timeline_name} (edited)", "importSourceClips": True, "sourceClipsPath": media_dir}


def summary(report, imported_name):
    lines = [f"{report['tool']}: {len(report['items'])} item(s) in {report['seconds']:.1f} s"]
    for item in report["items"]:
        lines.append(f"  {item['item']}: {'; '.join(item['edits'])}")
        for media in item["media"]:
            lines.append(f"    {os.path.basename(media['path'])}: {media['frames']} frames from {media['start_timecode']}")
    for warning in report.get("warnings", []):
        lines.append(f"  warning: {warning}")
    lines.append(f"imported as timeline '{imported_name}'")
    return "\n".join(lines)


def safe_name(name):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "timeline"


def run(resolve, ui, env=None, runner=subprocess.run, clock=time.strftime):
    """The whole round trip. Returns the report dict; raises ScriptError with a message for the editor."""
    env = os.environ if env is None else env
    config = load_config(config_path(env))
    cli = find_cli(env, config)
    project = resolve.GetProjectManager().GetCurrentProject()
    if project is None:
        raise ScriptError("no project is open")
    timeline = project.GetCurrentTimeline()
    if timeline is None:
        raise ScriptError("no timeline is open")
    name = timeline.GetName()

    folder = os.path.join(work_dir(env, config), safe_name(project.GetName()), f"{safe_name(name)}-{clock('%Y%m%d-%H%M%S')}")
    os.makedirs(folder, exist_ok=True)
    exported = os.path.join(folder, "cut.otio")
    if not timeline.Export(exported, resolve.EXPORT_OTIO):
        raise ScriptError(f"Resolve could not export the timeline to {exported} (needs Resolve 18.5 or later)")
    inspect = cli_json(cli, ["inspect", exported, "--json"], runner)

    tools = list_tools(cli, runner)
    choice = ui.choose_tool(tools, SELECTION_MODES)
    if choice is None:
        return None
    tool_id, mode, value = choice
    fields = dialog_fields(tool_schema(cli, tool_id, runner))
    answers = ui.ask_parameters(tool_id, fields)
    if answers is None:
        return None
    selections = selections_for(mode, value, timeline, inspect)

    output = os.path.join(folder, "cut.edited.otio")
    args = apply_args(exported, tool_id, selections, params_from_answers(fields, answers), output,
                      config.get("provider"), config.get("codec"))
    ui.status(f"running editing {' '.join(args)}")
    code, out, err = run_cli(cli, args, runner)
    if code != 0:
        raise ScriptError(f"editing apply failed (exit {code}):\n{err.strip() or out.strip()}")
    report = json.loads(out)

    with open(output, encoding="utf-8") as f:
        text = absolute_media_paths(f.read(), folder)
    for_resolve = os.path.join(folder, "cut.edited.resolve.otio")
    with open(for_resolve + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(for_resolve + ".tmp", for_resolve)

    options = import_options(name, report["media_directory"])
    imported = project.GetMediaPool().ImportTimelineFromFile(for_resolve, options)
    if not imported:
        raise ScriptError(f"Resolve could not import {for_resolve}")
    ui.done(summary(report, options["timelineName"]))
    return report


# ---- UI (thin) -----------------------------------------------------------------------------------------------------

class ConsoleUI:
    """Prompts on the console (Workspace > Console, or a terminal)."""

    def choose_tool(self, tools, modes):
        for i, t in enumerate(tools):
            print(f"{i + 1}. {t['id']}: {t['description']}")
        answer = input("tool number (empty to cancel): ").strip()
        if not answer:
            return None
        tool = tools[int(answer) - 1]["id"]
        mode = input(f"apply to ({'/'.join(modes)}) [playhead]: ").strip() or "playhead"
        value = input("colour or marker name: ").strip() if mode != "playhead" else ""
        return tool, mode, value

    def ask_parameters(self, tool_id, fields):
        answers = {}
        for f in fields:
            hint = f" ({'/'.join(f['choices'])})" if f["choices"] else (f" [{f['unit']}]" if f["unit"] else "")
            answers[f["id"]] = input(f"{f['label']}{hint} [{f['default']}]: ").strip() or f["default"]
        return answers

    def status(self, text):
        print(text)

    def done(self, text):
        print(text)

    def error(self, text):
        print(f"editing: {text}", file=sys.stderr)


class FusionUI(ConsoleUI):
    """Dialogs with Resolve's UIManager (Fusion UI); falls back to the console for what it does not cover."""

    def __init__(self, fusion, bmd):
        self.ui = fusion.UIManager
        self.dispatcher = bmd.UIDispatcher(self.ui)

    def _form(self, title, rows, populate):
        ui = self.ui
        items = [ui.HGroup([ui.Label({"Text": label, "Weight": 0.3}), widget]) for label, widget in rows]
        items.append(ui.HGroup([ui.Button({"ID": "OK", "Text": "OK"}), ui.Button({"ID": "Cancel", "Text": "Cancel"})]))
        window = self.dispatcher.AddWindow({"ID": "EditingDialog", "WindowTitle": title, "Geometry": [200, 200, 520, 60 + 34 * len(items)]},
                                           ui.VGroup(items))
        result = {"ok": False}

        def close(ok):
            def handler(_event):
                result["ok"] = ok
                self.dispatcher.ExitLoop()
            return handler
        window.On.OK.Clicked = close(True)
        window.On.Cancel.Clicked = close(False)
        window.On.EditingDialog.Close = close(False)
        populate(window.GetItems())
        window.Show()
        self.dispatcher.RunLoop()
        window.Hide()
        return window.GetItems() if result["ok"] else None

    def choose_tool(self, tools, modes):
        ui = self.ui
        items = self._form("Editing", [
            ("Tool", ui.ComboBox({"ID": "Tool"})), ("Apply to", ui.ComboBox({"ID": "Mode"})),
            ("Colour / marker", ui.LineEdit({"ID": "Value"}))],
            lambda found: (found["Tool"].AddItems([t["id"] for t in tools]), found["Mode"].AddItems(list(modes))))
        return None if items is None else self._read_choice(items, tools, modes)

    def _read_choice(self, items, tools, modes):
        return tools[items["Tool"].CurrentIndex]["id"], modes[items["Mode"].CurrentIndex], items["Value"].Text

    def ask_parameters(self, tool_id, fields):
        ui = self.ui
        rows = []
        for f in fields:
            if f["widget"] == "combo":
                rows.append((f["label"], ui.ComboBox({"ID": f["id"], "ToolTip": f["help"]})))
            else:
                rows.append((f["label"], ui.LineEdit({"ID": f["id"], "Text": f["default"], "ToolTip": f["help"]})))
        def populate(found):
            for f in fields:
                if f["widget"] == "combo":
                    found[f["id"]].AddItems([str(c) for c in f["choices"]])
                    if f["default"] in f["choices"]:
                        found[f["id"]].CurrentIndex = f["choices"].index(f["default"])
        items = self._form(tool_id, rows, populate)
        if items is None:
            return None
        answers = {}
        for f in fields:
            widget = items[f["id"]]
            answers[f["id"]] = f["choices"][widget.CurrentIndex] if f["widget"] == "combo" else widget.Text
        return answers


def main():
    resolve = globals().get("resolve")
    if resolve is None:
        try:
            import DaVinciResolveScript  # noqa: F401 (Resolve's module; on PYTHONPATH outside Resolve)
        except ImportError:
            print("editing: DaVinciResolveScript not found: run this from Resolve's Workspace > Scripts menu", file=sys.stderr)
            return 2
        resolve = DaVinciResolveScript.scriptapp("Resolve")
    fusion, bmd = globals().get("fusion") or globals().get("fu"), globals().get("bmd")
    ui = FusionUI(fusion, bmd) if fusion is not None and bmd is not None else ConsoleUI()
    try:
        run(resolve, ui)
    except ScriptError as e:
        ui.error(str(e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
