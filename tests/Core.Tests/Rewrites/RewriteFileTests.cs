using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Rewrites;

namespace Fetch.Build.Core.Tests.Rewrites;

public sealed class RewriteFileTests
{
    [Test]
    public void Parse_CommentsBlankLinesAndEveryKind_ReadsEachRule()
    {
        var rewriter = Parse("""
            # the organisation's mirror
            rewrite ^https://huggingface\.co/(.*)$ https://mirror.internal/hf/$1

               BLOCK   example.com
            allow mirror.internal
            """);

        Assert.That(rewriter.Apply(new Uri("https://huggingface.co/m/resolve/main/w.bin")).Url, Is.EqualTo(new Uri("https://mirror.internal/hf/m/resolve/main/w.bin")));
        Assert.That(rewriter.Apply(new Uri("https://example.com/x")).Refusal, Does.Contain("'block example.com' at rewrites.txt(4)"));
    }

    [TestCase("fetch https://a/ https://b/", 1, "'rewrite', 'block' or 'allow' at the start of the line")]
    [TestCase("rewrite ^https://a/(.*)$", 1, "a regular expression and a replacement")]
    [TestCase("rewrite ^https://a/ https://b/ extra", 1, "a regular expression and a replacement")]
    [TestCase("# fine\nblock https://example.com/", 2, "one host name, such as example.com")]
    [TestCase("allow", 1, "one host name")]
    [TestCase("block example.com # old", 1, "one host name")]
    public void Parse_MalformedLine_IsFB1015WithFileLineWhatWasExpectedAndTheText(string text, int line, string expected)
    {
        var error = Assert.Throws<FetchException>(() => Parse(text))!.Diagnostic;

        Assert.That(error.Code, Is.EqualTo(DiagnosticCatalog.MalformedRewriteFileCode));
        Assert.That(error.Message, Does.StartWith($"rewrites.txt({line}): expected ").And.Contain(expected));
        Assert.That(error.Message, Does.Contain($"found '{text.Split('\n')[^1]}'"));
    }

    [Test]
    public void Parse_InvalidRegularExpression_IsFB1015SayingWhy()
    {
        var error = Assert.Throws<FetchException>(() => Parse("rewrite ^https://(a.example/ https://b.example/"))!.Diagnostic;

        Assert.That(error.Code, Is.EqualTo(DiagnosticCatalog.MalformedRewriteFileCode));
        Assert.That(error.Message, Does.Contain("rewrites.txt(1): expected a valid .NET regular expression (").And.Contain("Not enough )"));
    }

    [Test]
    public void Parse_MalformedLineWithCredentials_EchoesThemMasked()
    {
        var error = Assert.Throws<FetchException>(() => Parse("rewrite ^https://a/(.*)$ https://ci:s3cret@mirror.internal/$1?token=abc123 extra"))!.Diagnostic;

        Assert.That(error.Message, Does.Contain("https://***@mirror.internal/$1?token=***"));
        Assert.That(error.Message, Does.Not.Contain("s3cret").And.Not.Contain("abc123"));
    }

    [Test]
    public void Load_MissingFile_IsFB1015NamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "fetch-no-such-folder", "rewrites.txt");

        var error = Assert.Throws<FetchException>(() => RewriteFile.Load(path))!.Diagnostic;

        Assert.That(error.Code, Is.EqualTo(DiagnosticCatalog.MalformedRewriteFileCode));
        Assert.That(error.Message, Does.Contain($"'{path}'").And.Contain("cannot be read"));
    }

    private static UrlRewriter Parse(string text) => RewriteFile.Parse(new StringReader(text), "rewrites.txt");
}
