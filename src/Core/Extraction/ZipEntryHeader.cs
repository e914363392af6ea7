namespace Fetch.Build.Core.Extraction;

/// <summary>
/// What a zip's central directory says about one entry, in the same terms whichever library read
/// it. <see cref="ExternalAttributes"/> holds st_mode in its high 16 bits when written on Unix.
/// </summary>
internal readonly record struct ZipEntryHeader(
    string Name,
    bool IsDirectory,
    bool IsEncrypted,
    int ExternalAttributes);
