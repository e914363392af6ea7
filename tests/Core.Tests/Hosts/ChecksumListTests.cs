using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Tests.Hosts;

public sealed class ChecksumListTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);

    [TestCase("{0}  x.tar.gz\n{1}  y.zip\n", "x.tar.gz")]
    [TestCase("{1}  y.zip\r\n{0} *x.tar.gz\r\n", "x.tar.gz")]
    [TestCase("# release 1.0\n{1}  y.zip\n{0}  dist/x.tar.gz\n", "x.tar.gz")]
    [TestCase("SHA256 (y.zip) = {1}\nSHA256 (x.tar.gz) = {0}\n", "x.tar.gz")]
    [TestCase("{0}\n", "anything.bin")]
    [TestCase("\\{0}  a\\\\b.bin\n", "a\\b.bin")]
    public void Find_EachFormat_GivesTheFilesSha256(string format, string name)
    {
        var list = ChecksumList.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, A, B));

        Assert.That(list.Find(name), Is.EqualTo(new ExpectedDigest(DigestAlgorithm.Sha256, A)));
    }

    [TestCase("{0}  x.tar.gz.asc\n")]
    [TestCase("{0}  a/x.tar.gz\n{1}  b/x.tar.gz\n")]
    [TestCase("0123456789012345678901234567890123456789  x.tar.gz\n")]
    public void Find_NoLineForTheFileOrAmbiguous_IsNull(string format)
    {
        var list = ChecksumList.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, A, B));

        Assert.That(list.Find("x.tar.gz"), Is.Null);
    }
}
