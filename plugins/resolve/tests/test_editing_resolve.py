"""The Resolve Python script against the stand-in DaVinciResolveScript module and the REAL editing CLI.

Needs $EDITING_CLI (the built editing program or editing.dll) and ffmpeg. Run:
    EDITING_CLI=src/Editing.Cli/bin/Release/net10.0/editing python3 -m unittest discover plugins/resolve/tests
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RESOLVE_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(RESOLVE_DIR))
sys.path.insert(0, HERE)
sys.path.insert(0, RESOLVE_DIR)
import DaVinciResolveScript  # noqa: E402  (the stand-in)
import editing_resolve  # noqa: E402

MAKE_CUT = os.path.join(REPO, "native", "tests", "make_cut.sh")


def cli():
    path = os.environ.get("EDITING_CLI")
    if not path or not os.path.isfile(path):
        raise AssertionError(
            "set EDITING_CLI to the built editing program (src/Editing.Cli/bin/Release/net10.0/editing)")
    return path


class ScriptedUI:
    """Answers the dialogs like an editor would and keeps what the script told them."""

    def __init__(self, tool, mode, value, answers):
        self.choice, self.answers = (tool, mode, value), answers
        self.fields, self.messages, self.final = None, [], None

    def choose_tool(self, tools, modes):
        assert any(t["id"] == self.choice[0] for t in tools), tools
        return self.choice

    def ask_parameters(self, tool_id, fields):
        self.fields = fields
        return dict({f["id"]: f["default"] for f in fields}, **self.answers)

    def status(self, text):
        self.messages.append(text)

    def done(self, text):
        self.final = text


class ResolveScriptTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cli = cli()
        cls.dir = tempfile.mkdtemp(prefix="editing-resolve-py-")
        subprocess.run(["sh", MAKE_CUT, os.path.join(cls.dir, "source")], check=True)
        cls.source = os.path.join(cls.dir, "source", "cut.otio")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        DaVinciResolveScript.CALLS.clear()
        self.work = tempfile.mkdtemp(dir=self.dir)
        self.env = {"EDITING_CLI": self.cli, "EDITING_RESOLVE_WORK": self.work,
                    "EDITING_RESOLVE_CONFIG": os.path.join(self.work, "no-config.json")}
        os.environ["RESOLVE_STANDIN_SOURCE"] = self.source

    def calls(self, method):
        return [c for c in DaVinciResolveScript.CALLS if c["method"] == method]

    def wrapped_cli(self):
        """A wrapper that logs each editing command line (one argument per line, then a line "--end--")."""
        log = os.path.join(self.work, "cli-argv.txt")
        wrapper = os.path.join(self.work, "editing-wrapper.sh")
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write("#!/bin/sh\n"
                    f"for a in \"$@\"; do printf '%s\\n' \"$a\" >> '{log}'; done\n"
                    f"echo --end-- >> '{log}'\n"
                    f"exec '{self.cli}' \"$@\"\n")
        os.chmod(wrapper, 0o755)
        return wrapper, log

    @staticmethod
    def command_lines(log):
        with open(log, encoding="utf-8") as f:
            text = f.read()
        return [chunk.strip("\n").split("\n") for chunk in text.split("--end--\n") if chunk.strip()]

    def test_extend_clip_under_playhead_exports_applies_and_imports(self):
        # The script runs as Resolve runs it (main(), console prompts), against the stand-in module and the real CLI.
        wrapper, argv_log = self.wrapped_cli()
        calls_log = os.path.join(self.work, "calls.json")
        env = dict(os.environ, **self.env)
        env.update(EDITING_CLI=wrapper, RESOLVE_STANDIN_LOG=calls_log, PYTHONPATH=HERE)
        tools = json.loads(subprocess.run([self.cli, "tools", "list", "--json"], stdout=subprocess.PIPE, check=True).stdout)
        number = [t["id"] for t in tools].index("editing.extend") + 1
        # tool, apply-to, then the visible parameters in order: side, duration, prompt, seed, edit, audio
        answers = f"{number}\nplayhead\n\n6\n\n\n\nsilence\n"
        done = subprocess.run([sys.executable, os.path.join(RESOLVE_DIR, "editing_resolve.py")], input=answers.encode(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        output = done.stdout.decode() + done.stderr.decode()
        self.assertEqual(done.returncode, 0, output)

        with open(calls_log, encoding="utf-8") as f:
            calls = json.load(f)
        methods = [c["method"] for c in calls]
        self.assertEqual(methods[0], "scriptapp")
        export = [c for c in calls if c["method"] == "Export"]
        self.assertEqual(len(export), 1)
        exported, export_type = export[0]["args"]
        folder = os.path.dirname(exported)
        self.assertEqual(os.path.basename(exported), "cut.otio")
        self.assertTrue(folder.startswith(os.path.join(self.work, "Stand-in_Show", "native_test_cut-")), folder)
        self.assertEqual(export_type, DaVinciResolveScript.EXPORT_OTIO)

        apply = [argv for argv in self.command_lines(argv_log) if argv[0] == "apply"]
        self.assertEqual(apply, [["apply", exported, "--tool", "editing.extend", "--select", "index:0.1",
                                  "--param", "duration=6", "--param", "audio=silence",
                                  "-o", os.path.join(folder, "cut.edited.otio"), "--json"]])
        self.assertTrue(os.path.isfile(os.path.join(folder, "cut.edited.otio")))
        self.assertIn("A002C001_ext-tail_v001.mov", os.listdir(os.path.join(folder, "cut.edited.media")))

        imports = [c for c in calls if c["method"] == "ImportTimelineFromFile"]
        self.assertEqual(len(imports), 1)
        self.assertEqual(imports[0]["args"], [
            os.path.join(folder, "cut.edited.resolve.otio"),
            {"timelineName": "native test cut (edited)", "importSourceClips": True,
             "sourceClipsPath": os.path.join(folder, "cut.edited.media")}])
        self.assertLess(methods.index("Export"), methods.index("ImportTimelineFromFile"))
        with open(imports[0]["args"][0], encoding="utf-8") as f:
            urls = [line.split('"')[3] for line in f if '"target_url"' in line]
        self.assertTrue(urls and all(u.startswith("/") for u in urls), urls)
        self.assertIn("sh020", output)
        self.assertIn("imported as timeline 'native test cut (edited)'", output)

    def test_failed_apply_is_reported_and_nothing_is_imported(self):
        ui = ScriptedUI("editing.extend", "marker", "no-such-marker", {})
        with self.assertRaises(editing_resolve.ScriptError) as caught:
            editing_resolve.run(DaVinciResolveScript.scriptapp("Resolve"), ui, self.env)
        self.assertIn("exit 2", str(caught.exception))
        self.assertIn("matched no item", str(caught.exception))
        self.assertEqual(self.calls("ImportTimelineFromFile"), [])

    def test_clip_colour_selects_by_track_and_record_position(self):
        resolve = DaVinciResolveScript.scriptapp("Resolve")
        timeline = resolve.GetProjectManager().GetCurrentProject().GetCurrentTimeline()
        exported = os.path.join(self.work, "cut.otio")
        timeline.Export(exported, resolve.EXPORT_OTIO)
        inspect = editing_resolve.cli_json([self.cli], ["inspect", exported, "--json"])

        self.assertEqual(editing_resolve.selections_for("clip-color", "orange", timeline, inspect), ["index:0.3"])
        self.assertEqual(editing_resolve.selections_for("playhead", "", timeline, inspect), ["index:0.1"])
        self.assertEqual(editing_resolve.selections_for("marker-color", "Red", timeline, inspect), ["marker-color:Red"])
        with self.assertRaises(editing_resolve.ScriptError):
            editing_resolve.selections_for("clip-color", "Teal", timeline, inspect)

    def test_dialog_follows_the_tool_schema(self):
        schema = editing_resolve.tool_schema([self.cli], "editing.extend")
        fields = editing_resolve.dialog_fields(schema)
        by_id = {f["id"]: f for f in fields}
        self.assertEqual(fields[0]["id"], "side")
        self.assertEqual(by_id["side"]["choices"], ["head", "tail"])
        self.assertEqual(by_id["side"]["default"], "tail")
        self.assertEqual(by_id["duration"]["default"], "48")
        self.assertNotIn("context_frames", by_id)  # advanced
        self.assertEqual(editing_resolve.params_from_answers(fields, {"side": "tail", "duration": "12"}), ["duration=12"])

    def test_missing_cli_names_the_setting(self):
        with self.assertRaises(editing_resolve.ScriptError) as caught:
            editing_resolve.find_cli({"EDITING_CLI": "/nonexistent/editing"}, {})
        self.assertIn("EDITING_CLI = /nonexistent/editing", str(caught.exception))
        with self.assertRaises(editing_resolve.ScriptError) as caught:
            editing_resolve.find_cli({}, {}, which=lambda name: None)
        self.assertIn("EDITING_CLI", str(caught.exception))

    def test_bad_config_names_the_file(self):
        path = os.path.join(self.work, "resolve.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"editing_cli": "/x", "colour": 1}')
        with self.assertRaises(editing_resolve.ScriptError) as caught:
            editing_resolve.load_config(path)
        self.assertIn(path, str(caught.exception))
        self.assertIn("colour", str(caught.exception))

    def test_media_paths_become_absolute_plain_paths(self):
        text = '"target_url": "media/a.mov"\n"target_url": "file:///x/b.mov"\n"target_url": "https://h/c.mov"'
        self.assertEqual(editing_resolve.absolute_media_paths(text, "/work/f"),
                         '"target_url": "/work/f/media/a.mov"\n"target_url": "/x/b.mov"\n"target_url": "https://h/c.mov"')


if __name__ == "__main__":
    unittest.main()
