"""Pythonic access to libediting (native/include/editing.h) through ctypes.

    import editing
    with editing.Session() as session:
        print([t["id"] for t in session.tools()])
        with editing.Timeline.open("cut.otio") as timeline:
            print(timeline.items()["items"][0]["select"])
        report = session.apply({"timeline": "cut.otio", "output": "cut.edited.otio", "tool": "editing.extend",
                                "select": ["sh010"], "params": {"duration": "12"}},
                               progress=lambda fraction, message: print(f"{fraction:.0%} {message}"))

The library is found from $EDITING_LIBRARY (a path to libediting.so), else next to this package's parent folder's
``build/`` (``native/build/libediting.so``), else by the system loader (``libediting.so.0``).
"""

import ctypes
import json
import os
import threading

__all__ = ["EditingError", "Cancelled", "CancelToken", "Session", "Timeline", "library_path", "version"]

OK = 0
STATUS_NAMES = {
    1: "usage", 2: "bad input", 3: "policy refused", 4: "tool failed", 5: "partial failure",
    10: "invalid argument", 11: "runtime", 12: "internal", 130: "cancelled",
}


class EditingError(Exception):
    """A failed call: ``status`` is the editing_status code, ``message`` the library's last error."""

    def __init__(self, status, message):
        super().__init__(f"{message} [{STATUS_NAMES.get(status, status)}]")
        self.status = status
        self.message = message


class Cancelled(EditingError):
    """The run was cancelled (by a CancelToken or by the progress callback); nothing was written."""


_PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_double, ctypes.c_char_p, ctypes.c_void_p)
_lib = None
_lib_lock = threading.Lock()


def library_path():
    """Where the library will be loaded from."""
    explicit = os.environ.get("EDITING_LIBRARY")
    if explicit:
        if not os.path.isfile(explicit):
            raise EditingError(11, f"EDITING_LIBRARY={explicit}: no such file")
        return explicit
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    candidate = os.path.join(here, "build", "libediting.so")
    return candidate if os.path.isfile(candidate) else "libediting.so.0"


