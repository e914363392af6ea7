using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class StreamSequenceTests
{
    private const string Notes = "one compressed file, not a tar\n";

    private static readonly byte[] OneXz = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.xz"));

    private static readonly byte[] OneBZip2 = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.bz2"));

    [Test]
    public void Read_ConcatenatedXzStreamsWithPadding_GivesAllOfThem()
    {
        // SharpCompress's XZStream stops after the first stream.
        Assert.That(Decompress(StreamSequence.Xz, [.. OneXz, 0, 0, 0, 0, .. OneXz]), Is.EqualTo(Notes + Notes));
    }

    [Test]
    public void Read_ConcatenatedBZip2StreamsWithPadding_GivesAllOfThem()
    {
        Assert.That(Decompress(StreamSequence.BZip2, [.. OneBZip2, 0, 0, 0, .. OneBZip2, .. new byte[2000]]), Is.EqualTo(Notes + Notes));
    }

    [Test]
    public void Read_GarbageAfterTheXzStream_SaysSo()
    {
        var error = Assert.Throws<InvalidDataException>(() => Decompress(StreamSequence.Xz, [.. OneXz, .. "garbage"u8]));

        Assert.That(error!.Message, Is.EqualTo("bytes that are not zero padding follow the end of its xz data"));
    }

    [Test]
    public void Read_GarbageAfterTheBZip2Padding_SaysSo()
    {
        var error = Assert.Throws<InvalidDataException>(() => Decompress(StreamSequence.BZip2, [.. OneBZip2, 0, 0, .. "garbage"u8]));

        Assert.That(error!.Message, Is.EqualTo("bytes that are not zero padding follow the end of its bzip2 data"));
    }

    private static string Decompress(Func<Stream, StreamSequence> open, byte[] bytes)
    {
        using var stream = open(new MemoryStream(bytes));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
