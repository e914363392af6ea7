using System.Buffers.Binary;
using SharpCompress.Compressors;
using SharpCompress.Compressors.Deflate;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decompresses every member of a gzip file and checks each member's CRC-32 and length.
/// SharpCompress's GZipStream reads only the first member (bgzip and pigz write many) and checks
/// the trailer only when disposed; .NET's own stream misses truncation. Here the header is parsed
/// by hand, the raw deflate data goes through SharpCompress, and its exact input count
/// (<see cref="DeflateStream.TotalIn"/>) finds the trailer. Needs a seekable source.
/// </summary>
internal sealed class GzipMemberStream : ReadOnlyStream
{
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte ReservedFlags = 0xE0;
    private const int FixedHeaderLength = 10;
    private const int TrailerLength = 8;

    private readonly Stream _source;
    private DeflateStream? _member;
    private long _dataStart;
    private uint _crc;
    private uint _length;
    private bool _ended;

    public GzipMemberStream(Stream source)
    {
        _source = source;
        StartMember();
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        while (!_ended)
        {
            var count = _member!.Read(buffer);
            if (count > 0)
            {
                _crc = Crc32.Update(_crc, buffer[..count]);
                _length = unchecked(_length + (uint)count);
                return count;
            }

            EndMember();
            if (HasAnotherMember())
            {
                StartMember();
            }
            else
            {
                _ended = true;
            }
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StartMember()
    {
        Span<byte> header = stackalloc byte[FixedHeaderLength];
        _source.ReadExactly(header);
        if (header[0] != 0x1F || header[1] != 0x8B || header[2] != 8 || (header[3] & ReservedFlags) != 0)
        {
            throw new InvalidDataException("a gzip member header is malformed");
        }

        var flags = header[3];
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            _source.ReadExactly(length);
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(length));
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            Skip(2);
        }

        _dataStart = _source.Position;
        _crc = Crc32.DefaultSeed;
        _length = 0;
        _member = new DeflateStream(_source, CompressionMode.Decompress, CompressionLevel.Default, leaveOpen: true, forceEncoding: null!);
    }

    private void EndMember()
    {
        // The inflater reads ahead; TotalIn is what it used, so the trailer starts right after.
        _source.Position = _dataStart + _member!.TotalIn;
        _member.Dispose();
        _member = null;

        Span<byte> trailer = stackalloc byte[TrailerLength];
        _source.ReadExactly(trailer);
        var crc = ~_crc;
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc)
        {
            throw new InvalidDataException("gzip CRC-32 mismatch: the data is corrupt");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != _length)
        {
            throw new InvalidDataException("gzip length mismatch: the data is corrupt");
        }
    }

    /// <summary>True at the start of another member; false at the end of the file or of zero padding.</summary>
    private bool HasAnotherMember()
    {
        var next = _source.ReadByte();
        while (next == 0)
        {
            next = _source.ReadByte();
        }

        if (next < 0)
        {
            return false;
        }

        if (next != 0x1F)
        {
            throw new InvalidDataException(StreamSequence.TrailingData("gzip"));
        }

        _source.Position--;
        return true;
    }

    private void Skip(int count)
    {
        var end = _source.Position + count;
        if (end > _source.Length)
        {
            throw new EndOfStreamException("a gzip header is truncated");
        }

        _source.Position = end;
    }

    private void SkipZeroTerminated()
    {
        int value;
        do
        {
            value = _source.ReadByte();
            if (value < 0)
            {
                throw new EndOfStreamException("a gzip header is truncated");
            }
        }
        while (value != 0);
    }
}
