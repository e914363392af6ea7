namespace Fetch.Build.Core.Placement;

/// <summary>Copies a cached tree into a new folder: files with their Unix modes, links as links.</summary>
internal static class TreeCopier
{
    /// <summary>Recursion that never follows a link: an archive's link to its own root must not loop, nor lead outside.</summary>
    public static readonly EnumerationOptions NotThroughLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    public static void Copy(string sourceRoot, string targetRoot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetRoot);
        foreach (var entry in new DirectoryInfo(sourceRoot).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = Path.Combine(targetRoot, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                // The extractor admitted only links that stay inside the tree; copy them as they are.
                if (entry is DirectoryInfo)
                {
                    Directory.CreateSymbolicLink(target, linkTarget);
                }
                else
                {
                    File.CreateSymbolicLink(target, linkTarget);
                }
            }
            else if (entry is DirectoryInfo directory)
            {
                Copy(directory.FullName, target, cancellationToken);
            }
            else
            {
                File.Copy(entry.FullName, target);
                // Placement time, not the archive's: a new version must look newer to PreserveNewest.
                File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, entry.UnixFileMode | UnixFileMode.UserWrite);
                }
            }
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
