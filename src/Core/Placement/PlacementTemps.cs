namespace Fetch.Build.Core.Placement;

/// <summary>
/// The temp names used beside a path that is replaced whole (a destination, a kept tree):
/// <c>.&lt;name&gt;.&lt;id&gt;.fetch-tmp</c>, and <c>.fetch-old</c> for a tree being swapped out;
/// and the sweep of those a killed build left.
/// </summary>
internal static class PlacementTemps
{
    public static string NewTemp(string destination) => New(destination, "fetch-tmp");

    public static string NewOld(string destination) => New(destination, "fetch-old");

    /// <summary>
    /// Deletes what an earlier build replacing <paramref name="destination"/> left when its process
    /// died. Only under the lock for that path: no live build is using these names then.
    /// </summary>
    public static void DeleteLeftovers(string destination)
    {
        var parent = Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        var prefix = "." + Path.GetFileName(destination) + ".";
        foreach (var entry in new DirectoryInfo(parent).EnumerateFileSystemInfos(prefix + "*"))
        {
            if (!IsTempOf(entry.Name, prefix))
            {
                continue;
            }

            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                TreeFolders.Delete(entry.FullName);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    /// <summary>Exactly prefix, 32 hex digits, a kind: "data"'s sweep must not take "data.v2"'s temps, which another worker may be writing.</summary>
    private static bool IsTempOf(string name, string prefix)
    {
        const int IdLength = 32;
        var suffix = name.EndsWith(".fetch-tmp", StringComparison.Ordinal) || name.EndsWith(".fetch-old", StringComparison.Ordinal) ? ".fetch-tmp".Length : 0;
        if (suffix == 0 || name.Length != prefix.Length + IdLength + suffix || !name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = prefix.Length; i < prefix.Length + IdLength; i++)
        {
            if (!char.IsAsciiHexDigitLower(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string New(string destination, string kind) =>
        Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.{kind}");
}
