using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// What the project's state file remembers of the lock file after a build: which file, its stamp
/// (size and time) when every artifact the build placed agreed with it, and the keys the build
/// declared. The stamp lets a no-op build trust the lock file with one stat instead of reading it;
/// the keys say which entries are this build's to remove once its items no longer declare them —
/// an entry it never declared is another's (an inner build of another target framework, another
/// project sharing the file), which it leaves alone.
/// </summary>
internal sealed record LockRecord(string Path, long Size, long MTimeTicks, IReadOnlyList<string> Keys)
{
    /// <summary><see cref="Size"/> when the lock file must be read again: something did not agree with it.</summary>
    public const long Unstamped = -1;

    /// <summary>
    /// True when the lock file is the one this record was taken from, unchanged (one stat), and the
    /// items declare the same URLs: every artifact the state file lists as placed is then pinned by it.
    /// </summary>
    public bool Confirms(string lockFile, IReadOnlyList<ArtifactRequest> requests)
    {
        if (Size == Unstamped || !string.Equals(Path, lockFile, StringComparison.Ordinal) ||
            FileStamp.Of(lockFile) != new FileStamp(Size, MTimeTicks))
        {
            return false;
        }

        var remembered = new HashSet<string>(Keys, StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var key = LockKeys.For(request, lockFile);
            if (!remembered.Contains(key))
            {
                return false;
            }

            declared.Add(key);
        }

        return declared.Count == remembered.Count;
    }
}
