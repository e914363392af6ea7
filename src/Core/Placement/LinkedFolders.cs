namespace Fetch.Build.Core.Placement;

/// <summary>
/// RELIABILITY 9 at every level of a destination, not only the last: a folder between the project
/// folder and a destination that is a symbolic link or junction would carry every write, and the
/// sweep of temp names, into wherever it points. Fetch.Build makes no such link there (the
/// links an archive holds stay inside its own tree, where no other destination may go: FB1011), so
/// any it finds is someone else's, and it writes nothing through it.
/// </summary>
internal static class LinkedFolders
{
    /// <summary>
    /// The first folder below <paramref name="projectDirectory"/> on the way to <paramref name="destination"/>
    /// that is a link; null when there is none. The destination itself is not one of them: it is
    /// replaced whole, never written through. A destination outside the project folder is the
    /// user's chosen path, links and all. A few lstat calls, on the write path only.
    /// </summary>
    public static string? FirstBelow(string projectDirectory, string destination)
    {
        var relative = Path.GetRelativePath(projectDirectory, Path.GetDirectoryName(destination)!);
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        var folder = projectDirectory;
        foreach (var name in relative.Split(Path.DirectorySeparatorChar))
        {
            folder = Path.Combine(folder, name);
            var entry = new DirectoryInfo(folder);
            if (entry.LinkTarget is not null)
            {
                return folder;
            }

            if (!entry.Exists)
            {
                // Fetch.Build makes the rest itself.
                return null;
            }
        }

        return null;
    }
}
