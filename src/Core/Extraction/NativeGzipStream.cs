using System.Buffers.Binary;
using System.IO.Compression;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// gzip through the runtime's zlib: three to four times faster than the managed inflater of
/// <see cref="GzipMemberStream"/>. zlib checks each member's CRC-32 and length itself, but through
/// .NET's GZipStream a file cut short simply ends early. So at the end, the file's last four bytes
/// (the final member's length) must equal what came out; anything else — a cut file, several
/// members, padding — throws, and the extractor starts over on the exact, slower path.
/// </summary>
internal sealed class NativeGzipStream : ReadOnlyStream
{
    private const int MinimumMemberLength = 18;
    private readonly GZipStream _inner;
    private readonly uint? _finalMemberLength;
    private long _length;
    private bool _checked;

    public NativeGzipStream(FileStream source)
    {
        if (source.Length - source.Position >= MinimumMemberLength)
        {
            Span<byte> trailer = stackalloc byte[4];
            RandomAccess.Read(source.SafeFileHandle, trailer, source.Length - 4);
            _finalMemberLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        _inner = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        var count = _inner.Read(buffer);
        _length += count;
        if (count == 0 && !_checked)
        {
            _checked = true;
            // ISIZE is the length modulo 2^32.
            if (_finalMemberLength != (uint)_length)
            {
                throw new InvalidDataException("the gzip data ends before its trailer, or holds more than one member");
            }
        }

        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
