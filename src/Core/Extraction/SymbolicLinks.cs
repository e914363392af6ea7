namespace Fetch.Build.Core.Extraction;

/// <summary>
/// The archive's symbolic links, held back until every file is written: then no write can pass
/// through one, and each target is checked knowing every other link of the archive.
/// </summary>
internal sealed class SymbolicLinks
{
    private readonly List<Pending> _pending = [];

    public void Add(string entryName, PathCheck path, string target) => _pending.Add(new Pending(entryName, path, target));

    /// <summary>
    /// Checks every link, then creates them. <paramref name="fullPathOf"/> gives a checked path's
    /// place on disk; <paramref name="unsafeEntry"/> makes the FB1004 for an entry and a reason.
    /// </summary>
    public void CreateAll(
        TreeIndex index,
        bool windowsRules,
        Func<string, PathCheck, string> fullPathOf,
        Func<string, string, Exception> unsafeEntry,
        CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var resolved = new List<(Pending Link, PathCheck Target)>(_pending.Count);
        foreach (var link in _pending)
        {
            var folder = link.Path.Components.Take(link.Path.Components.Count - 1).ToList();
            var target = EntryPath.ForLinkTarget(link.Target, folder, windowsRules, index.IsSymbolicLink);
            if (target.IsRefused)
            {
                throw unsafeEntry(link.Name, target.Refusal!);
            }

            targets[link.Path.RelativePath] = target.RelativePath;
            resolved.Add((link, target));
        }

        if (LinkCycles.Find(index.Directories, targets) is { } cycle)
        {
            var name = _pending.FirstOrDefault(p => string.Equals(p.Path.RelativePath, cycle, StringComparison.OrdinalIgnoreCase))?.Name ?? cycle;
            throw unsafeEntry(name, "its symbolic link closes a loop of folders, which tools that follow links never leave");
        }

        foreach (var (link, target) in resolved)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fullPath = fullPathOf(link.Name, link.Path);
            var text = EntryPath.CleanLinkTarget(link.Target);
            var toDirectory = target.IsRoot || index.KindOf(target.RelativePath) == EntryKind.Directory;
            TargetWriteException.Run(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                // Windows needs to know the kind; elsewhere both calls make the same link.
                return toDirectory ? Directory.CreateSymbolicLink(fullPath, text) : File.CreateSymbolicLink(fullPath, text);
            });
        }
    }

    private sealed record Pending(string Name, PathCheck Path, string Target);
}
