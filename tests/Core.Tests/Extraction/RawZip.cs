using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.Xz;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Zip files laid out by hand, for what no writer produces: central-directory records that all
/// point at one local entry (the overlapping-entries bomb), sizes that lie, Unicode Path extra
/// fields, end records that miscount, Zip64 end records on a small archive.
/// </summary>
internal static class RawZip
{
    private const ushort Deflate = 8;

    /// <summary><paramref name="count"/> central records named copy-N, all pointing at one deflated entry.</summary>
    public static byte[] Overlapping(byte[] content, int count)
    {
        var packed = Deflated(content);
        var crc = Crc(content);
        var output = new MemoryStream();
        LocalHeader(output, "shared", crc, packed.Length, content.Length);
        output.Write(packed);
        var directoryStart = output.Position;
        for (var i = 0; i < count; i++)
        {
            CentralHeader(output, $"copy-{i}", crc, packed.Length, content.Length, localOffset: 0);
        }

        End(output, count, directoryStart);
        return output.ToArray();
    }

    /// <summary>One deflated entry whose headers (local and central) declare <paramref name="declaredSize"/>.</summary>
    public static byte[] LyingSize(string name, byte[] content, uint declaredSize)
    {
        var packed = Deflated(content);
        var crc = Crc(content);
        var output = new MemoryStream();
        LocalHeader(output, name, crc, packed.Length, declaredSize);
        output.Write(packed);
        var directoryStart = output.Position;
        CentralHeader(output, name, crc, packed.Length, declaredSize, localOffset: 0);
        End(output, 1, directoryStart);
        return output.ToArray();
    }

