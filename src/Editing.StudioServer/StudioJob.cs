using System.Globalization;
using System.Text.Json.Nodes;
using Editing.Sdk.Providers;

namespace Editing.StudioServer;

/// <summary>One generation job and its state; guarded by its own lock.</summary>
internal sealed class StudioJob(string id, string directory, GenerationRequest request, IModelProvider provider)
{
    private readonly Lock _gate = new();

    public string Id { get; } = id;

    public string Directory { get; } = directory;

    public GenerationRequest Request { get; } = request;

    public IModelProvider Provider { get; } = provider;

    public CancellationTokenSource Cancellation { get; } = new();

    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    public string State { get; private set; } = "queued";

    public double Progress { get; private set; }

    public string Message { get; private set; } = "waiting for a free slot";

    public DateTimeOffset? FinishedAt { get; private set; }

    public Problem? Error { get; private set; }

    public GenerationResult? Result { get; private set; }

    public string? ResultPath { get; private set; }

    public bool IsTerminal => State is "succeeded" or "failed" or "cancelled";

    public void Start()
    {
        lock (_gate)
        {
            if (State == "queued")
            {
                (State, Message) = ("running", "generating");
            }
        }
    }

    public void Report(double fraction, string? message)
    {
        lock (_gate)
        {
            if (State == "running")
            {
                Progress = Math.Clamp(fraction, Progress, 1);
                Message = message ?? Message;
            }
        }
    }

    public void Succeed(GenerationResult result, string path)
    {
        lock (_gate)
        {
            if (!IsTerminal)
            {
                (State, Progress, Message, Result, ResultPath, FinishedAt) = ("succeeded", 1, "done", result, path, DateTimeOffset.UtcNow);
            }
        }
    }

    public void Fail(Problem problem)
    {
        lock (_gate)
        {
            if (!IsTerminal)
            {
                (State, Error, Message, FinishedAt) = ("failed", problem, problem.Detail, DateTimeOffset.UtcNow);
            }
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            if (!IsTerminal)
            {
                (State, Message, FinishedAt) = ("cancelled", "cancelled by the client", DateTimeOffset.UtcNow);
            }
        }

        Cancellation.Cancel();
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var json = new JsonObject
            {
                ["job_id"] = Id,
                ["state"] = State,
                ["progress"] = Math.Round(Progress, 4),
                ["message"] = Message,
                ["created_at"] = CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            };
            if (Error is { } error)
            {
                json["error"] = error.ToJson();
            }

            if (Result is { } r)
            {
                json["result"] = new JsonObject
                {
                    ["frame_count"] = r.FrameCount,
                    ["width"] = r.Size.Width,
                    ["height"] = r.Size.Height,
                    ["rate"] = Wire.Rate(r.Rate),
                    ["seed"] = r.Seed,
                    ["model_id"] = r.ModelId,
                    ["model_version"] = r.ModelVersion,
                    ["content_type"] = Path.GetExtension(ResultPath) == ".mp4" ? "video/mp4" : "video/quicktime",
                    ["url"] = $"/v1/jobs/{Id}/result",
                    ["warnings"] = new JsonArray(r.Warnings.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
                };
            }

            return json;
        }
    }
}
