using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

public sealed class FileSourceTests
{
    private static readonly byte[] Content = TestData.Bytes(3000, seed: 5);

    [Test]
    public async Task CopyAsync_SmallFile_CopiesAndHashesIt()
    {
        using var folder = new TempDirectory();
        var source = folder.Combine("source.bin");
        File.WriteAllBytes(source, Content);
        using var hasher = new ContentHasher([DigestAlgorithm.Sha256]);

        var result = await FileSource.CopyAsync(new Uri(source), folder.Combine("partial"), hasher, CancellationToken.None);

        Assert.That(File.ReadAllBytes(folder.Combine("partial")), Is.EqualTo(Content));
        Assert.That(result.TransferredBytes, Is.EqualTo(Content.Length));
        Assert.That(hasher.Finish().Sha256, Is.EqualTo(TestData.Sha256(Content)));
    }

    [Test]
    public async Task CopyAsync_ManySmallFiles_AllocatesNoLargeBufferPerFile()
    {
        using var folder = new TempDirectory();
        var source = new Uri(folder.Combine("source.bin"));
        File.WriteAllBytes(source.LocalPath, Content);
        await CopyAsync(source, folder.Combine("warm-up"));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        for (var i = 0; i < 20; i++)
        {
            await CopyAsync(source, folder.Combine($"partial{i}"));
        }

        // A fresh 1 MiB array and a FileStream's own 1 MiB buffer per file: 40 MiB here.
        Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(4 * 1024 * 1024));
    }

    private static async Task CopyAsync(Uri source, string partial)
    {
        using var hasher = new ContentHasher([DigestAlgorithm.Sha256]);
        await FileSource.CopyAsync(source, partial, hasher, CancellationToken.None);
    }
}
