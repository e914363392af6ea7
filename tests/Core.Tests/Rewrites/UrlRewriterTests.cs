using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Rewrites;

namespace Fetch.Build.Core.Tests.Rewrites;

public sealed class UrlRewriterTests
{
    [Test]
    public void Apply_TwoRulesMatch_TheFirstRewritesAndItsResultIsNotRewrittenAgain()
    {
        var rewriter = Parse("""
            rewrite ^https://a\.example/(.*)$ https://b.example/$1
            rewrite ^https://b\.example/(.*)$ https://c.example/$1
            """);

        var rewritten = rewriter.Apply(new Uri("https://a.example/x/y.bin?v=2"));

        Assert.That(rewritten.Url, Is.EqualTo(new Uri("https://b.example/x/y.bin?v=2")));
        Assert.That(rewritten.RewrittenBy!.Line, Is.EqualTo(1));
    }

    [Test]
    public void Apply_NoRuleMatches_TheUrlIsKeptAsItIs()
    {
        var url = new Uri("https://ci:secret@a.example/x.bin");

        var rewritten = Parse(@"rewrite ^https://b\.example/(.*)$ https://c.example/$1").Apply(url);

        Assert.That((rewritten.Url, rewritten.RewrittenBy, rewritten.IsRefused), Is.EqualTo((url, (RewriteRule?)null, false)));
        Assert.That(rewritten.Url.UserInfo, Is.EqualTo("ci:secret"));
    }

    [Test]
    public void Apply_UrlWithUserInfo_RulesSeeItWithoutAndNoRuleCanCarryItElsewhere()
    {
        var rewritten = Parse(@"rewrite ^https://(.*)$ https://proxy.internal/$1").Apply(new Uri("https://ci:secret@a.example/x.bin"));

        Assert.That(rewritten.Url, Is.EqualTo(new Uri("https://proxy.internal/a.example/x.bin")));
        Assert.That(rewritten.Url.AbsoluteUri, Does.Not.Contain("secret"));
    }

    [Test]
    public void Apply_BlockedHost_IsRefusedButNotAHostThatMerelyEndsLikeIt()
    {
        var rewriter = Parse("block example.com");

        Assert.That(rewriter.Apply(new Uri("https://EXAMPLE.com:8443/x")).IsRefused, Is.True);
        Assert.That(rewriter.Apply(new Uri("https://notexample.com/x")).IsRefused, Is.False);
        Assert.That(rewriter.Apply(new Uri("https://cdn.example.com/x")).IsRefused, Is.False);
    }

    [Test]
    public void Apply_AllowLines_RefuseEveryOtherHostAfterRewriting()
    {
        var rewriter = Parse("""
            rewrite ^https://huggingface\.co/(.*)$ https://mirror.internal/hf/$1
            allow mirror.internal
            """);

        Assert.That(rewriter.Apply(new Uri("https://huggingface.co/m/w.bin")).IsRefused, Is.False);
        Assert.That(rewriter.Apply(new Uri("https://github.com/o/r/releases/download/v1/x.zip")).Refusal,
            Is.EqualTo("no 'allow' line of rewrites.txt names it; it allows mirror.internal"));
    }

    [Test]
    public void Apply_FileUrl_HasNoHostToRefuseButCanBeRewritten()
    {
        var rewriter = Parse("""
            rewrite ^https://data\.example/(.*)$ file:///srv/mirror/$1
            allow mirror.internal
            """);

        var rewritten = rewriter.Apply(new Uri("https://data.example/set/a.csv"));

        Assert.That((rewritten.Url, rewritten.IsRefused), Is.EqualTo((new Uri("file:///srv/mirror/set/a.csv"), false)));
    }

    [Test]
    public void Apply_ReplacementThatIsNoUrl_IsFB1015NamingTheRuleAndTheResult()
    {
        var rewriter = Parse(@"rewrite ^https://a\.example/(.*)$ mirror.internal/$1");

        var error = Assert.Throws<FetchException>(() => rewriter.Apply(new Uri("https://a.example/x.bin")))!.Diagnostic;

        Assert.That(error.Code, Is.EqualTo(DiagnosticCatalog.MalformedRewriteFileCode));
        Assert.That(error.Message, Does.StartWith("https://a.example/x.bin: the rewrite rule at rewrites.txt(1) turned it into 'mirror.internal/x.bin'"));
    }

    private static UrlRewriter Parse(string text) => RewriteFile.Parse(new StringReader(text), "rewrites.txt");
}
