"""A stand-in for Resolve's DaVinciResolveScript module, for tests: every call on every object is recorded.

Configured with environment variables so that a script run as a separate process uses it too:
  RESOLVE_STANDIN_SOURCE   the .otio that Timeline.Export "exports" (its relative media paths made absolute, as
                           Resolve writes them)
  RESOLVE_STANDIN_LOG      a JSON file the calls are written to after each call
The timeline is the one native/tests/make_cut.sh makes: sh010, sh020 (red marker "fix"), a gap, sh030 (clip colour
Orange), starting at 01:00:00:00 (frame 86400 at 24 fps); the playhead is on sh020.
"""

import json
import os
import re

EXPORT_OTIO = "EXPORT_OTIO"  # the real value is an opaque constant; scripts must pass resolve.EXPORT_OTIO through

CALLS = []


def _record(obj, method, *args):
    CALLS.append({"object": obj, "method": method, "args": list(args)})
    log = os.environ.get("RESOLVE_STANDIN_LOG")
    if log:
        with open(log, "w", encoding="utf-8") as f:
            json.dump(CALLS, f, indent=1)


class TimelineItem:
    def __init__(self, name, start, duration, color="", uid=None):
        self._name, self._start, self._end, self._color = name, start, start + duration, color
        self._uid = uid or name

    def GetName(self):
        _record("TimelineItem", "GetName", self._name)
        return self._name

    def GetStart(self):
        _record("TimelineItem", "GetStart", self._name)
        return self._start

    def GetEnd(self):
        _record("TimelineItem", "GetEnd", self._name)
        return self._end

    def GetClipColor(self):
        _record("TimelineItem", "GetClipColor", self._name)
        return self._color

    def GetUniqueId(self):
        _record("TimelineItem", "GetUniqueId", self._name)
        return self._uid


ITEMS = [TimelineItem("sh010", 86400, 16), TimelineItem("sh020", 86416, 16), TimelineItem("sh030", 86440, 16, "Orange")]


class Timeline:
    def __init__(self, name):
        self._name = name

    def GetName(self):
        _record("Timeline", "GetName")
        return self._name

    def GetStartFrame(self):
        _record("Timeline", "GetStartFrame")
        return 86400

    def GetTrackCount(self, kind):
        _record("Timeline", "GetTrackCount", kind)
        return 1 if kind == "video" else 0

    def GetItemListInTrack(self, kind, index):
        _record("Timeline", "GetItemListInTrack", kind, index)
        return list(ITEMS) if (kind, index) == ("video", 1) else []

    def GetCurrentVideoItem(self):
        _record("Timeline", "GetCurrentVideoItem")
        return TimelineItem("sh020", 86416, 16)

    def Export(self, path, export_type, subtype=None):
        _record("Timeline", "Export", path, export_type, *([] if subtype is None else [subtype]))
        source = os.environ["RESOLVE_STANDIN_SOURCE"]
        base = os.path.dirname(os.path.abspath(source))
        with open(source, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r'"target_url": "(media/[^"]*)"', lambda m: f'"target_url": "{os.path.join(base, m.group(1))}"', text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return True


class MediaPool:
    def ImportTimelineFromFile(self, path, options=None):
        _record("MediaPool", "ImportTimelineFromFile", path, options)
        return Timeline((options or {}).get("timelineName", "imported")) if os.path.isfile(path) else None


class Project:
    def GetName(self):
        _record("Project", "GetName")
        return "Stand-in Show"

    def GetCurrentTimeline(self):
        _record("Project", "GetCurrentTimeline")
        return Timeline("native test cut")

    def GetMediaPool(self):
        _record("Project", "GetMediaPool")
        return MediaPool()


class ProjectManager:
    def GetCurrentProject(self):
        _record("ProjectManager", "GetCurrentProject")
        return Project()


class Resolve:
    EXPORT_OTIO = EXPORT_OTIO

    def GetProjectManager(self):
        _record("Resolve", "GetProjectManager")
        return ProjectManager()


def scriptapp(name):
    _record("module", "scriptapp", name)
    return Resolve() if name == "Resolve" else None
