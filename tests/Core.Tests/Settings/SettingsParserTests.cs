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
    [TestCase("UseLockFile", "yes")]
    [TestCase("LockedMode", "on")]
    [TestCase("RemoteCache", "ftp://store.internal/cache")]
    [TestCase("RemoteCache", "store.internal/cache")]
    [TestCase("RemoteCacheUpload", "yes")]
    [TestCase("CacheMaxSize", "12XB")]
    public void Parse_BadValue_IsFB1006NamingTheProperty(string property, string value)
    {
        var raw = new RawSettings().With("Fetch" + property, value);

        Parse(raw, new Dictionary<string, string?>(), out var errors);

        Assert.That(errors.Single().Code, Is.EqualTo("FB1006"));
        Assert.That(errors.Single().Message, Does.StartWith($"Fetch{property} must be"));
    }

    [Test]
    public void Parse_BadValueFromTheVariable_IsFB1006NamingThePropertyAndTheVariable()
    {
        Parse(new RawSettings(), new Dictionary<string, string?> { ["FETCH_BUILD_OFFLINE"] = "yes" }, out var errors);

        Assert.That(errors.Single().Message, Is.EqualTo("FetchOffline must be true or false, got 'yes' (from the environment variable FETCH_BUILD_OFFLINE)"));
    }

    [Test]
    public void Parse_LockFilePath_IsResolvedAgainstTheProjectFolder()
    {
        var relative = Parse(new RawSettings().With("FetchUseLockFile", "true").With("FetchLockFilePath", "..\\locks/app.lock.json"), [], out var errors);
        var unset = Parse(new RawSettings().With("FetchUseLockFile", "true"), [], out _);

        Assert.That(errors, Is.Empty);
        Assert.That(relative.LockFile, Is.EqualTo(Path.GetFullPath("/locks/app.lock.json")));
        Assert.That(unset.LockFile, Is.EqualTo(Path.GetFullPath("/project/fetch.lock.json")));
    }

    [Test]
    public void Parse_LockedModeVariable_TurnsLockedModeOnUnlessThePropertySaysOtherwise()
    {
        var environment = new Dictionary<string, string?> { ["FETCH_BUILD_LOCKED_MODE"] = "1" };

        var fromVariable = Parse(new RawSettings().With("FetchUseLockFile", "true"), environment, out _);
        var fromProperty = Parse(new RawSettings().With("FetchUseLockFile", "true").With("FetchLockedMode", "false"), environment, out _);

        Assert.That((fromVariable.LockedMode, fromProperty.LockedMode), Is.EqualTo((true, false)));
    }

    [Test]
    public void Parse_RemoteCacheWithUserInfoThatIsNoUrl_IsFB1006WithoutTheSecret()
    {
        Parse(new RawSettings().With("FetchRemoteCache", "ci:s3cret@store.internal/cache"), new Dictionary<string, string?>(), out var errors);

        Assert.That(errors.Single().Code, Is.EqualTo("FB1006"));
        Assert.That(errors.Single().Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void Parse_RemoteStoreAndRewritesFromTheEnvironment_AreTypedAndTheRewriteFileIsResolvedAgainstTheProject()
    {
        var environment = new Dictionary<string, string?>
        {
            ["FETCH_BUILD_REMOTE_CACHE"] = "https://store.internal/fetch",
            ["FETCH_BUILD_REMOTE_CACHE_UPLOAD"] = "true",
            ["FETCH_BUILD_URL_REWRITES"] = "ci\\rewrites.txt",
        };

        var settings = Parse(new RawSettings().With("FetchRemoteCacheTokenVariable", "STORE_TOKEN"), environment, out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(settings.RemoteCache, Is.EqualTo(new Uri("https://store.internal/fetch")));
        Assert.That((settings.RemoteCacheUpload, settings.RemoteCacheTokenVariable), Is.EqualTo((true, "STORE_TOKEN")));
        Assert.That(settings.UrlRewriteFile, Is.EqualTo(Path.GetFullPath("/project/ci/rewrites.txt")));
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
