using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

public sealed class EarlyWritebackTests
{
    [Test]
    [Platform("Linux")]
    public void Start_WrittenStretchOfAFile_IsTakenByTheOS()
    {
        using var folder = new TempDirectory();
        using var file = new FileStream(folder.Combine("partial"), FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.Asynchronous);
        RandomAccess.Write(file.SafeFileHandle, TestData.Bytes(3 << 20, seed: 3), 0);

        // A wrong entry point, handle or flag would be refused (EBADF, EINVAL) and leave every byte to the fsync.
        Assert.That(EarlyWriteback.Start(file.SafeFileHandle, 1 << 20, 2 << 20), Is.True);
    }

    [Test]
    public void StartEachStep_LessThanAStepSinceTheLastStart_WaitsForMore_AndAStep_MovesTheMark()
    {
        using var folder = new TempDirectory();
        using var file = new FileStream(folder.Combine("partial"), FileMode.Create, FileAccess.ReadWrite);

        Assert.That(EarlyWriteback.StartEachStep(file.SafeFileHandle, 0, 0, EarlyWriteback.Step - 1), Is.Zero);
        Assert.That(EarlyWriteback.StartEachStep(file.SafeFileHandle, 0, 0, EarlyWriteback.Step + 5), Is.EqualTo(EarlyWriteback.Step + 5));
    }

    [Test]
    public void Start_NothingToWrite_AsksNothing()
    {
        using var folder = new TempDirectory();
        using var file = new FileStream(folder.Combine("partial"), FileMode.Create, FileAccess.ReadWrite);

        Assert.That(EarlyWriteback.Start(file.SafeFileHandle, 0, 0), Is.False);
    }
}
