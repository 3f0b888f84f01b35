using Editing.Providers.Previs;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Tools.Tests.Support;

/// <summary>
/// Provider access that calls the previs provider in process and passes its result through unchanged: previs already
/// makes exactly the requested size, rate and frame count, so the host's conforming step has nothing to do. Records
/// every request for assertions.
/// </summary>
public sealed class PrevisAccess(IMediaServices media, string root) : ProviderAccess
{
    private readonly PrevisProvider _provider = new();

    public List<GenerationRequest> Requests { get; } = [];

    public override ProviderDescriptor Selected => _provider.Descriptor;

    public override ModelCapabilities SelectedModel => _provider.Descriptor.Models[0];

    public override async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        var context = new Context(media, Path.Combine(root, "provider-" + Guid.NewGuid().ToString("N")[..8]));
        return await _provider.GenerateAsync(request with { ModelId = request.ModelId ?? SelectedModel.ModelId }, context, cancellationToken);
    }

    private sealed class Context : ProviderContext
    {
        public Context(IMediaServices media, string scratch)
        {
            Media = media;
            ScratchDirectory = scratch;
            Directory.CreateDirectory(scratch);
        }

        public override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

        public override CancellationToken CancellationToken => CancellationToken.None;

        public override IPluginLogger Logger { get; } = new NullLogger();

        public override string ScratchDirectory { get; }

        public override IMediaServices Media { get; }

        public override string? GetSecret(string name) => null;

        public override void ReportProgress(double fraction, string? message = null)
        {
        }
    }

    private sealed class NullLogger : IPluginLogger
    {
        public void Log(PluginLogLevel level, string message)
        {
        }
    }
}
