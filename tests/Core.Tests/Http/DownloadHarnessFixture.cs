namespace Fetch.Build.Core.Tests.Http;

/// <summary>A fresh <see cref="DownloadHarness"/> (server, partial file, fake clock) for every test of a fixture.</summary>
public abstract class DownloadHarnessFixture
{
    private protected DownloadHarness Harness { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync() => Harness = await DownloadHarness.StartAsync();

    [TearDown]
    public async Task StopHarnessAsync() => await Harness.DisposeAsync();
}
