namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Checks an entry's CRC-32 and size once it has been read to the end. SharpCompress 0.50 does not
/// check them for zip or 7z entries: a flipped byte in stored data would pass unnoticed.
/// </summary>
internal sealed class CrcCheckedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly uint? _expectedCrc;
    private readonly long _expectedLength;
    private uint _crc = Crc32.DefaultSeed;
    private long _length;
    private bool _checked;

    /// <param name="expectedCrc">Null when the archive records none for this entry.</param>
    public CrcCheckedStream(Stream inner, uint? expectedCrc, long expectedLength)
    {
        _inner = inner;
        _expectedCrc = expectedCrc;
        _expectedLength = expectedLength;
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        var count = _inner.Read(buffer);
        if (count > 0)
        {
            _crc = Crc32.Update(_crc, buffer[..count]);
            _length += count;
        }
        else if (!_checked)
        {
            _checked = true;
            Verify();
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

    private void Verify()
    {
        if (_length != _expectedLength)
        {
            throw new InvalidDataException($"an entry holds {_length} bytes but its header says {_expectedLength}");
        }

        if (_expectedCrc is { } expected && ~_crc != expected)
        {
            throw new InvalidDataException($"CRC-32 mismatch: the entry's data is corrupt (expected {expected:x8}, got {~_crc:x8})");
        }
    }
}
