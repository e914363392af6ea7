namespace Fetch.Build.Core.Extraction;

/// <summary>What the first bytes of a file say it is. Never taken from the file's name.</summary>
internal enum ArchiveFormat
{
    Unknown,
    Zip,
    SevenZip,
    Tar,
    GZip,
    BZip2,
    Xz,
    Zstd,
}
