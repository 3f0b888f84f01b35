using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Editing.Providers.Local.Tests.Fakes;

/// <summary>
/// A ComfyUI server on 127.0.0.1 that follows the documented protocol: <c>POST /prompt</c> validates the API-format
/// graph (unknown node classes, links to nodes that are not in the prompt, images and videos that were never uploaded,
/// no output node) and answers <c>{error, node_errors}</c> with 400 like the real server; events go to the client's
/// <c>/ws?clientId=</c> socket (<c>status</c>, <c>execution_start</c>, <c>executing</c>, <c>progress</c>,
/// <c>executed</c>, <c>execution_success</c>, then <c>executing</c> with no node after the history is written;
/// <c>execution_error</c> and <c>execution_interrupted</c> on failure); <c>/history/{id}</c> is <c>{}</c> until the
/// prompt is done; a core <c>SaveVideo</c> output appears under <c>images</c> with <c>animated: [true]</c>;
/// <c>/view</c> serves it. The video is real (ffmpeg <c>testsrc2</c>) at the size, length and fps the workflow asks
/// for. Failures are switched on per test.
/// </summary>
internal sealed class FakeComfyUi : IAsyncDisposable
{
    private static readonly HashSet<string> KnownClasses = new(StringComparer.Ordinal)
    {
        "UNETLoader", "CLIPLoader", "DualCLIPLoader", "VAELoader", "CheckpointLoaderSimple", "CLIPTextEncode", "LoadImage", "LoadVideo",
        "GetVideoComponents", "WanImageToVideo", "WanFirstLastFrameToVideo", "WanVaceToVideo", "TrimVideoLatent", "ModelSamplingSD3",
        "KSampler", "KSamplerAdvanced", "KSamplerSelect", "SamplerCustom", "VAEDecode", "CreateVideo", "SaveVideo", "SaveWEBM",
        "LTXVImgToVideo", "LTXVConditioning", "LTXVScheduler", "EmptyLTXVLatentVideo", "LTXVAddGuide", "LTXVCropGuides",
        "EmptyHunyuanLatentVideo", "HunyuanImageToVideo",
    };

    private static readonly HashSet<string> OutputClasses = new(StringComparer.Ordinal) { "SaveVideo", "SaveWEBM" };

    private static readonly HashSet<string> LatentClasses = new(StringComparer.Ordinal)
    {
        "WanImageToVideo", "WanFirstLastFrameToVideo", "WanVaceToVideo", "LTXVImgToVideo", "EmptyLTXVLatentVideo", "EmptyHunyuanLatentVideo", "HunyuanImageToVideo",
    };

    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, WebSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _history = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _interrupts = new(StringComparer.Ordinal);
    private readonly List<Task> _jobs = [];
    private int _counter;

