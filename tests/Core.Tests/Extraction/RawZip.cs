using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.Xz;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Zip files laid out by hand, for what no writer produces: central-directory records that all
/// point at one local entry (the overlapping-entries bomb), and sizes that lie.
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

    private static void LocalHeader(Stream output, string name, uint crc, long packedSize, long size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034B50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), Deflate);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 0x5821);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)packedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)nameBytes.Length);
        output.Write(header);
        output.Write(nameBytes);
    }

    private static void CentralHeader(Stream output, string name, uint crc, long packedSize, long size, uint localOffset)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new byte[46];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014B50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 0x031E);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), Deflate);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 0x5821);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)packedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(38), 0x81A4u << 16);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), localOffset);
        output.Write(header);
        output.Write(nameBytes);
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
