using System.Security.Cryptography;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Fetch.Build.Bench;

/// <summary>
/// A download task at its barest: one HttpClient, at most <see cref="Parallel"/> GETs at once, each
/// body written to a file and hashed with SHA-256 on the way. No cache, no registry, no retries,
/// no verification against a digest: the .NET floor under bench P5 with a few files.
/// </summary>
public sealed class HttpGetTask : MSBuildTask
{
    /// <summary>A file with one URL per line (as aria2c -i reads).</summary>
    [Required]
    public string UrlList { get; set; } = string.Empty;

    [Required]
    public string Folder { get; set; } = string.Empty;

    public int Parallel { get; set; } = 4;

    public override bool Execute()
    {
        var urls = File.ReadAllLines(UrlList).Where(line => line.Length > 0).Select(line => new Uri(line)).ToArray();
        Directory.CreateDirectory(Folder);
        using var client = new HttpClient(new SocketsHttpHandler());
        var next = -1;
        var workers = new Task[Math.Min(Parallel, urls.Length)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < urls.Length; i = Interlocked.Increment(ref next))
                {
                    await GetAsync(client, urls[i]).ConfigureAwait(false);
                }
            });
        }

        Task.WaitAll(workers);
        return true;
    }

    private async Task GetAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = File.Create(Path.Combine(Folder, Path.GetFileName(url.AbsolutePath)));
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                }
            }
        }

        _ = hash.GetHashAndReset();
    }
}
