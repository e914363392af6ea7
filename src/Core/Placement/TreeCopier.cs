namespace Fetch.Build.Core.Placement;

/// <summary>Copies a cached tree into a new folder: files with their Unix modes, links as links.</summary>
internal static class TreeCopier
{
    /// <summary>Recursion that never follows a link: an archive's link to its own root must not loop, nor lead outside.</summary>
    public static readonly EnumerationOptions NotThroughLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>
    /// Copies the tree: folders and links first, in one walk, then the files on every core
    /// (a dataset is thousands of small files, where the per-file system calls dominate).
    /// </summary>
    public static void Copy(string sourceRoot, string targetRoot, CancellationToken cancellationToken)
    {
        var files = new List<(FileInfo Source, string Target)>();
        CopyStructure(new DirectoryInfo(sourceRoot), targetRoot, files, cancellationToken);
        var now = DateTime.UtcNow;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(files, options, file => CopyFile(file.Source, file.Target, now));
    }

    private static void CopyStructure(DirectoryInfo source, string target, List<(FileInfo, string)> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                // The extractor admitted only links that stay inside the tree; copy them as they are.
                if (entry is DirectoryInfo)
                {
                    Directory.CreateSymbolicLink(path, linkTarget);
                }
                else
                {
                    File.CreateSymbolicLink(path, linkTarget);
                }
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyStructure(directory, path, files, cancellationToken);
            }
            else
            {
                files.Add(((FileInfo)entry, path));
            }
        }
    }

    private static void CopyFile(FileInfo source, string target, DateTime placedAt)
    {
        // File.Copy carries the mode over on Unix.
        File.Copy(source.FullName, target);
        // Placement time, not the archive's: a new version must look newer to PreserveNewest.
        File.SetLastWriteTimeUtc(target, placedAt);
        if (!OperatingSystem.IsWindows() && (source.UnixFileMode & UnixFileMode.UserWrite) == 0)
        {
            File.SetUnixFileMode(target, source.UnixFileMode | UnixFileMode.UserWrite);
        }
    }

    public static void DeleteTree(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", NotThroughLinks))
        {
            if (file.LinkTarget is null && file.IsReadOnly)
            {
                file.IsReadOnly = false;
            }
        }

        Directory.Delete(root, recursive: true);
    }
}
