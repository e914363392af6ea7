namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Every path extracted so far, explicit or implied by a deeper entry, compared ignoring case and
/// Unicode normalisation: two names that a file system would merge (NTFS and APFS ignore case,
/// APFS also normalisation) are a duplicate, never a silent overwrite. Also tells whether a path
/// would pass through a link or a file. Names reach it well-formed (<see cref="EntryPath"/>).
/// </summary>
internal sealed class TreeIndex
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Records <paramref name="components"/> as <paramref name="kind"/> (a file, a directory or a
    /// symbolic link) and its unseen parents as directories, for the archive entry named
    /// <paramref name="entryName"/>. Returns why it cannot be, naming the earlier entry it meets, or null.
    /// </summary>
    public string? Add(IReadOnlyList<string> components, EntryKind kind, string entryName)
    {
        var path = string.Empty;
        for (var i = 0; i < components.Count; i++)
        {
            path = i == 0 ? components[0] : path + "/" + components[i];
            var isLast = i == components.Count - 1;
            if (!_nodes.TryGetValue(Key(path), out var existing))
            {
                _nodes.Add(Key(path), new Node(path, isLast ? kind : EntryKind.Directory, entryName));
                continue;
            }

            if (!string.Equals(existing.Path, path, StringComparison.Ordinal))
            {
                return $"duplicate entry: '{path}' and '{existing.Path}' (from entry '{existing.EntryName}') differ only in case or Unicode normalisation";
            }

            if (!isLast)
            {
                if (existing.Kind != EntryKind.Directory)
                {
                    var what = existing.Kind == EntryKind.SymbolicLink ? "symbolic link" : "file";
                    return $"its path passes through the {what} '{path}' (entry '{existing.EntryName}')";
                }
            }
            else if (existing.Kind != EntryKind.Directory || kind != EntryKind.Directory)
            {
                // A folder listed twice is harmless; anything else would replace what is there.
                return $"duplicate entry '{path}': entry '{existing.EntryName}' already writes it";
            }
        }

        return null;
    }

    /// <summary>The kind recorded at <paramref name="path"/> ('/'-separated, exact case), or null.</summary>
    public EntryKind? KindOf(string path) =>
        _nodes.TryGetValue(Key(path), out var node) && string.Equals(node.Path, path, StringComparison.Ordinal) ? node.Kind : null;

    /// <summary>Every folder recorded, explicit or implied; not the root.</summary>
    public IEnumerable<string> Directories => _nodes.Values.Where(node => node.Kind == EntryKind.Directory).Select(node => node.Path);

    public bool IsSymbolicLink(string path) =>
        _nodes.TryGetValue(Key(path), out var node) && node.Kind == EntryKind.SymbolicLink;

    private static string Key(string path) => path.IsNormalized() ? path : path.Normalize();

    /// <param name="EntryName">The archive entry that created the path, or whose deeper name implied it.</param>
    private sealed record Node(string Path, EntryKind Kind, string EntryName);
}
