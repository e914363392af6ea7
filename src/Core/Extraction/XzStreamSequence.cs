using SharpCompress.Compressors.Xz;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decompresses every stream of an xz file. SharpCompress's XZStream stops after the first one
/// and would silently drop the rest of a concatenated file; it does leave the source exactly at
/// that stream's end, so the next stream (after optional zero padding) can be opened here.
/// </summary>
internal sealed class XzStreamSequence : ReadOnlyStream
{
    private static readonly byte[] Magic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    private readonly Stream _source;
    private XZStream? _current;

    public XzStreamSequence(Stream source)
    {
        _source = source;
        _current = new XZStream(source);
    }

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

    private XZStream? OpenNext()
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
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (_source.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException("unexpected data after the end of the xz stream");
        }

        _source.Position -= magic.Length;
        return new XZStream(_source);
    }
}
