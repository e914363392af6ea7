using System.Net.Sockets;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Remote;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Remote;

/// <summary>An unreachable store costs one connection attempt per build (SPEC §9).</summary>
public sealed class StoreReachabilityTests
{
    [Test]
    public async Task MayAskAsync_SecondCallerWhileTheFirstIsOut_WaitsForItsAnswer()
    {
        var reachability = new StoreReachability();

        var first = await reachability.MayAskAsync(CancellationToken.None);
        var second = reachability.MayAskAsync(CancellationToken.None);
        var waitedWhileOut = !second.IsCompleted;
        reachability.MarkUnreachable();

        Assert.That((first, waitedWhileOut, await second), Is.EqualTo((true, true, false)));
    }

    [Test]
    public void MarkUnreachable_ManyCallers_OnlyTheFirstIsToldToSaySo()
    {
        var reachability = new StoreReachability();

        var told = Enumerable.Range(0, 8).Select(_ => reachability.MarkUnreachable()).ToList();

        Assert.That(told.Count(t => t), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_StoreDownWithSixArtifactsOnFourWorkers_OneConnectionAttemptOneFB1016AndAllFromTheOrigin()
    {
        await using var h = await PipelineHarness.StartAsync();
        var store = NginxStore.ClosedPortUri();
        var attempts = 0;
        h.HttpHandler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // Counts connections as the socket layer makes them, then makes them for real.
            ConnectCallback = async (context, token) =>
            {
                if (context.DnsEndPoint.Port == store.Port)
                {
                    Interlocked.Increment(ref attempts);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var artifacts = Enumerable.Range(0, 6).Select(i =>
        {
            var content = TestData.Bytes(1000, seed: 70 + i);
            h.Server.Serve($"f{i}.bin", content);
            return PipelineHarness.Artifact(h.Url($"f{i}.bin"), ("Sha256", TestData.Sha256(content)));
        }).ToArray();

        var (outcome, log) = await h.RunAsync(new RawSettings().With("FetchRemoteCache", store.AbsoluteUri).With("FetchRemoteCacheUpload", "true"), artifacts);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(log.Diagnostics.Select(d => (d.Code, d.Severity)), Is.EqualTo(new[] { (DiagnosticCatalog.RemoteStoreFailedCode, FetchSeverity.Warning) }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("cannot be reached").And.Contain("does not ask it again"));
        Assert.That(h.Server.TotalRequests, Is.EqualTo(6));
    }
}
