namespace Fetch.Build.Core.ProjectFiles;

/// <summary>
/// A DownloadArtifact item to write into a project file: its URL as fetched, its SHA-256 and any
/// other metadata (<c>Extract</c>, <c>StripComponents</c>…), written as attributes in this order.
/// </summary>
internal sealed record ArtifactItem(string Url, string Sha256, IReadOnlyList<KeyValuePair<string, string>> Metadata)
{
    /// <summary>The item as one line of XML, ready to paste (the URL escaped for MSBuild, then for XML).</summary>
    public string ToXml()
    {
        var text = new System.Text.StringBuilder("<DownloadArtifact Include=\"")
            .Append(Attribute(Requests.MSBuildText.EscapeUrl(Url))).Append("\" Sha256=\"").Append(Sha256).Append('"');
        foreach (var (name, value) in Metadata)
        {
            text.Append(' ').Append(name).Append("=\"").Append(Attribute(value)).Append('"');
        }

        return text.Append(" />").ToString();
    }

    private static string Attribute(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
