namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// A GNU sparse file's content: the stored segments where its map puts them and zeros in the holes,
/// up to its real size. The holes are written as zeros, so they count against
/// FetchMaxExtractedBytes like any other byte: a map that claims a terabyte is a bomb.
/// </summary>
internal sealed class SparseFileStream : ReadOnlyStream
{
    private readonly Stream _stored;
    private readonly SparseMap _map;
    private readonly string _entryName;
    private long _position;
    private int _segment;

    /// <param name="stored">The segments' bytes, one after the other; <see cref="SparseMap.Problem"/> found them to fill the map exactly.</param>
    public SparseFileStream(Stream stored, SparseMap map, string entryName)
    {
        _stored = stored;
        _map = map;
        _entryName = entryName;
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        var segments = _map.Segments;
        while (_segment < segments.Count && _position >= segments[_segment].Offset + segments[_segment].Length)
        {
            _segment++;
        }

        var nextData = _segment < segments.Count ? segments[_segment].Offset : _map.RealSize;
        int count;
        if (_position < nextData)
        {
            count = (int)Math.Min(buffer.Length, nextData - _position);
            buffer[..count].Clear();
        }
        else if (_segment < segments.Count)
        {
            var left = segments[_segment].Offset + segments[_segment].Length - _position;
            count = _stored.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
            if (count == 0)
            {
                throw new InvalidDataException($"entry '{_entryName}' is truncated: its sparse data ends before its map does");
            }
        }
        else
        {
            return 0;
        }

        _position += count;
        return count;
    }
}
