using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Fcp7;

internal sealed partial class Fcp7XmlWriter
{
    private XmlNode SequenceForTimeline(Timeline timeline)
    {
        var stack = timeline.Tracks ?? new Stack();
        var duration = stack.Duration();
        var range = new TimeRange(timeline.GlobalStartTime ?? new RationalTime(0, duration.Rate), duration);
        return BackReferenced(timeline, "sequence", () =>
        {
            var sequence = WithMetadata("sequence", timeline);
            AddStackElements(stack, sequence, range);
            // A timeline's sequence is named after the timeline rather than its stack.
            if (timeline.Name.Length > 0)
            {
                sequence.Find("name")!.Text = timeline.Name;
            }
            if (timeline.GlobalStartTime is { } start)
            {
                sequence.Children.Add(TimecodeFromMetadata(start, TimecodeMetadata(timeline)));
            }
            return sequence;
        }, "sequence");
    }

    private XmlNode SequenceForStack(Stack stack, TimeRange range)
        => BackReferenced(stack, "sequence", () =>
        {
            var sequence = WithMetadata("sequence", stack);
            AddStackElements(stack, sequence, range);
            return sequence;
        }, "sequence");

    private void AddStackElements(Stack stack, XmlNode sequence, TimeRange range)
    {
        sequence.Append("name", stack.Name);
        sequence.Append("duration", F0(range.Duration.Value));
        sequence.Children.Add(Rate(range.StartTime.Rate));
        var trackRate = range.StartTime.Rate;
        var media = sequence.GetOrCreate("media");
        var video = media.GetOrCreate("video");
        var audio = media.GetOrCreate("audio");
        // Resolve expects a <format> after <video>, even an empty one.
        video.GetOrCreate("format");
        // Video before audio whatever order the metadata had them in.
        media.Clear();
        media.Children.Add(video);
        media.Children.Add(audio);
        foreach (var track in stack.Children.OfType<Track>())
        {
            var e = TrackElement(track, trackRate);
            if (track.Kind == Track.VideoKind)
            {
                video.Children.Add(e);
            }
            else if (track.Kind == Track.AudioKind)
            {
                audio.Children.Add(e);
            }
        }
        foreach (var marker in stack.Markers)
        {
            sequence.Children.Add(MarkerElement(marker));
        }
    }

    private XmlNode TrackElement(Track track, double trackRate)
    {
        var e = WithMetadata("track", track);
        var ranges = track.RangeOfAllChildren();
        var children = track.Children;
        for (var n = 0; n < children.Count; n++)
        {
            var item = children[n];
            if (item is Gap)
            {
                continue;
            }
            RationalTime? headOffset = null, tailOffset = null;
            if (item is not Transition)
            {
                if (n > 0 && children[n - 1] is Transition previous && previous.OutOffset.Value != 0)
                {
                    headOffset = previous.InOffset;
                }
                if (n + 1 < children.Count && children[n + 1] is Transition next && next.InOffset.Value != 0)
                {
                    tailOffset = next.OutOffset;
                }
            }
            var range = new TimeRange(ranges[n].StartTime.RescaledTo(trackRate), ranges[n].Duration.RescaledTo(trackRate));
            e.Children.Add(ItemElement(item, range, headOffset, tailOffset));
        }
        return e;
    }

    private XmlNode ItemElement(Composable item, TimeRange range, RationalTime? head, RationalTime? tail) => item switch
    {
        Transition t => TransitionElement(t, range),
        Clip { MediaReference: MissingReference } c => ClipWithoutMedia(c, range, head, tail),
        Clip c => ClipElement(c, range, head, tail),
        Stack s => StackItem(s, range, head, tail),
        _ => throw NotSupported($"unsupported item in a track: {item}"),
    };

    private static void FrameBlend(XmlNode e)
    {
        if (!e.HasAttribute("frameBlend"))
        {
            e.SetAttribute("frameBlend", "FALSE");
        }
    }

    private XmlNode ClipWithoutMedia(Clip clip, TimeRange range, RationalTime? head, RationalTime? tail)
        => BackReferenced(clip, "clipitem", () =>
        {
            var e = WithMetadata("clipitem", clip);
            FrameBlend(e);
            var reference = clip.MediaReference!;
            var mediaStart = reference.AvailableRange?.StartTime ?? new RationalTime(0, range.StartTime.Rate);
            e.Append("name", clip.Name);
            e.Children.Add(EmptyFile(reference, range));
            foreach (var m in clip.Markers)
            {
                e.Children.Add(MarkerElement(m));
            }
            ItemTimings(e, clip, range, head, tail, mediaStart);
            return e;
        }, "clipitem");

