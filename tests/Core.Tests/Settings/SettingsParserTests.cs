using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Settings;

public sealed class SettingsParserTests
{
    [Test]
    public void Parse_Nothing_GivesTheDocumentedDefaults()
    {
        var settings = Parse(new RawSettings(), new Dictionary<string, string?> { ["HOME"] = "/home/u" }, out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(settings.MaxParallelDownloads, Is.EqualTo(4));
        Assert.That(settings.RetryCount, Is.EqualTo(5));
        Assert.That(settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(settings.MaxRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(settings.MaxExtractedBytes, Is.EqualTo(17179869184L));
        Assert.That(settings.LinkMode, Is.EqualTo(LinkMode.Copy));
        Assert.That(settings.Offline, Is.False);
        if (OperatingSystem.IsLinux())
        {
            Assert.That(settings.CacheDirectory, Is.EqualTo("/home/u/.cache/fetch-build"));
        }
    }

    [Test]
    public void Parse_XdgCacheHome_IsUsedOnLinux()
    {
        var settings = Parse(new RawSettings(), new Dictionary<string, string?> { ["HOME"] = "/home/u", ["XDG_CACHE_HOME"] = "/xdg" }, out _);

        if (OperatingSystem.IsLinux())
        {
            Assert.That(settings.CacheDirectory, Is.EqualTo("/xdg/fetch-build"));
        }
    }

    [Test]
    public void Parse_PropertyWinsOverVariable()
    {
        var environment = new Dictionary<string, string?> { ["FETCH_BUILD_CACHE"] = "/from-variable", ["FETCH_BUILD_OFFLINE"] = "1" };

        var fromVariables = Parse(new RawSettings(), environment, out _);
        var fromProperties = Parse(new RawSettings().With("FetchCacheDirectory", "/from-property").With("FetchOffline", "false"), environment, out _);

        Assert.That((fromVariables.CacheDirectory, fromVariables.Offline), Is.EqualTo((Path.GetFullPath("/from-variable"), true)));
        Assert.That((fromProperties.CacheDirectory, fromProperties.Offline), Is.EqualTo((Path.GetFullPath("/from-property"), false)));
    }

    [Test]
    public void Parse_PathPropertiesEndingInBackslash_AreFoldersOnEveryOS()
    {
        // What MSBuild's own properties look like: $(BaseIntermediateOutputPath) is "obj\".
        var raw = new RawSettings { StateFile = "obj\\Debug/net10.0\\Fetch.Build.state", DefaultDestinationFolder = "obj\\fetch/" }.With("FetchCacheDirectory", "cache\\fetch\\");

        var settings = Parse(raw, new Dictionary<string, string?>(), out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(settings.CacheDirectory, Is.EqualTo(Path.GetFullPath("/project/cache/fetch/")));
        Assert.That(settings.StateFile, Is.EqualTo(Path.GetFullPath("/project/obj/Debug/net10.0/Fetch.Build.state")));
        Assert.That(settings.DefaultDestinationFolder, Is.EqualTo(Path.GetFullPath("/project/obj/fetch/")));
    }

    [TestCase("MaxParallelDownloads", "0")]
    [TestCase("RetryCount", "lots")]
    [TestCase("TimeoutSeconds", "-5")]
    [TestCase("MaxExtractedBytes", "1e9")]
    [TestCase("LinkMode", "SymLink")]
    [TestCase("LinkMode", "1")]
    [TestCase("Offline", "sometimes")]
    [TestCase("CacheMaxSize", "12XB")]
    public void Parse_BadValue_IsFB1006NamingTheProperty(string property, string value)
    {
        var raw = new RawSettings().With("Fetch" + property, value);

        Parse(raw, new Dictionary<string, string?>(), out var errors);

        Assert.That(errors.Single().Code, Is.EqualTo("FB1006"));
        Assert.That(errors.Single().Message, Does.StartWith("Fetch" + property));
    }

    [Test]
    public void Parse_CacheMaxSize_FromPropertyOrVariable_OffByDefault()
    {
        Assert.That(Parse(new RawSettings(), [], out _).CacheMaxSize, Is.Null);
        Assert.That(Parse(new RawSettings(), new() { ["FETCH_BUILD_CACHE_MAX_SIZE"] = "2GiB" }, out _).CacheMaxSize, Is.EqualTo(2L << 30));
        Assert.That(Parse(new RawSettings().With("FetchCacheMaxSize", "500MB"), new() { ["FETCH_BUILD_CACHE_MAX_SIZE"] = "2GiB" }, out var errors).CacheMaxSize, Is.EqualTo(500_000_000L));
        Assert.That(errors, Is.Empty);
    }

    private static FetchSettings Parse(RawSettings raw, Dictionary<string, string?> environment, out List<FetchDiagnostic> errors)
    {
        errors = [];
        return SettingsParser.Parse(raw with { ProjectDirectory = "/project" }, new FetchEnvironment(environment), errors);
    }
}
