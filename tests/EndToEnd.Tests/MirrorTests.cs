using System.Text.RegularExpressions;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Mirrors fail over fast, in a real build (SPEC §10).</summary>
public sealed class MirrorTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(30_000, seed: 81);

    [Test]
    public async Task Build_DeadPrimaryAndAMirrorAnswering500_TheGoodMirrorIsAskedAtOnceWithNoWait()
    {
        Uri dead;
        await using (var gone = await LoopbackServer.StartAsync())
        {
            dead = gone.Url("primary/data.bin");
        }

        Server.Handle("broken/data.bin", (context, _) => Faults.StatusAsync(context, 500));
        Server.Serve("good/data.bin", Content);
        using var project = new ConsumerProject(Cache.Path);
        project.Items.Add(ConsumerProject.Artifact(dead.AbsoluteUri, ("Sha256", TestData.Sha256(Content)),
            ("Mirrors", $"{Server.Url("broken/data.bin").AbsoluteUri};{Server.Url("good/data.bin").AbsoluteUri}")));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/broken/data.bin", "/good/data.bin" }), "each mirror once, in order");
        Assert.That(run.Output, Does.Not.Contain("trying again in"), "no backoff: one URL worked in the first round");
        TestContext.Out.WriteLine("fetch time: " + Regex.Match(run.Output, @"in [0-9.]+ s\.").Value);
    }
}
