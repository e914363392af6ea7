using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Removes what this project placed in an earlier build and no longer declares: after an item's
/// URL, name or folder changes, the old file or tree would otherwise stay in obj/ for good. The
/// project's state file says what it placed and the stamps it left; only what still carries them
/// is deleted, so a file the user wrote there since is kept. Runs before the fetch, so a new
/// artifact never finds an old one in its way.
/// </summary>
internal sealed class StaleDestinations
{
    private readonly FetchSettings _settings;
    private readonly string _stateFile;
    private readonly List<PlacedArtifact> _stale;
    private readonly bool _nothingDeclared;

    private StaleDestinations(FetchSettings settings, string stateFile, List<PlacedArtifact> stale, bool nothingDeclared)
    {
        _settings = settings;
        _stateFile = stateFile;
        _stale = stale;
        _nothingDeclared = nothingDeclared;
    }

    /// <summary>
    /// What earlier builds placed that no item declares any more, or null — nearly every build.
    /// Synchronous, with nothing generic over a value type: it runs on every build (docs/design.md, ReadyToRun).
    /// </summary>
    public static StaleDestinations? Find(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings)
    {
        if (settings.DesignTime || settings.StateFile is not { } stateFile || !File.Exists(stateFile))
        {
            return null;
        }

        var declared = new HashSet<string>(PathComparer);
        foreach (var request in requests)
        {
            declared.Add(request.DestinationPath);
        }

        var stale = new List<PlacedArtifact>();
        foreach (var placed in StateFile.Read(stateFile).Placements.Values)
        {
            if (!declared.Contains(placed.Placement.Path))
            {
                stale.Add(placed);
            }
        }

        return stale.Count > 0 || requests.Count == 0 ? new StaleDestinations(settings, stateFile, stale, requests.Count == 0) : null;
    }

    public async Task RemoveAsync(IFetchLog log, CancellationToken cancellationToken)
    {
        foreach (var placed in _stale)
        {
            await RemoveAsync(placed.Placement.Path, placed, _settings, log, cancellationToken).ConfigureAwait(false);
        }

        if (_nothingDeclared)
        {
            // The last item is gone and the fetch has nothing to record: nothing is placed any more.
            File.Delete(_stateFile);
        }
    }

    /// <summary>Paths differing only in case are one file on Windows and macOS.</summary>
    private static StringComparer PathComparer => OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private static async Task RemoveAsync(string path, PlacedArtifact placed, FetchSettings settings, IFetchLog log, CancellationToken cancellationToken)
    {
        var layout = new CacheLayout(settings.CacheDirectory);
        try
        {
            Directory.CreateDirectory(layout.LockFolder);
            // The lock placements take: inner builds of a multi-targeted project share destinations.
            using var held = await CacheLock.AcquireAsync(layout.LockPath("dest-" + UrlKeys.Hash(path)), cancellationToken).ConfigureAwait(false);
            var removed = placed.Tree is { } tree ? RemoveTree(path, tree, placed.Placement.MTimeTicks) : RemoveFile(path, placed.Placement);
            if (removed)
            {
                RemoveEmptyFolders(Path.GetDirectoryName(path), settings.ProjectDirectory);
                log.Message($"Fetch.Build: removed '{path}', which an earlier build placed and no item declares any more.", important: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only tidying: the build does not depend on it, and the next build tries again.
            log.Message($"Fetch.Build: could not remove '{path}', which no item declares any more: {ex.Message}", important: false);
        }
    }

    /// <summary>Deletes the file if it still has the stamp it was placed with.</summary>
    private static bool RemoveFile(string path, PlacementRecord placement)
    {
        if (FileStamp.Of(path) != new FileStamp(placement.Size, placement.MTimeTicks))
        {
            return false;
        }

        Delete(path);
        return true;
    }

    /// <summary>Deletes the tree's files that are as extracted, then the folders left empty; anything else stays.</summary>
    private static bool RemoveTree(string root, IReadOnlyList<ExtractedFile> files, long placedTicks)
    {
        if (!Directory.Exists(root))
        {
            return false;
        }

        foreach (var file in files)
        {
            var path = Path.Combine(root, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (FileStamp.Of(path) is { } stamp && stamp.Size == file.Size && stamp.MTimeTicks <= placedTicks)
            {
                Delete(path);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length).ToList())
        {
            DeleteIfEmpty(folder);
        }

        DeleteIfEmpty(root);
        return !Directory.Exists(root);
    }

    /// <summary>The folders a removed destination leaves empty, up to the project folder (never it, never above it).</summary>
    private static void RemoveEmptyFolders(string? folder, string projectDirectory)
    {
        var project = Path.TrimEndingDirectorySeparator(projectDirectory) + Path.DirectorySeparatorChar;
        while (folder is not null && folder.StartsWith(project, PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase) && DeleteIfEmpty(folder))
        {
            folder = Path.GetDirectoryName(folder);
        }
    }

    private static bool DeleteIfEmpty(string folder)
    {
        if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return false;
        }

        Directory.Delete(folder);
        return true;
    }

    private static void Delete(string path)
    {
        // Hard-linked files are read-only, which Windows will not delete.
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }

        File.Delete(path);
    }
}
