/*
 * libediting: the C API of editing.h over the managed component Editing.Native.dll, hosted with nethost/hostfxr.
 *
 * Start-up (once per process, on the first call that needs it): find the managed folder, find hostfxr with
 * nethost's get_hostfxr_path, initialise the runtime from Editing.Native.runtimeconfig.json, get
 * load_assembly_and_get_function_pointer, and call the managed Bootstrap entry, which fills `api` with the other
 * entry points. Handles wrap managed GCHandles in small C structs so a stale or foreign pointer is caught by memory
 * tools rather than by the garbage collector.
 */
#define _GNU_SOURCE
#include "editing.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <coreclr_delegates.h>
#include <hostfxr.h>
#include <nethost.h>

#ifndef EDITING_VERSION
#define EDITING_VERSION "0.1.0"
#endif

/* The managed entry points, in the order NativeExports.Bootstrap writes them. */
#define EDITING_ENTRY_COUNT 13
typedef struct editing_managed_api {
    void (*free_string)(char *);
    int (*session_open)(const char *, intptr_t *, char **);
    void (*session_close)(intptr_t);
    int (*timeline_open)(const char *, intptr_t *, char **);
    int (*timeline_save)(intptr_t, const char *, const char *, char **);
    void (*timeline_close)(intptr_t);
    int (*timeline_items)(intptr_t, char **, char **);
    int (*tools_list)(intptr_t, char **, char **);
    int (*tool_describe)(intptr_t, const char *, char **, char **);
    int (*apply)(intptr_t, const char *, editing_progress_fn, void *, intptr_t, char **, char **);
    int (*cancel_new)(intptr_t *);
    void (*cancel_signal)(intptr_t);
    void (*cancel_free)(intptr_t);
} editing_managed_api;

_Static_assert(sizeof(editing_managed_api) == EDITING_ENTRY_COUNT * sizeof(void *), "one pointer per entry");

struct editing_session { intptr_t managed; };
struct editing_timeline { intptr_t managed; };
struct editing_cancel { intptr_t managed; };

static editing_managed_api api;
static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int start_status = EDITING_E_RUNTIME;
static char start_error[2048];

/* ---- last error, per thread ------------------------------------------------------------------------------------ */

static pthread_key_t error_key;
static pthread_once_t error_key_once = PTHREAD_ONCE_INIT;

static void error_key_create(void) { pthread_key_create(&error_key, free); }

static void clear_error(void)
{
    pthread_once(&error_key_once, error_key_create);
    char *old = pthread_getspecific(error_key);
    if (old != NULL) {
        pthread_setspecific(error_key, NULL);
        free(old);
    }
}

static void set_error_text(const char *text)
{
    clear_error();
    char *copy = strdup(text != NULL ? text : "unknown error");
    pthread_setspecific(error_key, copy);
}