    /// <summary>
    /// One deflated entry whose name field holds <paramref name="rawName"/> (no UTF-8 flag) and whose
    /// Unicode Path extra field (0x7075) names it <paramref name="unicodeName"/>, as Windows zippers wrote them.
    /// </summary>
    public static byte[] WithUnicodePath(byte[] rawName, string unicodeName, byte[] content)
    {
        // ID, length; version 1, CRC-32 of the name field it replaces, the UTF-8 name.
        var unicode = Encoding.UTF8.GetBytes(unicodeName);
        var extra = new byte[4 + 5 + unicode.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x7075);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(5 + unicode.Length));
        extra[4] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(extra.AsSpan(5), Crc(rawName));
        unicode.CopyTo(extra, 9);
        return Single(rawName, content, extra);
    }

    /// <summary>Deflated entries named file-N, whose end record claims <paramref name="claimed"/> of them.</summary>
    public static byte[] Miscounted(int count, int claimed)
    {
        var output = new MemoryStream();
        var directory = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var content = Encoding.UTF8.GetBytes($"content of file {i}\n");
            var packed = Deflated(content);
            var name = Encoding.UTF8.GetBytes($"file-{i}");
            var offset = (uint)output.Position;
            LocalHeader(output, name, Crc(content), packed.Length, content.Length);
            output.Write(packed);
            CentralHeader(directory, name, Crc(content), packed.Length, content.Length, offset);
        }

        var directoryStart = output.Position;
        directory.WriteTo(output);
        End(output, claimed, directoryStart);
        return output.ToArray();
    }

    /// <summary>
    /// One deflated entry, and the end records a writer adds past 65,535 entries or 4 GiB: a Zip64
    /// end record and its locator, and a classic end record whose fields say "see Zip64" or, as
    /// Info-ZIP writes them when it reads from a pipe and did not need Zip64, the true values.
    /// </summary>
    /// <param name="zip64LocalOffset">
    /// When set, the central record's local header offset says "see Zip64" and a Zip64 extra field
    /// gives this value (the true one is 0).
    /// </param>
    public static byte[] WithZip64End(string name, byte[] content, bool classicSaysSeeZip64 = true, ulong? zip64LocalOffset = null)
    {
        var packed = Deflated(content);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var output = new MemoryStream();
        LocalHeader(output, nameBytes, Crc(content), packed.Length, content.Length);
        output.Write(packed);
        var directoryStart = output.Position;
        if (zip64LocalOffset is { } offset)
        {
            var extra = new byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), 8);
            BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(4), offset);
            CentralHeader(output, nameBytes, Crc(content), packed.Length, content.Length, localOffset: uint.MaxValue, extra);
        }
        else
        {
            CentralHeader(output, nameBytes, Crc(content), packed.Length, content.Length, localOffset: 0);
        }

        var directoryLength = output.Position - directoryStart;

        var zip64End = output.Position;
        var record = new byte[56];
        BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064B50);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), 56 - 12);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(12), 45);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(14), 45);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(24), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(32), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(40), (ulong)directoryLength);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(48), (ulong)directoryStart);
        output.Write(record);

        var locator = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064B50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), (ulong)zip64End);
        BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(16), 1);
        output.Write(locator);

        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), classicSaysSeeZip64 ? ushort.MaxValue : (ushort)1);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), classicSaysSeeZip64 ? ushort.MaxValue : (ushort)1);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), classicSaysSeeZip64 ? uint.MaxValue : (uint)directoryLength);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), classicSaysSeeZip64 ? uint.MaxValue : (uint)directoryStart);
        output.Write(end);
        return output.ToArray();
    }

    /// <summary>
    /// Deflated entries as a given writer made them: the raw name bytes, the host in "version made
    /// by" (0 MS-DOS, 3 Unix, 10 NTFS), the general-purpose flags (0x0800: UTF-8 name) and the
    /// external attributes (MS-DOS attributes in the low byte, st_mode in the high 16 bits).
    /// </summary>
    public static byte[] MadeBy(params (byte[] Name, byte Host, ushort Flags, int Attributes, byte[] Content)[] entries)
    {
        var output = new MemoryStream();
        var directory = new MemoryStream();
        foreach (var (name, host, flags, attributes, content) in entries)
        {
            var packed = Deflated(content);
            var offset = (uint)output.Position;
            LocalHeader(output, name, Crc(content), packed.Length, content.Length, flags: flags);
            output.Write(packed);
            CentralHeader(directory, name, Crc(content), packed.Length, content.Length, offset, host: host, flags: flags, attributes: attributes);
        }

        var directoryStart = output.Position;
        directory.WriteTo(output);
        End(output, entries.Length, directoryStart);
        return output.ToArray();
    }

    private static byte[] Single(byte[] name, byte[] content, byte[] extra)
    {
        var packed = Deflated(content);
        var output = new MemoryStream();
        LocalHeader(output, name, Crc(content), packed.Length, content.Length, extra);
        output.Write(packed);
        var directoryStart = output.Position;
        CentralHeader(output, name, Crc(content), packed.Length, content.Length, localOffset: 0, extra);
        End(output, 1, directoryStart);
        return output.ToArray();
    }

    private static byte[] Deflated(byte[] content)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return output.ToArray();
    }

    private static uint Crc(byte[] content) => ~Crc32.Update(Crc32.DefaultSeed, content);

    private static void LocalHeader(Stream output, string name, uint crc, long packedSize, long size) =>
        LocalHeader(output, Encoding.UTF8.GetBytes(name), crc, packedSize, size);

    private static void LocalHeader(Stream output, byte[] nameBytes, uint crc, long packedSize, long size, byte[]? extra = null, ushort flags = 0)
    {
        var header = new byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034B50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), Deflate);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 0x5821);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)packedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)(extra?.Length ?? 0));
        output.Write(header);
        output.Write(nameBytes);
        output.Write(extra);
    }

    private static void CentralHeader(Stream output, string name, uint crc, long packedSize, long size, uint localOffset) =>
        CentralHeader(output, Encoding.UTF8.GetBytes(name), crc, packedSize, size, localOffset);

    private static void CentralHeader(Stream output, byte[] nameBytes, uint crc, long packedSize, long size, uint localOffset, byte[]? extra = null, byte host = 3, ushort flags = 0, int attributes = unchecked((int)(0x81A4u << 16)))
    {
        var header = new byte[46];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014B50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)((host << 8) | 0x1E));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), Deflate);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 0x5821);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)packedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(30), (ushort)(extra?.Length ?? 0));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(38), attributes);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), localOffset);
        output.Write(header);
        output.Write(nameBytes);
        output.Write(extra);
    }

    private static void End(Stream output, int count, long directoryStart)
    {
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)(output.Position - directoryStart));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)directoryStart);
        output.Write(end);
    }
}
