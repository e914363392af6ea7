using Fetch.Build.Core.Extraction.Tar;

namespace Fetch.Build.Core.Extraction;

/// <summary>Recognises a format from its magic bytes; a tar from a header whose checksum adds up.</summary>
internal static class FormatDetector
{
    public const int TarBlockSize = TarHeader.BlockSize;

    private static ReadOnlySpan<byte> ZipLocalHeader => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ZipEmptyArchive => [0x50, 0x4B, 0x05, 0x06];

    private static ReadOnlySpan<byte> SevenZip => [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];

    // Method byte 8 included: deflate is the only method gzip defines.
    private static ReadOnlySpan<byte> GZip => [0x1F, 0x8B, 0x08];

    private static ReadOnlySpan<byte> BZip2 => "BZh"u8;

    private static ReadOnlySpan<byte> Xz => [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    private static ReadOnlySpan<byte> Zstd => [0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>The format of a file whose first bytes (up to one tar block) are <paramref name="head"/>.</summary>
    public static ArchiveFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(ZipLocalHeader) || head.StartsWith(ZipEmptyArchive))
        {
            return ArchiveFormat.Zip;
        }

        if (head.StartsWith(SevenZip))
        {
            return ArchiveFormat.SevenZip;
        }

        if (head.StartsWith(GZip))
        {
            return ArchiveFormat.GZip;
        }

        if (head.StartsWith(BZip2) && head.Length > 3 && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return ArchiveFormat.BZip2;
        }

        if (head.StartsWith(Xz))
        {
            return ArchiveFormat.Xz;
        }

        if (head.StartsWith(Zstd) || IsZstdSkippableFrame(head))
        {
            return ArchiveFormat.Zstd;
        }

        return LooksLikeTar(head) ? ArchiveFormat.Tar : ArchiveFormat.Unknown;
    }

    /// <summary>
    /// A zstd skippable frame (magic 0x184D2A50 to 0x184D2A5F, little-endian): metadata the decoder
    /// skips, as pzstd writes before its first frame. LZ4 uses the same magic; such a file is read
    /// as zstd and refused by the decoder when the LZ4 frame follows.
    /// </summary>
    private static bool IsZstdSkippableFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18;

    /// <summary>
    /// True when <paramref name="block"/> is a tar header: its checksum field matches the sum of its
    /// bytes. That also covers old V7 archives, which have no "ustar" magic.
    /// </summary>
    public static bool LooksLikeTar(ReadOnlySpan<byte> block) => block.Length >= TarBlockSize && block[0] != 0 && TarHeader.HasValidChecksum(block);
}
