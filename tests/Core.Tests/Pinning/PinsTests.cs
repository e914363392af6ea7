using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Pinning;

public sealed class PinsTests
{
    private static readonly string ShaA = new('a', 64);
    private static readonly FetchSettings Settings = SettingCatalog.Defaults(Path.GetTempPath(), Path.Combine(Path.GetTempPath(), "project")) with { UseLockFile = true };

    [Test]
    public void SourceOf_ItemBeforeEntryBeforeFirstUse_AndNothingForUrlsTheLockFileCannotTellApart()
    {
        var declared = SampleRequests.Sample("https://example.org/a.bin", new ExpectedDigest(DigestAlgorithm.Md5, new string('0', 32)));
        var listed = SampleRequests.Sample("https://example.org/a.bin");
        var unlisted = SampleRequests.Sample("https://example.org/b.bin");
        var one = SampleRequests.Sample("https://example.org/c.bin?id=1");
        var two = SampleRequests.Sample("https://example.org/c.bin?id=2");
        var lockFile = new LockFile([new("https://example.org/a.bin", new LockEntry(ShaA, 1)), new("https://example.org/c.bin?id=***", new LockEntry(ShaA, 1))]);

        var pins = Pins.From(lockFile, [declared, listed, unlisted, one, two], Settings);

        Assert.That(new[] { declared, listed, unlisted, one }.Select(pins.SourceOf),
            Is.EqualTo(new[] { PinSource.Item, PinSource.LockFile, PinSource.FirstUse, PinSource.None }));
        Assert.That((pins.EntryOf(declared), pins.EntryOf(listed)?.Sha256, pins.EntryOf(one)), Is.EqualTo(((LockEntry?)null, ShaA, (LockEntry?)null)));
        Assert.That((pins.Agrees(listed, ShaA), pins.Agrees(listed, new string('b', 64)), pins.Agrees(declared, new string('b', 64))), Is.EqualTo((true, false, true)));
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public void Accept_Unpinned_FB1005SuggestsTheLockFileOnlyWhenItIsOff(bool lockFileOn, bool suggested)
    {
        var first = SampleRequests.Sample("https://example.org/c.bin?id=1");
        var second = SampleRequests.Sample("https://example.org/c.bin?id=2");
        var pins = lockFileOn ? Pins.From(LockFile.Empty, [first, second], Settings) : Pins.ItemsOnly(Settings);
        var log = new RecordingLog();

        var accepted = pins.Accept(first, ShaA, log);

        Assert.That(accepted, Is.True);
        Assert.That(log.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.MissingDigestCode));
        Assert.That(log.Diagnostics.Single().Message.Contains("FetchUseLockFile", StringComparison.Ordinal), Is.EqualTo(suggested));
    }
}
