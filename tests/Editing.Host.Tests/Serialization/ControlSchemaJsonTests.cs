using System.Collections;
using System.Reflection;
using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Sdk;
using Editing.Sdk.Controls;

namespace Editing.Host.Tests.Serialization;

/// <summary>Control schemas cross the worker protocol in <c>describe</c>: every parameter type, every property.</summary>
public sealed class ControlSchemaJsonTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>One parameter of every type with every settable property away from its default.</summary>
    public static TheoryData<string> ParameterTypes() => [.. Samples().Select(p => p.GetType().Name + ":" + p.TypeName)];

    private static IEnumerable<ControlParameter> Samples() =>
    [
        new BoolParameter("enabled") { Label = "Enabled", Description = "On or off.", Group = "Main", Required = true, Advanced = true, Default = true },
        new IntParameter("frames")
        {
            Label = "Frames", Description = "How many.", Group = "Timing", Required = true, Advanced = true,
            Minimum = 1, Maximum = 1001, SoftMinimum = 9, SoftMaximum = 257, Step = 4, Unit = "frames", Default = 49,
        },
        new FloatParameter("strength")
        {
            Label = "Strength", Description = "How much.", Group = "Look", Required = true, Advanced = true,
            Minimum = -1, Maximum = 2.5, SoftMinimum = 0, SoftMaximum = 1, Step = 0.25, Unit = "%", Default = 0.75,
        },
        new SeedParameter("seed") { Label = "Seed", Description = "Randomness.", Group = "G", Required = true, Advanced = true, Minimum = 1, Maximum = 99, Default = 42 },
        new StringParameter("prompt")
        {
            Label = "Prompt", Description = "What to show.", Group = "Text", Required = true, Advanced = true,
            MinLength = 3, MaxLength = 500, LengthUnit = TextLengthUnit.Words, Role = TextRole.NegativePrompt, Multiline = true, Default = "no rain please",
        },
        new EnumParameter("move")
        {
            Label = "Move", Description = "Camera move.", Group = "Camera", Required = true, Advanced = true,
            Options = [new EnumOption("dolly-in", "Dolly in", "Closer."), new EnumOption("static", "Static")], Default = "static",
        },
        new TimeParameter("offset")
        {
            Label = "Offset", Description = "When.", Group = "Timing", Required = true, Advanced = true,
            Kind = TimeKind.Duration, Minimum = new RationalTime(0, 24), Maximum = new RationalTime(240, 24), Default = new RationalTime(1001, 30000),
        },
        new MediaReferenceParameter("mask")
        {
            Label = "Mask", Description = "Where.", Group = "Inputs", Required = true, Advanced = true,
            Kind = MediaKind.Mask, Role = MediaRole.Style, Extensions = [".png", ".exr"], Default = new MediaReferenceValue("clip:first"),
        },
        new MediaReferenceParameter("plate")
        {
            Label = "Plate", Description = "Source.", Group = "Inputs", Required = true, Advanced = true,
            Kind = MediaKind.Frame, Role = MediaRole.Source, Extensions = [".dll"], Default = new MediaReferenceValue(typeof(ControlSchemaJsonTests).Assembly.Location, 12),
        },
        new PointParameter("centre")
        {
            Label = "Centre", Description = "Focus.", Group = "Look", Required = true, Advanced = true,
            CoordinateSystem = CoordinateSystem.Pixels, Default = new PointValue(960, 540),
        },
        new RectParameter("crop")
        {
            Label = "Crop", Description = "Area.", Group = "Look", Required = true, Advanced = true,
            CoordinateSystem = CoordinateSystem.Pixels, Default = new RectValue(10, 20, 300, 200),
        },
        new ColorParameter("tint")
        {
            Label = "Tint", Description = "Colour.", Group = "Look", Required = true, Advanced = true, HasAlpha = true, Default = new ColorValue(0.25, 0.5, 0.75, 0.5),
        },
        new CameraMotionParameter("camera")
        {
            Label = "Camera", Description = "Move.", Group = "Camera", Required = true, Advanced = true,
            Default = new CameraMotion { Pan = 0.25, Zoom = -0.5, Easing = Easing.EaseInOut },
        },
        new KeyframedParameter("opacity", new FloatParameter("value") { Minimum = 0, Maximum = 1, Default = 1, Unit = "%" })
        {
            Label = "Opacity", Description = "Over time.", Group = "Look", Required = true, Advanced = true,
            Interpolation = KeyframeInterpolation.Smooth, Default = new KeyframedValue([new Keyframe(0, 0), new Keyframe(48, 0.8)], KeyframeInterpolation.Hold),
        },
        new ArrayParameter("refs", new MediaReferenceParameter("ref") { Kind = MediaKind.Image, Extensions = [".jpg"] })
        {
            Label = "References", Description = "Looks.", Group = "Inputs", Required = true, Advanced = true,
            MinItems = 1, MaxItems = 4, Default = [Json("{\"path\": \"clip:first\"}")],
        },
    ];

    [Theory]
    [MemberData(nameof(ParameterTypes))]
    public void Every_parameter_type_round_trips_every_property(string name)
    {
        var original = Samples().Single(p => p.GetType().Name + ":" + p.TypeName == name);

        var json = JsonSerializer.Serialize<ControlParameter>(original, SdkJson.Options);
        var read = JsonSerializer.Deserialize<ControlParameter>(json, SdkJson.Options)!;

        Assert.IsType(original.GetType(), read);
        AssertSameProperties(original, read, original.Id);
        Assert.Equal(json, JsonSerializer.Serialize(read, SdkJson.Options));
    }

    [Theory]
    [MemberData(nameof(ParameterTypes))]
    public void The_samples_set_every_settable_property(string name)
    {
        // Guards the round-trip test: a property added to a parameter type later must be set here (and written).
        var sample = Samples().Single(p => p.GetType().Name + ":" + p.TypeName == name);
        var blank = Blank(sample);
        var unset = Settable(sample.GetType())
            .Where(p => p.Name is not "Id")
            .Where(p => Same(p.GetValue(sample), p.GetValue(blank)))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(unset);
    }

    [Fact]
    public void A_schema_round_trips_in_order_with_the_type_discriminator()
    {
        var schema = new ControlSchema(Samples());

        var json = JsonSerializer.Serialize(schema, SdkJson.Options);
        var read = JsonSerializer.Deserialize<ControlSchema>(json, SdkJson.Options)!;

        Assert.Equal(schema.Parameters.Select(p => p.Id), read.Parameters.Select(p => p.Id));
        Assert.Equal(schema.ToJsonSchema(), read.ToJsonSchema());
        Assert.Equal(json, JsonSerializer.Serialize(read, SdkJson.Options));
        Assert.StartsWith("{\"parameters\":[{\"type\":\"bool\",\"id\":\"enabled\",\"label\":\"Enabled\",", json);
    }

    [Fact]
    public void Unset_optional_fields_are_not_written()
    {
        var json = JsonSerializer.Serialize<ControlParameter>(new FloatParameter("gain"), SdkJson.Options);

        Assert.Equal("{\"type\":\"float\",\"id\":\"gain\"}", json);
    }

    [Fact]
    public void An_unknown_type_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ControlSchema>("{\"parameters\": [{\"type\": \"slider\", \"id\": \"x\"}]}", SdkJson.Options));

        Assert.StartsWith("unknown control parameter type 'slider' (known: bool, int, float, seed, string, enum, time, duration, image, mask, frame, video, audio, point, rect, color, camera-motion, keyframed, array)", error.Message);
    }

    [Fact]
    public void An_invalid_definition_is_refused_as_json()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ControlParameter>("{\"type\": \"int\", \"id\": \"Bad Id\"}", SdkJson.Options));

        Assert.StartsWith("invalid 'int' control parameter 'Bad Id': parameter id 'Bad Id' must match", error.Message);
    }

    private static ControlParameter Blank(ControlParameter sample) => sample switch
    {
        KeyframedParameter k => new KeyframedParameter(k.Id, new FloatParameter("value")),
        ArrayParameter a => new ArrayParameter(a.Id, new BoolParameter("item")),
        _ => (ControlParameter)Activator.CreateInstance(sample.GetType(), sample.Id)!,
    };

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static void AssertSameProperties(object expected, object actual, string path)
    {
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (e is ControlParameter nested)
            {
                AssertSameProperties(nested, a!, path + "." + property.Name);
            }
            else
            {
                Assert.True(Same(e, a), $"{path}.{property.Name}: expected {Show(e)}, got {Show(a)}");
            }
        }
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonElement x, JsonElement y) => JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y),
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().Count() == y.Cast<object?>().Count() && x.Cast<object?>().Zip(y.Cast<object?>()).All(p => Same(p.First, p.Second)),
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        JsonElement e => e.GetRawText(),
        string s => s,
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
