using System.Security;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>What every consumer in these tests has: its own temp folder, the test's cache, and what its builds are given.</summary>
internal abstract class ConsumerFolder : IDisposable
{
    private readonly TempDirectory _folder;

    protected ConsumerFolder(string prefix, string cacheDirectory)
    {
        _folder = new TempDirectory(prefix);
        CacheDirectory = cacheDirectory;
    }

    public string Folder => _folder.Path;

    public string CacheDirectory { get; }

    /// <summary>DownloadArtifact items, written as given: MSBuild properties in them are the point.</summary>
    public List<string> Items { get; } = [];

    public Dictionary<string, string> Properties { get; } = [];

    /// <summary>Variables set for the dotnet process of every build, beside Dotnet's own.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public void Dispose() => _folder.Dispose();

    /// <summary>The properties as XML elements, with the test's cache folder unless a test names another.</summary>
    protected string PropertyElements()
    {
        var properties = new Dictionary<string, string>(Properties);
        properties.TryAdd("FetchCacheDirectory", CacheDirectory);
        return string.Concat(properties.Select(p => $"<{p.Key}>{SecurityElement.Escape(p.Value)}</{p.Key}>"));
    }
}
