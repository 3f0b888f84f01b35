using System.Text;
using Editing.Otio.Schema;

namespace Editing.Otio.Bundles;

/// <summary>URL and path helpers shared by the bundle reader and writer.</summary>
internal static class BundleUrls
{
    private const string FilePrefix = "file://";

    /// <summary>See <see cref="OtioBundle.FileFromUrl"/>.</summary>
    internal static string? FileFromUrl(string url)
    {
        if (!url.StartsWith(FilePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return url.Contains("://", StringComparison.Ordinal) ? null : url;
        }

        var rest = url[FilePrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[slash..];

        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }
        var fragment = path.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            path = path[..fragment];
        }
        path = PercentDecode(path);

        string result;
        if (IsDrive(authority))
        {
            // file://C:/x
            result = authority + path;
        }
        else if (path.Length >= 3 && path[0] == '/' && IsDrive(path.AsSpan(1, 2)))
        {
            // file:///C:/x and file://host/C:/x
            result = path[1..];
        }
        else if (authority.Length > 0 && !authority.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            // file://host/share/x → UNC
            result = "//" + authority + path;
        }
        else
        {
            result = path;
        }
        return result.Replace('\\', '/');
    }

    /// <summary>
    /// A <c>file://</c> URL for an absolute path: forward slashes, UTF-8 percent-encoding of everything but
    /// unreserved characters, <c>/</c> and <c>:</c>; <c>file:///C:/x</c> for drive paths and <c>file://host/share</c>
    /// for UNC paths. <see cref="FileFromUrl"/> turns it back into the path.
    /// </summary>
    internal static string FileUrlFromPath(string absolutePath)
    {
        var p = absolutePath.Replace('\\', '/');
        if (p.StartsWith("//", StringComparison.Ordinal))
        {
            return "file:" + PercentEncode(p);
        }
        if (p.Length >= 2 && IsDrive(p.AsSpan(0, 2)))
        {
            return "file:///" + PercentEncode(p);
        }
        return FilePrefix + (p.StartsWith('/') ? string.Empty : "/") + PercentEncode(p);
    }

    /// <summary>
    /// True for a URL that is a bare relative path (<c>media/a.mov</c>): no scheme, not rooted, no drive letter.
    /// The empty string counts as relative (the bundle folder itself).
    /// </summary>
    internal static bool IsRelativeBarePath(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (url.StartsWith('/') || url.StartsWith('\\'))
        {
            return false;
        }
        return !(url.Length >= 2 && IsDrive(url.AsSpan(0, 2)));
    }

    /// <summary>
    /// Rewrites every relative <see cref="ExternalReference.TargetUrl"/> and
    /// <see cref="ImageSequenceReference.TargetUrlBase"/> of every clip's media references to an absolute
    /// <c>file://</c> URL against <paramref name="bundleRoot"/>.
    /// </summary>
    internal static void MakeMediaUrlsAbsolute(SerializableObject root, string bundleRoot)
    {
        var rootFull = Path.GetFullPath(bundleRoot);
        foreach (var clip in BundleClips.Find(root))
        {
            foreach (var reference in clip.MediaReferences.Values)
            {
                switch (reference)
                {
                    case ExternalReference ext when ext.TargetUrl.Length > 0 && IsRelativeBarePath(ext.TargetUrl):
                        ext.TargetUrl = FileUrlFromPath(Path.GetFullPath(ext.TargetUrl, rootFull));
                        break;
                    case ImageSequenceReference seq when IsRelativeBarePath(seq.TargetUrlBase):
                        var url = FileUrlFromPath(Path.GetFullPath(seq.TargetUrlBase.Length == 0 ? "." : seq.TargetUrlBase, rootFull));
                        seq.TargetUrlBase = url.EndsWith('/') ? url : url + "/";
                        break;
                }
            }
        }
    }

    private static bool IsDrive(ReadOnlySpan<char> s) => s.Length == 2 && char.IsAsciiLetter(s[0]) && s[1] == ':';

    private static string PercentDecode(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal))
        {
            return s;
        }
        var bytes = new List<byte>(s.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                bytes.Add((byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2])));
                i += 2;
                continue;
            }
            if (char.IsSurrogatePair(s, i))
            {
                var n = Encoding.UTF8.GetBytes(s.AsSpan(i, 2), buffer);
                bytes.AddRange(buffer[..n]);
                i++;
                continue;
            }
            var m = Encoding.UTF8.GetBytes(s.AsSpan(i, 1), buffer);
            bytes.AddRange(buffer[..m]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string PercentEncode(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/' or ':')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
        return sb.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
