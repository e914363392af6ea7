using Fetch.Build.Core.Extraction.Tar;

namespace Fetch.Build.Core.Tests.Extraction.Tar;

public sealed class TarNumbersTests
{
    [TestCase("0000644\0", 420L)]
    [TestCase("    644 \0", 420L)]
    [TestCase("\0\0  17", 15L)]
    [TestCase("77777777777\0", 8589934591L)]
    [TestCase("777777777777", 68719476735L)]
    [TestCase("12x4", 10L)]
    public void Parse_OctalAsWritersWroteIt_IsRead(string field, long expected)
    {
        Assert.That(TarNumbers.Parse(System.Text.Encoding.Latin1.GetBytes(field)), Is.EqualTo(expected));
    }

    [TestCase("        ")]
    [TestCase("\0\0\0\0\0\0\0\0")]
    [TestCase("none")]
    public void Parse_NoDigits_IsNull(string field)
    {
        Assert.That(TarNumbers.Parse(System.Text.Encoding.Latin1.GetBytes(field)), Is.Null);
    }

    [Test]
    public void Parse_Base256_IsBigEndianTwosComplement()
    {
        byte[] positive = [0x80, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0x01];
        byte[] negative = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE];

        Assert.That(TarNumbers.Parse(positive), Is.EqualTo((2L << 24) + 1));
        Assert.That(TarNumbers.Parse(negative), Is.EqualTo(-2));
    }

    [Test]
    public void Parse_Base256PastSixtyThreeBits_IsNull()
    {
        byte[] huge = [0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.That(TarNumbers.Parse(huge), Is.Null);
    }
}
