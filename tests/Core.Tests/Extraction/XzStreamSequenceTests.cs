using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class XzStreamSequenceTests
{
    private static readonly byte[] OneStream = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.xz"));

    [Test]
    public void Read_ConcatenatedStreamsWithPadding_GivesAllOfThem()
    {
        // SharpCompress's XZStream stops after the first stream.
        var text = Decompress([.. OneStream, 0, 0, 0, 0, .. OneStream]);

        Assert.That(text, Is.EqualTo("one compressed file, not a tar\none compressed file, not a tar\n"));
    }

    [Test]
    public void Read_GarbageAfterTheStream_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Decompress([.. OneStream, .. "garbage"u8]));
    }

    private static string Decompress(byte[] bytes)
    {
        using var stream = new XzStreamSequence(new MemoryStream(bytes));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
