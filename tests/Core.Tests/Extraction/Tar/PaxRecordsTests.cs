using System.Text;
using Fetch.Build.Core.Extraction.Tar;

namespace Fetch.Build.Core.Tests.Extraction.Tar;

public sealed class PaxRecordsTests
{
    [Test]
    public void Add_BinaryValueWithNewlinesAndEquals_IsReadByItsLength()
    {
        var records = new PaxRecords();
        byte[] value = [(byte)'A', 0xFF, 0xFE, (byte)'\n', (byte)'=', 0x01, (byte)'Z'];
        byte[] data = [.. "33 SCHILY.xattr.user.bin="u8, .. value, (byte)'\n', .. "20 mtime=-315619200\n"u8, .. "12 path=a/b\n"u8];

        Assert.That(records.Add(data), Is.True);
        Assert.That(records.All.Select(r => r.Key), Is.EqualTo(new[] { "SCHILY.xattr.user.bin", "mtime", "path" }));
        Assert.That(records.All[0].Value, Is.EqualTo(value));
        Assert.That(Encoding.UTF8.GetString(records.Value("path")!), Is.EqualTo("a/b"));
    }

    [TestCase("13 path=a/b\n")]
    [TestCase("11 path=a/b\n")]
    [TestCase("x path=a/b\n")]
    [TestCase("12 path a/b\n")]
    [TestCase("12 path=a/bc")]
    public void Add_RecordItsLengthDoesNotFrame_IsMalformed(string data)
    {
        Assert.That(new PaxRecords().Add(Encoding.ASCII.GetBytes(data)), Is.False);
    }

    [Test]
    public void Add_PaddedWithNuls_StopsAtTheFirstNul()
    {
        var records = new PaxRecords();

        Assert.That(records.Add([.. "12 path=a/b\n"u8, 0, 0, 0]), Is.True);
        Assert.That(records.All, Has.Count.EqualTo(1));
    }

    [Test]
    public void Value_RepeatedKey_IsTheLastAndAnEmptyValueIsNone()
    {
        var records = new PaxRecords();
        records.Add("11 size=10\n11 size=20\n17 linkpath=a/b\n"u8);
        records.Add("13 linkpath=\n"u8);

        Assert.That(records.Number("size"), Is.EqualTo(20));
        Assert.That(records.Value("linkpath"), Is.Null);
    }

    [TestCase("11 size=-1\n")]
    [TestCase("12 size=1.5\n")]
    [TestCase("12 size= 15\n")]
    public void Number_NotANonNegativeInteger_IsNull(string data)
    {
        var records = new PaxRecords();

        Assert.That(records.Add(Encoding.ASCII.GetBytes(data)), Is.True);
        Assert.That(records.Number("size"), Is.Null);
    }
}