    private FakeComfyUi(WebApplication app, string root)
    {
        _app = app;
        _root = root;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>When set, every request must carry <c>Authorization: Bearer TOKEN</c> (else 401).</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Answer this many <c>POST /prompt</c> with 503 before accepting.</summary>
    public int FailPrompts { get; set; }

    /// <summary>Answer <c>POST /prompt</c> with 500 and a body that echoes the request's Authorization header (a buggy proxy).</summary>
    public bool EchoAuthorization { get; set; }

    /// <summary>Answer <c>POST /prompt</c> with 200 and a body that is not JSON.</summary>
    public bool MalformedPrompt { get; set; }

    /// <summary>Fail the sampler with <c>execution_error</c>.</summary>
    public bool FailExecution { get; set; }

    /// <summary>Keep the prompt running until <c>/interrupt</c>.</summary>
    public bool HoldUntilInterrupted { get; set; }

    /// <summary>Delay every answer to <c>GET /history</c> by this much.</summary>
    public TimeSpan HistoryDelay { get; set; }

    /// <summary>Sampler steps reported as progress.</summary>
    public int Steps { get; set; } = 3;

    public ConcurrentQueue<JsonObject> Prompts { get; } = new();

    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Interrupts { get; } = new();

    public ConcurrentQueue<string> QueueDeletes { get; } = new();

    public int PromptAttempts;

    public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeComfyUi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var root = Directory.CreateTempSubdirectory("fake-comfyui-").FullName;
        var app = builder.Build();
        var fake = new FakeComfyUi(app, root);
        fake.Map();
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tcs in _interrupts.Values)
        {
            tcs.TrySetResult();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Task[] jobs;
        lock (_jobs)
        {
            jobs = [.. _jobs];
        }

        await Task.WhenAll(jobs.Select(j => j.ContinueWith(_ => { }, TaskScheduler.Default)));
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Map()
    {
        _app.UseWebSockets();
        _app.Use(async (context, next) =>
        {
            if (RequiredToken is { } token && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error": "unauthorized"}""");
                return;
            }

            await next(context);
        });
        _app.MapGet("/system_stats", () => Results.Json(new JsonObject
        {
            ["system"] = new JsonObject { ["os"] = "posix", ["comfyui_version"] = "0.3.60", ["python_version"] = "3.12.3", ["embedded_python"] = false },
            ["devices"] = new JsonArray(new JsonObject { ["name"] = "cuda:0 fake", ["type"] = "cuda", ["index"] = 0, ["vram_total"] = 25769803776L, ["vram_free"] = 20000000000L }),
        }));
        _app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            var clientId = context.Request.Query["clientId"].ToString();
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            _sockets[clientId] = socket;
            await SendAsync(clientId, "status", new JsonObject { ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = 0 } }, ["sid"] = clientId });
            var buffer = new byte[1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var r = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
            finally
            {
                _sockets.TryRemove(clientId, out _);
            }
        });
        _app.MapPost("/upload/image", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files["image"];
            if (file is null)
            {
                return Results.StatusCode(400);
            }

            var subfolder = form["subfolder"].ToString();
            var type = form["type"].ToString() is { Length: > 0 } t ? t : "input";
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            var name = Path.GetFileName(file.FileName);
            var key = subfolder.Length > 0 ? subfolder + "/" + name : name;
            Uploads[key] = memory.ToArray();
            return Results.Json(new JsonObject { ["name"] = name, ["subfolder"] = subfolder, ["type"] = type });
        });
        _app.MapPost("/prompt", PostPromptAsync);
        _app.MapGet("/history/{id}", async (string id, HttpContext context) =>
        {
            if (HistoryDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(HistoryDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty;
                }
            }

            return Results.Json(_history.TryGetValue(id, out var entry) ? new JsonObject { [id] = entry.DeepClone() } : new JsonObject());
        });
        _app.MapGet("/view", (string filename, string? subfolder, string? type) =>
        {
            var folder = Path.Combine(_root, type ?? "output", subfolder ?? "");
            var path = Path.GetFullPath(Path.Combine(folder, filename));
            return !path.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(path) ? Results.NotFound() : Results.File(path, "video/mp4");
        });
        _app.MapPost("/interrupt", async (HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            var id = body?["prompt_id"]?.ToString() ?? "";
            Interrupts.Enqueue(id);
            foreach (var (promptId, tcs) in _interrupts)
            {
                if (id.Length == 0 || id == promptId)
                {
                    tcs.TrySetResult();
                }
            }

            return Results.Ok();
        });
        _app.MapPost("/queue", async (HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            foreach (var id in (body?["delete"] as JsonArray ?? []).Select(x => x?.ToString() ?? ""))
            {
                QueueDeletes.Enqueue(id);
            }

            return Results.Ok();
        });
    }

    private async Task<IResult> PostPromptAsync(HttpRequest request)
    {
        Interlocked.Increment(ref PromptAttempts);
        if (EchoAuthorization)
        {
            return Results.Text($"proxy error: upstream refused request with headers Authorization: {request.Headers.Authorization}", statusCode: 500);
        }

        if (FailPrompts > 0)
        {
            FailPrompts--;
            return Results.Text("Service Unavailable", statusCode: 503);
        }

        if (MalformedPrompt)
        {
            return Results.Text("<html><body>502 Bad Gateway</body></html>", "application/json", statusCode: 200);
        }

        var body = await ReadJsonAsync(request);
        if (body?["prompt"] is not JsonObject graph)
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "no_prompt", ["message"] = "No prompt provided", ["details"] = "" }, ["node_errors"] = new JsonObject() }, statusCode: 400);
        }

        foreach (var (id, node) in graph)
        {
            var classType = node?["class_type"]?.ToString() ?? "";
            if (!KnownClasses.Contains(classType))
            {
                return Results.Json(new JsonObject
                {
                    ["error"] = new JsonObject { ["type"] = "missing_node_type", ["message"] = $"Cannot execute because node {classType} does not exist.", ["details"] = $"Node ID '#{id}'" },
                    ["node_errors"] = new JsonObject(),
                }, statusCode: 400);
            }
        }

        var nodeErrors = new JsonObject();
        foreach (var (id, node) in graph)
        {
            var errors = new JsonArray();
            foreach (var (input, value) in (node!["inputs"] as JsonObject)!)
            {
                if (value is JsonArray { Count: 2 } link && link[0]?.ToString() is { } source && !graph.ContainsKey(source))
                {
                    errors.Add(Error("required_input_missing", "Required input is missing", $"{input} links to node '{source}', which is not in the prompt"));
                }
            }

            var classType = node["class_type"]!.ToString();
            var fileInput = classType == "LoadImage" ? "image" : classType == "LoadVideo" ? "file" : null;
            if (fileInput is not null && node["inputs"]![fileInput]?.ToString() is { } file && !Uploads.ContainsKey(file))
            {
                errors.Add(Error("custom_validation_failed", "Custom validation failed for node", $"{fileInput} - Invalid {(fileInput == "image" ? "image" : "video")} file: {file}"));
            }

            if (errors.Count > 0)
            {
                nodeErrors[id] = new JsonObject { ["errors"] = errors, ["dependent_outputs"] = new JsonArray(), ["class_type"] = classType };
            }
        }

        if (!graph.Any(n => OutputClasses.Contains(n.Value!["class_type"]!.ToString())))
        {
            return Results.Json(new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "prompt_no_outputs", ["message"] = "Prompt has no outputs", ["details"] = "" },
                ["node_errors"] = new JsonObject(),
            }, statusCode: 400);
        }

        if (nodeErrors.Count > 0)
        {
            return Results.Json(new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "prompt_outputs_failed_validation", ["message"] = "Prompt outputs failed validation", ["details"] = "" },
                ["node_errors"] = nodeErrors,
            }, statusCode: 400);
        }

        var promptId = body["prompt_id"]?.ToString() is { Length: > 0 } given ? given : Guid.NewGuid().ToString();
        var clientId = body["client_id"]?.ToString() ?? "";
        Prompts.Enqueue(graph);
        var number = Interlocked.Increment(ref _counter);
        var job = Task.Run(() => RunAsync(promptId, clientId, graph));
        lock (_jobs)
        {
            _jobs.Add(job);
        }

        return Results.Json(new JsonObject { ["prompt_id"] = promptId, ["number"] = number, ["node_errors"] = new JsonObject() });
    }

    private async Task RunAsync(string promptId, string clientId, JsonObject graph)
    {
        var sampler = graph.First(n => n.Value!["class_type"]!.ToString() is "KSampler" or "KSamplerAdvanced" or "SamplerCustom");
        var save = graph.First(n => OutputClasses.Contains(n.Value!["class_type"]!.ToString()));
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _interrupts[promptId] = interrupted;
        await SendAsync(clientId, "execution_start", new JsonObject { ["prompt_id"] = promptId, ["timestamp"] = 1 });
        await SendAsync(clientId, "executing", new JsonObject { ["node"] = sampler.Key, ["display_node"] = sampler.Key, ["prompt_id"] = promptId });
        Running.TrySetResult();
        for (var step = 1; step <= Steps; step++)
        {
            await SendAsync(clientId, "progress", new JsonObject { ["value"] = step, ["max"] = Steps, ["prompt_id"] = promptId, ["node"] = sampler.Key });
        }

        if (HoldUntilInterrupted)
        {
            await interrupted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var data = new JsonObject { ["prompt_id"] = promptId, ["node_id"] = sampler.Key, ["node_type"] = sampler.Value!["class_type"]!.ToString(), ["executed"] = new JsonArray() };
            _history[promptId] = History(graph, new JsonObject(), "error", "execution_interrupted", data);
            await SendAsync(clientId, "execution_interrupted", data);
            return;
        }

        if (FailExecution)
        {
            var data = new JsonObject
            {
                ["prompt_id"] = promptId,
                ["node_id"] = sampler.Key,
                ["node_type"] = sampler.Value!["class_type"]!.ToString(),
                ["executed"] = new JsonArray(),
                ["exception_message"] = "CUDA out of memory. Tried to allocate 2.00 GiB\n",
                ["exception_type"] = "torch.OutOfMemoryError",
                ["traceback"] = new JsonArray("Traceback (most recent call last):\n"),
                ["current_inputs"] = new JsonObject(),
                ["current_outputs"] = new JsonObject(),
            };
            _history[promptId] = History(graph, new JsonObject(), "error", "execution_error", data);
            await SendAsync(clientId, "execution_error", data);
            return;
        }

        var latent = graph.Select(n => n.Value!).First(n => LatentClasses.Contains(n["class_type"]!.ToString()))["inputs"]!;
        var fps = graph.Select(n => n.Value!).First(n => n["class_type"]!.ToString() == "CreateVideo")["inputs"]!["fps"]!.GetValue<double>();
        var name = string.Create(CultureInfo.InvariantCulture, $"editing_{Interlocked.Increment(ref _counter):00000}_.mp4");
        var folder = Directory.CreateDirectory(Path.Combine(_root, "output", "video")).FullName;
        await FfmpegAsync("-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture,
                $"testsrc2=size={latent["width"]!.GetValue<int>()}x{latent["height"]!.GetValue<int>()}:rate={fps}"),
            "-frames:v", latent["length"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
            Path.Combine(folder, name));
        var output = new JsonObject
        {
            ["images"] = new JsonArray(new JsonObject { ["filename"] = name, ["subfolder"] = "video", ["type"] = "output" }),
            ["animated"] = new JsonArray(true),
        };
        await SendAsync(clientId, "executed", new JsonObject { ["node"] = save.Key, ["display_node"] = save.Key, ["output"] = output.DeepClone(), ["prompt_id"] = promptId });
        await SendAsync(clientId, "execution_success", new JsonObject { ["prompt_id"] = promptId, ["timestamp"] = 2 });
        _history[promptId] = History(graph, new JsonObject { [save.Key] = output }, "success", "execution_success", new JsonObject { ["prompt_id"] = promptId });
        await SendAsync(clientId, "executing", new JsonObject { ["node"] = null, ["prompt_id"] = promptId });
    }

    private static JsonObject History(JsonObject graph, JsonObject outputs, string status, string lastEvent, JsonObject data) => new()
    {
        ["prompt"] = new JsonArray(0, graph["prompt_id"]?.ToString() ?? "", graph.DeepClone(), new JsonObject(), new JsonArray()),
        ["outputs"] = outputs,
        ["status"] = new JsonObject
        {
            ["status_str"] = status,
            ["completed"] = status == "success",
            ["messages"] = new JsonArray(new JsonArray("execution_start", new JsonObject { ["prompt_id"] = data["prompt_id"]?.ToString() }), new JsonArray(lastEvent, data.DeepClone())),
        },
    };

    private static JsonObject Error(string type, string message, string details) =>
        new() { ["type"] = type, ["message"] = message, ["details"] = details, ["extra_info"] = new JsonObject() };

    private async Task SendAsync(string clientId, string type, JsonObject data)
    {
        if (!_sockets.TryGetValue(clientId, out var socket) || socket.State != WebSocketState.Open)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["data"] = data }.ToJsonString());
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            // A binary preview frame between events, as the real server sends during sampling.
            if (type == "progress")
            {
                await socket.SendAsync(new byte[] { 0, 0, 0, 1, 0, 0, 0, 2, 0xFF, 0xD8 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task FfmpegAsync(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-v", "error", "-y" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + err);
        }
    }
}
