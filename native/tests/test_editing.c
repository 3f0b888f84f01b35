/*
 * Tests of libediting through its public header only. One program, one case per ctest test:
 *   test_editing CASE FIXTURE_DIR WORK_DIR
 * Each case prints what it checks and exits non-zero on the first failure.
 */
#define _GNU_SOURCE
#include "editing.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

#define CHECK(condition, ...)                                                        \
    do {                                                                             \
        if (!(condition)) {                                                          \
            fprintf(stderr, "%s:%d: FAILED: %s: ", __FILE__, __LINE__, #condition); \
            fprintf(stderr, __VA_ARGS__);                                            \
            fprintf(stderr, "\n  last error: %s\n", editing_last_error() ? editing_last_error() : "(none)"); \
            failures++;                                                              \
            return;                                                                  \
        }                                                                            \
    } while (0)

#define CHECK_OK(call) CHECK((call) == EDITING_OK, "%s", #call)

static const char *fixtures;
static const char *work;

static char *path_in(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = malloc(size);
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- cases ----------------------------------------------------------------------------------------------------- */

static void version_is_reported_without_starting_the_runtime(void)
{
    CHECK(strcmp(editing_version(), "0.1.0") == 0, "version %s", editing_version());
    CHECK(editing_last_error() == NULL, "no error before any call");
}

static void missing_managed_home_is_a_runtime_error_naming_the_folder(void)
{
    /* ctest sets EDITING_NATIVE_HOME to a folder that does not exist. */
    editing_timeline *timeline = (editing_timeline *)1;
    editing_status status = editing_timeline_open("x.otio", &timeline);
    CHECK(status == EDITING_E_RUNTIME, "status %d", status);
    CHECK(timeline == NULL, "out handle reset");
    CHECK(strstr(editing_last_error(), "EDITING_NATIVE_HOME=") != NULL, "message names the variable");
    CHECK(strstr(editing_last_error(), "/nonexistent-editing-home") != NULL, "message names the folder");
    /* A second call says the same thing again. */
    CHECK(editing_initialize() == EDITING_E_RUNTIME, "still a runtime error");
    CHECK(strstr(editing_last_error(), "/nonexistent-editing-home") != NULL, "message repeated");
}

static void timeline_items_list_every_item_with_its_selection(void)
{
    char *path = path_in(fixtures, "cut.otio");
    editing_timeline *timeline = NULL;
    CHECK_OK(editing_timeline_open(path, &timeline));
    free(path);
    char *json = NULL;
    CHECK_OK(editing_timeline_items_json(timeline, &json));
    CHECK(strstr(json, "\"name\": \"native test cut\"") != NULL, "timeline name in %s", json);
    CHECK(strstr(json, "\"select\": \"index:0.0\"") != NULL, "selection of the first item");
    CHECK(strstr(json, "\"name\": \"sh030\"") != NULL, "third shot listed");
    CHECK(strstr(json, "\"schema\": \"Gap\"") != NULL, "the gap is listed");
    CHECK(strstr(json, "\"record_start_frame\": 40") != NULL, "sh030 starts at frame 40 (16 + 16 + 8)");
    CHECK(strstr(json, "\"color\": \"Red\"") != NULL, "the marker colour");
    editing_string_free(json);
    editing_timeline_close(timeline);
}

static void timeline_saves_atomically_and_reads_back(void)
{
    char *path = path_in(fixtures, "cut.otio");
    editing_timeline *timeline = NULL;
    CHECK_OK(editing_timeline_open(path, &timeline));
    free(path);

    char *out = path_in(work, "saved/copy.otio");
    char *dir = path_in(work, "saved");
    mkdir(dir, 0755);
    free(dir);
    CHECK_OK(editing_timeline_save(timeline, out, NULL));
    CHECK(exists(out), "%s written", out);

    editing_timeline *again = NULL;
    CHECK_OK(editing_timeline_open(out, &again));
    char *json = NULL;
    CHECK_OK(editing_timeline_items_json(again, &json));
    /* Saved one folder down: relative media paths now climb out of it to the same files. */
    CHECK(strstr(json, "\"media_url\": \"../") != NULL, "relative media rebased: %s", json);
    editing_string_free(json);
    editing_timeline_close(again);

    char *resolve = path_in(work, "saved/resolve.otio");
    CHECK_OK(editing_timeline_save(timeline, resolve, "resolve"));
    CHECK(exists(resolve), "%s written", resolve);
    CHECK(editing_timeline_save(timeline, out, "0.99") == EDITING_E_ARGUMENT, "unknown target refused");
    CHECK(strstr(editing_last_error(), "0.99") != NULL, "message names the target");
    free(resolve);
    free(out);
    editing_timeline_close(timeline);
}

static void bad_input_names_the_file_and_the_place(void)
{
    editing_timeline *timeline = NULL;
    char *missing = path_in(fixtures, "no-such-cut.otio");
    CHECK(editing_timeline_open(missing, &timeline) == EDITING_E_BAD_INPUT, "missing file is bad input");
    CHECK(timeline == NULL, "no handle");
    CHECK(strstr(editing_last_error(), "no-such-cut.otio") != NULL, "names the file");
    free(missing);

    char *broken = path_in(fixtures, "broken.otio");
    CHECK(editing_timeline_open(broken, &timeline) == EDITING_E_BAD_INPUT, "malformed file is bad input");
    CHECK(strstr(editing_last_error(), "broken.otio:") != NULL, "names the file: %s", editing_last_error());
    free(broken);

    CHECK(editing_timeline_open(NULL, &timeline) == EDITING_E_ARGUMENT, "NULL path");
    CHECK(editing_timeline_open("x.otio", NULL) == EDITING_E_ARGUMENT, "NULL out");
    CHECK(editing_timeline_items_json(NULL, NULL) == EDITING_E_ARGUMENT, "NULL everything");

    /* Success clears the error. */
    char *path = path_in(fixtures, "cut.otio");
    CHECK_OK(editing_timeline_open(path, &timeline));
    CHECK(editing_last_error() == NULL, "cleared by a successful call");
    editing_timeline_close(timeline);
    free(path);

    /* Free functions accept NULL. */
    editing_timeline_close(NULL);
    editing_session_close(NULL);
    editing_cancel_free(NULL);
    editing_string_free(NULL);
}

static void *fail_on_another_thread(void *unused)
{
    (void)unused;
    editing_timeline *timeline = NULL;
    editing_timeline_open("/nonexistent/other-thread.otio", &timeline);
    return strdup(editing_last_error() ? editing_last_error() : "");
}

static void last_error_belongs_to_the_calling_thread(void)
{
    editing_timeline *timeline = NULL;
    CHECK(editing_timeline_open("/nonexistent/main-thread.otio", &timeline) == EDITING_E_BAD_INPUT, "fails");
    pthread_t thread;
    pthread_create(&thread, NULL, fail_on_another_thread, NULL);
    char *other = NULL;
    pthread_join(thread, (void **)&other);
    CHECK(strstr(other, "other-thread.otio") != NULL, "the other thread sees its own error: %s", other);
    CHECK(strstr(editing_last_error(), "main-thread.otio") != NULL, "this thread keeps its own: %s", editing_last_error());
    free(other);
}

static void tools_are_listed_and_described_with_their_schema(void)
{
    editing_session *session = NULL;
    CHECK_OK(editing_session_open(NULL, &session));
    char *json = NULL;
    CHECK_OK(editing_tools_list_json(session, &json));
    CHECK(strstr(json, "\"id\": \"editing.extend\"") != NULL, "extend listed: %s", json);
    CHECK(strstr(json, "\"id\": \"editing.fill\"") != NULL, "fill listed");
    editing_string_free(json);

    CHECK_OK(editing_tool_describe_json(session, "editing.extend", &json));
    CHECK(strstr(json, "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"") != NULL, "a JSON Schema");
    CHECK(strstr(json, "\"x-editing-order\"") != NULL, "UI order");
    CHECK(strstr(json, "\"duration\"") != NULL, "the duration parameter");
    editing_string_free(json);

    CHECK(editing_tool_describe_json(session, "editing.nope", &json) == EDITING_E_TOOL_FAILED, "unknown tool");
    CHECK(json == NULL, "no document");
    CHECK(strstr(editing_last_error(), "editing.nope") != NULL, "names the tool: %s", editing_last_error());

    CHECK(editing_session_open("{\"isolate\": 3}", &session) == EDITING_E_ARGUMENT || session != NULL, "bad option");
    editing_session *other = NULL;
    CHECK(editing_session_open("{\"colour\": true}", &other) == EDITING_E_ARGUMENT, "unknown option refused");
    CHECK(strstr(editing_last_error(), "colour") != NULL, "names the key");
    editing_session_close(session);
}

typedef struct progress_log {
    int calls;
    double last;
    int cancel_after;
    int ordered;
} progress_log;

static int record_progress(double fraction, const char *message, void *user)
{
    progress_log *log = user;
    if (fraction < log->last || message == NULL) {
        log->ordered = 0;
    }
    log->last = fraction;
    log->calls++;
    return log->cancel_after > 0 && log->calls >= log->cancel_after;
}

static char *apply_request(const char *output, const char *select)
{
    char *timeline = path_in(fixtures, "cut.otio");
    size_t size = strlen(timeline) + strlen(output) + strlen(select) + 256;
    char *json = malloc(size);
    snprintf(json, size,
             "{\"timeline\": \"%s\", \"output\": \"%s\", \"tool\": \"editing.extend\", \"select\": [\"%s\"],"
             " \"params\": {\"duration\": 6, \"side\": \"tail\", \"audio\": \"silence\"}, \"jobs\": 1}",
             timeline, output, select);
    free(timeline);
    return json;
}

static void apply_extends_a_clip_and_reports_progress(void)
{
    editing_session *session = NULL;
    CHECK_OK(editing_session_open(NULL, &session));
    char *out = path_in(work, "extended.otio");
    char *request = apply_request(out, "marker-color:RED");
    progress_log log = {0, 0.0, 0, 1};
    char *result = NULL;
    CHECK_OK(editing_apply(session, request, record_progress, &log, NULL, &result));
    CHECK(exists(out), "%s written", out);
    CHECK(strstr(result, "\"output_path\"") != NULL, "report: %s", result);
    CHECK(strstr(result, "sh020") != NULL, "the marked clip was extended: %s", result);
    CHECK(strstr(result, "\"frames\": 6") != NULL, "6 frames generated: %s", result);
    CHECK(log.calls >= 3 && log.ordered && log.last == 1.0, "progress: %d calls, last %g", log.calls, log.last);
    editing_string_free(result);

    editing_timeline *timeline = NULL;
    CHECK_OK(editing_timeline_open(out, &timeline));
    char *json = NULL;
    CHECK_OK(editing_timeline_items_json(timeline, &json));
    CHECK(strstr(json, "\"record_start_frame\": 46") != NULL, "sh030 rippled by 6 frames: %s", json);
    editing_string_free(json);
    editing_timeline_close(timeline);
    free(request);
    free(out);
    editing_session_close(session);
}

static void apply_refuses_bad_requests_before_any_work(void)
{
    editing_session *session = NULL;
    CHECK_OK(editing_session_open(NULL, &session));
    char *out = path_in(work, "refused.otio");
    char *result = NULL;

    char *request = apply_request(out, "nothing-is-called-this");
    CHECK(editing_apply(session, request, NULL, NULL, NULL, &result) == EDITING_E_BAD_INPUT, "no match");
    CHECK(strstr(editing_last_error(), "matched no item") != NULL, "%s", editing_last_error());
    CHECK(result == NULL && !exists(out), "nothing written");
    free(request);

    CHECK(editing_apply(session, "{\"timeline\": 3", NULL, NULL, NULL, &result) == EDITING_E_ARGUMENT, "bad JSON");
    CHECK(strstr(editing_last_error(), "apply request: invalid JSON") != NULL, "%s", editing_last_error());
    CHECK(editing_apply(session, "{\"tool\": \"editing.extend\"}", NULL, NULL, NULL, &result) == EDITING_E_ARGUMENT, "missing keys");
    CHECK(strstr(editing_last_error(), "\"timeline\" is required") != NULL, "%s", editing_last_error());
    free(out);
    editing_session_close(session);
}

static void apply_is_cancelled_by_the_callback_or_the_token(void)
{
    editing_session *session = NULL;
    CHECK_OK(editing_session_open(NULL, &session));
    char *out = path_in(work, "cancelled.otio");
    char *request = apply_request(out, "sh010");
    char *result = NULL;

    progress_log log = {0, 0.0, 1, 1};
    CHECK(editing_apply(session, request, record_progress, &log, NULL, &result) == EDITING_E_CANCELLED, "callback cancels");
    CHECK(strstr(editing_last_error(), "cancelled") != NULL, "%s", editing_last_error());
    CHECK(result == NULL && !exists(out), "nothing written");

    editing_cancel *cancel = NULL;
    CHECK_OK(editing_cancel_new(&cancel));
    editing_cancel_signal(cancel);
    CHECK(editing_apply(session, request, NULL, NULL, cancel, &result) == EDITING_E_CANCELLED, "token cancels");
    CHECK(!exists(out), "nothing written");
    editing_cancel_free(cancel);
    free(request);
    free(out);
    editing_session_close(session);
}

/* Leaks on purpose (run only under memcheck by valgrind.canary, which must report exactly these two blocks): two
 * strings returned by the library (allocated by the managed side) whose pointers die with this frame. They are the
 * allocations the runtime suppressions could hide if they were too broad. */
__attribute__((noinline)) static void leak_two_strings(const char *path)
{
    editing_timeline *timeline = NULL;
    if (editing_timeline_open(path, &timeline) != EDITING_OK) {
        failures++;
        return;
    }
    char *json = NULL;
    for (int i = 0; i < 2; i++) {
        if (editing_timeline_items_json(timeline, &json) != EDITING_OK) {
            failures++;
        }
    }
    editing_timeline_close(timeline);
}

static void leak_canary(void)
{
    char *path = path_in(fixtures, "cut.otio");
    leak_two_strings(path);
    free(path);
    /* Overwrite the dead frame so no stale copy of the pointers keeps them "reachable". */
    volatile char scrub[4096];
    memset((char *)scrub, 0, sizeof scrub);
}

/* ---- driver ---------------------------------------------------------------------------------------------------- */

typedef struct test_case {
    const char *name;
    void (*run)(void);
} test_case;

static const test_case cases[] = {
    {"version", version_is_reported_without_starting_the_runtime},
    {"missing_home", missing_managed_home_is_a_runtime_error_naming_the_folder},
    {"items", timeline_items_list_every_item_with_its_selection},
    {"save", timeline_saves_atomically_and_reads_back},
    {"bad_input", bad_input_names_the_file_and_the_place},
    {"thread_errors", last_error_belongs_to_the_calling_thread},
    {"tools", tools_are_listed_and_described_with_their_schema},
    {"apply", apply_extends_a_clip_and_reports_progress},
    {"apply_refused", apply_refuses_bad_requests_before_any_work},
    {"cancel", apply_is_cancelled_by_the_callback_or_the_token},
    {"leak_canary", leak_canary},
};

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_editing CASE[,CASE...]|all FIXTURE_DIR WORK_DIR\n");
        return 2;
    }
    fixtures = argv[2];
    work = argv[3];
    mkdir(work, 0755);
    int ran = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char list[512];
        snprintf(list, sizeof list, ",%s,", argv[1]);
        char needle[128];
        snprintf(needle, sizeof needle, ",%s,", cases[i].name);
        int all = strcmp(argv[1], "all") == 0 && strcmp(cases[i].name, "missing_home") != 0 &&
                  strcmp(cases[i].name, "leak_canary") != 0;
        if (all || strstr(list, needle) != NULL) {
            int before = failures;
            cases[i].run();
            printf("%s %s\n", failures == before ? "ok" : "FAIL", cases[i].name);
            ran++;
        }
    }
    if (ran == 0) {
        fprintf(stderr, "no case named %s\n", argv[1]);
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
