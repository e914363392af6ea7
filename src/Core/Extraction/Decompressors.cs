using SharpCompress.Compressors.ZStandard;

namespace Fetch.Build.Core.Extraction;

/// <summary>Opens the decompressor for a single-stream compression format over a seekable source.</summary>
internal static class Decompressors
{
    /// <param name="fastGzip">gzip through zlib, verified at the end; the extractor falls back to the exact path when it throws.</param>
    public static Stream Open(ArchiveFormat format, FileStream source, bool fastGzip) => format switch
    {
        ArchiveFormat.GZip => fastGzip ? new NativeGzipStream(source) : new GzipMemberStream(source),
        // Concatenated streams (pbzip2, lbzip2, xz -T) are one file.
        ArchiveFormat.BZip2 => StreamSequence.BZip2(source),
        ArchiveFormat.Xz => StreamSequence.Xz(source),
        // checkEndOfStream: a file cut inside a frame fails instead of ending early. Skippable
        // frames (pzstd's first) are skipped by the decoder itself.
        ArchiveFormat.Zstd => new DecompressionStream(source, bufferSize: 0, checkEndOfStream: true, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a single-stream compression format"),
    };
}
