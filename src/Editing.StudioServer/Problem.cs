using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Editing.StudioServer;

/// <summary>An RFC 9457 problem with the protocol's <c>code</c> and <c>retryable</c> members.</summary>
internal sealed record Problem(int Status, string Code, string Title, string Detail, bool Retryable = false)
{
    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];

    public JsonObject ToJson(string? instance = null)
    {
        var json = new JsonObject
        {
            ["type"] = "urn:editing-studio:problem:" + Code,
            ["title"] = Title,
            ["status"] = Status,
            ["detail"] = Detail,
            ["code"] = Code,
            ["retryable"] = Retryable,
        };
        if (instance is not null)
        {
            json["instance"] = instance;
        }

        if (Errors.Count > 0)
        {
            json["errors"] = new JsonArray(Errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["message"] = e.Message }).ToArray());
        }

        return json;
    }

    public IResult ToResult(HttpContext context) =>
        Results.Json(ToJson(context.Request.Path), contentType: "application/problem+json", statusCode: Status);

    public static Problem NotFound(string what) => new(404, "not-found", "Not found", what);
}

/// <summary>A request the server refuses; carries its problem.</summary>
internal sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;
}
