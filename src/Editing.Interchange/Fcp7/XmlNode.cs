using System.Text;

namespace Editing.Interchange.Fcp7;

/// <summary>
/// A minimal element tree with ElementTree's semantics (ordered attributes, text, children; find the first child by
/// tag) and a printer that lays it out exactly as Python's <c>minidom.toprettyxml(indent='    ')</c> does, which is
/// what the reference writer's output looks like.
/// </summary>
internal sealed class XmlNode(string tag)
{
    public string Tag { get; } = tag;

    public List<KeyValuePair<string, string>> Attributes { get; } = [];

    public List<XmlNode> Children { get; } = [];

    public string? Text { get; set; }

    public XmlNode? Find(string tag) => Children.Find(c => c.Tag == tag);

    public bool HasAttribute(string name) => Attributes.Exists(a => a.Key == name);

    public void SetAttribute(string name, string value)
    {
        var i = Attributes.FindIndex(a => a.Key == name);
        if (i >= 0)
        {
            Attributes[i] = new KeyValuePair<string, string>(name, value);
        }
        else
        {
            Attributes.Add(new KeyValuePair<string, string>(name, value));
        }
    }

    public XmlNode Append(string tag, string? text = null)
    {
        var child = new XmlNode(tag) { Text = text };
        Children.Add(child);
        return child;
    }

    public XmlNode GetOrCreate(string tag) => Find(tag) ?? Append(tag);

    /// <summary>ElementTree's <c>clear()</c>: children, attributes and text go.</summary>
    public void Clear()
    {
        Children.Clear();
        Attributes.Clear();
        Text = null;
    }

    public string ToPrettyXml()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" ?>\n");
        Write(sb, string.Empty);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, string indent)
    {
        sb.Append(indent).Append('<').Append(Tag);
        foreach (var (name, value) in Attributes)
        {
            sb.Append(' ').Append(name).Append("=\"");
            Escape(sb, Normalize(value));
            sb.Append('"');
        }
        // ElementTree serialises empty text as no text at all, so minidom sees an empty element.
        var hasText = !string.IsNullOrEmpty(Text);
        if (Children.Count == 0 && !hasText)
        {
            sb.Append("/>\n");
            return;
        }
        sb.Append('>');
        if (Children.Count == 0)
        {
            Escape(sb, Normalize(Text!));
        }
        else
        {
            sb.Append('\n');
            if (hasText)
            {
                sb.Append(indent).Append("    ");
                Escape(sb, Normalize(Text!));
                sb.Append('\n');
            }
            foreach (var c in Children)
            {
                c.Write(sb, indent + "    ");
            }
            sb.Append(indent);
        }
        sb.Append("</").Append(Tag).Append(">\n");
    }

    /// <summary>The XML parser between ElementTree and minidom turns raw carriage returns into line feeds.</summary>
    private static string Normalize(string s) => s.Contains('\r') ? s.Replace("\r\n", "\n").Replace('\r', '\n') : s;

    /// <summary>minidom's <c>_write_data</c>: &amp;, &lt;, &quot; and &gt;.</summary>
    private static void Escape(StringBuilder sb, string s)
    {
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '"':
                    sb.Append("&quot;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
    }
}
