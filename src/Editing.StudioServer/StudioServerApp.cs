using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Host.Media;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Editing.StudioServer;

/// <summary>
/// The reference server of the studio model-server protocol (<c>docs/studio-provider.openapi.yaml</c>): minimal APIs
/// over a job store, serving the models of <see cref="StudioServerOptions.Providers"/> (the previs generator by
/// default). To serve a studio's own model, pass its <see cref="IModelProvider"/> there; everything else (auth, jobs,
/// progress, cancel, results, problem answers) stays as it is.
/// </summary>
public static class StudioServerApp
{
    /// <summary>The protocol name and version reported by <c>/v1/capabilities</c>.</summary>
    public const string Protocol = "editing-studio/1";

    /// <summary>
    /// Builds the server (not started). <paramref name="configure"/> runs before the routes are mapped, so middleware
    /// it adds sees every request (tests inject failures that way).
    /// </summary>
    public static WebApplication Build(StudioServerOptions options, string[]? args = null, Action<WebApplication>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Providers.Count == 0 || options.Providers.All(p => p.Descriptor.Models.Count == 0))
        {
            throw new ArgumentException("the server needs at least one model", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var app = builder.Build();
        var work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("editing-studio-").FullName;
        Directory.CreateDirectory(work);
        var state = new ServerState(options, work, new HostMediaServices(), app.Logger);
        configure?.Invoke(app);
        app.Use(async (context, next) =>
        {
            if (!state.Authorized(context))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await new Problem(401, "unauthorized", "Unauthorized", "a valid bearer token is required (Authorization: Bearer <token>)")
                    .ToResult(context).ExecuteAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (ProblemException e)
            {
                await e.Problem.ToResult(context).ExecuteAsync(context);
            }
            catch (BadHttpRequestException e)
            {
                await new Problem(e.StatusCode == 413 ? 413 : 400, e.StatusCode == 413 ? "too-large" : "bad-request", "Bad request", e.Message)
                    .ToResult(context).ExecuteAsync(context);
            }
        });

        app.MapGet("/v1/capabilities", () => Results.Json(new JsonObject
        {
            ["protocol"] = Protocol,
            ["server"] = new JsonObject { ["name"] = "Editing reference studio server", ["version"] = typeof(StudioServerApp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" },
            ["models"] = new JsonArray(state.Models.Select(m => (JsonNode)Wire.Model(m.Model)).ToArray()),
        }));
        app.MapPost("/v1/jobs", (Delegate)((HttpContext context) => state.CreateAsync(context)));
        app.MapGet("/v1/jobs/{id}", (string id, HttpContext context) =>
            state.Jobs.TryGetValue(id, out var job) ? Results.Json(job.ToJson()) : Problem.NotFound($"no job '{id}'").ToResult(context));
        app.MapDelete("/v1/jobs/{id}", (string id, HttpContext context) =>
        {
            if (!state.Jobs.TryGetValue(id, out var job))
            {
                return Problem.NotFound($"no job '{id}'").ToResult(context);
            }

            if (job.IsTerminal)
            {
                state.Jobs.TryRemove(id, out _);
                TryDelete(job.Directory);
            }
            else
            {
                job.Cancel();
            }

            return Results.Json(job.ToJson(), statusCode: 202);
        });
        app.MapGet("/v1/jobs/{id}/result", (string id, HttpContext context) =>
        {
            if (!state.Jobs.TryGetValue(id, out var job))
            {
                return Problem.NotFound($"no job '{id}'").ToResult(context);
            }

            if (job.State != "succeeded" || job.ResultPath is null)
            {
                return new Problem(409, "not-ready", "No result", $"job {id} is {job.State}; a result exists once it has succeeded").ToResult(context);
            }

            if (DateTimeOffset.UtcNow - job.FinishedAt > options.ResultLifetime || !File.Exists(job.ResultPath))
            {
                return new Problem(410, "expired", "Result expired", $"the result of job {id} was kept {options.ResultLifetime.TotalMinutes:0} minutes").ToResult(context);
            }

            return Results.File(job.ResultPath, Path.GetExtension(job.ResultPath) == ".mp4" ? "video/mp4" : "video/quicktime");
        });
        return app;
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class ServerState(StudioServerOptions options, string work, IMediaServices media, ILogger logger)
    {
        private readonly byte[]? _token = string.IsNullOrEmpty(options.Token) ? null : Encoding.UTF8.GetBytes("Bearer " + options.Token);
        private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentJobs));
        private readonly ConcurrentDictionary<string, string> _idempotency = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, StudioJob> Jobs { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<(IModelProvider Provider, ModelCapabilities Model)> Models { get; } =
            options.Providers.SelectMany(p => p.Descriptor.Models.Select(m => (p, m))).ToList();

        public bool Authorized(HttpContext context)
        {
            if (_token is null || (!options.PrivateCapabilities && context.Request.Path == "/v1/capabilities"))
            {
                return true;
            }

            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            return CryptographicOperations.FixedTimeEquals(given, _token);
        }

        public async Task<IResult> CreateAsync(HttpContext context)
        {
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            if (key.Length > 0 && _idempotency.TryGetValue(key, out var existing) && Jobs.TryGetValue(existing, out var earlier))
            {
                return Results.Json(earlier.ToJson(), statusCode: 202);
            }

            var id = Guid.NewGuid().ToString("N");
            var directory = Directory.CreateDirectory(Path.Combine(work, id)).FullName;
            try
            {
                var (json, files) = await ReadAsync(context.Request, directory, context.RequestAborted);
                var (provider, request) = Parse(json, files);
                var issues = provider.Validate(request).Where(i => i.Severity == ValidationSeverity.Error).ToList();
                if (issues.Count > 0)
                {
                    throw new ProblemException(new Problem(422, "invalid-input", "Invalid request", $"model {request.ModelId} cannot make this request")
                    {
                        Errors = issues.Select(i => (i.ParamId, i.Message)).ToList(),
                    });
                }

                var job = new StudioJob(id, directory, request, provider);
                Jobs[id] = job;
                if (key.Length > 0)
                {
                    _idempotency[key] = id;
                }

                _ = Task.Run(() => RunAsync(job));
                context.Response.Headers.Location = $"/v1/jobs/{id}";
                return Results.Json(job.ToJson(), statusCode: 202);
            }
            catch
            {
                TryDelete(directory);
                throw;
            }
        }

        private (IModelProvider Provider, GenerationRequest Request) Parse(JsonObject json, Dictionary<string, string> files)
        {
            IModelProvider? provider = null;
            var request = Wire.ParseRequest(json, modelId =>
            {
                var match = modelId is null ? Models[0] : Models.FirstOrDefault(m => m.Model.ModelId == modelId);
                provider = match.Provider;
                return match.Model;
            });
            var source = files.GetValueOrDefault("source_video");
            return (provider!, request with
            {
                FirstFrame = files.GetValueOrDefault("first_frame"),
                LastFrame = files.GetValueOrDefault("last_frame"),
                Source = source is null ? null : new SourceVideo(source, 0, FrameCountOf(source)),
                References = files.Where(f => f.Key.StartsWith("reference_", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => new ReferenceImage(f.Value, MediaRole.Style)).ToList(),
            });
        }

        private long FrameCountOf(string path)
        {
            try
            {
                return media.ProbeAsync(path, CancellationToken.None).GetAwaiter().GetResult().FrameCount;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProblemException(new Problem(422, "invalid-input", "Invalid request", "source_video is not a readable video") { Errors = [("source_video", e.Message)] });
            }
        }

        private static readonly string[] FileParts = ["first_frame", "last_frame", "source_video"];

        private static async Task<(JsonObject Json, Dictionary<string, string> Files)> ReadAsync(HttpRequest request, string directory, CancellationToken cancellationToken)
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            JsonObject? json;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                json = Parse(form["request"].ToString(), "the multipart part 'request'");
                foreach (var file in form.Files)
                {
                    var path = InputPath(directory, file.Name, file.FileName, file.ContentType);
                    var output = File.Create(path);
                    await using (output)
                    {
                        await file.CopyToAsync(output, cancellationToken);
                    }

                    files[file.Name] = path;
                }
            }
            else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var reader = new StreamReader(request.Body);
                json = Parse(await reader.ReadToEndAsync(cancellationToken), "the request body");
                if (json["inputs"] is JsonObject inputs)
                {
                    foreach (var (name, value) in inputs)
                    {
                        if (value is not JsonObject inline || inline["data"]?.GetValue<string>() is not { } data)
                        {
                            throw new ProblemException(new Problem(400, "bad-request", "Bad request", $"inputs.{name}: expected {{\"media_type\", \"data\" (base64)}}"));
                        }

                        byte[] bytes;
                        try
                        {
                            bytes = Convert.FromBase64String(data);
                        }
                        catch (FormatException)
                        {
                            throw new ProblemException(new Problem(400, "bad-request", "Bad request", $"inputs.{name}.data is not base64"));
                        }

                        var path = InputPath(directory, name, inline["filename"]?.GetValue<string>(), inline["media_type"]?.GetValue<string>());
                        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
                        files[name] = path;
                    }
                }
            }
            else
            {
                throw new ProblemException(new Problem(415, "bad-request", "Unsupported media type", "send multipart/form-data or application/json"));
            }

            return (json, files);
        }

        private static string InputPath(string directory, string name, string? fileName, string? contentType)
        {
            if (!FileParts.Contains(name) && !(name.StartsWith("reference_", StringComparison.Ordinal) && int.TryParse(name.AsSpan(10), out _)))
            {
                throw new ProblemException(new Problem(400, "bad-request", "Bad request", $"unknown input '{name}' (first_frame, last_frame, source_video, reference_N)"));
            }

            var extension = Path.GetExtension(fileName ?? "") is { Length: > 1 and < 8 } e && e.All(c => char.IsAsciiLetterOrDigit(c) || c == '.')
                ? e.ToLowerInvariant()
                : contentType switch
                {
                    "image/png" => ".png",
                    "image/jpeg" => ".jpg",
                    "video/mp4" => ".mp4",
                    _ => name == "source_video" ? ".mov" : ".png",
                };
            return Path.Combine(directory, name + extension);
        }

        private static JsonObject Parse(string text, string where)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw new ProblemException(new Problem(400, "bad-request", "Bad request", $"{where} is not a JSON object"));
            }
            catch (JsonException e)
            {
                throw new ProblemException(new Problem(400, "bad-request", "Bad request", $"{where} is not valid JSON: {e.Message}"));
            }
        }

        private async Task RunAsync(StudioJob job)
        {
            try
            {
                await _slots.WaitAsync(job.Cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                job.Start();
                var scratch = Directory.CreateDirectory(Path.Combine(job.Directory, "scratch")).FullName;
                var context = new ServerProviderContext(job, media, scratch, logger);
                var result = await job.Provider.GenerateAsync(job.Request, context, job.Cancellation.Token);
                var path = Path.Combine(job.Directory, "result" + (Path.GetExtension(result.VideoPath) is { Length: > 0 } ext ? ext : ".mov"));
                File.Move(result.VideoPath, path, overwrite: true);
                job.Succeed(result, path);
            }
            catch (OperationCanceledException)
            {
                job.Cancel();
            }
            catch (PluginException e)
            {
                job.Fail(new Problem(500, "generation-failed", "Generation failed", e.Message, e.IsTransient));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
            {
                logger.LogError(e, "job {JobId} failed", job.Id);
                job.Fail(new Problem(500, "internal", "Internal error", "the model failed unexpectedly; see the server log", true));
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}
