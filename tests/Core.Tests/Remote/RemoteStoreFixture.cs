using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Remote;

/// <summary>A Kestrel origin serving one pinned model and a real nginx store before it, fresh for every test.</summary>
[Platform(Exclude = "Win", Reason = "the test store is Unix nginx")]
public abstract class RemoteStoreFixture
{
    protected static readonly byte[] Content = TestData.Bytes(300_000, seed: 63);
    protected static readonly string Sha = TestData.Sha256(Content);

    private protected PipelineHarness H { get; private set; } = null!;

    protected NginxStore Store { get; private set; } = null!;

    [SetUp]
    public async Task StartAsync()
    {
        H = await PipelineHarness.StartAsync();
        H.Server.Serve("models/w.bin", Content);
        Store = await NginxStore.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await Store.DisposeAsync();
        await H.DisposeAsync();
    }

    /// <summary>Replaces the plain store with one that deviates as <paramref name="options"/> say.</summary>
    protected async Task RestartStoreAsync(NginxStoreOptions options)
    {
        await Store.DisposeAsync();
        Store = await NginxStore.StartAsync(options);
    }

    private protected RawArtifact Pinned() => PipelineHarness.Artifact(H.Url("models/w.bin"), ("Sha256", Sha));
}
