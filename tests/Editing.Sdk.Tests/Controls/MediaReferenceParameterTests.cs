using System.Text.Json;
using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class MediaReferenceParameterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("editing-sdk-media-").FullName;
    private readonly string _png;
    private readonly string _mov;

    public MediaReferenceParameterTests()
    {
        _png = Path.Combine(_folder, "ref.png");
        _mov = Path.Combine(_folder, "plate@2x.mov");
        File.WriteAllBytes(_png, [0x89, 0x50]);
        File.WriteAllBytes(_mov, [0]);
    }

    private ParseContext Here => new(24, _folder);

    private static string Json(string path, long? frame = null) =>
        JsonSerializer.Serialize(new MediaReferenceValue(path, frame), SdkJson.Options);

    [Fact]
    public void Media_default_may_be_symbolic_and_is_valid()
    {
        var first = new MediaReferenceParameter("first_frame") { Kind = MediaKind.Frame, Role = MediaRole.First, Default = new(MediaReferenceValue.ClipLast) };
        Assert.Equal("{\"path\":\"clip:last\"}", DefaultJson(first));
        AssertValid(first, DefaultJson(first));
    }

    [Fact]
    public void Media_text_accepts_paths_frame_suffixes_and_symbolic_names()
    {
        var image = new MediaReferenceParameter("ref");
        Assert.Equal(Json(_png), Text(image, "ref.png", Here));
        Assert.Equal(Json(_png), Text(image, _png, Here));
        Assert.Equal(Json(_mov, 12), Text(image, "plate@2x.mov@12", Here));
        Assert.Equal(Json(_mov), Text(image, "plate@2x.mov", Here));
        foreach (var name in MediaReferenceValue.SymbolicNames)
        {
            Assert.Equal(Json(name), Text(image, name, Here));
        }

        Assert.Equal(Json(_png), Text(image, "{\"path\":\"ref.png\"}", Here));
        TextError(image, "  ", Here);
    }

    [Fact]
    public void Media_validation_checks_real_files_but_not_symbolic_references()
    {
        var image = new MediaReferenceParameter("ref") { Extensions = ["png", ".JPG"] };
        AssertValid(image, Json(_png));
        AssertValid(image, Json(MediaReferenceValue.PreviousLast));
        var missing = Path.Combine(_folder, "missing.png");
        Assert.Equal($"file not found: {missing}", AssertSingleError(image, Json(missing)));
        Assert.Contains("allowed file types (.png, .jpg)", AssertSingleError(image, Json(_mov)), StringComparison.Ordinal);
        Assert.Contains("not an absolute path", AssertSingleError(image, Json("ref.png")), StringComparison.Ordinal);
        Assert.Contains("known: clip:first, clip:last, previous:last, next:first", AssertSingleError(image, Json("clip:middle")), StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_references_take_no_frame_and_only_stand_for_stills()
    {
        var frame = new MediaReferenceParameter("last") { Kind = MediaKind.Frame };
        AssertSingleError(frame, "{\"path\":\"clip:last\",\"frame\":3}", "last.frame");
        var audio = new MediaReferenceParameter("music") { Kind = MediaKind.Audio };
        Assert.Contains("this parameter takes audio files", AssertSingleError(audio, Json(MediaReferenceValue.ClipFirst)), StringComparison.Ordinal);
    }

    [Fact]
    public void Media_rejects_wrong_shapes()
    {
        var image = new MediaReferenceParameter("ref");
        Assert.Contains("expected a media reference", AssertSingleError(image, "\"/a.png\""), StringComparison.Ordinal);
        Assert.Contains("non-empty string \"path\"", AssertSingleError(image, "{\"path\":\"\"}"), StringComparison.Ordinal);
        Assert.Contains("0-based frame index", AssertSingleError(image, "{\"path\":\"/a.mov\",\"frame\":-1}"), StringComparison.Ordinal);
        Assert.Contains("unknown property 'uri'", AssertSingleError(image, "{\"path\":\"/a.mov\",\"uri\":\"x\"}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Media_reference_value_guards_its_arguments()
    {
        Assert.Throws<ArgumentException>(() => new MediaReferenceValue(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaReferenceValue("/a.mov", -1));
        Assert.True(new MediaReferenceValue("next:first").IsSymbolic);
        Assert.False(new MediaReferenceValue("/next:first").IsSymbolic);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