    private XmlNode ClipElement(Clip clip, TimeRange range, RationalTime? head, RationalTime? tail)
    {
        var reference = clip.MediaReference!;
        var isGenerator = reference is GeneratorReference;
        var isGeneratorItem = isGenerator && FcpMetadata(reference)?.ContainsKey("effecttype") == true;
        var tag = isGeneratorItem ? "generatoritem" : "clipitem";
        return BackReferenced(clip, "clipitem", () =>
        {
            var e = WithMetadata(tag, clip);
            FrameBlend(e);
            e.Children.Add(isGeneratorItem ? GeneratorEffect(clip) : FileElement(reference));
            e.Append("name", clip.Name);
            var itemRate = (clip.SourceRange ?? range).StartTime.Rate;
            if (reference.AvailableRange is not null)
            {
                e.Children.Add(Rate(itemRate));
            }
            foreach (var m in clip.Markers)
            {
                e.Children.Add(MarkerElement(m));
            }
            var timecode = reference.AvailableRange?.StartTime ?? new RationalTime(0, itemRate);
            ItemTimings(e, clip, range, head, tail, timecode);
            return e;
        }, tag);
    }

    private XmlNode StackItem(Stack stack, TimeRange range, RationalTime? head, RationalTime? tail)
        => BackReferenced(stack, "clipitem", () =>
        {
            var e = WithMetadata("clipitem", stack);
            FrameBlend(e);
            e.Append("name", PosixBaseName(stack.Name));
            var sequence = SequenceForStack(stack, range);
            var rate = (stack.SourceRange ?? throw NotSupported($"nested stack '{stack.Name}' has no source range")).StartTime.Rate;
            e.Children.Add(Rate(rate));
            foreach (var m in stack.Markers)
            {
                e.Children.Add(MarkerElement(m));
            }
            e.Children.Add(sequence);
            ItemTimings(e, stack, range, head, tail, new RationalTime(0, range.StartTime.Rate));
            return e;
        }, "clipitem");

    private XmlNode GeneratorEffect(Clip clip)
    {
        var generator = (GeneratorReference)clip.MediaReference!;
        var md = FcpMetadata(generator);
        if (md is null)
        {
            return EmptyFile(generator, clip.SourceRange ?? throw NotSupported($"clip '{clip.Name}' has no source range"));
        }
        var effect = DictToTree(md, "effect");
        foreach (var required in new[] { "effecttype", "mediatype", "effectcategory" })
        {
            if (effect.Find(required) is null)
            {
                return EmptyFile(generator, clip.SourceRange ?? throw NotSupported($"clip '{clip.Name}' has no source range"));
            }
        }
        effect.Append("name", generator.Name);
        effect.Append("effectid", generator.GeneratorKind);
        return effect;
    }

    private void ItemTimings(XmlNode e, Item item, TimeRange range, RationalTime? head, RationalTime? tail, RationalTime timecode)
    {
        var source = item.SourceRange ?? throw NotSupported($"'{item.Name}' has no source range");
        var itemRate = source.StartTime.Rate;
        var sourceStart = (source.StartTime - timecode).RescaledTo(itemRate);
        var sourceEnd = (source.EndTimeExclusive() - timecode).RescaledTo(itemRate);
        var start = F0(range.StartTime.Value);
        var end = F0(range.EndTimeExclusive().Value);
        e.Children.Add(Rate(itemRate));
        if (head is { } h)
        {
            start = "-1";
            sourceStart -= h;
        }
        if (tail is { } t)
        {
            end = "-1";
            sourceEnd += t;
        }
        e.Append("duration", F0(source.Duration.Value));
        e.Append("start", start);
        e.Append("end", end);
        e.Append("in", F0(sourceStart.Value));
        e.Append("out", F0(sourceEnd.Value));
    }

    private XmlNode EmptyFile(MediaReference reference, TimeRange parentRange)
        => BackReferenced(reference, "file", () =>
        {
            var e = WithMetadata("file", reference);
            e.Append("name", reference.Name);
            var available = reference.AvailableRange ?? new TimeRange(new RationalTime(0, parentRange.StartTime.Rate), parentRange.Duration);
            var rate = available.StartTime.Rate;
            e.Children.Add(Rate(rate));
            // Only a duration the media had: slugs, for example, have none.
            if (reference.AvailableRange is not null)
            {
                e.Append("duration", F0(available.Duration.RescaledTo(rate).Value));
            }
            e.Children.Add(TimecodeFromMetadata(available.StartTime, TimecodeMetadata(reference)));
            var media = e.GetOrCreate("media");
            if (media.Find("video") is null)
            {
                media.Append("video");
            }
            return e;
        }, "file");

