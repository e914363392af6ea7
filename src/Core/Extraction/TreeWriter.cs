using System.Buffers;
using System.Runtime.Versioning;
using System.Text;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Writes checked entries below the extraction root, whatever format they came from. Every name
/// is resolved and compared to what is already there before anything is created; files are
/// created new (never opened if they exist); symbolic links are created last, after every file,
/// so no write can pass through one.
/// </summary>
internal sealed class TreeWriter
{
    private const int BufferSize = 81920;

    // PATH_MAX, terminating NUL included, is 4096 on Linux and 1024 on macOS and the BSDs;
    // Windows takes 32767 characters with the long-path prefix .NET adds.
    private static readonly int MaxFullPathLength =
        OperatingSystem.IsWindows() ? 32_000 : OperatingSystem.IsLinux() ? 4095 : 1023;

    private readonly string _root;
    private readonly ExtractionOptions _options;
    private readonly string _maskedUrl;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _windowsRules = OperatingSystem.IsWindows();
    private readonly ExtractionBudget _budget;
    private readonly TreeIndex _index = new();
    private readonly Dictionary<string, long> _files = new(StringComparer.Ordinal);
    private readonly SymbolicLinks _links = new();

    public TreeWriter(string targetDirectory, ExtractionOptions options, string maskedUrl, CancellationToken cancellationToken)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(targetDirectory));
        _options = options;
        _maskedUrl = maskedUrl;
        _cancellationToken = cancellationToken;
        _budget = new ExtractionBudget(options, maskedUrl);
    }

    /// <summary>
    /// Extracts one entry; <paramref name="data"/> is its content (files only; read to the end,
    /// or drained when the entry is skipped). <paramref name="strip"/> is false for the single file
    /// of a compressed non-archive, whose name is ours, not the archive's.
    /// </summary>
    public void Add(ArchiveEntry entry, Stream? data, bool strip = true)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _budget.CountEntry();
        if (entry.Kind is EntryKind.CharacterDevice or EntryKind.BlockDevice or EntryKind.Fifo or EntryKind.Socket)
        {
            throw Unsafe(entry.Name, $"{Describe(entry.Kind)} entries are never extracted");
        }

        var path = EntryPath.ForEntry(entry.Name, strip ? _options.StripComponents : 0, _windowsRules, entry.BackslashSeparates);
        if (path.IsRefused)
        {
            throw Unsafe(entry.Name, path.Refusal!);
        }

        if (path.IsRoot || entry.Kind != EntryKind.File)
        {
            // Stripped away, the root itself, or content a non-file should not have: read, not written.
            Discard(data);
            if (path.IsRoot)
            {
                return;
            }
        }

        var recorded = entry.Kind == EntryKind.HardLink ? EntryKind.File : entry.Kind;
        if (_index.Add(path.Components, recorded, entry.Name) is { } conflict)
        {
            throw Unsafe(entry.Name, conflict);
        }

        var fullPath = FullPathOf(entry.Name, path);
        switch (entry.Kind)
        {
            case EntryKind.Directory:
                TargetWriteException.Run(() => Directory.CreateDirectory(fullPath));
                break;
            case EntryKind.File:
                WriteFile(path, fullPath, data ?? Stream.Null, entry);
                break;
            case EntryKind.HardLink:
                CopyHardLinkTarget(entry, path, fullPath);
                break;
            default:
                _links.Add(entry.Name, path, entry.LinkTarget ?? string.Empty);
                break;
        }
    }

    /// <summary>Reads what is left of a decompressed stream, so its end-of-stream checksum is checked too.</summary>
    public void Discard(Stream? data)
    {
        if (data is null)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int count;
            while ((count = data.Read(buffer, 0, BufferSize)) > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _budget.Discard(count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts <paramref name="count"/> bytes read but not written: headers, metadata, padding a reader skipped.</summary>
    public void Discarded(long count)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _budget.Discard(count);
    }

    /// <summary>Creates the symbolic links, now that every file is written; returns the files, sorted.</summary>
    public IReadOnlyList<ExtractedFile> Complete()
    {
        _links.CreateAll(_index, _windowsRules, FullPathOf, Unsafe, _cancellationToken);
        return _files
            .Select(file => new ExtractedFile(file.Key, file.Value))
            .OrderBy(file => file.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    private void WriteFile(PathCheck path, string fullPath, Stream data, ArchiveEntry entry)
    {
        TargetWriteException.Run(() => Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!));

        // CreateNew: an existing path, link or not, is an error rather than something to open.
        var output = TargetWriteException.Run(() => new FileStream(fullPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0));
        long size;
        try
        {
            size = Copy(data, output);
        }
        finally
        {
            TargetWriteException.Run(output.Dispose);
        }

        ApplyMetadata(fullPath, entry);
        _files.Add(path.RelativePath, size);
    }

    private void CopyHardLinkTarget(ArchiveEntry entry, PathCheck path, string fullPath)
    {
        // Tar hard-link targets name an earlier member, relative to the archive root.
        var target = EntryPath.ForEntry(entry.LinkTarget ?? string.Empty, _options.StripComponents, _windowsRules, entry.BackslashSeparates);
        if (target.IsRefused || target.IsRoot)
        {
            throw Unsafe(entry.Name, $"hard link to '{entry.LinkTarget}', which is outside the extracted tree");
        }

        if (!_files.TryGetValue(target.RelativePath, out var size))
        {
            throw Unsafe(entry.Name, $"hard link to '{entry.LinkTarget}', which is not a file extracted before it");
        }

        // A copy, counted like any other write: a thousand links to one big file are a bomb too.
        _budget.Write(size);
        var source = FullPathOf(entry.Name, target);
        TargetWriteException.Run(() => File.Copy(source, fullPath, overwrite: false));
        ApplyMetadata(fullPath, entry);
        _files.Add(path.RelativePath, size);
    }

    // By path: no symbolic link exists yet to be followed. The archive's times are not applied:
    // a placed file is as new as its placement, so a new version looks newer to PreserveNewest.
    private void ApplyMetadata(string fullPath, ArchiveEntry entry)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = UnixModes.ForFile(entry.UnixMode);
            SetUnixMode(fullPath, _options.ReadOnlyFiles ? mode & ~UnixModes.AnyWrite : mode);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void SetUnixMode(string fullPath, UnixFileMode mode) =>
        TargetWriteException.Run(() => File.SetUnixFileMode(fullPath, mode));

    private long Copy(Stream data, FileStream output)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            int count;
            while ((count = data.Read(buffer, 0, BufferSize)) > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _budget.Write(count);
                TargetWriteException.Run(() => output.Write(buffer, 0, count));
                size += count;
            }

            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The full path of a checked entry; one more check that it is below the root ("dest2" is not in "dest").</summary>
    private string FullPathOf(string entryName, PathCheck path)
    {
        var fullPath = Path.GetFullPath(Path.Join(_root, string.Join(Path.DirectorySeparatorChar, path.Components)));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!fullPath.StartsWith(_root + Path.DirectorySeparatorChar, comparison))
        {
            throw Unsafe(entryName, "it resolves outside the extraction folder");
        }

        // Past PATH_MAX the OS fails with an IOException that would pass for a disk error.
        if (Encoding.UTF8.GetByteCount(fullPath) > MaxFullPathLength)
        {
            throw Unsafe(entryName, $"its path in the cache would be longer than {MaxFullPathLength} bytes");
        }

        return fullPath;
    }

    private FetchException Unsafe(string entryName, string reason) =>
        new(DiagnosticCatalog.UnsafeArchiveEntry(_maskedUrl, entryName, reason));

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.CharacterDevice => "character device",
        EntryKind.BlockDevice => "block device",
        EntryKind.Fifo => "FIFO",
        _ => "socket",
    };
}
