using System.Xml.Linq;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Settings;

/// <summary>Pins every setting's name, variable, default and range, and the two build files that must agree with them.</summary>
public sealed class SettingCatalogTests
{
    // property, variable, default, minimum, maximum: as SPEC §3 and README state them.
    private static readonly object?[][] Documented =
    [
        ["FetchCacheDirectory", "FETCH_BUILD_CACHE", null, 0L, 0L],
        ["FetchOffline", "FETCH_BUILD_OFFLINE", "false", 0L, 0L],
        ["FetchRequireHash", null, "false", 0L, 0L],
        ["FetchMaxParallelDownloads", null, "4", 1L, 64L],
        ["FetchRetryCount", null, "5", 0L, 100L],
        ["FetchTimeoutSeconds", null, "60", 1L, 86_400L],
        ["FetchMaxRetryDelaySeconds", null, "120", 0L, 86_400L],
        ["FetchMaxExtractedBytes", null, "17179869184", 1L, long.MaxValue],
        ["FetchLinkMode", null, "Copy", 0L, 0L],
        ["FetchMaxConnectionsPerHost", null, "6", 1L, 256L],
        ["FetchSegmentedDownloads", null, "true", 0L, 0L],
        ["FetchUseLockFile", null, "false", 0L, 0L],
        ["FetchLockFilePath", null, null, 0L, 0L],
        ["FetchLockedMode", "FETCH_BUILD_LOCKED_MODE", "false", 0L, 0L],
        ["FetchRemoteCache", "FETCH_BUILD_REMOTE_CACHE", null, 0L, 0L],
        ["FetchRemoteCacheUpload", "FETCH_BUILD_REMOTE_CACHE_UPLOAD", "false", 0L, 0L],
        ["FetchRemoteCacheTokenVariable", null, null, 0L, 0L],
        ["FetchUrlRewriteFile", "FETCH_BUILD_URL_REWRITES", null, 0L, 0L],
        ["FetchCacheMaxSize", "FETCH_BUILD_CACHE_MAX_SIZE", null, 0L, 0L],
    ];

    [Test]
    public void All_NamesDefaultsAndRanges_AreTheDocumentedOnes()
    {
        var actual = SettingCatalog.All.Select(s => new object?[] { s.Property, s.Variable, s.DefaultText, s.Minimum, s.Maximum });

        Assert.That(actual, Is.EqualTo(Documented));
    }

    [Test]
    public void Defaults_GiveEveryDefault()
    {
        var settings = SettingCatalog.Defaults("/cache", "/project");

        Assert.That((settings.MaxParallelDownloads, settings.RetryCount, settings.Timeout, settings.MaxRetryDelay, settings.MaxExtractedBytes, settings.LinkMode, settings.Offline, settings.RequireHash),
            Is.EqualTo((4, 5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), 17179869184L, LinkMode.Copy, false, false)));
        Assert.That((settings.MaxConnectionsPerHost, settings.SegmentedDownloads), Is.EqualTo((6, true)));
        Assert.That((settings.RemoteCache, settings.RemoteCacheUpload, settings.RemoteCacheTokenVariable, settings.UrlRewriteFile), Is.EqualTo(((Uri?)null, false, (string?)null, (string?)null)));
    }

    [Test]
    public void Defaults_LockFileIsOffAndBesideTheProject()
    {
        var settings = SettingCatalog.Defaults("/cache", "/project");

        Assert.That((settings.UseLockFile, settings.LockedMode, settings.LockFile), Is.EqualTo((false, false, (string?)null)));
        Assert.That(settings.LockFilePath, Is.EqualTo(Path.Combine("/project", "fetch.lock.json")));
    }

    [Test]
    public void Targets_PassEverySettingToTheTask()
    {
        var targets = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "build", "Fetch.Build.targets"));
        XNamespace msbuild = targets.Root!.Name.Namespace;

        var passed = targets.Descendants(msbuild + "_FetchSetting").Select(e => ((string?)e.Attribute("Include"), (string?)e.Attribute("Value")))
            .Where(p => p.Item1 is not null);

        Assert.That(passed, Is.EquivalentTo(SettingCatalog.All.Select(s => ((string?)s.Property, (string?)$"$({s.Property})"))));
    }

    [Test]
    public void Props_DocumentEverySettingWithItsDefault()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "build", "Fetch.Build.props"));

        foreach (var setting in SettingCatalog.All)
        {
            var line = props.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(setting.Property + " ", StringComparison.Ordinal));
            Assert.That(line, Is.Not.Null, $"{setting.Property} is not listed in Fetch.Build.props");
            Assert.That(line, Does.Contain(setting.Variable ?? setting.DefaultText ?? string.Empty), setting.Property);
        }
    }
}
