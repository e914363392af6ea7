using System.Formats.Tar;
using System.IO.Compression;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// A new user's repository: App → Lib in a solution, artifacts declared once in
/// Directory.Build.targets with the usual MSBuild properties, built, published and cleaned
/// with the commands the README gives.
/// </summary>
public sealed class SharedTargetsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(60_000, seed: 21);
    private static readonly string ContentSha = TestData.Sha256(Content);
    private static readonly byte[] Archive = TarGz(("model/model.yaml", "layers: 3\n"), ("model/weights/layers.txt", "1 2 3\n"));
    private static readonly string ArchiveSha = TestData.Sha256(Archive);

    [SetUp]
    public void ServeData()
    {
        Server.Serve("files/data.bin", Content);
        Server.Serve("files/model.tar.gz", Archive);
    }

    [Test]
    public async Task Build_HostThatNeverAnswers_PrintsNoProgressForATransferThatDidNotStart()
    {
        var stalled = new TaskCompletionSource();
        Server.Handle("files/stalled.bin", async (context, _) => await Task.WhenAny(stalled.Task, Task.Delay(Timeout.Infinite, context.RequestAborted)));
        using var solution = Solution(ConsumerProject.Artifact(Url("files/stalled.bin"), ("Sha256", ContentSha)));
        solution.Properties["FetchRetryCount"] = "0";
        // Past the first progress report (at 3 s), short of a long test.
        solution.Properties["FetchTimeoutSeconds"] = "5";

        var build = await solution.RunAsync("build", "Lib/Lib.csproj");
        stalled.SetResult();

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain("error FB1002"));
        Assert.That(build.Output, Does.Not.Contain(" 0 B"));
    }

    private ConsumerSolution Solution(params string[] items)
    {
        var solution = new ConsumerSolution(Cache.Path);
        solution.Items.AddRange(items);
        return solution;
    }

    private string Url(string path) => Server.Url(path).AbsoluteUri;

    private static byte[] TarGz(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, text) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });
            }
        }

        return buffer.ToArray();
    }
}
