namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>Which writer's header layout a block uses, told by its magic field.</summary>
internal enum TarLayout
{
    /// <summary>No magic: Seventh Edition Unix, and writers that imitate it.</summary>
    V7,

    /// <summary>"ustar\0": POSIX ustar and pax, and star; names may have a prefix field.</summary>
    Ustar,

    /// <summary>"ustar  \0": GNU tar's own format, whose prefix area holds times and sparse maps instead.</summary>
    Gnu,
}
