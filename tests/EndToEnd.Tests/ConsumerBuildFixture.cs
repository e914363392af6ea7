using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>A loopback server and an empty user cache folder for every build test.</summary>
public abstract class ConsumerBuildFixture
{
    private protected LoopbackServer Server { get; private set; } = null!;

    private protected TempDirectory Cache { get; private set; } = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        Server = await LoopbackServer.StartAsync();
        Cache = new TempDirectory("fetch-e2e-cache");
    }

    [TearDown]
    public async Task StopServerAsync()
    {
        await Server.DisposeAsync();
        Cache.Dispose();
    }
}
