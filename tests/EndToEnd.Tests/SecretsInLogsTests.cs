using System.IO.Compression;
using System.Text;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// Secrets and MSBuild's own logs (issue 22 part 2, SPEC §12): MSBuild logs item specs, metadata and
/// task outputs as they are at -v:diag and in binary logs. A secret written in a URL leaks there
/// whatever the task does, so the task warns FB1018 and keeps it out of what it adds (the output
/// items' SourceUrl); a secret given the recommended way never reaches either log.
/// </summary>
public sealed class SecretsInLogsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(6_000, seed: 97);

    [Test]
    public async Task Build_TokenInTheIncludeQuery_WarnsFB1018AndOutputItemsCarryTheMaskedUrl()
    {
        const string Secret = "qs3cr3tQ9";
        Server.Serve("files/data.bin", Content);
        var url = Server.Url("files/data.bin").AbsoluteUri + "?token=" + Secret;
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(url, ("Sha256", TestData.Sha256(Content))) } };
        var binlog = Path.Combine(project.Folder, "build.binlog");

        var run = await project.BuildAsync("-v:diag", $"-bl:{binlog}");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Output, Does.Contain("warning FB1018").And.Contain("the query parameter 'token'").And.Contain("BearerTokenVariable"));
        var masked = Server.Url("files/data.bin").AbsoluteUri + "?token=***";
        Assert.That(run.Report.Artifacts.Single().SourceUrl, Is.EqualTo(masked));
        // The task's output items, as MSBuild logs them, carry only the masked URL.
        var sourceUrlLines = run.Output.Split('\n').Where(l => l.Contains("SourceUrl", StringComparison.Ordinal)).ToList();
        Assert.That(sourceUrlLines, Is.Not.Empty);
        Assert.That(sourceUrlLines, Has.None.Contain(Secret));
        Assert.That(BinaryLogText(binlog), Does.Contain(masked));
    }

    // README "Item metadata": BearerTokenVariable, from the metadata and the environment to the request.
    [Test]
    public async Task Build_TokenThroughBearerTokenVariable_NeverReachesTheDiagnosticOrBinaryLog()
    {
        const string Secret = "bs3cr3tB7";
        Server.Handle("private/data.bin", (context, _) => context.Request.Headers.Authorization == "Bearer " + Secret
            ? StaticContent.WriteAsync(context, Content, "\"v1\"")
            : Faults.StatusAsync(context, 401));
        var url = Server.Url("private/data.bin").AbsoluteUri;
        using var project = new ConsumerProject(Cache.Path)
        {
            Items = { ConsumerProject.Artifact(url, ("Sha256", TestData.Sha256(Content)), ("BearerTokenVariable", "E2E_PRIVATE_TOKEN")) },
            Environment = { ["E2E_PRIVATE_TOKEN"] = Secret },
        };
        var binlog = Path.Combine(project.Folder, "build.binlog");

        var run = await project.BuildAsync("-v:diag", $"-bl:{binlog}");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(run.Output, Does.Not.Contain("FB1018"));
        Assert.That(run.Output, Does.Not.Contain(Secret));
        Assert.That(BinaryLogText(binlog), Does.Not.Contain(Secret));
    }

    /// <summary>A binary log is a gzip stream whose strings are UTF-8; read it as text to search it.</summary>
    private static string BinaryLogText(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var text = new MemoryStream();
        gzip.CopyTo(text);
        return Encoding.UTF8.GetString(text.ToArray());
    }
}
