using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class GzipMemberStreamTests
{
    private static readonly byte[] OneMember = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.gz"));

    private static string Notes => "one compressed file, not a tar\n";

    [Test]
    public void Read_ConcatenatedMembers_GivesAllOfThem()
    {
        // As bgzip and pigz write: SharpCompress's own GZipStream stops after the first.
        Assert.That(Decompress([.. OneMember, .. OneMember, .. OneMember]), Is.EqualTo(Notes + Notes + Notes));
    }

    [Test]
    public void Read_ZeroPaddingAfterTheLastMember_IsIgnored()
    {
        Assert.That(Decompress([.. OneMember, .. new byte[100]]), Is.EqualTo(Notes));
    }

    [Test]
    public void Read_HeaderWithNameAndComment_IsSkipped()
    {
        // FLG = FNAME | FCOMMENT, then "n\0" and "c\0" before the deflate data.
        byte[] withName = [.. OneMember[..3], 0x18, .. OneMember[4..10], (byte)'n', 0, (byte)'c', 0, .. OneMember[10..]];

        Assert.That(Decompress(withName), Is.EqualTo(Notes));
    }

    [TestCase(1)]
    [TestCase(8)]
    public void Read_TruncatedMember_Throws(int cut)
    {
        Assert.Catch(() => Decompress(OneMember[..^cut]));
    }

    [Test]
    public void Read_SecondMemberCorrupt_Throws()
    {
        var second = (byte[])OneMember.Clone();
        second[^8] ^= 0x01;

        Assert.Throws<InvalidDataException>(() => Decompress([.. OneMember, .. second]));
    }

    private static string Decompress(byte[] bytes)
    {
        using var stream = new GzipMemberStream(new MemoryStream(bytes));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
