using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// How an archive is extracted. Only <see cref="Key"/>'s part changes which files a tree holds;
/// <paramref name="ReadOnlyFiles"/> is for a tree the cache keeps, whose files projects link to.
/// </summary>
internal sealed record ExtractionOptions(int StripComponents, long MaxExtractedBytes, int MaxEntries = FetchLimits.MaxArchiveEntries, bool ReadOnlyFiles = false)
{
    /// <summary>The options that change the bytes of the tree (not the limits), as a cache-key fragment.</summary>
    public string Key => $"strip={StripComponents}";
}
