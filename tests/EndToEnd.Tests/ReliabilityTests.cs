using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Builds that meet a bad day: a trickling server, a linked obj/fetch, a wiped cache, a cache from another version.</summary>
public sealed class ReliabilityTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(20_000, seed: 11);

    [Test]
    public async Task Build_ServerTricklesOneBytePerSecond_FailsFB1002AsStalledInsteadOfWaiting()
    {
        Server.Handle("slow.bin", (context, _) => TrickleContent.WriteAsync(context, Content, TimeSpan.FromSeconds(1)));
        using var project = new ConsumerProject(Cache.Path);
        project.Properties["FetchTimeoutSeconds"] = "2";
        project.Properties["FetchRetryCount"] = "0";
        project.Items.Add(ConsumerProject.Artifact(Server.Url("slow.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1002").And.Contain("stalled: less than 1 KiB received in 2 s"));
    }
}
