namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// One 512-byte tar header, as V7, ustar, pax, star and GNU tar lay it out. Only the fields that
/// decide the tree are read (name, mode, size, type, link name); owners, times and device numbers
/// are never parsed, so whatever a writer put there (Plexus wrote spaces for ids) cannot fail a read.
/// </summary>
internal sealed class TarHeader
{
    public const int BlockSize = 512;

    private const int NameLength = 100;
    private const int ModeOffset = 100;
    private const int SizeOffset = 124;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeOffset = 156;
    private const int LinkNameOffset = 157;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345;
    private const int PrefixLength = 155;

    // star (Jörg Schilling's tar) keeps times after a shorter prefix and marks it "tar\0" at the end.
    private const int StarPrefixLength = 131;
    private const int StarMagicOffset = 508;

    private readonly byte[] _block;

    private TarHeader(byte[] block, TarLayout layout)
    {
        _block = block;
        Layout = layout;
    }

    public TarLayout Layout { get; }

    public byte TypeFlag => _block[TypeOffset];

    /// <summary>The name fields as bytes: ustar's prefix and name joined by '/', else the name alone.</summary>
    public byte[] Name
    {
        get
        {
            var name = Text(_block.AsSpan(0, NameLength));
            if (Layout != TarLayout.Ustar)
            {
                return name.ToArray();
            }

            var isStar = _block.AsSpan(StarMagicOffset, 4).SequenceEqual("tar\0"u8);
            var prefix = Text(_block.AsSpan(PrefixOffset, isStar ? StarPrefixLength : PrefixLength));
            return prefix.IsEmpty ? name.ToArray() : [.. prefix, (byte)'/', .. name];
        }
    }

    public byte[] LinkName => Text(_block.AsSpan(LinkNameOffset, NameLength)).ToArray();

    /// <summary>The permission bits (some writers add the file-type bits, which the type flag already says).</summary>
    public int? Mode => TarNumbers.Parse(_block.AsSpan(ModeOffset, 8)) is { } mode and >= 0 ? (int)(mode & 0xFFF) : null;

    /// <summary>The size field; null when it holds no number.</summary>
    public long? Size => TarNumbers.Parse(_block.AsSpan(SizeOffset, 12));

    /// <summary>The whole block, for the fields only one kind of header has (old GNU sparse maps).</summary>
    public ReadOnlySpan<byte> Block => _block;

    /// <summary>The header in <paramref name="block"/>, or null when its checksum does not add up.</summary>
    public static TarHeader? Parse(ReadOnlySpan<byte> block)
    {
        if (!HasValidChecksum(block))
        {
            return null;
        }

        var magic = block.Slice(MagicOffset, 8);
        var layout = magic.SequenceEqual("ustar  \0"u8) ? TarLayout.Gnu
            : magic.StartsWith("ustar\0"u8) ? TarLayout.Ustar
            : TarLayout.V7;
        return new TarHeader(block[..BlockSize].ToArray(), layout);
    }

    /// <summary>
    /// True when the checksum field matches the sum of the block's bytes, counting the field as
    /// spaces. Old writers summed signed chars; readers accept either sum.
    /// </summary>
    public static bool HasValidChecksum(ReadOnlySpan<byte> block)
    {
        if (block.Length < BlockSize)
        {
            return false;
        }

        var field = block.Slice(ChecksumOffset, ChecksumLength).Trim(" \0"u8);
        if (field.IsEmpty)
        {
            return false;
        }

        long stored = 0;
        foreach (var digit in field)
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            stored = (stored * 8) + (digit - '0');
        }

        long unsigned = 0;
        long signed = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var value = i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? (byte)' ' : block[i];
            unsigned += value;
            signed += (sbyte)value;
        }

        return stored == unsigned || stored == signed;
    }

    /// <summary>A text field ends at its first NUL, or fills the field.</summary>
    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end < 0 ? field : field[..end];
    }
}
