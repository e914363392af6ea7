using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Tests.Sources;

/// <summary>A content source that has the given bytes, or nothing: for tests of what sits around the sources.</summary>
internal sealed class BytesSource(byte[]? content) : IContentSource
{
    public int Calls { get; private set; }

    /// <summary>The SHA-256 of each time its bytes were rejected.</summary>
    public List<string> Rejections { get; } = [];

    public async Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        Calls++;
        if (content is null)
        {
            return null;
        }

        await File.WriteAllBytesAsync(query.PartialPath, content, cancellationToken);
        query.Hasher.Append(content);
        return new SourcedContent(content.Length, null, null);
    }

    public void Rejected(ContentQuery query, ContentDigests actual) => Rejections.Add(actual.Sha256);
}
