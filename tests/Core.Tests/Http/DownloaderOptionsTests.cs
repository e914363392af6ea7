using Fetch.Build.Core.Http;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Http;

public sealed class DownloaderOptionsTests
{
    [TestCase(6, true, 4)]
    [TestCase(2, true, 2)]
    [TestCase(1, true, 1)]
    [TestCase(6, false, 1)]
    public void For_ConnectionsPerHostAndSegmentedDownloads_BoundTheSegmentsOfOneFile(int perHost, bool segmented, int segments)
    {
        var settings = SettingCatalog.Defaults("/cache", "/project") with { MaxConnectionsPerHost = perHost, SegmentedDownloads = segmented };

        var options = DownloaderOptions.For(settings);

        Assert.That((options.SegmentCount, options.MaxConnectionsPerHost), Is.EqualTo((segments, (int?)perHost)));
    }
}
