using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Extraction;

/// <summary>What changes the extracted tree: part of the tree's cache key.</summary>
internal sealed record ExtractionOptions(int StripComponents, long MaxExtractedBytes, int MaxEntries = FetchDefaults.MaxArchiveEntries)
{
    /// <summary>The options that change the bytes of the tree (not the limits), as a cache-key fragment.</summary>
    public string Key => $"strip={StripComponents}";
}
