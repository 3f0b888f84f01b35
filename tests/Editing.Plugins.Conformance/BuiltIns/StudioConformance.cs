namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary>The studio provider describes the models its server lists; here a saved capabilities answer stands in for
/// the server (the <c>capabilities_file</c> setting), so the plugin is checked without a network call.</summary>
public sealed class StudioConformance : BuiltInConformance
{
    private static readonly string Capabilities = Write();

    public StudioConformance() => _ = Capabilities;

    protected override string Project => "Editing.Providers.Studio";

    private static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), "editing-studio-conformance-capabilities.json");
        File.WriteAllText(path, """{"protocol":"editing-studio/1","server":{"name":"c","version":"1"},"models":[{"model_id":"catalog-v1","modes":["text-to-video","image-to-video"],"first_frame":true,"native_rates":["24"],"frame_grid":{"multiple":8,"offset":1},"size_multiple":32,"training_data":{"source":"owned"}}]}""");
        Environment.SetEnvironmentVariable("EDITING_PROVIDER__EDITING_STUDIO__CAPABILITIES_FILE", path);
        return path;
    }
}
