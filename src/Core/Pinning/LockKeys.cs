using Fetch.Build.Core.Http;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// An artifact's key in the lock file: its Include URL (the identity, never a rewritten source) as
/// the logs show it, user-info and query values masked, so that no credential reaches a committed
/// file. A <c>file://</c> URL inside the lock file's folder is keyed by its path relative to that
/// folder (<c>file:data/x.bin</c>): the absolute path differs on every machine and clone.
/// </summary>
internal static class LockKeys
{
    private const string FileKeyPrefix = "file:";

    public static string For(ArtifactRequest request, string lockFilePath)
    {
        var url = request.Url;
        if (url.IsFile && Path.GetDirectoryName(lockFilePath) is { } folder)
        {
            var relative = Path.GetRelativePath(folder, url.LocalPath);
            if (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return FileKeyPrefix + relative.Replace('\\', '/');
            }
        }

        return UrlMasker.Mask(url);
    }

    /// <summary>
    /// Keys two different URLs share once masked (<c>…/uc?id=***</c> for two files of one
    /// download service): the lock file cannot tell them apart, so it pins neither; such an
    /// artifact needs its own digest on the item.
    /// </summary>
    public static HashSet<string> Ambiguous(IReadOnlyList<ArtifactRequest> requests, string lockFilePath)
    {
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        if (requests.Count < 2)
        {
            return ambiguous;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var key = For(request, lockFilePath);
            var url = request.Url.AbsoluteUri;
            if (!seen.TryAdd(key, url) && seen[key] != url)
            {
                ambiguous.Add(key);
            }
        }

        return ambiguous;
    }
}
