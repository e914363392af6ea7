using System.Text;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>A server that answers 200 with a web page where a file or archive was asked for (issue 13 item 8, issue 14 item 3).</summary>
public sealed class WebPageTests
{
    private static readonly byte[] LoginPage = Encoding.UTF8.GetBytes("<!doctype html><html><body><form action=/login>Sign in</form></body></html>");
    private static readonly byte[] Weights = TestData.Bytes(4000, seed: 41);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await PipelineHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_UnpinnedFileServedAsWebPage_WarnsItIsAWebPageAndTheNextRunAsksAgain()
    {
        var served = LoginPage;
        _h.Server.Handle("weights.bin", (context, _) => WriteAsync(context, served, served == LoginPage ? "text/html; charset=utf-8" : "application/octet-stream"));
        var artifact = PipelineHarness.Artifact(_h.Url("weights.bin"));

        var first = await _h.RunAsync(artifact);
        served = Weights;
        var second = await _h.RunAsync(artifact);

        Assert.That(first.Outcome.Succeeded, Is.True, first.Log.ToString());
        var warning = first.Log.Diagnostics.Single();
        Assert.That((warning.Code, warning.Severity), Is.EqualTo((DiagnosticCatalog.MissingDigestCode, FetchSeverity.Warning)));
        Assert.That(warning.Message, Does.Contain("web page").And.Contain("weights.bin").And.Not.Contain("Sha256=\""));
        Assert.That(second.Outcome.Succeeded, Is.True, second.Log.ToString());
        Assert.That(second.Log.Diagnostics.Single().Message, Does.Contain($"Sha256=\"{TestData.Sha256(Weights)}\""));
        Assert.That(_h.Server.RequestCount("weights.bin"), Is.EqualTo(2));
        Assert.That(File.ReadAllBytes(_h.Placed("weights.bin")), Is.EqualTo(Weights));
    }

    [Test]
    public async Task RunAsync_UnpinnedArchiveServedAsLoginPage_FailsFB1008AndTheNextRunGetsTheRealArchive()
    {
        var archive = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Archives", "sample.tar.gz"));
        var served = LoginPage;
        _h.Server.Handle("model.tar.gz", (context, _) => WriteAsync(context, served, served == LoginPage ? "text/html" : "application/gzip"));
        var artifact = PipelineHarness.Artifact(_h.Url("model.tar.gz"), ("Extract", "true"));

        var first = await _h.RunAsync(artifact);
        served = archive;
        var second = await _h.RunAsync(artifact);

        Assert.That(first.Outcome.Succeeded, Is.False);
        Assert.That(first.Log.Codes, Does.Contain(DiagnosticCatalog.UnreadableArchiveCode));
        Assert.That(second.Outcome.Succeeded, Is.True, second.Log.ToString());
        Assert.That(_h.Server.RequestCount("model.tar.gz"), Is.EqualTo(2));
        Assert.That(Directory.Exists(Path.Combine(_h.ProjectDirectory, "obj", "fetch", "model")), Is.True);
    }

    [Test]
    public async Task RunAsync_UnpinnedArchiveThatIsNoArchive_IsNotServedFromTheCacheNextTime()
    {
        _h.Server.Handle("data.zip", (context, _) => WriteAsync(context, Weights, "application/zip"));
        var artifact = PipelineHarness.Artifact(_h.Url("data.zip"), ("Extract", "true"));

        await _h.RunAsync(artifact);
        var second = await _h.RunAsync(artifact);

        Assert.That(second.Log.Codes, Does.Contain(DiagnosticCatalog.UnreadableArchiveCode));
        Assert.That(_h.Server.RequestCount("data.zip"), Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_PinnedWebPageOrOneNamedHtml_IsNotSuspected()
    {
        _h.Server.Handle("page.bin", (context, _) => WriteAsync(context, LoginPage, "text/html"));
        _h.Server.Handle("index.html", (context, _) => WriteAsync(context, LoginPage, "text/html"));

        var (outcome, log) = await _h.RunAsync(
            PipelineHarness.Artifact(_h.Url("page.bin"), ("Sha256", TestData.Sha256(LoginPage))),
            PipelineHarness.Artifact(_h.Url("index.html")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("index.html").And.Contain("Sha256=\""));
    }

    private static async Task WriteAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
