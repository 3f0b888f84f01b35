using System.Text.Json;
using Editing.Host.Protocol;
using Editing.Otio.OpenTime;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;

namespace Editing.Host.Tests.Protocol;

/// <summary>Every SDK type the protocol carries survives SdkJson: written, read and written again, it is the same.</summary>
public sealed class MessageSerializationTests
{
    private static void AssertRoundTrips<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, SdkJson.Options);
        var read = JsonSerializer.Deserialize<T>(json, SdkJson.Options);

        Assert.Equal(json, JsonSerializer.Serialize(read, SdkJson.Options));
        Assert.DoesNotContain('\n', json);
    }

    private static TimeRange Range(double start, double duration) => new(new RationalTime(start, 24), new RationalTime(duration, 24));

    [Fact]
    public void A_full_clip_context_round_trips()
    {
        var media = new ClipMedia
        {
            Path = "/media/A003C012.mov",
            Exists = true,
            ReferenceKey = "DEFAULT_MEDIA",
            AvailableRange = Range(86400, 500),
            Description = new MediaDescription { Path = "/media/A003C012.mov", VideoCodec = "prores", Size = new PixelSize(3840, 2160), Rate = new VideoRate(24000, 1001), FrameCount = 500, StartTimecode = "01:00:00:00", AudioSampleRate = 48000, AudioChannels = 2, AudioSampleCount = 1_001_000 },
        };
        var clip = TestPlugins.Clip() with
        {
            Media = media,
            MediaReferenceKeys = ["DEFAULT_MEDIA", "editing_v001"],
            ActiveMediaReferenceKey = "DEFAULT_MEDIA",
            FirstFramePath = "/tmp/first.png",
            TimelineStart = new RationalTime(86400, 24),
            Previous = new NeighbourContext { Kind = ItemKind.Gap, Name = "gap", RecordRange = Range(0, 24) },
            Next = new NeighbourContext { Kind = ItemKind.Clip, Name = "sh020", RecordRange = Range(72, 10), Media = media, Handle = new RationalTime(5, 24), EdgeFramePath = "/tmp/next.png" },
            Markers = [new MarkerInfo("fix", "RED", Range(3, 1), "sky")],
            TimeWarp = new TimeWarpInfo("LinearTimeWarp", 2),
            Metadata = JsonDocument.Parse("""{"resolve": {"color": "Orange"}, "n": 1.5}""").RootElement,
        };

        AssertRoundTrips(clip);
        Assert.Contains("\"record_range\":{\"start_time\":{\"value\":24,\"rate\":24},\"duration\":{\"value\":48,\"rate\":24}}", JsonSerializer.Serialize(clip, SdkJson.Options));
    }

    [Fact]
    public void A_tool_result_with_every_edit_kind_round_trips()
    {
        var result = new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "out1", VideoPath = "/s/a.mov", FrameCount = 49, AudioPath = "/s/a.wav", StartTimecode = "01:00:02:00", Label = "ext-tail", PartlyGenerated = true,
                    Ingredients = [new Ingredient("/m/src.mov", "source", 10, 20)],
                    Generation = new GenerationResult { VideoPath = "/s/g.mov", FrameCount = 49, Size = new PixelSize(1280, 720), Rate = new VideoRate(24, 1), Seed = 3, ProviderId = "p", ModelId = "m", TrainingData = new TrainingDataDeclaration("licensed", "X"), Warnings = ["w"] },
                },
            ],
            Edits =
            [
                new ReplaceActiveMedia { OutputId = "out1" },
                new AddVariant { OutputId = "out1", MakeActive = true },
                new InsertClip { OutputId = "out1", Position = InsertPosition.After, Mode = InsertMode.Overwrite, ClipName = "sh010 ext-tail" },
                new FillGap { OutputId = "out1", ClipName = "fill" },
                new ReplaceWithRender { OutputId = "out1" },
            ],
            Warnings = ["shortened"],
        };

        AssertRoundTrips(result);
        var read = JsonSerializer.Deserialize<ToolResult>(JsonSerializer.Serialize(result, SdkJson.Options), SdkJson.Options)!;
        Assert.Equal(result.Edits.Select(e => e.GetType()), read.Edits.Select(e => e.GetType()));
    }

    [Fact]
    public void A_generation_request_round_trips()
    {
        var request = new GenerationRequest
        {
            Mode = GenerationMode.Extension,
            ModelId = "m",
            Size = new PixelSize(1280, 720),
            Rate = new VideoRate(30000, 1001),
            FrameCount = 121,
            Seed = 4_000_000_000,
            Prompt = "dusk",
            NegativePrompt = "text",
            FirstFrame = "/f.png",
            Source = new SourceVideo("/m/src.mov", 100, 48),
            Direction = ExtensionDirection.Backward,
            References = [new ReferenceImage("/r.png", MediaRole.Style, 0.5)],
            CameraMotion = new CameraMotion { Tilt = 0.5, Easing = Easing.EaseOut },
            Strength = 0.3,
            Slate = new SlateInfo("sh010", "01:00:00:00", "cut"),
        };

        AssertRoundTrips(request);
    }

    [Fact]
    public void Descriptors_round_trip_with_their_schemas()
    {
        var tool = new ToolDescriptor
        {
            Id = "com.studio.relight",
            Version = SemanticVersion.Parse("2.1.0-rc.1"),
            Applications = [ToolApplication.ExtendHead, ToolApplication.ExtendTail],
            Targets = [ItemKind.Clip],
            Inputs = [ToolInput.SourceMedia, ToolInput.NeighbourFrames],
            Schema = new ControlSchema(new FloatParameter("strength") { Minimum = 0, Maximum = 1, Default = 0.5 }, new SeedParameter("seed")),
            ProviderModes = [GenerationMode.ImageToVideo],
            Deterministic = true,
        };
        var provider = new ProviderDescriptor
        {
            Id = "com.studio.catalog",
            Version = SemanticVersion.Parse("1.0.0"),
            Remote = true,
            Models = [new ModelCapabilities { ModelId = "m1", Modes = [GenerationMode.TextToVideo], NativeSizes = [new PixelSize(1280, 720)], NativeRates = [new VideoRate(24, 1)], SizeMultiple = 16, FrameGrid = new FrameCountGrid(8, 1), MinDuration = new RationalTime(24, 24), MaxDuration = new RationalTime(240, 24), AllowedDurations = [new RationalTime(5, 1)], MaxPromptLength = 512 }],
        };

        AssertRoundTrips(tool);
        AssertRoundTrips(provider);
        AssertRoundTrips(new DescribeResult([tool], [provider]));
    }

    [Fact]
    public void Protocol_params_use_snake_case_names()
    {
        var json = JsonSerializer.Serialize(new InitializeParams("test.good", "/p", "G.dll", ["test.echo"], [], "1.0.0", null), SdkJson.Options);

        Assert.Equal("{\"plugin_id\":\"test.good\",\"plugin_directory\":\"/p\",\"entry\":\"G.dll\",\"tools\":[\"test.echo\"],\"providers\":[],\"host_sdk_version\":\"1.0.0\"}", json);
        AssertRoundTrips(new ProgressParams(3, 0.5, "half"));
        AssertRoundTrips(new LogParams(3, PluginLogLevel.Warning, "careful"));
        AssertRoundTrips(new RemoteError("System.X", "m", "stack", true, "C", [ValidationIssue.Warning("a", "b")]));
    }
}
