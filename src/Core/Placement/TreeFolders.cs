namespace Fetch.Build.Core.Placement;

/// <summary>Whole-folder operations on extracted trees that never follow a link the archive made.</summary>
internal static class TreeFolders
{
    /// <summary>Recursion that never follows a link: an archive's link to its own root must not loop, nor lead outside.</summary>
    public static readonly EnumerationOptions NotThroughLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>
    /// Fills the new folder <paramref name="targetRoot"/> with hard links to the files of
    /// <paramref name="sourceRoot"/>; folders are made, links copied as they are. A file the OS
    /// will not link (another device) is copied, writable and as new as now, as a copied blob is.
    /// </summary>
    public static void Link(string sourceRoot, string targetRoot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetRoot);
        foreach (var entry in new DirectoryInfo(sourceRoot).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(targetRoot, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                // The extractor admitted only links that stay inside the tree.
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
                Link(directory.FullName, path, cancellationToken);
            }
            else if (!HardLinks.TryCreate(entry.FullName, path))
            {
                File.Copy(entry.FullName, path);
                FilePlacer.MakeCopyOwn(path);
            }
        }
    }

    /// <summary>Deletes the folder if it exists, read-only files included.</summary>
    public static void Delete(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        // Only Windows refuses to delete a read-only file. Elsewhere the mode is left alone: a
        // file here may be a hard link to a cached tree's file, and the mode is the inode's.
        if (OperatingSystem.IsWindows())
        {
            foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", NotThroughLinks))
            {
                if (file.LinkTarget is null && file.IsReadOnly)
                {
                    file.IsReadOnly = false;
                }
            }
        }

        Directory.Delete(root, recursive: true);
    }
}
