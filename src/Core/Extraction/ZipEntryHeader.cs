namespace Fetch.Build.Core.Extraction;

/// <summary>
/// One entry of a zip's central directory as <see cref="ZipNames"/> decided it, the same whichever
/// library reads the data. <see cref="ExternalAttributes"/> holds st_mode in its high 16 bits when
/// written on Unix; <see cref="Crc"/> is the record's, to tell that a library's entry is this one.
/// </summary>
internal readonly record struct ZipEntryHeader(
    string Name,
    bool IsDirectory,
    bool IsEncrypted,
    int ExternalAttributes,
    uint Crc);
