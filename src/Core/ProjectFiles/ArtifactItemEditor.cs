using System.Xml;
using System.Xml.Linq;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.ProjectFiles;

/// <summary>
/// Adds a DownloadArtifact item to the text of a project, <c>.props</c> or <c>.targets</c> file, or
/// updates the digest of the item that already has its URL, as <c>dotnet add package</c> edits a
/// project: System.Xml.Linq finds where (an ItemGroup that already holds DownloadArtifact items, else
/// a new one at the end), and the change is spliced into the text as written, so that comments,
/// indentation, attribute layout and the XML declaration stay as they were. Running it twice with
/// the same item changes nothing the second time.
/// </summary>
internal static class ArtifactItemEditor
{
    private const string MSBuildNamespace = "http://schemas.microsoft.com/developer/msbuild/2003";

    /// <summary>FB1006 unless <paramref name="text"/> is MSBuild XML: checked before anything is fetched for it.</summary>
    public static void Check(string text, string fileName) => Parse(text, fileName);

    /// <summary>The edited text, or <paramref name="text"/> itself when nothing changes. FB1006 when it is not MSBuild XML.</summary>
    public static string Apply(string text, string fileName, ArtifactItem item, out ItemChange change)
    {
        var document = Parse(text, fileName);
        var root = document.Root!;
        var ns = root.Name.Namespace;
        var positions = new TextPositions(text);
        var existing = root.Descendants(ns + "DownloadArtifact").FirstOrDefault(e => IsFor(e, item.Url));
        if (existing is not null)
        {
            return UpdateDigest(text, positions, existing, item.Sha256, out change);
        }

        change = ItemChange.Added;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var group = root.Elements(ns + "ItemGroup").FirstOrDefault(g => g.Elements(ns + "DownloadArtifact").Any());
        if (group is not null)
        {
            // After the group's last item, indented as it is.
            var last = group.Elements(ns + "DownloadArtifact").Last();
            var end = positions.EndOf(last);
            return text.Insert(end, newline + positions.IndentBefore(positions.StartOf(last)) + item.ToXml());
        }

        if (root.IsEmpty)
        {
            throw Refused(fileName, "its <Project> element is empty (<Project/>); give it an end tag");
        }

        // A new ItemGroup last in the project, indented as the project's first child is.
        var indent = root.Elements().FirstOrDefault() is { } child ? positions.IndentBefore(positions.StartOf(child)) : string.Empty;
        indent = indent.Length == 0 ? "  " : indent;
        var close = text.LastIndexOf("</", positions.EndOf(root) - 1, StringComparison.Ordinal);
        // At the start of the end tag's line when it is alone there, so the end tag keeps its indentation.
        var at = close - positions.IndentBefore(close).Length;
        var start = at;
        while (start > 0 && char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        // Set off from what comes before by a blank line, as dotnet add package does; what stood
        // between the last content and the end tag (a blank line in `dotnet new` templates) stays after the group.
        var between = text[start..at];
        var gap = between.Contains('\n', StringComparison.Ordinal) ? between : newline;
        var before = root.Nodes().Any(n => n is not XText t || !string.IsNullOrWhiteSpace(t.Value)) ? newline + newline : newline;
        return text[..start] + before + indent + "<ItemGroup>" + newline + indent + indent + item.ToXml() + newline + indent + "</ItemGroup>" + gap + text[at..];
    }

    private static XDocument Parse(string text, string fileName)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw Refused(fileName, $"it is not well-formed XML ({ex.Message.TrimEnd('.')})");
        }

        var root = document.Root!;
        if (root.Name.LocalName != "Project" || (root.Name.NamespaceName.Length > 0 && root.Name.NamespaceName != MSBuildNamespace))
        {
            throw Refused(fileName, $"its root element is <{root.Name.LocalName}>, not <Project>");
        }

        return document;
    }

    /// <summary>The item's Sha256 attribute or metadata element set to <paramref name="sha256"/>, or one added after its Include.</summary>
    private static string UpdateDigest(string text, TextPositions positions, XElement item, string sha256, out ItemChange change)
    {
        change = ItemChange.Updated;
        if (item.Attribute("Sha256") is { } attribute)
        {
            if (string.Equals(attribute.Value.Trim(), sha256, StringComparison.OrdinalIgnoreCase))
            {
                change = ItemChange.Unchanged;
                return text;
            }

            var (start, end) = positions.ValueOf(attribute);
            return text[..start] + sha256 + text[end..];
        }

        if (item.Element(item.Name.Namespace + "Sha256") is { } element)
        {
            if (string.Equals(element.Value.Trim(), sha256, StringComparison.OrdinalIgnoreCase))
            {
                change = ItemChange.Unchanged;
                return text;
            }

            var contentStart = positions.EndOfStartTag(positions.StartOf(element));
            var contentEnd = element.IsEmpty ? contentStart : text.IndexOf("</", contentStart, StringComparison.Ordinal);
            if (element.IsEmpty)
            {
                var tagStart = positions.StartOf(element);
                return text[..tagStart] + $"<{element.Name.LocalName}>{sha256}</{element.Name.LocalName}>" + text[contentStart..];
            }

            return text[..contentStart] + sha256 + text[contentEnd..];
        }

        var include = positions.ValueOf(item.Attribute("Include")!);
        return text.Insert(include.End + 1, $" Sha256=\"{sha256}\"");
    }

    private static bool IsFor(XElement item, string url) =>
        item.Attribute("Include")?.Value.Trim() is { } include && MSBuildText.UrlFromEscaped(include) == url;

    private static FetchException Refused(string fileName, string why) =>
        new(DiagnosticCatalog.InvalidMetadata(fileName, $"'{fileName}' is not an MSBuild project file: {why}. Nothing was written."));
}
