/*
 * editing.h — the C API of Editing: open and save OpenTimelineIO timelines, list their items, list and describe the
 * installed tools, and run a tool (the same pipeline as `editing apply`) from a C/C++ host or through the Python
 * wrapper in native/python/editing.
 *
 * The library hosts the .NET runtime (hostfxr) and loads the managed component Editing.Native.dll with its built-in
 * plugins from the managed folder: $EDITING_NATIVE_HOME, else `editing/` next to libediting.so, else the folder
 * configured at build time. The runtime starts on the first call that needs it and stays loaded for the life of
 * the process (.NET cannot be unloaded).
 *
 * Conventions
 *  - Every function returning editing_status returns EDITING_OK (0) or an error code; on error,
 *    editing_last_error() gives a one-line (sometimes multi-line) message naming the file, the place and what is
 *    wrong. The message is per thread and is cleared at the start of every call that returns editing_status.
 *  - Strings in and out are UTF-8 and NUL-terminated. Strings the library returns (char **out) belong to the caller
 *    and are released with editing_string_free(); out pointers are set to NULL on error.
 *  - Handles are opaque; each has its own free function. Free functions accept NULL.
 *  - Paths are absolute or relative to the process's current directory.
 *  - A session and a timeline may be used from several threads, but not closed while another call uses them.
 */
#ifndef EDITING_H
#define EDITING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(EDITING_BUILDING)
#define EDITING_API __declspec(dllexport)
#elif defined(_WIN32)
#define EDITING_API __declspec(dllimport)
#else
#define EDITING_API __attribute__((visibility("default")))
#endif

#define EDITING_API_VERSION 1

/* Status codes: 0-5 are the exit codes of the `editing` command. */
typedef enum editing_status {
    EDITING_OK = 0,
    EDITING_E_USAGE = 1,          /* a malformed selection or option */
    EDITING_E_BAD_INPUT = 2,      /* unreadable file, invalid timeline, validation errors, selection matched nothing */
    EDITING_E_POLICY = 3,         /* refused by policy */
    EDITING_E_TOOL_FAILED = 4,    /* a tool or provider failed, or the output could not be written */
    EDITING_E_PARTIAL = 5,        /* part of a batch failed */
    EDITING_E_ARGUMENT = 10,      /* a NULL or invalid argument, malformed request JSON */
    EDITING_E_RUNTIME = 11,       /* the .NET runtime or the managed component could not be loaded */
    EDITING_E_INTERNAL = 12,      /* a bug: please report the message */
    EDITING_E_CANCELLED = 130     /* cancelled; nothing was written */
} editing_status;

typedef struct editing_session editing_session;   /* plugin catalog and host (worker processes) */
typedef struct editing_timeline editing_timeline; /* a timeline read from a file */
typedef struct editing_cancel editing_cancel;     /* a cancellation token for editing_apply */

/*
 * Progress of editing_apply: fraction in [0, 1] (coarse: per item and variation started), a message such as
 * "sh010: editing.extend" (valid only during the call), and the caller's user_data. Called from library threads,
 * one call at a time. Return 0 to continue, non-zero to cancel the run.
 */
typedef int (*editing_progress_fn)(double fraction, const char *message, void *user_data);

/* The library version ("0.1.0"); a static string, never freed. Does not start the runtime. */
EDITING_API const char *editing_version(void);

/* The last error of the calling thread, or NULL. Valid until the next call on this thread; never freed. */
EDITING_API const char *editing_last_error(void);

/* Releases a string returned by the library. NULL is ignored. */
EDITING_API void editing_string_free(char *text);

/*
 * Starts the runtime now (otherwise the first call does). Useful to report EDITING_E_RUNTIME early and to keep the
 * start-up time out of a later call.
 */
EDITING_API editing_status editing_initialize(void);

/*
 * Discovers plugins (built-ins next to the managed component, ~/.local/share/editing/plugins, EDITING_PLUGIN_PATH).
 * options_json may be NULL or e.g. {"isolate": true} to run built-in plugins in worker processes too.
 */
EDITING_API editing_status editing_session_open(const char *options_json, editing_session **out_session);
/* Stops the session's worker processes and frees it. NULL is ignored. */
EDITING_API void editing_session_close(editing_session *session);

/* Reads a .otio, .otioz or .otiod file. */
EDITING_API editing_status editing_timeline_open(const char *path, editing_timeline **out_timeline);
/*
 * Writes the timeline atomically (temporary file + rename) in the format path's extension names. target is NULL
 * (OTIO 0.18 schemas: Clip.2, Marker.2), "latest", "0.14", or "resolve" (the DaVinci Resolve write profile).
 * Relative media paths are rewritten so they still point at the same files from the new folder.
 */
EDITING_API editing_status editing_timeline_save(editing_timeline *timeline, const char *path, const char *target);
/* Frees a timeline. NULL is ignored. */
EDITING_API void editing_timeline_close(editing_timeline *timeline);
/*
 * Every item (clips, gaps, transitions) of every track as JSON: {"name", "path", "global_start_time", "items":
 * [{"track", "track_name", "track_kind", "index", "select": "index:T.I", "schema", "name", "enabled",
 * "record_start_frame", "record_duration_frames", "rate", "source_range", "markers", "media_url", ...}]}.
 */
EDITING_API editing_status editing_timeline_items_json(editing_timeline *timeline, char **out_json);

/* The installed tools as the JSON array `editing tools list --json` prints. */
EDITING_API editing_status editing_tools_list_json(editing_session *session, char **out_json);
/* One tool's control schema: JSON Schema 2020-12 with x-editing-* UI hints (`editing tools describe ID --json`). */
EDITING_API editing_status editing_tool_describe_json(editing_session *session, const char *tool_id, char **out_json);

/*
 * Runs a tool, as `editing apply`. request_json:
 *   {"timeline": "cut.otio", "output": "cut.edited.otio", "tool": "editing.extend", "select": ["sh010"],
 *    "params": {"duration": "12", "side": "tail"},          (or ["duration=12", ...]; values are --param text)
 *    "provider": "...", "model": "...", "variations": 0, "allow_missing": false, "media_dir": "...",
 *    "codec": "prores-hq", "jobs": 2}
 * On success *out_result_json is the report (`editing apply --json`): output_path, media_directory, tool, provider,
 * items [{item, edits, media [{path, frames, start_timecode, seed, provenance}]}], warnings, seconds.
 * All or nothing: on any error or cancellation no timeline is written and the run's media are deleted.
 * progress and cancel may be NULL.
 */
EDITING_API editing_status editing_apply(editing_session *session, const char *request_json, editing_progress_fn progress,
                                         void *user_data, editing_cancel *cancel, char **out_result_json);

/* A cancellation token: create, signal from any thread (editing_apply then stops soon), free after the call. */
EDITING_API editing_status editing_cancel_new(editing_cancel **out_cancel);
EDITING_API void editing_cancel_signal(editing_cancel *cancel);
EDITING_API void editing_cancel_free(editing_cancel *cancel);

#ifdef __cplusplus
}
#endif

#endif /* EDITING_H */
