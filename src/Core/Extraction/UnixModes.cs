namespace Fetch.Build.Core.Extraction;

/// <summary>Unix permission and file-type bits as zip and 7z carry them, and what is kept of them.</summary>
internal static class UnixModes
{
    /// <summary>rw-r--r--: a file whose archive has no mode for it.</summary>
    public const UnixFileMode DefaultFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // rwxr-xr-x: what may survive from the archive. Setuid, setgid, sticky and group/other write go.
    private const UnixFileMode Kept =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The write bits, taken off the files of a tree the cache keeps.</summary>
    public const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int SymbolicLink = 0xA000;
    private const int Socket = 0xC000;

    /// <summary>
    /// The mode a file is given: the archive's read and execute bits, and always owner read and
    /// write so the cache can verify, copy and delete it.
    /// </summary>
    public static UnixFileMode ForFile(int? archiveMode) =>
        archiveMode is { } mode ? ((UnixFileMode)mode & Kept) | UnixFileMode.UserRead | UnixFileMode.UserWrite : DefaultFile;

    /// <summary>The entry kind that st_mode's type bits name; a mode without type bits is a file.</summary>
    public static EntryKind KindOf(int mode, bool isDirectory) => (mode & TypeMask) switch
    {
        _ when isDirectory => EntryKind.Directory,
        Directory => EntryKind.Directory,
        SymbolicLink => EntryKind.SymbolicLink,
        CharacterDevice => EntryKind.CharacterDevice,
        BlockDevice => EntryKind.BlockDevice,
        Fifo => EntryKind.Fifo,
        Socket => EntryKind.Socket,
        Regular or 0 => EntryKind.File,
        _ => throw new InvalidDataException($"an entry has an unknown Unix file type 0x{mode & TypeMask:x4}"),
    };
}
