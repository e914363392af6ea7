using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>A full disk under the cache or the destination, as a small tmpfs makes it (issue 14 item 1).</summary>
public sealed class FullDiskTests : ConsumerBuildFixture
{
    private static readonly byte[] Large = TestData.Bytes(3 * 1024 * 1024, seed: 51);
    private static readonly byte[] Small = TestData.Bytes(40_000, seed: 52);

    [Test]
    public async Task Build_CacheDiskFull_FailsFB1007_LeavesNoPartial_AndTheCacheStillServesWhatFits()
    {
        using var disk = await TmpfsMount.MountAsync(1536 * 1024);
        Server.Serve("files/large.bin", Large);
        Server.Serve("files/small.bin", Small);
        using var large = new ConsumerProject(disk.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/large.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Large))) } };
        using var small = new ConsumerProject(disk.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/small.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Small))) } };

        var first = await large.BuildAsync();
        var partials = Directory.GetFiles(Path.Combine(disk.Path, "partial"));
        var again = await large.BuildAsync();
        var other = await small.BuildAsync();

        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.Output, Does.Contain("error FB1007").And.Contain(disk.Path));
        Assert.That(partials, Is.Empty, "a partial left by a full disk would fill it again on the next build");
        Assert.That(again.Output, Does.Contain("error FB1007"));
        Assert.That(other.Succeeded, Is.True, other.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(small.Folder, "obj", "fetch", "small.bin")), Is.EqualTo(Small));
    }

    [Test]
    public async Task Build_DestinationDiskFull_FailsFB1007NamingTheDestination()
    {
        using var disk = await TmpfsMount.MountAsync(64 * 1024);
        Server.Serve("files/large.bin", Large);
        using var project = new ConsumerProject(Cache.Path)
        {
            Items = { ConsumerProject.Artifact(Server.Url("files/large.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Large)), ("DestinationFolder", disk.Path)) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1007").And.Contain(Path.Combine(disk.Path, "large.bin")));
    }
}
