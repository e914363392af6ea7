using System.IO.Compression;
using Fetch.Build.Core.Client;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Library.Tests.Client;

/// <summary>The library as a program uses it: a real loopback server, a cache folder of the test's own.</summary>
public sealed class FetchClientTests
{
    private static readonly byte[] Content = TestData.Bytes(300_000, 7);
    private LoopbackServer _server = null!;
    private TempDirectory _root = null!;

    private string Cache => _root.Combine("cache");

    [SetUp]
    public async Task StartAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _server.Serve("model.bin", Content);
        _root = new TempDirectory("fetch-library");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Test]
    public async Task FetchAsync_DeclaredDigest_ContentAtReadOnlyCachedPathInCopiedFileAndInStream()
    {
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache });

        var fetched = await client.FetchAsync(Request("model.bin"));

        Assert.That(fetched.FromCache, Is.False);
        Assert.That(fetched.Sha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(fetched.CachedPath, Does.StartWith(Path.GetFullPath(Cache)));
        Assert.That(File.ReadAllBytes(fetched.CachedPath), Is.EqualTo(Content));
        // The mode, not an attempt to write: tests may run as root, whom no mode stops.
        Assert.That(File.GetAttributes(fetched.CachedPath).HasFlag(FileAttributes.ReadOnly), Is.True);

        var copy = _root.Combine("mine", "model.bin");
        await fetched.CopyToAsync(copy);
        Assert.That(File.ReadAllBytes(copy), Is.EqualTo(Content));
        File.AppendAllText(copy, "the caller's own, writable");

        using var stream = fetched.OpenRead();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        Assert.That(memory.ToArray(), Is.EqualTo(Content));
    }

    [Test]
    public async Task FetchAsync_SecondClient_ServedFromCacheWithNoRequest()
    {
        await new FetchClient(new FetchClientOptions { CacheDirectory = Cache }).FetchAsync(Request("model.bin"));

        var again = await new FetchClient(new FetchClientOptions { CacheDirectory = Cache }).FetchAsync(Request("model.bin"));

        Assert.That(again.FromCache, Is.True);
        Assert.That(_server.RequestCount("model.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task FetchAsync_WrongDigest_ThrowsFB1001NamingTheMaskedUrlAndNothingIsCached()
    {
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache, RetryCount = 0 });
        var wrong = new FetchRequest(WithSecret("model.bin")) { Sha256 = new string('0', 64) };

        var failure = Assert.ThrowsAsync<FetchFailedException>(() => client.FetchAsync(wrong));

        Assert.That(failure!.Code, Is.EqualTo("FB1001"));
        Assert.That(failure.MaskedUrl, Does.Not.Contain("s3cret"));
        Assert.That(failure.Message, Does.StartWith("FB1001").And.Not.Contain("s3cret"));
        Assert.That(Directory.EnumerateFiles(Path.Combine(Cache, "blobs"), "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void FetchAsync_OfflineAndNotCached_ThrowsFB1003WithoutARequest()
    {
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache, Offline = true });

        var failure = Assert.ThrowsAsync<FetchFailedException>(() => client.FetchAsync(Request("model.bin")));

        Assert.That(failure!.Code, Is.EqualTo("FB1003"));
        Assert.That(_server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task FetchAsync_CancelledMidDownload_NothingUnverifiedIsKeptAndTheNextFetchSucceeds()
    {
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handle("slow.bin", async (context, attempt) =>
        {
            if (attempt == 1)
            {
                sending.TrySetResult();
                await TrickleContent.WriteAsync(context, Content, TimeSpan.FromMilliseconds(20));
            }
            else
            {
                await context.Response.Body.WriteAsync(Content);
            }
        });
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache });
        using var cancel = new CancellationTokenSource();

        var fetch = client.FetchAsync(Request("slow.bin"), cancellationToken: cancel.Token);
        await sending.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancel.CancelAsync();

        Assert.That(async () => await fetch, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.EnumerateFiles(Path.Combine(Cache, "blobs"), "*", SearchOption.AllDirectories), Is.Empty);
        var next = await client.FetchAsync(Request("slow.bin"));
        Assert.That(File.ReadAllBytes(next.CachedPath), Is.EqualTo(Content));
    }

    [Test]
    public async Task FetchAsync_SlowDownload_ReportsProgressThenAFinishedReport()
    {
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handle("slow.bin", async (context, _) =>
        {
            // Half now, the rest only once the client has said how far it got.
            context.Response.ContentLength = Content.Length;
            await context.Response.Body.WriteAsync(Content.AsMemory(0, Content.Length / 2));
            await context.Response.Body.FlushAsync();
            await reported.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await context.Response.Body.WriteAsync(Content.AsMemory(Content.Length / 2));
        });
        var reports = new Reports(reported);

        await new FetchClient(new FetchClientOptions { CacheDirectory = Cache }).FetchAsync(Request("slow.bin"), reports);

        var all = reports.All;
        Assert.That(all[0].IsFinished, Is.False);
        Assert.That(all[0].BytesReceived, Is.EqualTo(Content.Length / 2));
        Assert.That(all[0].TotalBytes, Is.EqualTo(Content.Length));
        Assert.That(all[0].MaskedUrl, Does.EndWith("slow.bin"));
        Assert.That(all[^1].IsFinished, Is.True);
        Assert.That(all[^1].BytesReceived, Is.EqualTo(Content.Length));
    }

    [Test]
    public async Task FetchAsync_UriMadeFromALocalPath_FetchedAsAFileUrl()
    {
        var file = _root.Combine("data", "labels.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, Content);
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache });

        var fetched = await client.FetchAsync(new FetchRequest(new Uri(file)) { Sha256 = TestData.Sha256(Content) });

        Assert.That(File.ReadAllBytes(fetched.CachedPath), Is.EqualTo(Content));
        Assert.That(fetched.MaskedUrl, Does.StartWith("file://"));
    }

    [Test]
    public async Task ExtractAsync_ZipArchive_EntriesInTheGivenFolder()
    {
        var zip = Zip(("data/a.txt", "alpha"), ("b.txt", "beta"));
        _server.Serve("set.zip", zip);
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache });

        var extracted = await client.ExtractAsync(new FetchRequest(_server.Url("set.zip")) { Sha256 = TestData.Sha256(zip) }, _root.Combine("out", "set"));

        Assert.That(extracted.Folder, Is.EqualTo(_root.Combine("out", "set")));
        Assert.That(File.ReadAllText(_root.Combine("out", "set", "data", "a.txt")), Is.EqualTo("alpha"));
        Assert.That(extracted.Files, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task FetchAsync_WhileABuildProcessFetchesTheSameUrl_DownloadedOnceForBoth()
    {
        _server.Handle("shared.bin", (context, _) => SlowContent.WriteAsync(context, Content));
        var url = _server.Url("shared.bin");
        var project = Directory.CreateDirectory(_root.Combine("project")).FullName;
        var build = CacheHostProcess.RunAsync(Cache, project, [$"{url}|{TestData.Sha256(Content)}"]);
        var client = new FetchClient(new FetchClientOptions { CacheDirectory = Cache });

        var fetched = await client.FetchAsync(new FetchRequest(url) { Sha256 = TestData.Sha256(Content) });
        var built = await build;

        Assert.That(built.ExitCode, Is.Zero, built.Output);
        Assert.That(File.ReadAllBytes(fetched.CachedPath), Is.EqualTo(Content));
        Assert.That(File.ReadAllBytes(Path.Combine(project, "fetched", "shared.bin")), Is.EqualTo(Content));
        Assert.That(_server.RequestCount("shared.bin"), Is.EqualTo(1));
    }

    private FetchRequest Request(string path) => new(_server.Url(path)) { Sha256 = TestData.Sha256(Content) };

    private Uri WithSecret(string path) => new UriBuilder(_server.Url(path)) { UserName = "user", Password = "s3cret" }.Uri;

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return memory.ToArray();
    }

    /// <summary>Records reports as they come, on the reporting thread (no synchronization context).</summary>
    private sealed class Reports(TaskCompletionSource first) : IProgress<FetchProgress>
    {
        private readonly List<FetchProgress> _all = [];

        public IReadOnlyList<FetchProgress> All
        {
            get
            {
                lock (_all)
                {
                    return _all.ToList();
                }
            }
        }

        public void Report(FetchProgress value)
        {
            lock (_all)
            {
                _all.Add(value);
            }

            first.TrySetResult();
        }
    }
}
