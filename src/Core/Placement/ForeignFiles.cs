using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Which file in a destination folder would be lost if a new tree replaced it: one that no earlier
/// placement of Fetch.Build's accounts for, and that is not exactly what the new tree holds at its
/// path. The second rule adopts a tree Fetch.Build placed but no longer has a record of (the cache
/// wiped or switched), as a plain file with the expected content is adopted.
/// </summary>
internal static class ForeignFiles
{
    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// The first such file under <paramref name="destination"/>, or null. <paramref name="ours"/>:
    /// the file list of the tree placed there before, when Fetch.Build knows it placed one.
    /// <paramref name="fresh"/>: the new tree, complete, beside it. Only files outside
    /// <paramref name="ours"/> are read, so replacing a known tree costs no reading.
    /// </summary>
    public static string? FindFirst(string destination, IReadOnlyList<ExtractedFile>? ours, string fresh)
    {
        var known = ours?.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal) ?? [];
        // Links come from the archive too (the extractor admitted them); only regular files can be the user's.
        foreach (var file in new DirectoryInfo(destination).EnumerateFiles("*", TreeFolders.NotThroughLinks))
        {
            var relative = Path.GetRelativePath(destination, file.FullName);
            if (file.LinkTarget is null && !known.Contains(relative.Replace('\\', '/')) && !SameBytes(file, new FileInfo(Path.Combine(fresh, relative))))
            {
                return file.FullName;
            }
        }

        return null;
    }

    private static bool SameBytes(FileInfo existing, FileInfo placed)
    {
        if (!placed.Exists || placed.LinkTarget is not null || placed.Length != existing.Length)
        {
            return false;
        }

        using var a = new FileStream(existing.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var b = new FileStream(placed.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var left = new byte[ChunkSize];
        var right = new byte[ChunkSize];
        int read;
        while ((read = a.ReadAtLeast(left, ChunkSize, throwOnEndOfStream: false)) > 0)
        {
            if (b.ReadAtLeast(right, read, throwOnEndOfStream: false) != read || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
            {
                return false;
            }
        }

        return true;
    }
}
