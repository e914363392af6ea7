using Fetch.Build.Core.Maintenance;

namespace Fetch.Build.Core.Tests.Maintenance;

public sealed class ByteSizeTests
{
    [TestCase("500MB", 500_000_000L)]
    [TestCase("20GiB", 20L * 1024 * 1024 * 1024)]
    [TestCase("1.5 GB", 1_500_000_000L)]
    [TestCase("64kib", 65_536L)]
    [TestCase("1048576", 1_048_576L)]
    [TestCase("0", 0L)]
    [TestCase(" 10B ", 10L)]
    public void Parse_SizesAsUsersWriteThem_AreBytes(string text, long bytes) => Assert.That(ByteSize.Parse(text), Is.EqualTo(bytes));

    [TestCase("12XB")]
    [TestCase("MB")]
    [TestCase("")]
    [TestCase("-5MB")]
    [TestCase("1.2.3GB")]
    [TestCase("99999999999TB")]
    public void Parse_NotASize_IsNull(string text) => Assert.That(ByteSize.Parse(text), Is.Null);

    [TestCase(512L, "512 B")]
    [TestCase(1536L, "1.5 KiB")]
    [TestCase(300L * 1024 * 1024, "300 MiB")]
    public void Format_Bytes_ReadsInBinaryUnits(long bytes, string text) => Assert.That(ByteSize.Format(bytes), Is.EqualTo(text));
}
