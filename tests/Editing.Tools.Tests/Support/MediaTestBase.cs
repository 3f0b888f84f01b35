using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Tools.Tests.Support;

/// <summary>Runs tools for real: the shared plate, the host's media services and the previs provider in process.</summary>
public abstract class MediaTestBase(TestMedia media) : IDisposable
{
    private readonly List<TestToolContext> _contexts = [];

    protected TestMedia Media { get; } = media;

    protected PrevisAccess Provider { get; } = new(media.Media, Path.Combine(media.Folder, "runs"));

    /// <summary>A scratch folder for the test's own files (edge frames...).</summary>
    protected string Folder { get; } = Directory.CreateDirectory(Path.Combine(media.Folder, "test-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Runs <paramref name="toolId"/> on <paramref name="clip"/> after validating as the host does.</summary>
    protected async Task<(ToolResult Result, TestToolContext Context)> RunAsync(string toolId, ClipContext clip, string values = "{}",
        ProviderAccess? providers = null)
    {
        var tool = Tools.Create(toolId);
        var parsed = Tools.Values(values);
        var errors = Tools.Validate(tool, clip, parsed).Where(i => i.Severity == ValidationSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        var context = new TestToolContext(Media.Media, providers ?? Provider, Folder);
        _contexts.Add(context);
        var result = await tool.RunAsync(clip, tool.Descriptor.Schema.Normalize(parsed), context, CancellationToken.None);
        AssertProgressIsMonotonic(context);
        return (result, context);
    }

    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static void AssertProgressIsMonotonic(TestToolContext context)
    {
        var fractions = context.Progress.Select(p => p.Fraction).ToList();
        Assert.NotEmpty(fractions);
        for (var i = 1; i < fractions.Count; i++)
        {
            Assert.True(fractions[i] >= fractions[i - 1], $"progress went back from {fractions[i - 1]} to {fractions[i]}");
        }

        Assert.Equal(1, fractions[^1]);
    }
}
