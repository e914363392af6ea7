using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decompresses every stream of an xz or bzip2 file. SharpCompress's decoders stop after the first
/// stream and would silently drop the rest of a concatenated file (pbzip2, lbzip2 and xz -T write
/// several); each leaves its source exactly at its stream's end, so the next one is opened here.
/// Between and after streams, zero bytes are padding, ignored as the command-line tools ignore
/// them (tape blocking, xz's own stream padding); any other byte is an error that says so.
/// </summary>
internal sealed class StreamSequence : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly byte[] _magic;
    private readonly Func<Stream, Stream> _open;
    private readonly string _format;
    private Stream? _current;

    private StreamSequence(Stream source, byte[] magic, Func<Stream, Stream> open, string format)
    {
        _source = source;
        _magic = magic;
        _open = open;
        _format = format;
        _current = open(source);
    }

    public static StreamSequence Xz(Stream source) =>
        new(source, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], stream => new XZStream(stream), "xz");

    /// <summary>A truncated stream is an error, not a short file.</summary>
    public static StreamSequence BZip2(Stream source) =>
        new(source, "BZh"u8.ToArray(), stream => BZip2Stream.Create(stream, CompressionMode.Decompress, decompressConcatenated: false, leaveOpen: true, tolerateTruncatedStream: false), "bzip2");

    /// <summary>The message for bytes after the last stream that are not padding, the same for every format.</summary>
    public static string TrailingData(string format) => $"bytes that are not zero padding follow the end of its {format} data";

    protected override int ReadCore(Span<byte> buffer)
    {
        while (_current is not null)
        {
            var count = _current.Read(buffer);
            if (count > 0)
            {
                return count;
            }

            _current.Dispose();
            _current = OpenNext();
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stream? OpenNext()
    {
        var next = _source.ReadByte();
        while (next == 0)
        {
            next = _source.ReadByte();
        }

        if (next < 0)
        {
            return null;
        }

        _source.Position--;
        Span<byte> magic = stackalloc byte[_magic.Length];
        if (_source.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(_magic))
        {
            throw new InvalidDataException(TrailingData(_format));
        }

        _source.Position -= magic.Length;
        return _open(_source);
    }
}
