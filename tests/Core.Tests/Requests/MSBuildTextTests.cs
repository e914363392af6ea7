using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests.Requests;

public sealed class MSBuildTextTests
{
    // Written in the project file: the URL's own percent-encoding is kept, byte for byte.
    [TestCase("https://h/caf%C3%A9%20data.bin", "https://h/caf%C3%A9%20data.bin")]
    [TestCase("https://h/a%2Bb%2fc", "https://h/a%2Bb%2fc")]
    [TestCase("https://h/café data.bin", "https://h/café data.bin")]
    // MSBuild's escapes of its own characters: '?' written %3F so that it is no wildcard, ';' so that it splits nothing.
    [TestCase("https://h/x%3Fa=1", "https://h/x?a=1")]
    [TestCase("https://h/a%3bb%40c%24d%28e%29f%27g%2Ah", "https://h/a;b@c$d(e)f'g*h")]
    // A URL a property function returned: MSBuild escaped its '%'.
    [TestCase("file:///tmp/with%2520space/caf%25C3%25A9/x.csv", "file:///tmp/with%20space/caf%C3%A9/x.csv")]
    // An '@' in a password: written %40, which MSBuild also reads as its own escape of '@'.
    [TestCase("http://ci:pa55%40word@h:8080/x@y.bin", "http://ci:pa55%40word@h:8080/x@y.bin")]
    [TestCase("https://u%40corp:p%40%40ss@h", "https://u%40corp:p%40%40ss@h")]
    [TestCase("https://user@h/a%40b", "https://user@h/a@b")]
    // Not an escape at all.
    [TestCase("https://h/100%", "https://h/100%")]
    [TestCase("https://h/%zz", "https://h/%zz")]
    public void UrlFromEscaped_UndoesOnlyMSBuildsOwnEscapes(string escaped, string url)
    {
        Assert.That(MSBuildText.UrlFromEscaped(escaped), Is.EqualTo(url));
    }

    [TestCase("/obj/fetch/café data.bin", "/obj/fetch/café data.bin")]
    [TestCase("/obj/fetch/a;b%41 (1)'$@*?.bin", "/obj/fetch/a%3Bb%2541 %281%29%27%24%40%2A%3F.bin")]
    public void Escape_SpecialCharacters_RoundTripThroughUrlFromEscaped(string literal, string escaped)
    {
        Assert.That(MSBuildText.Escape(literal), Is.EqualTo(escaped));
        Assert.That(MSBuildText.UrlFromEscaped(escaped), Is.EqualTo(literal));
    }

    [TestCase("https://example.org/a%20b.bin", "https://example.org/a%20b.bin")]
    [TestCase("https://example.org/f.bin?x=1;y=$(z)", "https://example.org/f.bin%3Fx=1%3By=%24%28z%29")]
    [TestCase("https://example.org/already%3Fescaped%25", "https://example.org/already%253Fescaped%2525")]
    [TestCase("https://user@example.org/*.bin", "https://user%40example.org/%2A.bin")]
    public void EscapeUrl_AnyUrl_ReadsBackAsItIs(string url, string written)
    {
        Assert.That(MSBuildText.EscapeUrl(url), Is.EqualTo(written));
        Assert.That(MSBuildText.UrlFromEscaped(written), Is.EqualTo(url));
    }
}
