namespace Fetch.Build.Core.Extraction;

/// <summary>An opened zip entry: its content, and the CRC-32 and size it must come to.</summary>
internal readonly record struct ZipEntryData(Stream Content, uint Crc, long Size);