def _load():
    global _lib
    with _lib_lock:
        if _lib is not None:
            return _lib
        path = library_path()
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            raise EditingError(11, f"{path}: cannot be loaded ({e}); build it with cmake -S native -B native/build "
                                   "or set EDITING_LIBRARY") from None
        c = ctypes
        handle = c.c_void_p
        out_handle = c.POINTER(c.c_void_p)
        out_text = c.POINTER(c.c_void_p)  # char ** kept as void* so the pointer can be freed after decoding
        signatures = {
            "editing_version": (c.c_char_p, []),
            "editing_last_error": (c.c_char_p, []),
            "editing_string_free": (None, [c.c_void_p]),
            "editing_initialize": (c.c_int, []),
            "editing_session_open": (c.c_int, [c.c_char_p, out_handle]),
            "editing_session_close": (None, [handle]),
            "editing_timeline_open": (c.c_int, [c.c_char_p, out_handle]),
            "editing_timeline_save": (c.c_int, [handle, c.c_char_p, c.c_char_p]),
            "editing_timeline_close": (None, [handle]),
            "editing_timeline_items_json": (c.c_int, [handle, out_text]),
            "editing_tools_list_json": (c.c_int, [handle, out_text]),
            "editing_tool_describe_json": (c.c_int, [handle, c.c_char_p, out_text]),
            "editing_apply": (c.c_int, [handle, c.c_char_p, _PROGRESS, c.c_void_p, handle, out_text]),
            "editing_cancel_new": (c.c_int, [out_handle]),
            "editing_cancel_signal": (None, [handle]),
            "editing_cancel_free": (None, [handle]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        _lib = lib
        return lib


def _check(status):
    if status == OK:
        return
    raw = _load().editing_last_error()
    message = raw.decode("utf-8", "replace") if raw else f"failed with status {status}"
    raise (Cancelled if status == 130 else EditingError)(status, message)


def _take_text(pointer):
    """Decodes a library string and frees it."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        _load().editing_string_free(pointer.value)


def _encode(text):
    return None if text is None else os.fsencode(text) if isinstance(text, os.PathLike) else str(text).encode("utf-8")


def version():
    """The library version, e.g. "0.1.0"."""
    return _load().editing_version().decode("ascii")


class CancelToken:
    """Cancels a running Session.apply from another thread: ``token.cancel()``."""

    def __init__(self):
        self._handle = ctypes.c_void_p()
        _check(_load().editing_cancel_new(ctypes.byref(self._handle)))

    def cancel(self):
        if self._handle:
            _load().editing_cancel_signal(self._handle)

    def close(self):
        if self._handle:
            _load().editing_cancel_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class Timeline:
    """A timeline read from a .otio, .otioz or .otiod file. Use as a context manager, or call close()."""

    def __init__(self, handle, path):
        self._handle = handle
        self.path = path

    @classmethod
    def open(cls, path):
        handle = ctypes.c_void_p()
        _check(_load().editing_timeline_open(_encode(os.fspath(path)), ctypes.byref(handle)))
        return cls(handle, os.fspath(path))

    def _live(self):
        if not self._handle:
            raise EditingError(10, f"{self.path}: the timeline is closed")
        return self._handle

    def items(self):
        """Every item of every track: {"name", "path", "global_start_time", "items": [...]} (see editing.h)."""
        out = ctypes.c_void_p()
        _check(_load().editing_timeline_items_json(self._live(), ctypes.byref(out)))
        return json.loads(_take_text(out))

    def clips(self):
        """The clips only (items whose schema is Clip)."""
        return [i for i in self.items()["items"] if i["schema"] == "Clip"]

    def save(self, path, target=None):
        """Writes atomically; target None (OTIO 0.18), "latest", "0.14" or "resolve"."""
        _check(_load().editing_timeline_save(self._live(), _encode(os.fspath(path)), _encode(target)))

    def close(self):
        if self._handle:
            _load().editing_timeline_close(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class Session:
    """The plugin catalog and host; closing it stops plugin worker processes."""

    def __init__(self, isolate=False):
        options = json.dumps({"isolate": True}) if isolate else None
        self._handle = ctypes.c_void_p()
        _check(_load().editing_session_open(_encode(options), ctypes.byref(self._handle)))

    def _live(self):
        if not self._handle:
            raise EditingError(10, "the session is closed")
        return self._handle

    def tools(self):
        """The installed tools (the list `editing tools list --json` prints)."""
        out = ctypes.c_void_p()
        _check(_load().editing_tools_list_json(self._live(), ctypes.byref(out)))
        return json.loads(_take_text(out))

    def describe(self, tool_id):
        """A tool's JSON Schema with x-editing-* UI hints."""
        out = ctypes.c_void_p()
        _check(_load().editing_tool_describe_json(self._live(), _encode(tool_id), ctypes.byref(out)))
        return json.loads(_take_text(out))

    def apply(self, request, progress=None, cancel=None):
        """Runs a tool (see editing_apply in editing.h); returns the report as a dict.

        progress(fraction, message) is called from library threads; return True to cancel. cancel is a CancelToken.
        Raises Cancelled when cancelled, EditingError otherwise; nothing is written on failure.
        """
        errors = []

        def trampoline(fraction, message, _user):
            try:
                return 1 if progress(fraction, message.decode("utf-8", "replace") if message else "") else 0
            except BaseException as e:  # an exception must not unwind through C: cancel and re-raise afterwards
                errors.append(e)
                return 1

        callback = _PROGRESS(trampoline) if progress is not None else _PROGRESS()
        out = ctypes.c_void_p()
        status = _load().editing_apply(self._live(), _encode(json.dumps(request)), callback, None,
                                       cancel._handle if cancel is not None else None, ctypes.byref(out))
        if errors:
            _take_text(out)
            raise errors[0]
        _check(status)
        return json.loads(_take_text(out))

    def close(self):
        if self._handle:
            _load().editing_session_close(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()
