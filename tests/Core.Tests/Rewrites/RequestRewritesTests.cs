using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Rewrites;

namespace Fetch.Build.Core.Tests.Rewrites;

public sealed class RequestRewritesTests
{
    private static readonly UrlRewriter Rules = RewriteFile.Parse(new StringReader("""
        rewrite ^https://huggingface\.co/(.*)$ https://mirror.internal/hf/$1
        block hf-mirror.com
        block example.org
        """), "rewrites.txt");

    [Test]
    public void Apply_RewrittenInclude_KeepsTheIdentityAndNamesTheRewrittenUrlInMessages()
    {
        var request = SampleRequests.Sample("https://huggingface.co/org/model/resolve/main/w.bin");

        var rewritten = Apply(request, out var errors).Single();

        Assert.That(errors, Is.Empty);
        Assert.That(rewritten.Url, Is.EqualTo(new Uri("https://huggingface.co/org/model/resolve/main/w.bin")));
        Assert.That(rewritten.Sources, Is.EqualTo(new[] { new Uri("https://mirror.internal/hf/org/model/resolve/main/w.bin") }));
        Assert.That(rewritten.MaskedUrl, Is.EqualTo("https://huggingface.co/org/model/resolve/main/w.bin"));
        Assert.That(rewritten.MaskedUrlVia, Is.EqualTo("https://huggingface.co/org/model/resolve/main/w.bin via https://mirror.internal/hf/org/model/resolve/main/w.bin"));
    }

    [Test]
    public void Apply_NothingMatches_TheRequestIsTheSameObject()
    {
        var request = SampleRequests.Sample("https://zenodo.org/records/1/files/a.csv");

        Assert.That(Apply(request, out _).Single(), Is.SameAs(request));
    }

    [Test]
    public void Apply_BlockedMirror_IsLeftOutAndTheOtherUrlsStay()
    {
        var request = SampleRequests.Sample("https://huggingface.co/m/resolve/main/w.bin") with
        {
            Sources = [new Uri("https://huggingface.co/m/resolve/main/w.bin"), new Uri("https://hf-mirror.com/m/resolve/main/w.bin")],
        };

        var rewritten = Apply(request, out var errors).Single();

        Assert.That(errors, Is.Empty);
        Assert.That(rewritten.Sources, Is.EqualTo(new[] { new Uri("https://mirror.internal/hf/m/resolve/main/w.bin") }));
    }

    [Test]
    public void Apply_EveryUrlRefused_IsFB1017ForThatArtifactOnly()
    {
        var blocked = SampleRequests.Sample("https://example.org/files/data.bin");
        var fine = SampleRequests.Sample("https://zenodo.org/records/1/files/a.csv");

        Apply([blocked, fine], out var errors);

        Assert.That(errors.Select(e => (e.Index, e.Diagnostic.Code)), Is.EqualTo(new[] { (0, DiagnosticCatalog.BlockedHostCode) }));
        Assert.That(errors[0].Diagnostic.Message, Does.StartWith("https://example.org/files/data.bin: the host 'example.org' is refused by the URL-rewrite rules ('block example.org' at rewrites.txt(3))"));
    }

    private static IReadOnlyList<ArtifactRequest> Apply(ArtifactRequest request, out List<(int Index, FetchDiagnostic Diagnostic)> errors) =>
        Apply([request], out errors);

    private static IReadOnlyList<ArtifactRequest> Apply(ArtifactRequest[] requests, out List<(int Index, FetchDiagnostic Diagnostic)> errors)
    {
        var found = new List<(int, FetchDiagnostic)>();
        var result = RequestRewrites.Apply(requests, Rules, (i, d) => found.Add((i, d)), new RecordingLog());
        errors = found;
        return result;
    }
}