static void set_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void set_error(const char *format, ...)
{
    char buffer[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    set_error_text(buffer);
}

const char *editing_last_error(void)
{
    pthread_once(&error_key_once, error_key_create);
    return pthread_getspecific(error_key);
}

const char *editing_version(void) { return EDITING_VERSION; }

/* ---- start-up -------------------------------------------------------------------------------------------------- */

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The managed folder: $EDITING_NATIVE_HOME, else <folder of libediting.so>/editing, else the build-time default. */
static int find_managed_home(char *out, size_t size)
{
    const char *env = getenv("EDITING_NATIVE_HOME");
    if (env != NULL && env[0] != '\0') {
        if (!is_directory(env)) {
            snprintf(start_error, sizeof start_error, "EDITING_NATIVE_HOME=%s is not a folder", env);
            return 0;
        }
        snprintf(out, size, "%s", env);
        return 1;
    }

    Dl_info info;
    char tried[PATH_MAX + 64] = "";
    if (dladdr((void *)&editing_version, &info) != 0 && info.dli_fname != NULL) {
        char library[PATH_MAX];
        if (realpath(info.dli_fname, library) != NULL) {
            char *slash = strrchr(library, '/');
            if (slash != NULL) {
                *slash = '\0';
                snprintf(out, size, "%s/editing", library);
                snprintf(tried, sizeof tried, "%s", out);
                if (is_directory(out)) {
                    return 1;
                }
            }
        }
    }

#ifdef EDITING_DEFAULT_MANAGED_DIR
    if (is_directory(EDITING_DEFAULT_MANAGED_DIR)) {
        snprintf(out, size, "%s", EDITING_DEFAULT_MANAGED_DIR);
        return 1;
    }
    snprintf(start_error, sizeof start_error,
             "the managed component was not found: EDITING_NATIVE_HOME is not set, %s does not exist, nor does %s",
             tried[0] ? tried : "(library folder unknown)", EDITING_DEFAULT_MANAGED_DIR);
#else
    snprintf(start_error, sizeof start_error,
             "the managed component was not found: EDITING_NATIVE_HOME is not set and %s does not exist",
             tried[0] ? tried : "(library folder unknown)");
#endif
    return 0;
}

/* hostfxr reports problems through an error writer; keep the last line for the message. */
static char hostfxr_message[1024];
static void HOSTFXR_CALLTYPE hostfxr_error_writer(const char_t *message)
{
    snprintf(hostfxr_message, sizeof hostfxr_message, "%s", message);
}

static void start_runtime(void)
{
    char home[PATH_MAX];
    if (!find_managed_home(home, sizeof home)) {
        return;
    }

    char config[PATH_MAX + 64], assembly[PATH_MAX + 64];
    snprintf(config, sizeof config, "%s/Editing.Native.runtimeconfig.json", home);
    snprintf(assembly, sizeof assembly, "%s/Editing.Native.dll", home);
    if (!is_file(config) || !is_file(assembly)) {
        snprintf(start_error, sizeof start_error,
                 "%s: Editing.Native.dll or Editing.Native.runtimeconfig.json is missing (build src/Editing.Native)", home);
        return;
    }

    char fxr_path[PATH_MAX];
    size_t fxr_size = sizeof fxr_path;
    struct get_hostfxr_parameters parameters = {sizeof parameters, assembly, NULL};
    int rc = get_hostfxr_path(fxr_path, &fxr_size, &parameters);
    if (rc != 0) {
        snprintf(start_error, sizeof start_error,
                 "the .NET host (hostfxr) was not found (error 0x%x): install the .NET 10 runtime or set DOTNET_ROOT",
                 (unsigned)rc);
        return;
    }

    /* The runtime stays loaded for the life of the process: this handle is never closed. */
    void *fxr = dlopen(fxr_path, RTLD_NOW | RTLD_LOCAL);
    if (fxr == NULL) {
        snprintf(start_error, sizeof start_error, "%s: cannot be loaded: %s", fxr_path, dlerror());
        return;
    }

    hostfxr_initialize_for_runtime_config_fn initialize =
        (hostfxr_initialize_for_runtime_config_fn)dlsym(fxr, "hostfxr_initialize_for_runtime_config");
    hostfxr_get_runtime_delegate_fn get_delegate =
        (hostfxr_get_runtime_delegate_fn)dlsym(fxr, "hostfxr_get_runtime_delegate");
    hostfxr_close_fn close_context = (hostfxr_close_fn)dlsym(fxr, "hostfxr_close");
    hostfxr_set_error_writer_fn set_writer = (hostfxr_set_error_writer_fn)dlsym(fxr, "hostfxr_set_error_writer");
    if (initialize == NULL || get_delegate == NULL || close_context == NULL) {
        snprintf(start_error, sizeof start_error, "%s: not a usable hostfxr (missing exports)", fxr_path);
        return;
    }

    hostfxr_error_writer_fn previous = set_writer != NULL ? set_writer(hostfxr_error_writer) : NULL;
    hostfxr_handle context = NULL;
    rc = initialize(config, NULL, &context);
    if (rc < 0 || context == NULL) {
        snprintf(start_error, sizeof start_error, "%s: the .NET runtime could not be started (error 0x%x)%s%s", config,
                 (unsigned)rc, hostfxr_message[0] ? ": " : "", hostfxr_message);
        if (context != NULL) {
            close_context(context);
        }
        if (set_writer != NULL) {
            set_writer(previous);
        }
        return;
    }

    load_assembly_and_get_function_pointer_fn load = NULL;
    rc = get_delegate(context, hdt_load_assembly_and_get_function_pointer, (void **)&load);
    close_context(context);
    if (rc != 0 || load == NULL) {
        snprintf(start_error, sizeof start_error, "hostfxr did not give load_assembly_and_get_function_pointer (error 0x%x)%s%s",
                 (unsigned)rc, hostfxr_message[0] ? ": " : "", hostfxr_message);
        if (set_writer != NULL) {
            set_writer(previous);
        }
        return;
    }

    int (*bootstrap)(void **, int) = NULL;
    rc = load(assembly, "Editing.Native.NativeExports, Editing.Native", "Bootstrap", UNMANAGEDCALLERSONLY_METHOD, NULL,
              (void **)&bootstrap);
    if (set_writer != NULL) {
        set_writer(previous);
    }
    if (rc != 0 || bootstrap == NULL) {
        snprintf(start_error, sizeof start_error, "%s: the entry point Editing.Native.NativeExports.Bootstrap could not be loaded (error 0x%x)%s%s",
                 assembly, (unsigned)rc, hostfxr_message[0] ? ": " : "", hostfxr_message);
        return;
    }

    void *table[EDITING_ENTRY_COUNT] = {0};
    rc = bootstrap(table, EDITING_ENTRY_COUNT);
    if (rc != 0) {
        snprintf(start_error, sizeof start_error, "%s: Bootstrap refused the entry table (status %d): the library and the managed component are from different builds", assembly, rc);
        return;
    }
    memcpy(&api, table, sizeof api);
    start_status = EDITING_OK;
}

static int ensure_started(void)
{
    pthread_once(&start_once, start_runtime);
    if (start_status != EDITING_OK) {
        set_error_text(start_error);
    }
    return start_status;
}

editing_status editing_initialize(void)
{
    clear_error();
    return (editing_status)ensure_started();
}

/* Takes a managed error string: copies it into the thread's last error and frees the managed one. */
static editing_status finish(int status, char *managed_error)
{
    if (managed_error != NULL) {
        set_error_text(managed_error);
        api.free_string(managed_error);
    } else if (status != EDITING_OK) {
        set_error("failed with status %d", status);
    }
    return (editing_status)status;
}

#define START_OR_RETURN()                     \
    do {                                      \
        clear_error();                        \
        int started_ = ensure_started();      \
        if (started_ != EDITING_OK) {         \
            return (editing_status)started_;  \
        }                                     \
    } while (0)

#define REQUIRE(condition, message)           \
    do {                                      \
        if (!(condition)) {                   \
            set_error("%s", message);         \
            return EDITING_E_ARGUMENT;        \
        }                                     \
    } while (0)

void editing_string_free(char *text)
{
    /* A string can only come from the library after the runtime started. */
    if (text != NULL && start_status == EDITING_OK) {
        api.free_string(text);
    }
}

/* ---- sessions ------------------------------------------------------------------------------------------------- */

editing_status editing_session_open(const char *options_json, editing_session **out_session)
{
    REQUIRE(out_session != NULL, "editing_session_open: out_session is NULL");
    *out_session = NULL;
    START_OR_RETURN();
    editing_session *session = calloc(1, sizeof *session);
    REQUIRE(session != NULL, "editing_session_open: out of memory");
    char *error = NULL;
    int status = api.session_open(options_json, &session->managed, &error);
    if (status != EDITING_OK) {
        free(session);
        return finish(status, error);
    }
    *out_session = session;
    return EDITING_OK;
}

void editing_session_close(editing_session *session)
{
    if (session == NULL) {
        return;
    }
    if (start_status == EDITING_OK) {
        api.session_close(session->managed);
    }
    free(session);
}

/* ---- timelines ------------------------------------------------------------------------------------------------ */

editing_status editing_timeline_open(const char *path, editing_timeline **out_timeline)
{
    REQUIRE(out_timeline != NULL, "editing_timeline_open: out_timeline is NULL");
    *out_timeline = NULL;
    REQUIRE(path != NULL, "editing_timeline_open: path is NULL");
    START_OR_RETURN();
    editing_timeline *timeline = calloc(1, sizeof *timeline);
    REQUIRE(timeline != NULL, "editing_timeline_open: out of memory");
    char *error = NULL;
    int status = api.timeline_open(path, &timeline->managed, &error);
    if (status != EDITING_OK) {
        free(timeline);
        return finish(status, error);
    }
    *out_timeline = timeline;
    return EDITING_OK;
}

editing_status editing_timeline_save(editing_timeline *timeline, const char *path, const char *target)
{
    REQUIRE(timeline != NULL, "editing_timeline_save: timeline is NULL");
    REQUIRE(path != NULL, "editing_timeline_save: path is NULL");
    START_OR_RETURN();
    char *error = NULL;
    int status = api.timeline_save(timeline->managed, path, target, &error);
    return finish(status, error);
}

void editing_timeline_close(editing_timeline *timeline)
{
    if (timeline == NULL) {
        return;
    }
    if (start_status == EDITING_OK) {
        api.timeline_close(timeline->managed);
    }
    free(timeline);
}

editing_status editing_timeline_items_json(editing_timeline *timeline, char **out_json)
{
    REQUIRE(out_json != NULL, "editing_timeline_items_json: out_json is NULL");
    *out_json = NULL;
    REQUIRE(timeline != NULL, "editing_timeline_items_json: timeline is NULL");
    START_OR_RETURN();
    char *error = NULL;
    int status = api.timeline_items(timeline->managed, out_json, &error);
    return finish(status, error);
}

/* ---- tools ---------------------------------------------------------------------------------------------------- */

editing_status editing_tools_list_json(editing_session *session, char **out_json)
{
    REQUIRE(out_json != NULL, "editing_tools_list_json: out_json is NULL");
    *out_json = NULL;
    REQUIRE(session != NULL, "editing_tools_list_json: session is NULL");
    START_OR_RETURN();
    char *error = NULL;
    int status = api.tools_list(session->managed, out_json, &error);
    return finish(status, error);
}

editing_status editing_tool_describe_json(editing_session *session, const char *tool_id, char **out_json)
{
    REQUIRE(out_json != NULL, "editing_tool_describe_json: out_json is NULL");
    *out_json = NULL;
    REQUIRE(session != NULL, "editing_tool_describe_json: session is NULL");
    REQUIRE(tool_id != NULL, "editing_tool_describe_json: tool_id is NULL");
    START_OR_RETURN();
    char *error = NULL;
    int status = api.tool_describe(session->managed, tool_id, out_json, &error);
    return finish(status, error);
}

editing_status editing_apply(editing_session *session, const char *request_json, editing_progress_fn progress,
                             void *user_data, editing_cancel *cancel, char **out_result_json)
{
    REQUIRE(out_result_json != NULL, "editing_apply: out_result_json is NULL");
    *out_result_json = NULL;
    REQUIRE(session != NULL, "editing_apply: session is NULL");
    REQUIRE(request_json != NULL, "editing_apply: request_json is NULL");
    START_OR_RETURN();
    char *error = NULL;
    int status = api.apply(session->managed, request_json, progress, user_data, cancel != NULL ? cancel->managed : 0,
                           out_result_json, &error);
    return finish(status, error);
}

/* ---- cancellation --------------------------------------------------------------------------------------------- */

editing_status editing_cancel_new(editing_cancel **out_cancel)
{
    REQUIRE(out_cancel != NULL, "editing_cancel_new: out_cancel is NULL");
    *out_cancel = NULL;
    START_OR_RETURN();
    editing_cancel *cancel = calloc(1, sizeof *cancel);
    REQUIRE(cancel != NULL, "editing_cancel_new: out of memory");
    int status = api.cancel_new(&cancel->managed);
    if (status != EDITING_OK) {
        free(cancel);
        set_error("editing_cancel_new: failed with status %d", status);
        return (editing_status)status;
    }
    *out_cancel = cancel;
    return EDITING_OK;
}

void editing_cancel_signal(editing_cancel *cancel)
{
    if (cancel != NULL && start_status == EDITING_OK) {
        api.cancel_signal(cancel->managed);
    }
}

void editing_cancel_free(editing_cancel *cancel)
{
    if (cancel == NULL) {
        return;
    }
    if (start_status == EDITING_OK) {
        api.cancel_free(cancel->managed);
    }
    free(cancel);
}
