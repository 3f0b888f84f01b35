"""Tests of the ctypes wrapper against the real libediting ($EDITING_LIBRARY or native/build/libediting.so).

Run: python3 -m unittest discover native/python/tests
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import editing  # noqa: E402

MAKE_CUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "make_cut.sh")


class WrapperTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="editing-python-")
        subprocess.run(["sh", MAKE_CUT, cls.dir], check=True)
        cls.cut = os.path.join(cls.dir, "cut.otio")
        cls.session = editing.Session()

    @classmethod
    def tearDownClass(cls):
        cls.session.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def request(self, output, select="sh010", **extra):
        request = {"timeline": self.cut, "output": output, "tool": "editing.extend", "select": [select],
                   "params": {"duration": 6, "side": "tail", "audio": "silence"}, "jobs": 1}
        request.update(extra)
        return request

    def test_version_is_the_library_version(self):
        self.assertEqual(editing.version(), "0.1.0")

    def test_timeline_lists_clips_with_their_selection(self):
        with editing.Timeline.open(self.cut) as timeline:
            clips = timeline.clips()
        self.assertEqual([c["name"] for c in clips], ["sh010", "sh020", "sh030"])
        self.assertEqual(clips[2]["select"], "index:0.3")
        self.assertEqual(clips[1]["markers"][0]["color"], "Red")

    def test_missing_file_raises_error_carrying_the_library_message(self):
        missing = os.path.join(self.dir, "nope.otio")
        with self.assertRaises(editing.EditingError) as caught:
            editing.Timeline.open(missing)
        self.assertEqual(caught.exception.status, 2)
        self.assertIn("nope.otio", caught.exception.message)

    def test_closed_timeline_refuses_calls(self):
        timeline = editing.Timeline.open(self.cut)
        timeline.close()
        with self.assertRaises(editing.EditingError):
            timeline.items()

    def test_save_with_resolve_target_writes_the_file(self):
        out = os.path.join(self.dir, "resolve.otio")
        with editing.Timeline.open(self.cut) as timeline:
            timeline.save(out, target="resolve")
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('"Resolve_OTIO"', text)
        self.assertIn('"DEFAULT_MEDIA"', text)

    def test_tools_are_listed_and_described(self):
        ids = [t["id"] for t in self.session.tools()]
        self.assertIn("editing.extend", ids)
        schema = self.session.describe("editing.extend")
        self.assertEqual(schema["x-editing-tool"]["id"], "editing.extend")
        self.assertIn("duration", schema["x-editing-order"])

    def test_isolated_session_describes_tools_from_worker_processes(self):
        with editing.Session(isolate=True) as isolated:
            schema = isolated.describe("editing.fill")
        self.assertEqual(schema["x-editing-tool"]["id"], "editing.fill")

    def test_unknown_tool_raises(self):
        with self.assertRaises(editing.EditingError) as caught:
            self.session.describe("editing.nope")
        self.assertIn("editing.nope", caught.exception.message)

    def test_apply_reports_progress_and_returns_the_report(self):
        out = os.path.join(self.dir, "extended.otio")
        seen = []
        report = self.session.apply(self.request(out), progress=lambda f, m: seen.append((f, m)))
        self.assertTrue(os.path.isfile(out))
        self.assertEqual(report["output_path"], out)
        self.assertEqual(report["items"][0]["media"][0]["frames"], 6)
        self.assertEqual(seen[-1][0], 1.0)
        self.assertTrue(any("sh010" in m for _, m in seen), seen)

    def test_progress_returning_true_cancels_and_writes_nothing(self):
        out = os.path.join(self.dir, "cancelled.otio")
        with self.assertRaises(editing.Cancelled):
            self.session.apply(self.request(out), progress=lambda f, m: True)
        self.assertFalse(os.path.exists(out))

    def test_cancel_token_cancels(self):
        out = os.path.join(self.dir, "token.otio")
        with editing.CancelToken() as token:
            token.cancel()
            with self.assertRaises(editing.Cancelled):
                self.session.apply(self.request(out), cancel=token)
        self.assertFalse(os.path.exists(out))

    def test_cancel_token_cancels_from_another_thread(self):
        out = os.path.join(self.dir, "threaded.otio")
        with editing.CancelToken() as token:
            def progress(fraction, message):
                # Signalled from another thread while the run is under way (joined, so the test is not a race).
                canceller = threading.Thread(target=token.cancel)
                canceller.start()
                canceller.join()
                return False
            with self.assertRaises(editing.Cancelled):
                self.session.apply(self.request(out), progress=progress, cancel=token)
        self.assertFalse(os.path.exists(out))

    def test_exception_in_progress_callback_propagates_and_cancels(self):
        out = os.path.join(self.dir, "raised.otio")

        def progress(fraction, message):
            raise KeyError("from the callback")
        with self.assertRaises(KeyError):
            self.session.apply(self.request(out), progress=progress)
        self.assertFalse(os.path.exists(out))

    def test_bad_request_names_the_problem(self):
        with self.assertRaises(editing.EditingError) as caught:
            self.session.apply({"tool": "editing.extend"})
        self.assertEqual(caught.exception.status, 10)
        self.assertIn('"timeline" is required', caught.exception.message)


if __name__ == "__main__":
    unittest.main()
