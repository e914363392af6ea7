using System.Text;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>What the cache may serve an item, seen through real builds: a copied item's stale digest, a web page for a file.</summary>
public sealed class ContentIdentityTests : ConsumerBuildFixture
{
    private static readonly byte[] Model = TestData.Bytes(30_000, seed: 31);
    private static readonly byte[] Labels = TestData.Bytes(2_000, seed: 32);

    [Test]
    public async Task Build_ItemCopiedWithTheOtherItemsDigest_FailsFB1001ForItsOwnUrlInsteadOfGettingTheOtherFile()
    {
        Server.Serve("files/model.bin", Model);
        Server.Serve("files/labels.csv", Labels);
        var modelSha = TestData.Sha256(Model);
        using var project = new ConsumerProject(Cache.Path)
        {
            // One at a time, in order: model.bin is in the cache when labels.csv is resolved.
            Properties = { ["FetchMaxParallelDownloads"] = "1" },
            Items =
            {
                ConsumerProject.Artifact(Server.Url("files/model.bin").AbsoluteUri, ("Sha256", modelSha)),
                // Copied from the line above; the digest was never updated.
                ConsumerProject.Artifact(Server.Url("files/labels.csv").AbsoluteUri, ("Sha256", modelSha)),
            },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1001").And.Contain("files/labels.csv").And.Contain(TestData.Sha256(Labels)));
        Assert.That(Server.RequestCount("files/labels.csv"), Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(project.Folder, "obj", "fetch", "labels.csv")), Is.False);
    }

    [Test]
    public async Task Build_UnpinnedFileServedAsWebPage_WarnsThatItIsAWebPageAndTheNextBuildAsksAgain()
    {
        var page = Encoding.UTF8.GetBytes("<html><body>Please sign in</body></html>");
        Server.Handle("files/weights.bin", (context, _) => WriteAsync(context, page, "text/html"));
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/weights.bin").AbsoluteUri) } };

        var first = await project.BuildAsync();
        var second = await project.BuildAsync();

        Assert.That(first.Succeeded, Is.True, first.Output);
        Assert.That(first.Output, Does.Contain("warning FB1005").And.Contain("web page"));
        Assert.That(first.Output, Does.Not.Contain("Sha256=\""), "a login page's digest is not offered for pasting");
        Assert.That(second.Output, Does.Contain("web page"));
        Assert.That(Server.RequestCount("files/weights.bin"), Is.EqualTo(2));
    }

    [Test]
    public async Task Build_UnpinnedArchiveServedAsLoginPageFirst_FailsFB1008ThenTheNextBuildGetsTheArchive()
    {
        var page = Encoding.UTF8.GetBytes("<html><body>Session expired</body></html>");
        var archive = File.ReadAllBytes(Path.Combine(RepositoryRoot.Find(), "tests", "Core.Tests", "Fixtures", "Archives", "sample.tar.gz"));
        var served = page;
        Server.Handle("files/model.tar.gz", (context, _) => WriteAsync(context, served, served == page ? "text/html" : "application/gzip"));
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/model.tar.gz").AbsoluteUri, ("Extract", "true")) } };

        var first = await project.BuildAsync();
        served = archive;
        var second = await project.BuildAsync();

        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.Output, Does.Contain("error FB1008"));
        Assert.That(second.Succeeded, Is.True, second.Output);
        Assert.That(File.ReadAllText(Path.Combine(project.Folder, "obj", "fetch", "model", "sample", "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(Server.RequestCount("files/model.tar.gz"), Is.EqualTo(2));
    }

    private static async Task WriteAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
