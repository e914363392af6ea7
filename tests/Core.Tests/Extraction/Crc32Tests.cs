using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class Crc32Tests
{
    [Test]
    public void Update_CheckString_GivesTheStandardCheckValue()
    {
        var crc = ~Crc32.Update(Crc32.DefaultSeed, "123456789"u8);

        Assert.That(crc, Is.EqualTo(0xCBF43926u));
    }

    [Test]
    public void Update_AnyLengthAndSplit_AgreesWithSharpCompress()
    {
        var data = TestData.Bytes(70_000, seed: 11);
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var start = random.Next(0, 64);
            var length = random.Next(0, round < 100 ? 40 : data.Length - 64);
            var span = data.AsSpan(start, length);
            var split = random.Next(0, length + 1);

            var ours = Crc32.Update(Crc32.Update(Crc32.DefaultSeed, span[..split]), span[split..]);
            var theirs = SharpCompress.Compressors.Xz.Crc32.Update(SharpCompress.Compressors.Xz.Crc32.DefaultSeed, span);

            Assert.That(ours, Is.EqualTo(theirs), $"start {start}, length {length}, split {split}");
        }
    }
}