    private XmlNode FileElement(MediaReference reference)
        => BackReferenced(reference, "file", () =>
        {
            var e = WithMetadata("file", reference);
            var available = reference.AvailableRange ?? throw NotSupported($"media reference '{reference.Name}' has no available range; FCP 7 XML needs the file's duration");
            string fallbackName;
            string? urlPath = null;
            switch (reference)
            {
                case ExternalReference ext:
                    e.Append("pathurl", ext.TargetUrl);
                    urlPath = UrlPath(ext.TargetUrl);
                    fallbackName = reference.Name.Length > 0 ? reference.Name : PosixBaseName(urlPath);
                    break;
                case ImageSequenceReference seq:
                    var pattern = AbstractTargetUrl(seq);
                    e.Append("pathurl", pattern);
                    urlPath = UrlPath(pattern);
                    fallbackName = reference.Name.Length > 0 ? reference.Name : PosixBaseName(urlPath);
                    break;
                case GeneratorReference gen:
                    e.Append("mediaSource", gen.GeneratorKind);
                    fallbackName = gen.GeneratorKind;
                    break;
                default:
                    throw NotSupported($"media reference {reference} cannot be written as an FCP 7 file");
            }
            e.Append("name", reference.Name.Length > 0 ? reference.Name : fallbackName);
            e.Children.Add(Rate(available.StartTime.Rate));
            e.Append("duration", F0(available.Duration.Value));
            e.Children.Add(TimecodeFromMetadata(available.StartTime, TimecodeMetadata(reference)));
            var existing = e.Find("media");
            if (existing is null || existing.Children.Count == 0)
            {
                // Flag the content types, or NLEs do not recognise the file.
                var media = e.GetOrCreate("media");
                var hasVideo = urlPath is not null && !AudioExtensions.Contains(Path.GetExtension(urlPath).ToLowerInvariant());
                if (hasVideo && media.Find("video") is null)
                {
                    media.Append("video");
                }
                if (media.Find("audio") is null)
                {
                    media.Append("audio");
                }
            }
            return e;
        }, "file");

    private XmlNode TransitionElement(Transition transition, TimeRange range)
    {
        var e = WithMetadata("transitionitem", transition);
        e.Append("start", F0(range.StartTime.Value));
        e.Append("end", F0(range.EndTimeExclusive().Value));
        if (e.Find("alignment") is null)
        {
            var alignment = transition.InOffset.Value == 0 ? "start-black" : transition.OutOffset.Value == 0 ? "end-black" : "center";
            e.Append("alignment", alignment);
        }
        e.Children.Add(Rate(range.StartTime.Rate));
        if (e.Find("effect") is not { Children.Count: > 0 })
        {
            var effectId = FcpMetadata(transition)?.TryGetValue("effectid", out var id) == true && id is not null ? PyFormat.Str(id) : "Cross Dissolve";
            var effect = e.Append("effect");
            effect.Append("name", transition.Name);
            effect.Append("effectid", effectId);
            effect.Append("effecttype", "transition");
            effect.Append("mediatype", "video");
        }
        return e;
    }

    private static XmlNode MarkerElement(Marker marker)
    {
        var e = WithMetadata("marker", marker);
        var range = marker.MarkedRange;
        e.Append("name", marker.Name);
        e.Append("in", F0(range.StartTime.Value));
        e.Append("out", F0(range.StartTime.Value + range.Duration.Value));
        return e;
    }

    /// <summary>The path part of a URL (<c>urlparse(url).path</c>), e.g. <c>/D%3a/media/x.mov</c>.</summary>
    private static string UrlPath(string url)
    {
        var s = url;
        var hash = s.IndexOf('#');
        if (hash >= 0)
        {
            s = s[..hash];
        }
        var query = s.IndexOf('?');
        if (query >= 0)
        {
            s = s[..query];
        }
        var colon = s.IndexOf(':');
        if (colon > 0 && s[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(s[0]))
        {
            s = s[(colon + 1)..];
        }
        if (s.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = s.IndexOf('/', 2);
            s = slash >= 0 ? s[slash..] : string.Empty;
        }
        return s;
    }

    private static string AbstractTargetUrl(ImageSequenceReference seq)
    {
        var baseUrl = seq.TargetUrlBase;
        if (baseUrl.Length > 0 && !baseUrl.EndsWith('/'))
        {
            baseUrl += "/";
        }
        return $"{baseUrl}{seq.NamePrefix}%0{seq.FrameZeroPadding}d{seq.NameSuffix}";
    }

    private static string PosixBaseName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
