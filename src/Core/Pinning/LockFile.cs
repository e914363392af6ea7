namespace Fetch.Build.Core.Pinning;

/// <summary>
/// The lock file's content: one entry per URL key (the masked Include URL), in ordinal order, as
/// the file lists them. Immutable: a change is a new instance, so "did anything change?" is one
/// comparison and the file is written only when it did.
/// </summary>
internal sealed class LockFile
{
    private readonly SortedDictionary<string, LockEntry> _entries;

    public LockFile(IEnumerable<KeyValuePair<string, LockEntry>> entries)
    {
        _entries = new SortedDictionary<string, LockEntry>(StringComparer.Ordinal);
        foreach (var (key, entry) in entries)
        {
            _entries[key] = entry;
        }
    }

    /// <summary>A lock file with no entries: what a project has before its first build writes one.</summary>
    public static LockFile Empty { get; } = new([]);

    /// <summary>Every entry, keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, LockEntry> Entries => _entries;

    public LockEntry? Find(string key) => _entries.TryGetValue(key, out var entry) ? entry : null;

    /// <summary>The same entries, and <paramref name="key"/> set to <paramref name="entry"/>.</summary>
    public LockFile With(string key, LockEntry entry)
    {
        if (Find(key) == entry)
        {
            return this;
        }

        var copy = new LockFile(_entries);
        copy._entries[key] = entry;
        return copy;
    }

    /// <summary>The same entries without <paramref name="key"/>.</summary>
    public LockFile Without(string key)
    {
        if (!_entries.ContainsKey(key))
        {
            return this;
        }

        var copy = new LockFile(_entries);
        copy._entries.Remove(key);
        return copy;
    }

    /// <summary>True when both list the same keys with the same entries: the file need not be written.</summary>
    public bool SameAs(LockFile other)
    {
        if (_entries.Count != other._entries.Count)
        {
            return false;
        }

        foreach (var (key, entry) in _entries)
        {
            if (other.Find(key) != entry)
            {
                return false;
            }
        }

        return true;
    }
}
