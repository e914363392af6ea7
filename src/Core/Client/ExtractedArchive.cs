namespace Fetch.Build.Core.Client;

/// <summary>An archive's content, extracted into a folder of the caller's and kept up to date there.</summary>
public sealed class ExtractedArchive
{
    internal ExtractedArchive(string folder, IReadOnlyList<string> files, string sha256, bool fromCache)
    {
        Folder = folder;
        Files = files;
        Sha256 = sha256;
        FromCache = fromCache;
    }

    /// <summary>Full path of the folder holding the archive's entries.</summary>
    public string Folder { get; }

    /// <summary>Full paths of the files extracted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The archive's SHA-256, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>True when the archive came from the cache with no transfer.</summary>
    public bool FromCache { get; }
}
