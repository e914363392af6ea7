using System.Buffers.Binary;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Rewrites a field of the first entry in both its local and central headers, so the two agree and
/// only the entry's data can tell the lie: a CRC that does not match, an encryption flag.
/// </summary>
internal static class ZipHeaders
{
    private const int LocalCrc = 14;
    private const int CentralCrc = 16;
    private const int LocalFlags = 6;
    private const int CentralFlags = 8;

    private static ReadOnlySpan<byte> CentralSignature => [0x50, 0x4B, 0x01, 0x02];

    public static byte[] WithCrc(byte[] zip, uint crc)
    {
        var copy = zip.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(LocalCrc), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(CentralOf(copy) + CentralCrc), crc);
        return copy;
    }

    /// <summary>Sets bit 0 of the general-purpose flags: "encrypted", without encrypting anything.</summary>
    public static byte[] MarkedEncrypted(byte[] zip)
    {
        var copy = zip.ToArray();
        copy[LocalFlags] |= 1;
        copy[CentralOf(copy) + CentralFlags] |= 1;
        return copy;
    }

    private static int CentralOf(byte[] zip)
    {
        var at = zip.AsSpan().IndexOf(CentralSignature);
        Assert.That(at, Is.GreaterThan(0), "the zip has a central directory");
        return at;
    }
}
